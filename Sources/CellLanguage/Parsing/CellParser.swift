import SwiftDiagnostics
import SwiftOperators
import SwiftParser
import SwiftParserDiagnostics
import SwiftSyntax

/// Parses a cell: Swift's parser, the cell language's operator table, then lowering to
/// `CellProgram`. Throws `CellSyntaxErrors` with every problem found before interpretation.
enum CellParser {
    static func parse(_ text: String) throws(CellSyntaxErrors) -> CellProgram {
        if let error = CharacterCheck.firstRefused(in: text) { throw CellSyntaxErrors([error]) }
        return try parse(CellSyntaxTree(text))
    }

    /// The same as `parse(_:)` for a text already read by Swift's parser (`ParsedCell`).
    static func parse(_ syntax: CellSyntaxTree) throws(CellSyntaxErrors) -> CellProgram {
        if let error = CharacterCheck.firstRefused(in: syntax.text) { throw CellSyntaxErrors([error]) }
        if let error = syntax.limitError { throw CellSyntaxErrors([error]) }
        guard let tree = syntax.tree else {
            throw CellSyntaxErrors([CellError(id: .syntax, message: "the cell could not be read", span: CellSpan(0, 0))])
        }
        let operatorErrors = OperatorChecker.check(tree)
        if tree.hasError {
            // `x ^2` or `2 *-x` make Swift see two statements; the operator's spacing is the
            // real cause, so say that rather than "consecutive statements".
            let spacing = operatorErrors.filter { $0.id == .operatorSpacing }
            throw CellSyntaxErrors(spacing.isEmpty ? parserErrors(in: tree) : spacing)
        }
        if !operatorErrors.isEmpty { throw CellSyntaxErrors(operatorErrors) }
        var foldErrors: [CellError] = []
        let folded = CellOperators.table.foldAll(tree) { error in
            foldErrors.append(foldError(error))
        }
        guard let file = folded.as(SourceFileSyntax.self) else {
            throw CellSyntaxErrors([CellError(id: .syntax, message: "the cell could not be read", span: CellSpan(0, 0))])
        }
        if let error = NestingLimit.check(file) { throw CellSyntaxErrors([error]) }
        // Lowering first: a `for` loop is better reported as such than by its `..<` operator.
        let program: CellProgram
        do {
            program = try CellLowering.lower(file)
        } catch {
            throw CellSyntaxErrors([error])
        }
        if !foldErrors.isEmpty { throw CellSyntaxErrors(foldErrors) }
        return program
    }

    private static func parserErrors(in tree: SourceFileSyntax) -> [CellError] {
        ParseDiagnosticsGenerator.diagnostics(for: tree)
            .filter { $0.diagMessage.severity == .error }
            .map { diagnostic in
                CellError(
                    id: .syntax,
                    message: diagnostic.message,
                    span: CellSpan(diagnostic.position.utf8Offset, diagnostic.position.utf8Offset),
                    highlights: diagnostic.highlights.map(\.trimmedSpan),
                    notes: diagnostic.notes.map { .init(message: $0.message, span: $0.node.trimmedSpan) },
                    fixIts: diagnostic.fixIts.flatMap { fixIt in
                        fixIt.edits.map { edit in
                            CellError.FixIt(
                                message: fixIt.message.message,
                                span: CellSpan(edit.range.lowerBound.utf8Offset, edit.range.upperBound.utf8Offset),
                                replacement: edit.replacement
                            )
                        }
                    }
                )
            }
    }

    private static func foldError(_ error: OperatorError) -> CellError {
        switch error {
        case .incomparableOperators(let left, _, let right, _):
            return CellError(
                id: .syntax,
                message: "these operators cannot be chained; add parentheses",
                span: right.trimmedSpan,
                highlights: [left.trimmedSpan]
            )
        case .missingOperator(let name, let node):
            return CellError(id: .unknownOperator, message: "unknown operator '\(name)'", span: node.trimmedSpan)
        default:
            return CellError(id: .syntax, message: "the operators of this expression cannot be read", span: CellSpan(0, 0))
        }
    }
}

/// Problems found before interpretation, in source order.
struct CellSyntaxErrors: Error, Sendable {
    var errors: [CellError]
    init(_ errors: [CellError]) { self.errors = errors }
}

extension SyntaxProtocol {
    /// The node's text without surrounding whitespace and comments, as UTF-8 offsets.
    var trimmedSpan: CellSpan {
        CellSpan(positionAfterSkippingLeadingTrivia.utf8Offset, endPositionBeforeTrailingTrivia.utf8Offset)
    }
}
