import Diagnostics
import Markdown
import TeXMath

/// The macros every lesson of a project starts with: the file `calcbook.toml` names
/// (`macros = "macros.tex"`), a course preamble of `\newcommand`s as a LaTeX author keeps one.
public struct ProjectMacros: Sendable, Equatable {
    var macros = TeXMacros() {
        didSet { formulas = SharedFormulaCache() }
    }
    /// The file's text, which the lesson's Jupyter notebook carries so MathJax knows the macros.
    public private(set) var source = ""
    /// The formulas lessons read under exactly these macros, shared by all copies of this value
    /// (every lesson of a build); replaced by an empty one when the macros change.
    private(set) var formulas = SharedFormulaCache()

    public init() {}

    /// Equal macros and source; which formulas each has read already does not matter.
    public static func == (lhs: ProjectMacros, rhs: ProjectMacros) -> Bool {
        lhs.macros == rhs.macros && lhs.source == rhs.source
    }

    /// The names defined, for messages and tests.
    public var names: [String] { macros.names }

    /// Reads the macro file; a problem in it is an error at its line and column, and the
    /// definitions before the problem still apply (so one typo does not break every lesson twice).
    public static func load(_ text: String, path: String) -> (macros: ProjectMacros, diagnostics: [Diagnostic]) {
        let lineStarts = [0] + text.unicodeScalars.enumerated().filter { $0.element == "\n" }.map { $0.offset + 1 }
        func position(_ offset: Int) -> TextPosition {
            let line = (lineStarts.lastIndex { $0 <= offset } ?? 0)
            return TextPosition(line: line + 1, column: offset - lineStarts[line] + 1)
        }
        var result = ProjectMacros()
        result.source = text
        do {
            try result.macros.define(from: text, origin: { offset in
                let place = position(offset)
                return "\(path):\(place.line):\(place.column)"
            })
            return (result, [])
        } catch {
            // Keep every complete definition before the error.
            let prefix = String(String.UnicodeScalarView(text.unicodeScalars.prefix(error.offset)))
            var partial = TeXMacros()
            if (try? partial.define(from: prefix, origin: { offset in
                let place = position(offset)
                return "\(path):\(place.line):\(place.column)"
            })) != nil {
                result.macros = partial
            }
            return (result, [MathDiagnostic.make(error, file: path, position: position)])
        }
    }
}
