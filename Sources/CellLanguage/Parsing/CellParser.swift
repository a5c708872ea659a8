import SwiftDiagnostics
import SwiftOperators
import SwiftParser
import SwiftParserDiagnostics
import SwiftSyntax

/// Parses a cell: Swift's parser, the cell language's operator table, then lowering to
/// `CellProgram`. Throws `CellSyntaxErrors` with every problem found before interpretation.
enum CellParser {
    static func parse(_ text: String) throws(CellSyntaxErrors) -> CellProgram {
        if let error = invalidCharacter(in: text) { throw CellSyntaxErrors([error]) }
        let tree = Parser.parse(source: text)
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

    /// swift-syntax's diagnostics generator crashes on U+FFFD (invalid UTF-8 arrives as U+FFFD)
    /// in some positions, so such text is refused before it gets there.
    private static func invalidCharacter(in text: String) -> CellError? {
        var offset = 0
        for scalar in text.unicodeScalars {
            let length = String(scalar).utf8.count
            if scalar == "\u{FFFD}" || (scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r") {
                let shown = scalar == "\u{FFFD}" ? "U+FFFD (invalid UTF-8)" : "U+" + hex(scalar.value)
                return CellError(
                    id: .invalidCharacter,
                    message: "the cell contains the character \(shown), which is not allowed here",
                    span: CellSpan(offset, offset + length),
                    fixIts: [.init(message: "remove it", span: CellSpan(offset, offset + length), replacement: "")]
                )
            }
            offset += length
        }
        return nil
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
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
