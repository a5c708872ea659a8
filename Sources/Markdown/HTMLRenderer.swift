/// Options of `HTMLRenderer`; the defaults are cmark-gfm's safe mode plus heading anchors.
public struct HTMLRenderOptions: Sendable {
    /// Let the author's raw HTML and `javascript:`-style URLs through (a site that trusts its
    /// authors). Off by default: raw HTML becomes `<!-- raw HTML omitted -->`.
    public var allowRawHTML: Bool
    /// With raw HTML allowed, still defuse `<script>`, `<style>`, `<iframe>`, … (GFM's tagfilter).
    public var tagFilter: Bool
    /// Give each heading without an anchor a GitHub-style `id`.
    public var headingAnchors: Bool
    /// Called with every link destination and image source before it is written, e.g. to
    /// turn `x.md` into `x.html`.
    public var rewriteDestination: (@Sendable (_ destination: String, _ isImage: Bool) -> String)?

    public init(
        allowRawHTML: Bool = false,
        tagFilter: Bool = true,
        headingAnchors: Bool = true,
        rewriteDestination: (@Sendable (_ destination: String, _ isImage: Bool) -> String)? = nil
    ) {
        self.allowRawHTML = allowRawHTML
        self.tagFilter = tagFilter
        self.headingAnchors = headingAnchors
        self.rewriteDestination = rewriteDestination
    }
}

/// Renders the Swift tree to HTML, byte for byte as cmark-gfm's HTML renderer would render
/// the same tree, plus heading anchors and calcbook's trusted HTML nodes.
///
/// A renderer of our own (rather than cmark's) is what lets later stages put MathML and cell
/// outputs into the tree and still get the safe-mode guarantees for the author's own HTML.
public struct HTMLRenderer: Sendable {
    public var options: HTMLRenderOptions

    public init(options: HTMLRenderOptions = .init()) {
        self.options = options
    }

    public func render(_ document: MarkdownNode) -> String {
        HTMLRenderState.joined(renderPieces(document))
    }

    /// The same HTML as `render`, a large document's top-level blocks rendered in two halves at
    /// once (`SideThread`) and joined. Takes `document` over: given the only reference to it,
    /// each top-level block is freed once written, so a large lesson's tree (a hundred MB for
    /// the 10 MB lesson) is not held whole beside its page.
    ///
    /// A block's HTML depends on the blocks before it only through the footnotes (numbered
    /// document-wide), the anchors made for headings without one (de-duplicated
    /// document-wide), and whether the output so far ends a line. A document with either of
    /// the first two is rendered whole: lessons never are (their headings all have anchors by
    /// now), except for footnotes. The halves are cut after a block that ends its line.
    public func renderInHalves(_ document: consuming MarkdownNode) -> String {
        guard let half = Self.halfIndex(of: document.children) else { return render(document) }
        var children: [MarkdownNode] = []
        swap(&children, &document.children)
        let shell = document
        // Moved, not shared, so that each half is freed block by block as it is written.
        let second = TakenBlocks(Array(children[half...]))
        children.removeSubrange(half...)
        let first = TakenBlocks(children)
        children = []
        let (isSelfContained, secondIsSelfContained) = SideThread.run(
            { first.areSelfContained(headingAnchors: options.headingAnchors) },
            beside: { [options] in second.areSelfContained(headingAnchors: options.headingAnchors) })
        guard isSelfContained, secondIsSelfContained else {
            return render(MarkdownNode(shell.kind, children: first.take() + second.take(), span: shell.span))
        }
        let (a, b) = SideThread.run({ renderPieces(taking: first, in: shell) }, beside: { [self] in renderPieces(taking: second, in: shell) })
        return HTMLRenderState.joined(a + b)
    }

    /// Where `renderInHalves` cuts `blocks`: after the first block from the middle on whose HTML
    /// ends its line (every block but a footnote definition's, when it wrote anything), so
    /// that the second half's first block starts a line as it would after the first half.
    /// `nil` to render whole.
    static func halfIndex(of blocks: [MarkdownNode]) -> Int? {
        guard blocks.count > 1 else { return nil }
        for index in (blocks.count / 2)..<blocks.count where index > 0 {
            switch blocks[index - 1].kind {
            case .blockQuote, .list, .codeBlock, .htmlBlock, .trustedHTMLBlock, .paragraph, .heading, .thematicBreak, .table,
                 .callout, .figure:
                return index
            default:
                continue
            }
        }
        return nil
    }

