import Diagnostics
import Markdown

/// Raw HTML in a lesson, when the site does not trust its authors (`raw-html = false`, the
/// default; the README's `raw-html` setting): shown as the text the author wrote, escaped, so
/// nothing the lesson says can run in a reader's browser and nothing silently disappears.
///
/// HTML comments stay invisible — hiding a note is what the author meant by them. The first
/// raw HTML of a lesson gets one warning that says how a trusted site opts in.
///
/// `found` lists where each raw HTML was written, so that the notebook's Markdown (which is
/// the author's text, not this tree) shows it the same way (`NotebookAssembler`).
enum RawHTMLEscaping {
    static func escape(
        _ document: MarkdownNode, in lesson: ParsedLesson
    ) -> (document: MarkdownNode, diagnostics: [Diagnostic], found: [NotebookAssembler.RawHTML]) {
        var first: TextSpan?
        var found: [NotebookAssembler.RawHTML] = []
        let rewritten = document.rewritten { node in
            switch node.kind {
            case .htmlBlock(let html), .inlineHTML(let html):
                found.append(.init(start: node.span?.start ?? TextPosition(line: 1, column: 1), html: html, isComment: isComment(html)))
            default:
                break
            }
            switch node.kind {
            case .htmlBlock(let html):
                if isComment(html) { return .replace([]) }
                first = first ?? node.span
                var text = Substring(html)
                while text.last == "\n" { text.removeLast() }
                let shown = "<p class=\"raw-html\">" + escapeHTML(String(text)) + "</p>"
                return .replace([MarkdownNode(.trustedHTMLBlock(shown), span: node.span)])
            case .inlineHTML(let html):
                if isComment(html) { return .replace([]) }
                first = first ?? node.span
                return .replace([MarkdownNode(.text(html), span: node.span)])
            default:
                return .keep
            }
        }
        guard let first else { return (rewritten, [], found) }
        let warning = Diagnostic(
            id: "lesson.raw-html",
            severity: .warning,
            message: "raw HTML is shown as text, not rendered",
            location: lesson.location(first.start),
            notes: [.init("a site that trusts its authors can set 'raw-html = true' in calcbook.toml")])
        return (rewritten, [warning], found)
    }

    /// Whether `lesson` may have raw HTML: cmark makes it only of text that has a `<` (a
    /// character reference such as `&lt;` is text), and no pass makes any, so without one
    /// `escape` has nothing to do and its rewrite of every node can be skipped.
    static func mayHaveRawHTML(_ lesson: ParsedLesson) -> Bool {
        WordScan.containsSyntax(lesson.body, "<")
    }

    private static func isComment(_ html: String) -> Bool {
        let trimmed = html.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        return trimmed.hasPrefix("<!--")
    }
}
