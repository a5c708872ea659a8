import Markdown

/// What the evaluate step leaves for the notebook: where each cell and inline value was
/// written in the lesson, and what it became. The Markdown between them is the lesson's own
/// text, so `NotebookAssembler` cuts the notebook's Markdown cells out of the lesson around
/// these spans.
public struct NotebookRecord: Hashable, Sendable {
    public var cells: [RecordedCell] = []
    public var inlineValues: [RecordedInline] = []
    /// Citations as written and as the page shows them, for the notebook's Markdown.
    public var citations: [RecordedCitation] = []
    /// The lesson's reference list, one Markdown entry per cited work, in page order.
    public var references: [String] = []

    public init() {}

    public struct RecordedCell: Hashable, Sendable {
        /// The fenced block, fences included.
        public var span: TextSpan
        public var content: Content

        public enum Content: Hashable, Sendable {
            /// A cell that ran.
            case code(LessonNotebook.Code)
            /// A `no-eval` cell: a code sample, kept as a fenced block in Markdown.
            case sample(source: String)
        }
    }

    public struct RecordedInline: Hashable, Sendable {
        /// The code span, backticks included.
        public var span: TextSpan
        /// The value as LaTeX; `nil` when it failed (the notebook keeps the expression as code).
        public var latex: String?
        /// The expression as written, without the `{swift}` marker.
        public var expression: String
    }

    public struct RecordedCitation: Hashable, Sendable {
        /// Where `[` is.
        public var position: TextPosition
        /// `[@parr2018, p. 12]`
        public var written: String
        /// `(Parr & Howard 2018, p. 12)`
        public var text: String
    }
}