    /// The top-level blocks of one half of a document, handed to the thread that writes them
    /// and taken out one at a time. Unchecked: only one thread at a time uses it (the side
    /// thread, between `SideThread.run`'s start and end).
    private final class TakenBlocks: @unchecked Sendable {
        private var blocks: [MarkdownNode]

        init(_ blocks: [MarkdownNode]) {
            self.blocks = blocks
        }

        var count: Int { blocks.count }

        /// Block `index`, leaving an empty node in its place.
        func take(_ index: Int) -> MarkdownNode {
            var block = MarkdownNode(.document)
            swap(&block, &blocks[index])
            return block
        }

        func take() -> [MarkdownNode] {
            var taken: [MarkdownNode] = []
            swap(&taken, &blocks)
            return taken
        }

        /// Whether their HTML depends on nothing outside them: no footnotes, and no heading
        /// without an anchor when anchors are made.
        func areSelfContained(headingAnchors: Bool) -> Bool {
            !blocks.contains { block in
                block.containsNode { node in
                    switch node.kind {
                    case .footnoteDefinition, .footnoteReference: true
                    case .heading(_, nil): headingAnchors
                    default: false
                    }
                }
            }
        }
    }

    /// The HTML of the blocks in `half` (the top-level blocks of a document `shell` without
    /// its children), each freed once written; the state needs no look at the whole
    /// document first, since the blocks are self-contained.
    private func renderPieces(taking half: TakenBlocks, in shell: MarkdownNode) -> [[UInt8]] {
        var state = HTMLRenderState(options: options)
        let outer = [shell]
        shell.visiting { state.render($0, event: .enter, ancestors: []) }
        for index in 0..<half.count {
            half.take(index).walk(under: outer) { node, event, ancestors in
                state.render(node, event: event, ancestors: ancestors)
            }
            if state.out.count >= HTMLRenderState.pieceBytes { state.setPieceAside() }
        }
        shell.visiting { state.render($0, event: .exit, ancestors: []) }
        state.finish()
        state.pieces.append(state.out)
        state.out = []
        return state.pieces
    }

    /// The output of one rendering, in pieces.
    private func renderPieces(_ document: MarkdownNode) -> [[UInt8]] {
        var state = HTMLRenderState(options: options, document: document)
        document.walk { node, event, ancestors in
            state.render(node, event: event, ancestors: ancestors)
            // After a top-level block, a full buffer is set aside as a piece of the result.
            if event == .exit, ancestors.count == 1, state.out.count >= HTMLRenderState.pieceBytes { state.setPieceAside() }
        }
        state.finish()
        state.pieces.append(state.out)
        state.out = []
        return state.pieces
    }
}

/// The mutable side of one rendering: the output and what cmark's renderer keeps between nodes.
private struct HTMLRenderState {
    let options: HTMLRenderOptions
    var out: [UInt8] = []
    /// The output before `out`, in pieces of about `pieceBytes`: one buffer grown by doubling
    /// to a large lesson's 45 MB of HTML, then copied into the string, was 109 MB at once.
    var pieces: [[UInt8]] = []
    static let pieceBytes = 1 << 20
    var slugger = HeadingSlugger()
    /// Depth of images entered: inside one, only text is written (it becomes the alt text).
    var openImages = 0
    var inTableHeader = false
    /// The column of the cell being written, counted within its row.
    var tableColumn = 0
    var needsClosingTableBody = false
    /// Footnote numbers by label, in the order the definitions appear (cmark sorted them).
    var footnoteNumbers: [String: Int] = [:]
    var footnoteReferenceCounts: [String: Int] = [:]
    /// Which reference of its footnote each reference is (1, 2, …), by document order of the
    /// references: cmark counts them in the order they were written, before it moved the
    /// definitions (and references inside them) to the end.
    var footnoteOccurrences: [Int] = []
    var footnoteReferencesRendered = 0
    var footnotesOpened = 0
    var footnoteBackrefsWritten = 0

    /// A state for blocks without footnotes or headings missing an anchor: nothing to look up
    /// in the whole document first.
    init(options: HTMLRenderOptions) {
        self.options = options
        out.reserveCapacity(1024)
    }

    /// The document, until `prepare()` has looked at it (`nil` after, or when there is nothing
    /// to look up).
    private var unprepared: MarkdownNode?

