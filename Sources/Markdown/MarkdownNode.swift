/// One node of a parsed Markdown document: a value, so a tree can be shared, compared and
/// rewritten without anyone else seeing the change.
///
/// The parser walks libcmark-gfm's C tree once and builds these; every later stage (math,
/// cells, link rewriting, HTML) works on this tree and never on C pointers.
public struct MarkdownNode: Hashable, Sendable {
    // The stored fields are ordered so that `hasSpan` fills the padding after `kind`: a node is
    // 64 bytes, not the 88 of `kind`, `children` and a `TextSpan?` in that order, and a 10 MB
    // lesson has a million nodes in each of its trees.
    private var storedSpan: TextSpan
    public var kind: Kind
    private var hasSpan: Bool
    public var children: [MarkdownNode]

    public init(_ kind: Kind, children: [MarkdownNode] = [], span: TextSpan? = nil) {
        self.storedSpan = span ?? Self.noSpan
        self.kind = kind
        self.hasSpan = span != nil
        self.children = children
    }

    /// Where the node was written; `nil` for nodes a later stage synthesised.
    public var span: TextSpan? {
        get { hasSpan ? storedSpan : nil }
        set {
            // Always the same stored value for "none", so that equal nodes compare equal.
            storedSpan = newValue ?? Self.noSpan
            hasSpan = newValue != nil
        }
    }

    private static let noSpan = TextSpan(start: TextPosition(line: 0, column: 0), end: TextPosition(line: 0, column: 0))
}

extension MarkdownNode {
    /// Every CommonMark and GFM construct, plus HTML that calcbook itself produced.
    public enum Kind: Hashable, Sendable {
        // Blocks.
        case document
        case blockQuote
        case list(ListStyle)
        /// `task` is nil for an ordinary item, or the state of a GFM task-list item's box.
        case listItem(task: TaskState?)
        case codeBlock(CodeBlock)
        /// Raw HTML written by the author: omitted in safe mode.
        case htmlBlock(String)
        /// HTML produced by calcbook (MathML, cell outputs): always emitted verbatim.
        case trustedHTMLBlock(String)
        case paragraph
        /// `anchor` is the `id` the heading gets; nil lets the renderer derive one GitHub-style.
        case heading(level: Int, anchor: String?)
        case thematicBreak
        /// One alignment per column.
        case table(columns: [TableAlignment])
        case tableRow(isHeader: Bool)
        case tableCell
        /// The label as written in `[^label]:`.
        case footnoteDefinition(label: String)
        /// A block quote that calls something out (GitHub's `> [!NOTE]`): its first child is a
        /// `calloutTitle`, the rest are its blocks. Made by the lesson stage, never by the parser.
        case callout(CalloutKind)
        /// The title line of a callout: the author's title, or the kind's name.
        case calloutTitle
        /// An image alone in its paragraph, shown as a figure: the image, then an optional
        /// `figureCaption`.
        case figure
        /// A figure's caption (the image's title, as written).
        case figureCaption

        // Inlines.
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        /// Raw HTML written by the author: omitted in safe mode.
        case inlineHTML(String)
        /// HTML produced by calcbook: always emitted verbatim. `plainText` stands for it where
        /// only text fits (heading anchors, an image's alt text).
        case trustedHTMLInline(html: String, plainText: String)
        case emphasis
        case strong
        case strikethrough
        case link(destination: String, title: String)
        case image(source: String, title: String)
        /// The label of the footnote definition it refers to.
        case footnoteReference(label: String)
    }

    public struct ListStyle: Hashable, Sendable {
        public enum Marker: Hashable, Sendable {
            case bullet
            /// `1.` or `1)`; `start` is the first number.
            case ordered(start: Int, delimiter: Character)
        }

        public var marker: Marker
        /// A tight list renders its paragraphs without `<p>`.
        public var isTight: Bool

        public init(marker: Marker, isTight: Bool) {
            self.marker = marker
            self.isTight = isTight
        }
    }

    public enum TaskState: Hashable, Sendable {
        case checked, unchecked
    }

    public struct CodeBlock: Hashable, Sendable {
        /// The info string after the opening fence, e.g. `swift hide-source`; empty when none.
        public var info: String
        /// The code, each line ending in a newline.
        public var code: String
        public var isFenced: Bool

        public init(info: String, code: String, isFenced: Bool) {
            self.info = info
            self.code = code
            self.isFenced = isFenced
        }

        /// The first word of the info string, which names the language. Words end at a space,
        /// tab or line break only (cmark's notion of whitespace, so `class="language-…"` matches).
        public var language: String? {
            let word = info.unicodeScalars.prefix { !" \t\n\r".unicodeScalars.contains($0) }
            return word.isEmpty ? nil : String(String.UnicodeScalarView(word))
        }

        /// The line of the code's first line, given the block's span: the fence line is the
        /// block's first line, so a fenced block's code starts one line below it.
        public func firstCodeLine(blockSpan: TextSpan) -> Int {
            isFenced ? blockSpan.start.line + 1 : blockSpan.start.line
        }
    }

    public enum TableAlignment: Hashable, Sendable {
        case none, left, center, right
    }

    /// The five kinds of GitHub's alert syntax, so a lesson reads the same on GitHub.
    public enum CalloutKind: String, CaseIterable, Hashable, Sendable {
        case note, tip, important, warning, caution

        /// The marker as written in a lesson: `NOTE` for `> [!NOTE]`.
        public var marker: String { rawValue.uppercased() }

        /// The title shown when the author gives none.
        public var defaultTitle: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }
}

extension MarkdownNode.Kind {
    /// Whether this kind is a block (a document, paragraph, list, …) rather than an inline.
    public var isBlock: Bool {
        switch self {
        case .document, .blockQuote, .list, .listItem, .codeBlock, .htmlBlock, .trustedHTMLBlock,
             .paragraph, .heading, .thematicBreak, .table, .tableRow, .tableCell, .footnoteDefinition,
             .callout, .calloutTitle, .figure, .figureCaption:
            true
        case .text, .softBreak, .lineBreak, .code, .inlineHTML, .trustedHTMLInline, .emphasis,
             .strong, .strikethrough, .link, .image, .footnoteReference:
            false
        }
    }
}
