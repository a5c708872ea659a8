@testable import CellLanguage

/// A compact, fully parenthesised rendering of lowered syntax, so a test reads like the
/// grouping it checks: `-x^2` is `(- (^ x 2))`.
extension CellExpression {
    var form: String {
        switch kind {
        case .number(let text): text
        case .name(let name): name
        case .vector(let entries): "[" + entries.map(\.form).joined(separator: " ") + "]"
        case .matrix(let rows): "[" + rows.map { "[" + $0.map(\.form).joined(separator: " ") + "]" }.joined(separator: " ") + "]"
        case .point(let entries): "[" + entries.map { "\($0.name.text): \($0.value.form)" }.joined(separator: " ") + "]"
        case .call(let callee, let arguments): "(\(callee.text)" + arguments.map { " " + ($0.label.map { $0.text + ": " } ?? "") + $0.value.form }.joined() + ")"
        case .methodCall(let base, let method, let arguments): "(.\(method.text) \(base.form)" + arguments.map { " " + ($0.label.map { $0.text + ": " } ?? "") + $0.value.form }.joined() + ")"
        case .transpose(let base): "(T \(base.form))"
        case .subscripted(let base, let indices): "(at \(base.form)" + indices.map { " " + $0.form }.joined() + ")"
        case .binary(let op, let lhs, let rhs): "(\(op.text) \(lhs.form) \(rhs.form))"
        case .prefix(let op, let operand): "(\(op.text) \(operand.form))"
        case .option(let name): ".\(name)"
        // A chain reads as the left-nested binary operations it means.
        case .chain(let first, let rest): rest.reduce(first.form) { "(\($1.operator.text) \($0) \($1.operand.form))" }
        }
    }
}

func parseExpression(_ text: String) throws -> String {
    let program = try CellParser.parse(text)
    guard program.statements.count == 1, case .expression(let expression) = program.statements[0].kind else {
        return "not one expression"
    }
    return expression.form
}

func syntaxErrors(_ text: String) -> [CellError] {
    do {
        _ = try CellParser.parse(text)
        return []
    } catch {
        return error.errors
    }
}