    /// A state for a whole document: the look at it that footnotes and headings without an
    /// anchor need (`prepare()`) is made when the first of them is written. Why: lessons rarely
    /// have either (their headings all have anchors by now), and the walk over every node was
    /// half of the rendering's overhead beside the writing itself.
    init(options: HTMLRenderOptions, document: MarkdownNode) {
        self.options = options
        out.reserveCapacity(1024)
        unprepared = document
    }

    /// Footnote numbers and reference counts, and the anchors already taken, from the whole
    /// document; once, before the first footnote or heading without an anchor is written.
    /// None of them depends on what has been written so far.
    mutating func prepare() {
        guard let document = unprepared else { return }
        unprepared = nil
        var references: [(label: String, start: TextPosition?)] = []
        document.forEachNode { node in
            switch node.kind {
            case .footnoteDefinition(let label):
                if footnoteNumbers[label] == nil { footnoteNumbers[label] = footnoteNumbers.count + 1 }
            case .footnoteReference(let label):
                footnoteReferenceCounts[label, default: 0] += 1
                references.append((label, node.span?.start))
            case .heading(_, let anchor?):
                slugger.reserve(anchor)
            default:
                break
            }
        }
        // Written order; references a later stage synthesised (no position) come last.
        let writtenOrder = references.indices.sorted { a, b in
            switch (references[a].start, references[b].start) {
            case let (x?, y?): return x != y ? x < y : a < b
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
        footnoteOccurrences = Array(repeating: 1, count: references.count)
        var seen: [String: Int] = [:]
        for index in writtenOrder {
            let count = seen[references[index].label, default: 0] + 1
            seen[references[index].label] = count
            footnoteOccurrences[index] = count
        }
    }

    mutating func finish() {
        if footnotesOpened > 0 { put("</ol>\n</section>\n") }
    }

    mutating func setPieceAside() {
        pieces.append(out)
        out = []
        out.reserveCapacity(Self.pieceBytes + Self.pieceBytes / 2)
    }

    /// The output pieces as a string of exactly their size, each piece freed once it is copied.
    static func joined(_ pieces: consuming [[UInt8]]) -> String {
        if pieces.count == 1 { return String(decoding: pieces[0], as: UTF8.self) }
        var pieces = consume pieces
        let count = pieces.reduce(0) { $0 + $1.count }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            for index in pieces.indices {
                let piece = pieces[index]
                pieces[index] = []
                _ = UnsafeMutableBufferPointer(rebasing: buffer[offset..<(offset + piece.count)]).initialize(from: piece)
                offset += piece.count
            }
            return offset
        }
    }

    // MARK: Output helpers

    mutating func put(_ text: String) { out.append(contentsOf: text.utf8) }
    mutating func escaped(_ text: String) { HTMLEscaping.appendEscapedHTML(text, to: &out) }
    mutating func escapedHref(_ text: String) { HTMLEscaping.appendEscapedHref(text, to: &out) }

    /// A newline unless the output is empty or already ends in one (cmark's `cr`).
    mutating func newlineIfNeeded() {
        if let last = out.last ?? pieces.last?.last, last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
    }

    mutating func url(_ destination: String, isImage: Bool) {
        let written = options.rewriteDestination?(destination, isImage) ?? destination
        if options.allowRawHTML || !HTMLEscaping.isDangerousURL(written) { escapedHref(written) }
    }

    // MARK: Nodes

    mutating func render(_ node: borrowing VisitedNode, event: MarkdownNode.WalkEvent, ancestors: [MarkdownNode]) {
        if case .image(let source, let title) = node.kind {
            renderImage(source: source, title: title, event: event)
            return
        }
        if openImages > 0 {
            guard event == .enter else { return }
            // Keep the reference count in step with the pre-pass, which saw this one too.
            if case .footnoteReference = node.kind { footnoteReferencesRendered += 1 }
            renderAltText(node)
            return
        }
        let entering = event == .enter
        switch node.kind {
        case .document:
            break
        case .blockQuote:
            newlineIfNeeded()
            put(entering ? "<blockquote>\n" : "</blockquote>\n")
        case .list(let style):
            if entering {
                newlineIfNeeded()
                switch style.marker {
                case .bullet: put("<ul>\n")
                case .ordered(let start, _): put(start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n")
                }
            } else {
                if case .bullet = style.marker { put("</ul>\n") } else { put("</ol>\n") }
            }
        case .listItem(let task):
            if entering {
                newlineIfNeeded()
                put("<li>")
                switch task {
                case .checked: put("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> ")
                case .unchecked: put("<input type=\"checkbox\" disabled=\"\" /> ")
                case nil: break
                }
            } else {
                put("</li>\n")
            }
        case .codeBlock(let block):
            guard entering else { return }
            newlineIfNeeded()
            if let language = block.language {
                put("<pre><code class=\"language-")
                escaped(language)
                put("\">")
            } else {
                put("<pre><code>")
            }
            escaped(block.code)
            put("</code></pre>\n")
        case .htmlBlock(let html):
            guard entering else { return }
            newlineIfNeeded()
            if !options.allowRawHTML {
                put("<!-- raw HTML omitted -->")
            } else if options.tagFilter {
                TagFilter.appendFilteredBlock(html, to: &out)
            } else {
                put(html)
            }
            newlineIfNeeded()
        case .trustedHTMLBlock(let html):
            guard entering else { return }
            newlineIfNeeded()
            put(html)
            newlineIfNeeded()
        case .paragraph:
            renderParagraph(node, entering: entering, ancestors: ancestors)
        case .heading(let level, let anchor):
            if entering {
                newlineIfNeeded()
                put("<h\(level)")
                if anchor == nil, options.headingAnchors { prepare() }
                let id = anchor ?? (options.headingAnchors ? slugger.anchor(for: node.plainText) : nil)
                if let id {
                    put(" id=\"")
                    escaped(id)
                    put("\"")
                }
                put(">")
            } else {
                put("</h\(level)>\n")
            }
        case .thematicBreak:
            guard entering else { return }
            newlineIfNeeded()
            put("<hr />\n")
        case .table:
            if entering {
                newlineIfNeeded()
                put("<table>")
                needsClosingTableBody = false
            } else {
                if needsClosingTableBody {
                    newlineIfNeeded()
                    put("</tbody>")
                    newlineIfNeeded()
                }
                needsClosingTableBody = false
                newlineIfNeeded()
                put("</table>")
                newlineIfNeeded()
            }
        case .tableRow(let isHeader):
            if entering {
                newlineIfNeeded()
                if isHeader {
                    inTableHeader = true
                    put("<thead>")
                    newlineIfNeeded()
                } else if !needsClosingTableBody {
                    put("<tbody>")
                    newlineIfNeeded()
                    needsClosingTableBody = true
                }
                put("<tr>")
                tableColumn = 0
            } else {
                newlineIfNeeded()
                put("</tr>")
                if isHeader {
                    newlineIfNeeded()
                    put("</thead>")
                    inTableHeader = false
                }
            }
        case .tableCell:
            renderTableCell(entering: entering, ancestors: ancestors)
        case .footnoteDefinition(let label):
            if entering {
                prepare()
                if footnotesOpened == 0 { put("<section class=\"footnotes\" data-footnotes>\n<ol>\n") }
                footnotesOpened += 1
                put("<li id=\"fn-")
                escapedHref(label)
                put("\">\n")
            } else {
                if putFootnoteBackrefs(label: label) { put("\n") }
                put("</li>\n")
            }
        case .callout(let kind):
            if entering {
                newlineIfNeeded()
                put("<aside class=\"callout callout-\(kind.rawValue)\" role=\"note\">\n")
            } else {
                newlineIfNeeded()
                put("</aside>\n")
            }
        case .calloutTitle:
            if entering {
                newlineIfNeeded()
                put("<p class=\"callout-title\">")
            } else {
                put("</p>\n")
            }
        case .figure:
            if entering {
                newlineIfNeeded()
                put("<figure class=\"figure\">\n")
            } else {
                newlineIfNeeded()
                put("</figure>\n")
            }
        case .figureCaption:
            if entering {
                newlineIfNeeded()
                put("<figcaption>")
            } else {
                put("</figcaption>\n")
            }
        case .text(let text):
            if entering { escaped(text) }
        case .softBreak:
            if entering { put("\n") }
        case .lineBreak:
            if entering { put("<br />\n") }
        case .code(let code):
            guard entering else { return }
            put("<code>")
            escaped(code)
            put("</code>")
        case .inlineHTML(let html):
            guard entering else { return }
            if !options.allowRawHTML {
                put("<!-- raw HTML omitted -->")
            } else if options.tagFilter {
                TagFilter.appendFilteredInline(html, to: &out)
            } else {
                put(html)
            }
        case .trustedHTMLInline(let html, _):
            if entering { put(html) }
        case .emphasis:
            put(entering ? "<em>" : "</em>")
        case .strong:
            put(entering ? "<strong>" : "</strong>")
        case .strikethrough:
            put(entering ? "<del>" : "</del>")
        case .link(let destination, let title):
            if entering {
                put("<a href=\"")
                url(destination, isImage: false)
                if !title.isEmpty {
                    put("\" title=\"")
                    escaped(title)
                }
                put("\">")
            } else {
                put("</a>")
            }
        case .image:
            break // handled above
        case .footnoteReference(let label):
            guard entering else { return }
            renderFootnoteReference(label: label)
        }
    }

    mutating func renderImage(source: String, title: String, event: MarkdownNode.WalkEvent) {
        if event == .enter {
            openImages += 1
            guard openImages == 1 else { return }
            put("<img src=\"")
            url(source, isImage: true)
            put("\" alt=\"")
        } else {
            openImages -= 1
            guard openImages == 0 else { return }
            if !title.isEmpty {
                put("\" title=\"")
                escaped(title)
            }
            put("\" />")
        }
    }

    /// Inside an image only the text is written, escaped, as its alt text.
    mutating func renderAltText(_ node: borrowing VisitedNode) {
        switch node.kind {
        case .text(let text), .code(let text), .inlineHTML(let text): escaped(text)
        case .trustedHTMLInline(_, let text): escaped(text)
        case .softBreak, .lineBreak: put(" ")
        default: break
        }
    }

    mutating func renderParagraph(_ node: borrowing VisitedNode, entering: Bool, ancestors: [MarkdownNode]) {
        // A paragraph directly in an item of a tight list has no <p>.
        let parent = ancestors.last
        if ancestors.count >= 2, case .list(let style) = ancestors[ancestors.count - 2].kind, style.isTight {
            return
        }
        if entering {
            newlineIfNeeded()
            put("<p>")
            return
        }
        if let parent, case .footnoteDefinition(let label) = parent.kind, parent.children.last == node.node {
            put(" ")
            _ = putFootnoteBackrefs(label: label)
        }
        put("</p>\n")
    }

    mutating func renderTableCell(entering: Bool, ancestors: [MarkdownNode]) {
        guard entering else {
            put(inTableHeader ? "</th>" : "</td>")
            tableColumn += 1
            return
        }
        newlineIfNeeded()
        put(inTableHeader ? "<th" : "<td")
        if ancestors.count >= 2, case .table(let columns) = ancestors[ancestors.count - 2].kind,
           tableColumn < columns.count {
            switch columns[tableColumn] {
            case .left: put(" align=\"left\"")
            case .center: put(" align=\"center\"")
            case .right: put(" align=\"right\"")
            case .none: break
            }
        }
        put(">")
    }

    mutating func renderFootnoteReference(label: String) {
        prepare()
        let index = footnoteReferencesRendered
        footnoteReferencesRendered += 1
        guard let number = footnoteNumbers[label] else {
            // A reference whose definition a later stage removed: show what was written.
            escaped("[^\(label)]")
            return
        }
        let occurrence = index < footnoteOccurrences.count ? footnoteOccurrences[index] : 1
        put("<sup class=\"footnote-ref\"><a href=\"#fn-")
        escapedHref(label)
        put("\" id=\"fnref-")
        escapedHref(label)
        if occurrence > 1 { put("-\(occurrence)") }
        put("\" data-footnote-ref>\(number)</a></sup>")
    }

    /// The links back to each reference of the footnote being closed; written once, either at
    /// the end of its last paragraph or on a line of their own.
    mutating func putFootnoteBackrefs(label: String) -> Bool {
        guard footnoteBackrefsWritten < footnotesOpened else { return false }
        prepare()
        footnoteBackrefsWritten = footnotesOpened
        let count = max(footnoteReferenceCounts[label, default: 0], 1)
        for occurrence in 1...count {
            put(occurrence == 1 ? "<a href=\"#fnref-" : " <a href=\"#fnref-")
            escapedHref(label)
            if occurrence > 1 { put("-\(occurrence)") }
            put("\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩")
            if occurrence > 1 { put("<sup class=\"footnote-ref\">\(occurrence)</sup>") }
            put("</a>")
        }
        return true
    }
}
