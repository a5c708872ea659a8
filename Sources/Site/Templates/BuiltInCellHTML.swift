import Lesson

/// `partials/cell` of the built-in theme written by hand: the bytes the Mustache template gives,
/// without looking every value up by name through `Any` (which was most of a cell's rendering
/// time, 5,000 cells on a large course). Used only while the theme's `partials/cell.mustache` is
/// exactly the built-in one (`template`); any other text (a theme's own, or an edited copy) goes
/// through Mustache. The tests render every kind of cell both ways, so an edit of the built-in
/// partial that `html(for:)` does not follow fails them.
enum BuiltInCellHTML {
    /// The built-in `partials/cell.mustache`, which `html(for:)` writes.
    static let template = ThemeFiles.builtInText(ThemeCellRendering.template + ".mustache")

    /// `cell` as the built-in template renders `ThemeCellRendering.values(for: cell)`.
    static func html(for cell: NotebookCell) -> String {
        let hasError = cell.errorText != nil && (!cell.flags.hideOutput || !cell.failedAsExpected)
        let isShown = cell.showsSource || hasError || (cell.showsOutputs && !cell.outputs.isEmpty)
        guard isShown else { return "" }
        var html = "<figure class=\"cell"
        if hasError && !cell.failedAsExpected { html += " cell-failed" }
        if cell.flags.noEval { html += " cell-sample" }
        html += "\" data-line=\"\(cell.location.line)\">\n"
        if cell.showsSource {
            html += "<div class=\"cell-input\"><span class=\"cell-prompt\">"
            if let number = cell.number { html += "In&nbsp;[\(number)]:" }
            html += "</span><pre><code class=\"language-swift\">" + ThemeCellRendering.sourceHTML(cell.source) + "</code></pre></div>\n"
        }
        if cell.showsOutputs {
            for output in cell.outputs {
                html += "<div class=\"cell-output\"><span class=\"cell-prompt\">Out[\(cell.number ?? 0)]:</span>"
                if let derivation = output.derivationHTML {
                    html += "<div class=\"cell-value cell-derivation\">" + derivation + "</div>"
                } else {
                    html += "<div class=\"cell-value\" title=\"" + escaped(output.textWithCheck) + "\">" + output.mathML + "</div>"
                }
                if let check = output.check {
                    let check = escaped(check)
                    html += "<span class=\"cell-checked\" title=\"" + check + "\">✓<span class=\"visually-hidden\"> " + check + "</span></span>"
                }
                html += "</div>\n"
            }
            if !cell.heldExpectations.isEmpty {
                html += "<div class=\"cell-verified\"><span class=\"cell-verified-mark\" aria-hidden=\"true\">✓</span>"
                html += "<span class=\"cell-verified-text\">Checked when the site was built: "
                for (index, claim) in cell.heldExpectations.enumerated() {
                    html += "<code>" + escaped(claim) + "</code>" + (index + 1 < cell.heldExpectations.count ? "; " : "")
                }
                html += "</span></div>\n"
            }
        }
        if hasError, let errorText = cell.errorText {
            html += "<div class=\"cell-error" + (cell.failedAsExpected ? " cell-error-expected" : "") + "\"><span class=\"cell-prompt\">"
            html += (cell.failedAsExpected ? "Error (expected):" : "Error:") + "</span><pre class=\"diagnostic\">" + escaped(errorText) + "</pre></div>\n"
        }
        return html + "</figure>\n"
    }

    /// `{{value}}`'s escaping: `<`, `>`, `&`, `"` and `'` as entities, each only where it is a
    /// character of its own (as Mustache compares characters, a quote with a combining mark
    /// stays as it is).
    static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
