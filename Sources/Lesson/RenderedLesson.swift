import Diagnostics

/// A heading of a lesson, for tables of contents and the anchor checker.
public struct LessonHeading: Hashable, Sendable, Codable {
    public var level: Int
    /// The heading's plain text.
    public var text: String
    /// Its `id` in the page, without `#`.
    public var anchor: String
    public var location: SourceLocation

    public init(level: Int, text: String, anchor: String, location: SourceLocation) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.location = location
    }
}

/// A link or image of a lesson, for copying images and checking links.
public struct LessonLink: Hashable, Sendable, Codable {
    /// As written in the lesson (after Markdown unescaping), e.g. `jacobian.md#shape`.
    public var destination: String
    /// As written into the page, e.g. `jacobian.html#shape`.
    public var rewrittenDestination: String
    public var isImage: Bool
    public var location: SourceLocation

    public init(destination: String, rewrittenDestination: String, isImage: Bool, location: SourceLocation) {
        self.destination = destination
        self.rewrittenDestination = rewrittenDestination
        self.isImage = isImage
        self.location = location
    }
}

/// A lesson turned into its page body and the facts the Site and the checkers need.
///
/// Codable (with everything it holds) so the Site's lesson cache can store it: a lesson whose
/// inputs did not change is read back instead of being parsed and evaluated again.
public struct RenderedLesson: Hashable, Sendable, Codable {
    public var path: String
    public var title: String
    public var description: String?
    public var frontMatter: FrontMatter
    public var bodyHTML: String
    public var headings: [LessonHeading]
    public var links: [LessonLink]
    public var diagnostics: [Diagnostic]
    /// What the evaluate step did: cells run and failed, inline values.
    public var notebook: NotebookSummary
    /// The lesson as a Jupyter notebook (prose with TeX, cells with their outputs).
    public var notebookDocument: LessonNotebook
    /// The lesson's sections as plain text, for the site's search index.
    public var sections: [LessonSection]
    /// The labels of its numbered equations: anchors of the page besides the headings', which
    /// links from other lessons (`part1/jacobians.md#eq:jacobian`) may name.
    public var equationLabels: [String] = []

    public init(
        path: String, title: String, description: String?, frontMatter: FrontMatter, bodyHTML: String,
        headings: [LessonHeading], links: [LessonLink], diagnostics: [Diagnostic], notebook: NotebookSummary = NotebookSummary(),
        notebookDocument: LessonNotebook = LessonNotebook(), sections: [LessonSection] = []
    ) {
        self.notebook = notebook
        self.notebookDocument = notebookDocument
        self.sections = sections
        self.path = path
        self.title = title
        self.description = description
        self.frontMatter = frontMatter
        self.bodyHTML = bodyHTML
        self.headings = headings
        self.links = links
        self.diagnostics = diagnostics
    }
}
