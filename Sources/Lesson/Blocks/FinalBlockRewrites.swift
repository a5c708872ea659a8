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
        let passes = Passes(
            callouts: Callouts.mayHaveCallouts(lesson), figures: Figures.mayHaveImages(lesson),
            // Shown as written when the site trusts it, or when there is none to escape.
            rawHTML: !allowRawHTML && RawHTMLEscaping.mayHaveRawHTML(lesson))
        let halves = inHalves && document.children.count > 1
        guard passes.any else {
            // Nothing to rewrite (most lessons, and the 10 MB one): the tree is kept as it is,
            // not split into halves and joined again, and only its links are collected.
            var kept = FinalBlockRewrites(document: document)
            kept.links = halves ? linksInHalves(of: document, in: lesson) : LessonRenderer.collectLinks(document, in: lesson)
            return kept
        }
        guard halves else { return applyWhole(document, in: lesson, passes: passes) }
        let (first, second) = split(document)
        var (joined, b) = SideThread.run(
            { applyWhole(first, in: lesson, passes: passes) },
            beside: { applyWhole(second, in: lesson, passes: passes) })
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

    /// Which of the rewrites a lesson may need, found by scanning its text for their syntax.
    struct Passes: Sendable {
        var callouts: Bool
        var figures: Bool
        /// Whether raw HTML is looked for and escaped.
        var rawHTML: Bool
        var any: Bool { callouts || figures || rawHTML }
    }

    /// The two halves of the document's top-level blocks, the first and the rest: the one cut
    /// the rewrites and the links in halves share.
    private static func halves(_ document: MarkdownNode) -> (first: Range<Int>, second: Range<Int>) {
        let half = document.children.count / 2
        return (0..<half, half..<document.children.count)
    }

    /// The document's top-level blocks as two documents, its `halves` (arrays of their own that
    /// share the blocks' nodes).
    private static func split(_ document: MarkdownNode) -> (first: MarkdownNode, second: MarkdownNode) {
        let (first, second) = halves(document)
        return (MarkdownNode(document.kind, children: Array(document.children[first]), span: document.span),
                MarkdownNode(document.kind, children: Array(document.children[second]), span: document.span))
    }

    /// The links of `document`, the blocks of its two `halves` walked at once where they are.
    private static func linksInHalves(of document: MarkdownNode, in lesson: ParsedLesson) -> [LessonLink] {
        let (first, second) = halves(document)
        let (firstLinks, secondLinks) = SideThread.run(
            { LessonRenderer.collectLinks(document, blocks: first, in: lesson) },
            beside: { LessonRenderer.collectLinks(document, blocks: second, in: lesson) })
        return firstLinks + secondLinks
    }

    /// The rewrites that `passes` says the lesson may need (the others have nothing to do).
    private static func applyWhole(_ document: MarkdownNode, in lesson: ParsedLesson, passes: Passes) -> FinalBlockRewrites {
        let callouts = passes.callouts
            ? Callouts.rewrite(document, in: lesson) : (document: document, diagnostics: [Diagnostic]())
        let figures = passes.figures
            ? Figures.rewrite(callouts.document, in: lesson) : (document: callouts.document, diagnostics: [Diagnostic]())
        var result = FinalBlockRewrites(
            document: figures.document, calloutDiagnostics: callouts.diagnostics, figureDiagnostics: figures.diagnostics)
        if passes.rawHTML {
            let escaped = RawHTMLEscaping.escape(result.document, in: lesson)
            result.document = escaped.document
            result.rawHTMLDiagnostics = escaped.diagnostics
            result.rawHTML = escaped.found
        }
        result.links = LessonRenderer.collectLinks(result.document, in: lesson)
        return result
    }
}
