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
            for child in node.children(viewMode: .sourceAccurate) {
                stack.append((child, nodeDepth))
            }
        }
        return nil
    }
}
