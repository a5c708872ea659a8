import Lesson

/// `partials/cell` of the built-in theme written by hand: the bytes the Mustache template gives,
/// without looking every value up by name through `Any` (which was most of a cell's rendering
/// time, 5,000 cells on a large course). Used only while the theme's `partials/cell.mustache` is
/// exactly `template`; any other text (a theme's own, or an edited built-in one) goes through
/// Mustache. The tests render cells both ways, and check that `template` is still the built-in
/// partial (when it is not, update both here).
enum BuiltInCellHTML {
    static let template = """
        {{#cell.isShown}}
        <figure class="cell{{#cell.hasError}}{{^cell.failedAsExpected}} cell-failed{{/cell.failedAsExpected}}{{/cell.hasError}}{{#cell.noEval}} cell-sample{{/cell.noEval}}" data-line="{{cell.line}}">
        {{#cell.showsSource}}
        <div class="cell-input"><span class="cell-prompt">{{#cell.hasNumber}}In&nbsp;[{{cell.number}}]:{{/cell.hasNumber}}</span><pre><code class="language-swift">{{{cell.sourceHTML}}}</code></pre></div>
        {{/cell.showsSource}}
        {{#cell.outputs}}
        <div class="cell-output"><span class="cell-prompt">Out[{{number}}]:</span>{{#isDerivation}}<div class="cell-value cell-derivation">{{{derivationHTML}}}</div>{{/isDerivation}}{{^isDerivation}}<div class="cell-value" title="{{text}}">{{{mathML}}}</div>{{/isDerivation}}{{#check}}<span class="cell-checked" title="{{check}}">✓<span class="visually-hidden"> {{check}}</span></span>{{/check}}</div>
        {{/cell.outputs}}
        {{#cell.hasExpectations}}
        <div class="cell-verified"><span class="cell-verified-mark" aria-hidden="true">✓</span><span class="cell-verified-text">Checked when the site was built: {{#cell.expectations}}<code>{{claim}}</code>{{separator}}{{/cell.expectations}}</span></div>
        {{/cell.hasExpectations}}
        {{#cell.hasError}}
        <div class="cell-error{{#cell.failedAsExpected}} cell-error-expected{{/cell.failedAsExpected}}"><span class="cell-prompt">{{#cell.failedAsExpected}}Error (expected):{{/cell.failedAsExpected}}{{^cell.failedAsExpected}}Error:{{/cell.failedAsExpected}}</span><pre class="diagnostic">{{cell.errorText}}</pre></div>
        {{/cell.hasError}}
        </figure>
        {{/cell.isShown}}

        """

    /// `cell` as `template` renders `ThemeCellRendering.values(for: cell)`.
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
