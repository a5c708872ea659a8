import CellLanguage
import Lesson
import Markdown
import Mustache

/// Lays out notebook cells with the theme's `partials/cell` template, so a site restyles
/// cells by overriding one file.
///
/// Template values (documented here because a site's own template depends on them):
///
/// ```
/// cell.hasNumber, cell.number      In [n] (absent for no-eval cells)
/// cell.showsSource, cell.sourceHTML highlighted source: use {{{cell.sourceHTML}}}
/// cell.outputs[]                   {number, mathML (use {{{mathML}}}), text, check,
///                                   isDerivation, derivationHTML (use {{{derivationHTML}}})}
/// cell.hasError, cell.errorText    the diagnostics shown instead of outputs
/// cell.failedAsExpected            an expect-error cell's error
/// cell.noEval, cell.line           a code sample; the cell's line in the lesson file
/// cell.isShown                     false when nothing would be visible (hidden setup cell)
/// ```
struct ThemeCellRendering: NotebookCellRendering {
    var theme: Theme
    /// Whether the theme's `partials/cell` is the built-in one, which `BuiltInCellHTML` writes.
    private let isBuiltInTemplate: Bool

    init(theme: Theme) {
        self.theme = theme
        isBuiltInTemplate = BuiltInCellHTML.template != nil && theme.sources[Self.template + ".mustache"]?.text == BuiltInCellHTML.template
    }

    static let template = "partials/cell"

    func html(for cell: NotebookCell) -> String {
        if isBuiltInTemplate { return BuiltInCellHTML.html(for: cell) }
        return mustacheHTML(for: cell)
    }

    /// The cell through the theme's `partials/cell` template.
    func mustacheHTML(for cell: NotebookCell) -> String {
        let values: [String: Any] = ["cell": Self.values(for: cell)]
        // `partials/cell` is a required template, so the theme always has it.
        return theme.library.render(values, withTemplate: "partials/cell") ?? ""
    }

    static func values(for cell: NotebookCell) -> [String: Any] {
        var values: [String: Any] = [
            "showsSource": cell.showsSource,
            "sourceHTML": sourceHTML(cell.source),
            "noEval": cell.flags.noEval,
            "failedAsExpected": cell.failedAsExpected,
            "hasNumber": cell.number != nil,
            "line": cell.location.line,
        ]
        if let number = cell.number { values["number"] = number }
        if cell.showsOutputs {
            values["outputs"] = cell.outputs.map { output -> [String: Any] in
                var values: [String: Any] = ["number": cell.number ?? 0, "mathML": output.mathML, "text": output.textWithCheck]
                if let check = output.check { values["check"] = check }
                if let derivation = output.derivationHTML { values["derivationHTML"] = derivation }
                values["isDerivation"] = output.derivationHTML != nil
                return values
            }
        }
        // The ✓ line: the claims of the cell's #expects that held, "; "-separated.
        values["hasExpectations"] = !cell.heldExpectations.isEmpty && cell.showsOutputs
        values["expectations"] = cell.heldExpectations.enumerated().map { index, claim -> [String: Any] in
            ["claim": claim, "separator": index + 1 < cell.heldExpectations.count ? "; " : ""]
        }
        if let errorText = cell.errorText, !cell.flags.hideOutput || !cell.failedAsExpected {
            values["hasError"] = true
            values["errorText"] = errorText
        } else {
            values["hasError"] = false
        }
        // A setup cell with its source hidden and nothing to show leaves no trace on the page.
        values["isShown"] = cell.showsSource || (values["hasError"] as? Bool ?? false)
            || (cell.showsOutputs && !cell.outputs.isEmpty)
        return values
    }

    /// The source as `<span class="tok-…">` runs, escaped; plain runs stay bare text, and so
    /// do identifiers and punctuation, which the style sheet leaves in the text colour (an
    /// identifier span was a fifth of a cell's bytes).
    ///
    /// Written as bytes into one buffer: a string per escaped run and per interpolated span
    /// made this most of a cell's page markup (every page shows every cell's source).
    static func sourceHTML(_ runs: [HighlightedRun]) -> String {
        var html: [UInt8] = []
        html.reserveCapacity(runs.reduce(0) { $0 + $1.text.utf8.count + 32 })
        for run in runs {
            if run.kind == .plain || run.kind == .punctuation || run.kind == .identifier {
                appendEscapedHTML(run.text, to: &html)
            } else {
                html.append(contentsOf: "<span class=\"tok-".utf8)
                html.append(contentsOf: run.kind.rawValue.utf8)
                html.append(contentsOf: "\">".utf8)
                appendEscapedHTML(run.text, to: &html)
                html.append(contentsOf: "</span>".utf8)
            }
        }
        return String(decoding: html, as: UTF8.self)
    }
}
