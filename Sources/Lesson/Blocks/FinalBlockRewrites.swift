import Diagnostics
import Markdown

/// The rewrites of the final tree before it is rendered: callouts and figures (after cells and
/// math, so they hold both), then the author's raw HTML shown as text unless the site trusts it;
/// and the links of the result.
///
/// Each of them makes of a top-level block something that depends on that block alone, so a
/// large lesson's tree is rewritten in two halves at once (`SideThread`), each half through all
/// of them, and the results joined in order: the same tree and the same diagnostics, in the
/// same order, as one pass after the other over the whole.
struct FinalBlockRewrites: Sendable {
    var document: MarkdownNode
    var calloutDiagnostics: [Diagnostic] = []
    var figureDiagnostics: [Diagnostic] = []
    /// The one warning of a lesson with raw HTML (at the first), or none.
    var rawHTMLDiagnostics: [Diagnostic] = []
    var rawHTML: [NotebookAssembler.RawHTML] = []
    /// The links and images of the rewritten tree, in order (made here, so a large lesson's
    /// are collected in halves too).
    var links: [LessonLink] = []

    /// The diagnostics in the order the passes made them.
    var diagnostics: [Diagnostic] { calloutDiagnostics + figureDiagnostics + rawHTMLDiagnostics }

    static func apply(to document: MarkdownNode, in lesson: ParsedLesson, allowRawHTML: Bool, inHalves: Bool) -> FinalBlockRewrites {
        let figures = Figures.mayHaveImages(lesson)
        // Shown as written when the site trusts it, or when there is none to escape.
        let escapesRawHTML = !allowRawHTML && RawHTMLEscaping.mayHaveRawHTML(lesson)
        guard inHalves, document.children.count > 1 else {
            return applyWhole(document, in: lesson, escapesRawHTML: escapesRawHTML, figures: figures)
        }
        let half = document.children.count / 2
        let first = MarkdownNode(document.kind, children: Array(document.children[..<half]), span: document.span)
        let second = MarkdownNode(document.kind, children: Array(document.children[half...]), span: document.span)
        var (joined, b) = SideThread.run(
            { applyWhole(first, in: lesson, escapesRawHTML: escapesRawHTML, figures: figures) },
            beside: { applyWhole(second, in: lesson, escapesRawHTML: escapesRawHTML, figures: figures) })
        // The second half's blocks are moved over, not copied: a copy retains what each block
        // holds, scattered over memory, and the copies were released again with the half
        // (75,000 blocks of the 10 MB lesson, on one thread).
        joined.document.children.reserveCapacity(joined.document.children.count + b.document.children.count)
        for index in b.document.children.indices {
            var block = MarkdownNode(.softBreak)
            swap(&block, &b.document.children[index])
            joined.document.children.append(consume block)
        }
        joined.calloutDiagnostics += b.calloutDiagnostics
        joined.figureDiagnostics += b.figureDiagnostics
        if joined.rawHTMLDiagnostics.isEmpty { joined.rawHTMLDiagnostics = b.rawHTMLDiagnostics }
        joined.rawHTML += b.rawHTML
        joined.links += b.links
        return joined
    }

    /// `figures`: whether the lesson may have images (`Figures.mayHaveImages`), else the
    /// figures' walk is skipped; `escapesRawHTML`: whether raw HTML is looked for and escaped.
    private static func applyWhole(_ document: MarkdownNode, in lesson: ParsedLesson, escapesRawHTML: Bool, figures mayHaveImages: Bool) -> FinalBlockRewrites {
        let callouts = Callouts.rewrite(document, in: lesson)
        let figures = mayHaveImages
            ? Figures.rewrite(callouts.document, in: lesson) : (document: callouts.document, diagnostics: [Diagnostic]())
        var result = FinalBlockRewrites(
            document: figures.document, calloutDiagnostics: callouts.diagnostics, figureDiagnostics: figures.diagnostics)
        if escapesRawHTML {
            let escaped = RawHTMLEscaping.escape(result.document, in: lesson)
            result.document = escaped.document
            result.rawHTMLDiagnostics = escaped.diagnostics
            result.rawHTML = escaped.found
        }
        result.links = LessonRenderer.collectLinks(result.document, in: lesson)
        return result
    }
}
