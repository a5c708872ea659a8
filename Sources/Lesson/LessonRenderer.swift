import Diagnostics
import Markdown

public struct LessonRenderOptions: Sendable {
    /// Let the author's raw HTML through (a site that trusts its authors); GFM's tagfilter
    /// still applies. Off by default: raw HTML is shown escaped, as text (`RawHTMLEscaping`).
    public var allowRawHTML: Bool
    /// Run in order on the parsed lesson before rendering.
    public var passes: [any LessonPass]
    /// The project's TeX macros (`macros = "macros.tex"`), which every lesson starts with.
    public var macros: ProjectMacros

    public init(allowRawHTML: Bool = false, passes: [any LessonPass] = [], macros: ProjectMacros = ProjectMacros()) {
        self.allowRawHTML = allowRawHTML
        self.passes = passes
        self.macros = macros
    }
}

/// Turns a lesson file into its page body: front matter → Markdown tree → passes → HTML,
/// collecting headings, links and diagnostics on the way.
public enum LessonRenderer {
    /// The GFM configuration of every lesson: all extensions and footnotes.
    public static let markdownOptions = MarkdownParseOptions()

    /// How deeply Markdown may nest in a lesson. Far beyond any real lesson, and well within
    /// what the recursive passes (prose math, cells) can walk on a thread's stack.
    public static let maximumNestingDepth = 256

    /// From this size of a lesson's Markdown on, its stages use a second thread
    /// (`SideThread`): a thread costs more than a lesson of ordinary size takes.
    static let sideThreadBytes = 1 << 20

    /// Whether a lesson's stages use a second thread: by its size, unless a test says.
    static func usesSideThread(_ markdown: String, _ forced: Bool?) -> Bool {
        forced ?? (markdown.utf8.count >= sideThreadBytes)
    }

    public static func render(_ source: LessonSource, options: LessonRenderOptions) -> RenderedLesson {
        var lesson = parse(source, macros: options.macros)
        for pass in options.passes { pass.apply(to: &lesson) }
        return render(consume lesson, options: options)
    }

    /// Splits off the front matter and parses the body, with prose math protected from
    /// Markdown and turned into MathML, and heading anchors assigned.
    public static func parse(_ source: LessonSource, macros: ProjectMacros = ProjectMacros()) -> ParsedLesson {
        parse(source, macros: macros, sideThread: nil)
    }

    /// `sideThread` forces the choice of `usesSideThread` (tests compare both ways).
    static func parse(_ source: LessonSource, macros: ProjectMacros, sideThread: Bool?) -> ParsedLesson {
        let split = FrontMatterParser.split(source.text, path: source.path)
        let protected = ProseMath.protect(split.body, inHalves: usesSideThread(split.body, sideThread))
        let parsed = MarkdownParser.parse(protected.text, options: markdownOptions)
        if let tooDeep = parsed.firstNode(deeperThan: maximumNestingDepth) {
            // Later passes recurse per level of the tree; refuse such a lesson rather than crash.
            let diagnostic = Diagnostic(
                id: "lesson.nesting-too-deep",
                message: "the Markdown here is nested more than \(maximumNestingDepth) levels deep (block quotes, lists, emphasis); flatten it",
                location: SourceLocation(file: source.path, line: tooDeep.span?.start.line ?? 1, column: tooDeep.span?.start.column ?? 1))
            return ParsedLesson(
                source: source, frontMatter: split.frontMatter, body: split.body, document: MarkdownNode(.document),
                diagnostics: split.diagnostics + [diagnostic])
        }
        // The parsed tree is handed over, to be freed node by node as the math is written.
        let math = ProseMath.render(
            consume parsed, protected: protected, file: source.path, macros: macros,
            inHalves: usesSideThread(protected.text, sideThread))
        // Taken out of `math`, so that the headings are named in the only copy of the tree.
        let (mathDocument, mathDiagnostics, equationLabels) = math
        let document = (consume mathDocument).assigningHeadingAnchors(inHalves: usesSideThread(split.body, sideThread))
        var lesson = ParsedLesson(
            source: source, frontMatter: split.frontMatter, body: split.body, document: document,
            diagnostics: split.diagnostics + mathDiagnostics)
        lesson.equationLabels = equationLabels
        lesson.projectMacros = macros
        return lesson
    }

    /// Renders a parsed (and possibly rewritten) lesson; passes in `options` are not run again.
    /// Takes the lesson over: given the only copy (`consume`), a large lesson's tree is freed
    /// block by block as its page is written.
    public static func render(_ lesson: consuming ParsedLesson, options: LessonRenderOptions) -> RenderedLesson {
        render(lesson, options: options, sideThread: nil)
    }

