import Diagnostics
import Markdown

/// Figures (README, "Callouts, figures and citations"): an image alone in its paragraph becomes a `.figure`,
/// its title (`![alt](neuron.svg "A neuron")`) the caption. The title moves to the caption
/// rather than staying a tooltip too, so a reader does not get the same words twice.
///
/// Every image without alt text, in a figure or not, is a warning: a screen reader has
/// nothing to say about it. Figures are not numbered; no lesson refers to them by number, and a
/// caption that says what the figure shows reads better than "Figure 3".
enum Figures {
    static func rewrite(_ document: MarkdownNode, in lesson: ParsedLesson) -> (document: MarkdownNode, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let rewritten = document.rewritten { node in
            if case .image(let source, _) = node.kind {
                if let missing = missingAltText(node, source: source, in: lesson) { diagnostics.append(missing) }
                return .keep
            }
            guard case .paragraph = node.kind, let image = loneImage(among: node.children), case .image(let source, let title) = image.kind else {
                return .keep
            }
            if let missing = missingAltText(image, source: source, in: lesson) { diagnostics.append(missing) }
            var shown = image
            shown.kind = .image(source: source, title: "")
            var children = [shown]
            if !title.isEmpty {
                children.append(MarkdownNode(.figureCaption, children: [MarkdownNode(.text(title))], span: image.span))
            }
            return .replace([MarkdownNode(.figure, children: children, span: node.span)])
        }
        return (rewritten, diagnostics)
    }

    /// Whether `lesson` may have an image: every image is written `![` (no pass makes one), so
    /// without it `rewrite` has nothing to do and its walk over every node can be skipped.
    static func mayHaveImages(_ lesson: ParsedLesson) -> Bool {
        WordScan.containsSyntax(lesson.body, "![")
    }

    /// The only one of a paragraph's `inlines` when it is an image; spaces around it do not count.
    ///
    /// Stops at the first inline that rules the paragraph out (its first, in nearly every
    /// paragraph), without collecting the meaningful ones: every paragraph is asked, twice.
    static func loneImage(among inlines: [MarkdownNode]) -> MarkdownNode? {
        var image: MarkdownNode?
        for child in inlines {
            if case .text(let text) = child.kind, text.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            if child.kind == .softBreak || child.kind == .lineBreak { continue }
            guard image == nil, case .image = child.kind else { return nil }
            image = child
        }
        return image
    }

    static func missingAltText(_ image: MarkdownNode, source: String, in lesson: ParsedLesson) -> Diagnostic? {
        // `plainText` skips images, so the alt text is read from the image's children.
        let alt = MarkdownNode(.paragraph, children: image.children).plainText
        guard alt.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" }) else { return nil }
        return Diagnostic(
            id: "lesson.image-missing-alt",
            severity: .warning,
            message: "the image `\(source)` has no alt text",
            location: lesson.location(image.span?.start ?? TextPosition(line: 1, column: 1)),
            notes: [.init("say what it shows between the brackets, for readers who cannot see it: ![what it shows](\(source))")])
    }
}
