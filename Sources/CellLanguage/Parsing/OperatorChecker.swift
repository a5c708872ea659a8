import SwiftSyntax

/// Finds operators the cell language does not know, and the surprises of Swift's lexer.
///
/// Swift decides whether an operator is prefix, postfix or infix by the whitespace around it,
/// and joins adjacent operator characters into one operator. So `x^ * y` silently makes a
/// postfix `^`, and `x^-1` an operator `^-`. Both are reported here with what to write instead.
final class OperatorChecker: SyntaxVisitor {
    private(set) var errors: [CellError] = []

    static func check(_ tree: SourceFileSyntax) -> [CellError] {
        let checker = OperatorChecker(viewMode: .sourceAccurate)
        checker.walk(tree)
        return checker.errors
    }

    override func visit(_ node: PostfixOperatorExprSyntax) -> SyntaxVisitorContinueKind {
        let name = node.operator.text
        if CellOperators.infix.contains(name) {
            errors.append(CellError(
                id: .operatorSpacing,
                message: "'\(name)' has a space after it but not before it, so it reads as a postfix operator; write it with spaces on both sides or on neither",
                span: node.operator.trimmedSpan,
                highlights: [node.expression.trimmedSpan]
            ))
        } else {
            errors.append(CellError(id: .unknownOperator, message: "postfix operator '\(name)' is not part of the cell language", span: node.operator.trimmedSpan))
        }
        return .visitChildren
    }

    override func visit(_ node: PrefixOperatorExprSyntax) -> SyntaxVisitorContinueKind {
        let name = node.operator.text
        if CellOperators.prefix.contains(name) { return .visitChildren }
        if let split = splitJoined(name, known: CellOperators.prefix) {
            errors.append(CellError(
                id: .operatorSpacing,
                message: "'\(name)' is read as one operator because Swift joins adjacent operator characters; separate them with parentheses",
                span: node.operator.trimmedSpan,
                fixIts: [.init(
                    message: "add parentheses",
                    span: node.trimmedSpan,
                    replacement: "\(split.first)(\(split.rest)\(node.expression.trimmedDescription))"
                )]
            ))
        } else if let split = splitJoined(name, known: CellOperators.infix) {
            errors.append(CellError(
                id: .operatorSpacing,
                message: "'\(name)' is read as one prefix operator because Swift joins adjacent operator characters; put a space between them",
                span: node.operator.trimmedSpan,
                fixIts: [.init(message: "separate the operators", span: node.operator.trimmedSpan, replacement: "\(split.first) \(split.rest)")]
            ))
        } else if CellOperators.infix.contains(name) {
            errors.append(CellError(
                id: .operatorSpacing,
                message: "'\(name)' has a space before it but not after it, so it reads as a prefix operator; write it with spaces on both sides or on neither",
                span: node.operator.trimmedSpan
            ))
        } else {
            errors.append(unknown(name, span: node.operator.trimmedSpan))
        }
        return .visitChildren
    }

    override func visit(_ node: SequenceExprSyntax) -> SyntaxVisitorContinueKind {
        let elements = Array(node.elements)
        for (index, element) in elements.enumerated() {
            guard let binary = element.as(BinaryOperatorExprSyntax.self) else { continue }
            let name = binary.operator.text
            if CellOperators.infix.contains(name) { continue }
            if let split = splitJoined(name, known: CellOperators.infix), index + 1 < elements.count {
                let operand = elements[index + 1]
                let example = split.first == "^" ? " (a negative exponent needs parentheses)" : ""
                errors.append(CellError(
                    id: .operatorSpacing,
                    message: "'\(name)' is read as one operator because Swift joins adjacent operator characters\(example)",
                    span: binary.operator.trimmedSpan,
                    fixIts: [.init(
                        message: "add parentheses",
                        span: binary.trimmedSpan.union(operand.trimmedSpan),
                        replacement: "\(split.first)(\(split.rest)\(operand.trimmedDescription))"
                    )]
                ))
            } else {
                errors.append(unknown(name, span: binary.operator.trimmedSpan))
            }
        }
        return .visitChildren
    }

    // Constructs that are not part of the language are reported by lowering as a whole;
    // the operators inside them (`0..<3` in a for loop) are not worth a message of their own.
    override func visit(_ node: ForStmtSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: WhileStmtSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: RepeatStmtSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: IfExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: GuardStmtSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: SwitchExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ExtensionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: OperatorDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: PrecedenceGroupDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }

    /// `^-` → (`^`, `-`): a known operator followed by prefix signs.
    private func splitJoined(_ name: String, known: Set<String>) -> (first: String, rest: String)? {
        for length in stride(from: name.count - 1, through: 1, by: -1) {
            let first = String(name.prefix(length)), rest = String(name.dropFirst(length))
            if known.contains(first), rest.allSatisfy({ $0 == "-" || $0 == "+" }) { return (first, rest) }
        }
        return nil
    }

    private func unknown(_ name: String, span: CellSpan) -> CellError {
        let known = CellOperators.infix.sorted().map { "'\($0)'" }.joined(separator: " ")
        return CellError(
            id: .unknownOperator,
            message: "operator '\(name)' is not part of the cell language",
            span: span,
            notes: [.init(message: "the operators are \(known)", span: nil)]
        )
    }
}