    /// `sideThread` forces the choice of `usesSideThread` (tests compare both ways).
    static func render(_ lesson: consuming ParsedLesson, options: LessonRenderOptions, sideThread: Bool?) -> RenderedLesson {
        let isLarge = usesSideThread(lesson.body, sideThread)
        var rewrites = FinalBlockRewrites.apply(
            to: lesson.document.assigningHeadingAnchors(inHalves: isLarge), in: lesson, allowRawHTML: options.allowRawHTML, inHalves: isLarge)
        // Taken out of `rewrites`, so that once the notebook and sections are made the page's
        // writer holds the only reference to it.
        var document = MarkdownNode(.document)
        swap(&document, &rewrites.document)
        let diagnostics = lesson.diagnostics + rewrites.diagnostics
        let renderer = HTMLRenderer(options: HTMLRenderOptions(
            allowRawHTML: options.allowRawHTML,
            rewriteDestination: { destination, isImage in
                isImage ? destination : LessonLinkRewriting.rewrite(destination)
            }))
        // The notebook and the sections before the page: a large lesson's page (45 MB for the
        // 10 MB lesson) is then not yet held while the notebook is assembled from its lines.
        let (summary, sectionList) = notebookAndSections(lesson, document: document, rewrites: rewrites, isLarge: isLarge)
        // The tree before the final rewrites (the notebook's) shares most nodes with the page's.
        lesson.document = MarkdownNode(.document)
        // A large lesson's page in two halves at once (`SideThread`), its tree freed as it goes.
        let bodyHTML = isLarge ? renderer.renderInHalves(consume document) : renderer.render(document)
        let headings = summary.headings
        // A heading's invisible controls stay in the prose but not in the title, which goes
        // into <title> and every page's table of contents (front matter refuses them).
        let title = lesson.frontMatter.title
            ?? headings.first { $0.level == 1 }.map { InvisibleControls.removing(from: $0.text) }
            ?? lesson.source.baseName
        var rendered = RenderedLesson(
            path: lesson.source.path,
            title: title,
            description: lesson.frontMatter.description,
            frontMatter: lesson.frontMatter,
            bodyHTML: bodyHTML,
            headings: headings,
            links: summary.links,
            diagnostics: diagnostics.sorted(by: Diagnostic.sourceOrder),
            notebook: lesson.notebook,
            notebookDocument: summary.notebook,
            sections: sectionList)
        rendered.equationLabels = lesson.equationLabels
        return rendered
    }

    /// The headings, links and notebook of the lesson whose final tree is `document`, and its
    /// search sections; a large lesson's notebook (with the headings and links) and sections at
    /// once (`SideThread`).
    private static func notebookAndSections(
        _ lesson: ParsedLesson, document: MarkdownNode, rewrites: FinalBlockRewrites, isLarge: Bool
    ) -> (summary: (headings: [LessonHeading], links: [LessonLink], notebook: LessonNotebook), sections: [LessonSection]) {
        let rawHTML = rewrites.rawHTML
        let notebook = { () -> (headings: [LessonHeading], links: [LessonLink], notebook: LessonNotebook) in
            let headings = collectHeadings(document, in: lesson)
            let links = rewrites.links
            return (headings, links, NotebookAssembler.assemble(lesson, headings: headings, links: links, rawHTML: rawHTML, inHalves: isLarge))
        }
        let sections = { @Sendable in
            isLarge ? LessonSectionCollector.collectInHalves(document, lesson: lesson) : LessonSectionCollector.collect(document, lesson: lesson)
        }
        return isLarge ? SideThread.run(notebook, beside: sections) : (notebook(), sections())
    }

    static func collectHeadings(_ document: MarkdownNode, in lesson: ParsedLesson) -> [LessonHeading] {
        var headings: [LessonHeading] = []
        document.forEachBlock { node in
            guard case .heading(let level, let anchor) = node.kind else { return }
            let text = node.plainText
            headings.append(LessonHeading(
                level: level, text: text, anchor: anchor ?? HeadingSlugger.slug(text),
                location: lesson.location(node.span?.start ?? TextPosition(line: 1, column: 1))))
        }
        return headings
    }

    /// The links and images of `document`, or of the subtrees of its top-level `blocks` only.
    static func collectLinks(_ document: MarkdownNode, blocks: Range<Int>? = nil, in lesson: ParsedLesson) -> [LessonLink] {
        var links: [LessonLink] = []
        // The location is made for a link only: the walk visits every node of the lesson.
        func location(_ node: borrowing VisitedNode) -> SourceLocation {
            lesson.location(node.span?.start ?? TextPosition(line: 1, column: 1))
        }
        func collect(_ node: borrowing VisitedNode) {
            switch node.kind {
            case .link(let destination, _):
                links.append(LessonLink(
                    destination: destination, rewrittenDestination: LessonLinkRewriting.rewrite(destination),
                    isImage: false, location: location(node)))
            case .image(let source, _):
                links.append(LessonLink(destination: source, rewrittenDestination: source, isImage: true, location: location(node)))
            default:
                break
            }
        }
        if let blocks {
            document.forEachNode(amongChildren: blocks, collect)
        } else {
            document.forEachNode(collect)
        }
        return links
    }
}
