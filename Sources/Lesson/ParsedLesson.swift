import Diagnostics
import Markdown

/// A lesson between parsing and rendering: the stage where later passes (prose math, cells)
/// rewrite the Markdown tree and add their diagnostics.
public struct ParsedLesson: Sendable {
    public var source: LessonSource
    public var frontMatter: FrontMatter
    /// The Markdown as written: the file with its front matter lines left empty, so its lines
    /// and columns are the file's. Passes that need the text itself (quoting a cell's source,
    /// re-parsing after a change of their own) read it here.
    public var body: String
    /// The Markdown body, parsed; positions in it are lines and columns of the file.
    public var document: MarkdownNode
    public var diagnostics: [Diagnostic]
    /// The labels of the lesson's numbered equations (`eq:loss`), which are anchors of its page.
    public var equationLabels: [String] = []
    /// The project's TeX macros the lesson started with.
    public var projectMacros = ProjectMacros()
    /// What the evaluate step did (cells run, failed, inline values); empty before it runs.
    public var notebook = NotebookSummary()
    /// Where the evaluate step found cells and inline values, and what they became.
    public var notebookRecord = NotebookRecord()

    public init(source: LessonSource, frontMatter: FrontMatter, body: String, document: MarkdownNode, diagnostics: [Diagnostic]) {
        self.source = source
        self.frontMatter = frontMatter
        self.body = body
        self.document = document
        self.diagnostics = diagnostics
    }

    /// A location in this lesson's file from a position in its Markdown.
    public func location(_ position: TextPosition) -> SourceLocation {
        SourceLocation(file: source.path, line: position.line, column: position.column)
    }
}

/// A step run on every lesson between parsing and rendering, e.g. turning `swift` code
/// blocks into evaluated cells or `$…$` into MathML.
public protocol LessonPass: Sendable {
    func apply(to lesson: inout ParsedLesson)
}
