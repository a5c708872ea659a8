import Markdown
import MatrixCalculus

/// A derivation as a page shows it: the outline as a table aligned at =, each line's rules
/// linked to their entries in the reference rule table, then each intermediate name's own
/// derivation in a `<details>` (open when the whole derivation is short, folded when it is
/// long), so the page needs no JavaScript to hide the sub-derivations.
///
/// MathML has no links, so the math of each line is its own `<math>` and the rules are HTML
/// beside it: `<td>` lhs, `<td>` = rhs, `<td>` rules.
public enum DerivationHTML {
    /// At most this many lines in all (outline and sub-derivations), the sub-derivations show
    /// open; beyond it they fold, and the reader opens the ones they want.
    public static let openLineLimit = 8

    /// The markup of `derivation`. `rulePage` is the link from the page to the rule table
    /// (`../reference/derivative-rules.html`); without one, the rules are plain text.
    public static func html(_ derivation: Derivation, rulePage: String?) throws(EngineError) -> String {
        let written = try WrittenDerivation(derivation, format: .mathml)
        let text = try WrittenDerivation(derivation, format: .text)
        let lineCount = written.rows.count + written.parts.reduce(0) { $0 + $1.rows.count }
        var html = "<div class=\"derivation\">"
        if !written.parts.isEmpty {
            html += "<p class=\"derivation-where\">where "
            html += written.parts.map { math($0.definition) }.joined(separator: ", ")
            html += "</p>"
        }
        html += table(written.rows, rulePage: rulePage, stacked: isWide(text.rows))
        let open = lineCount <= openLineLimit ? " open" : ""
        for (part, textPart) in zip(written.parts, text.parts) where !part.rows.isEmpty {
            html += "<details class=\"derivation-part\"\(open)><summary>Derivative of "
            html += math(part.definition) + "</summary>"
            html += table(part.rows, rulePage: rulePage, stacked: isWide(textPart.rows))
            html += "</details>"
        }
        return html + "</div>"
    }

    /// The link to a rule's entry, or its name alone without a rule page.
    static func rule(_ rule: DerivativeRule, rulePage: String?) -> String {
        guard let rulePage else { return "<span class=\"derivation-rule-name\">\(escapeHTML(rule.title))</span>" }
        return "<a href=\"\(escapeHTML(rulePage))#\(rule.anchor)\">\(escapeHTML(rule.title))</a>"
    }

    /// Characters (of the text form) beyond which the left side and the widest right side do not
    /// fit side by side in the text column (about 700 px) with the rule names beside them.
    static let wideLineLimit = 64

    /// Whether a derivation's first line is too wide with its left side beside the right sides:
    /// then the left side gets a line of its own and every step starts with = below it, as a
    /// textbook sets a long derivation, instead of the rules being pushed out of view.
    static func isWide(_ rows: [WrittenDerivation.Row]) -> Bool {
        let lhs = rows.first?.lhs?.count ?? 0
        let rhs = rows.map(\.rhs.count).max() ?? 0
        return lhs > 12 && lhs + 3 + rhs > wideLineLimit
    }

    private static func table(_ rows: [WrittenDerivation.Row], rulePage: String?, stacked: Bool) -> String {
        var html = stacked ? "<table class=\"derivation-steps derivation-stacked\">" : "<table class=\"derivation-steps\">"
        for row in rows {
            if stacked, let lhs = row.lhs {
                html += "<tr><td class=\"derivation-start\" colspan=\"3\">" + math(lhs) + "</td></tr>"
            }
            html += "<tr><td class=\"derivation-lhs\">"
            if !stacked, let lhs = row.lhs { html += math(lhs) }
            html += "</td><td class=\"derivation-rhs\">" + math("<mo>=</mo>" + row.rhs) + "</td><td class=\"derivation-rules\">"
            html += row.rules.map { rule($0, rulePage: rulePage) }.joined(separator: ", ")
            html += "</td></tr>"
        }
        return html + "</table>"
    }

    /// Display-style math in a line of the table (fractions full size, as in a display).
    private static func math(_ content: String) -> String {
        "<math displaystyle=\"true\"><mrow>" + content + "</mrow></math>"
    }
}
