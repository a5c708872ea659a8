import Diagnostics
import Markdown
import TeXMath

/// A TeX error as a diagnostic at the lesson's line and column.
enum MathDiagnostic {
    /// `position` maps an offset into the TeX source to its place in the lesson.
    static func make(_ error: TeXError, file: String, position: (Int) -> TextPosition) -> Diagnostic {
        let start = position(error.offset)
        let end = position(error.offset + error.length)
        let location = SourceLocation(file: file, line: start.line, column: start.column)
        let range = SourceRange(
            start: location,
            end: SourceLocation(file: file, line: end.line, column: end.column))
        var fixIts: [Diagnostic.FixIt] = []
        if let suggestion = error.suggestion {
            fixIts.append(Diagnostic.FixIt("the closest known name", range: range, replacement: suggestion))
        }
        return Diagnostic(
            id: error.kind.rawValue,
            message: error.message,
            location: location,
            highlights: error.length > 1 && start.line == end.line ? [range] : [],
            notes: error.kind == .unknownCommand || error.kind == .unknownEnvironment
                ? [Diagnostic.Note("the supported TeX subset is listed in docs/tex-subset.md")] : [],
            fixIts: fixIts)
    }
}
