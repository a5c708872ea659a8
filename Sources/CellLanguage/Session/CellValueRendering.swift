import Diagnostics
import MatrixCalculus

/// How a value is shown by `calcbook eval` and the REPL, with the engine's writers.
enum CellValueRendering {
    static func render(_ value: Expr, as format: CellOutputFormat) throws(EngineError) -> String {
        switch format {
        case .text, .json: try TextWriter().write(value)
        case .latex: try LaTeXWriter().write(value)
        case .mathml: try MathMLWriter().write(value, display: .block)
        }
    }

    /// An output: its derivation's steps when it has them (aligned lines, an `aligned`
    /// environment, an `mtable`), else its value.
    static func render(_ output: CellOutput, as format: CellOutputFormat) throws(EngineError) -> String {
        guard let derivation = output.derivation else { return try render(output.value, as: format) }
        switch format {
        case .text, .json: return try TextWriter().write(derivation)
        case .latex: return try LaTeXWriter().write(derivation)
        case .mathml: return try MathMLWriter().write(derivation, display: .block)
        }
    }

    /// Renders each output; an output too large to write becomes a diagnostic at its statement.
    static func render(_ outputs: [CellOutput], as format: CellOutputFormat) -> (texts: [String], problems: [Diagnostic]) {
        var texts: [String] = []
        var problems: [Diagnostic] = []
        for output in outputs {
            do {
                texts.append(try render(output, as: format))
            } catch {
                problems.append(Diagnostic(
                    id: DiagnosticID.budgetExceeded.rawValue,
                    message: "the value cannot be written: \(error.description)",
                    location: output.range.start,
                    highlights: [output.range]
                ))
            }
        }
        return (texts, problems)
    }
}
