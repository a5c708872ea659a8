import Diagnostics
import MatrixCalculus

/// The forms in which `calcbook eval` prints values.
public enum CellOutputFormat: String, Sendable, CaseIterable {
    case text, latex, mathml, json
}

/// `calcbook eval` without the command line: runs cells as one session and renders what they
/// show, so the CLI only reads its input and prints. Stops at the first failing cell, as later
/// cells usually depend on it. Every derivative a cell computes is verified numerically, as a
/// lesson build does (`verification`; nil turns it off): a cell whose derivative does not match
/// shows the error instead of its values.
public struct CellEvaluation: Sendable {
    public var output: String
    /// Rendered diagnostics (text with caret snippets, or part of `output` for JSON).
    public var diagnostics: String
    public var failed: Bool
    /// Derivatives that agreed with their numeric check.
    public var derivativesVerified = 0

    public init(
        cells: [CellSource], format: CellOutputFormat, options: CellOptions = CellOptions(), colored: Bool = false,
        verification: DerivativeVerification? = DerivativeVerification()
    ) {
        var session = CellSession(options: options)
        var sources = SourceFiles()
        for cell in cells { sources.add(cell.file, text: cell.text) }
        var values: [CellOutput] = []
        var texts: [String] = []
        var problems: [Diagnostic] = []
        var verdicts = DerivativeVerification.VerdictCache()
        for (index, cell) in cells.enumerated() {
            let result = session.run(cell: cell)
            var checked: [Diagnostic] = []
            if let verification {
                let place = cells.count == 1 ? "the cell" : "cell \(index + 1)"
                let report = verification.verify(result.claims, in: place, remembering: &verdicts)
                derivativesVerified += report.verified
                checked = report.diagnostics
            }
            let mismatch = checked.contains { $0.severity == .error }
            // A failing statement does not hide what the statements before it showed.
            let shown = mismatch ? [] : result.outputs + result.outputsBeforeFailure
            let rendered = CellValueRendering.render(shown, as: format)
            if !mismatch {
                values += shown
                texts += rendered.texts
            }
            problems += result.diagnostics + checked + rendered.problems
            if !result.succeeded || mismatch || !rendered.problems.isEmpty { break }
        }
        failed = problems.contains { $0.severity == .error }
        switch format {
        case .json:
            output = Self.json(values, problems)
            diagnostics = ""
        default:
            output = texts.map { $0 + "\n" }.joined()
            diagnostics = TextDiagnosticWriter(sources: sources, colored: colored).write(problems)
        }
    }

    /// `{"outputs": [{"file", "line", "column", "shape", "text", "latex", "mathml"}], "diagnostics": [...]}`.
    private static func json(_ values: [CellOutput], _ problems: [Diagnostic]) -> String {
        let outputs = values.map { output in
            var fields: [(String, String)] = [
                ("file", quoted(output.range.start.file)),
                ("line", String(output.range.start.line)),
                ("column", String(output.range.start.column)),
                ("shape", quoted(output.value.shape.description)),
            ]
            for (key, format) in [("text", CellOutputFormat.text), ("latex", .latex), ("mathml", .mathml)] {
                fields.append((key, (try? CellValueRendering.render(output, as: format)).map(quoted) ?? "null"))
            }
            return "    {" + fields.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
        let diagnostics = JSONDiagnosticWriter().write(problems)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .joined(separator: "\n  ")
        let list = outputs.isEmpty ? "[]" : "[\n" + outputs.joined(separator: ",\n") + "\n  ]"
        return "{\n  \"outputs\": \(list),\n  \"diagnostics\": \(diagnostics.trimmingTrailingWhitespace)\n}\n"
    }
}

extension String {
    fileprivate var trimmingTrailingWhitespace: String {
        var text = self
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
