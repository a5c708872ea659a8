import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing

/// Runs cells in one session, recording an issue (with the rendered diagnostics) for any cell
/// that fails, and returns the outputs of each cell.
struct SessionHarness {
    var session: CellSession
    var lesson = "lessons/test.md"
    var nextLine = 1

    init(layout: Layout = .numerator) {
        session = CellSession(options: CellOptions(layout: layout))
    }

    /// Runs a cell that must succeed; returns its output values.
    @discardableResult
    mutating func run(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Expr] {
        let result = runAllowingFailure(text)
        if !result.succeeded {
            let rendered = TextDiagnosticWriter(sources: SourceFiles([lesson: text])).write(result.diagnostics)
            Issue.record("cell failed:\n\(text)\n\(rendered)", sourceLocation: sourceLocation)
        }
        return result.outputs.map(\.value)
    }

    mutating func runAllowingFailure(_ text: String) -> CellResult {
        let cell = CellSource(text: text, file: lesson, line: nextLine, column: 1)
        nextLine += text.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        return session.run(cell: cell)
    }

    /// The single output of a cell that must succeed.
    mutating func value(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Expr? {
        let values = run(text, sourceLocation: sourceLocation)
        #expect(values.count == 1, "expected one output", sourceLocation: sourceLocation)
        return values.first
    }

    /// The ids of the diagnostics of a cell that must fail.
    mutating func failure(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        let result = runAllowingFailure(text)
        #expect(!result.succeeded, "the cell should have failed", sourceLocation: sourceLocation)
        return result.diagnostics
    }
}
