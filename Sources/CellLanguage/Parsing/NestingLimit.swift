import SwiftSyntax

/// The deepest nesting of expressions a cell may have.
///
/// Lowering and interpretation recurse once per level, so a 3,000-term sum would overflow the
/// stack (a crash, not a diagnostic), and threads of the build have smaller stacks than the
/// main thread. The depth is measured here without recursion, before anything recurses.
enum NestingLimit {
    static let maximumDepth = 100

    static func check(_ file: SourceFileSyntax) -> CellError? {
        var stack: [(node: Syntax, depth: Int)] = [(Syntax(file), 0)]
        while let (node, depth) = stack.popLast() {
            let nodeDepth = node.is(ExprSyntax.self) ? depth + 1 : depth
            if nodeDepth > maximumDepth {
                return CellError(
                    id: .budgetExceeded,
                    message: "the expression is nested more than \(maximumDepth) levels deep, the nesting limit of a cell",
                    span: node.trimmedSpan,
                    notes: [.init(message: "split it with let bindings: let a = …; let b = a + …", span: nil)]
                )
            }
            // `a + b + c` folds into a left-deep tree, but the terms of a sum are side by
            // side, not nested: the left operand of the same kind of operator adds no level.
            // (Its id is read once per node, not once per child: each read makes a new node.)
            let chainedOperand = node.as(InfixOperatorExprSyntax.self).flatMap { infix in
                Self.continuesChain(infix, infix.leftOperand) ? infix.leftOperand.id : nil
            }
            for child in node.children(viewMode: .sourceAccurate) {
                stack.append((child, chainedOperand != nil && child.id == chainedOperand ? nodeDepth - 1 : nodeDepth))
            }
        }
        return nil
    }

    /// Whether `operand` (the left operand of `infix`) is an operation of the same
    /// left-associative group, so both belong to one chain `a + b - c`.
    private static func continuesChain(_ infix: InfixOperatorExprSyntax, _ operand: ExprSyntax) -> Bool {
        guard let outer = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
              let inner = operand.as(InfixOperatorExprSyntax.self)?.operator.as(BinaryOperatorExprSyntax.self)?.operator.text
        else { return false }
        return CellOperators.sameLeftAssociativeGroup(outer, inner)
    }
}
