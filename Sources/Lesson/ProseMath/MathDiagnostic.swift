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
            notes: notes(for: error),
            fixIts: fixIts)
    }

    /// Where to read on: the hint of the error, and for a command or environment calcbook
    /// lacks, the site's own reference page (a lesson of calcbook's course, which `calcbook
    /// init` also writes into a new project), never a file of calcbook's repository.
    static func notes(for error: TeXError) -> [Diagnostic.Note] {
        var notes: [Diagnostic.Note] = []
        if let hint = error.hint { notes.append(Diagnostic.Note(hint)) }
        if error.kind == .unknownCommand || error.kind == .unknownEnvironment {
            notes.append(Diagnostic.Note(subsetPageNote))
        }
        return notes
    }

    static let subsetPageNote = "the TeX calcbook understands is listed on the reference page 'TeX subset' (reference/tex-subset.md)"
}
