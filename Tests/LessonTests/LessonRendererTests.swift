import Diagnostics
import Markdown
import Testing
@testable import Lesson

@Suite struct LessonRendererTests {
    func render(_ text: String, path: String = "lessons/jacobian.md", options: LessonRenderOptions = .init()) -> RenderedLesson {
        LessonRenderer.render(LessonSource(path: path, text: text), options: options)
    }

    @Test func titleFromFrontMatter() {
        let lesson = render("---\ntitle: From Front Matter\ndescription: Short.\n---\n# From Heading\n")
        #expect(lesson.title == "From Front Matter")
        #expect(lesson.description == "Short.")
    }

    @Test func titleFromFirstLevelOneHeading() {
        let lesson = render("Intro.\n\n## Not This\n\n# The *Jacobian* `J`\n\n# Later\n")
        #expect(lesson.title == "The Jacobian J")
        #expect(lesson.description == nil)
    }

    @Test func titleFromFileName() {
        #expect(render("## Only level two\n", path: "lessons/basics/chain-rule.md").title == "chain-rule")
        #expect(render("---\ntitle: \"\"\n---\ntext\n", path: "notes.md").title == "notes")
    }

    @Test func linksAreRewrittenAndCollectedWithFileLocations() {
        let text = """
            ---
            title: Links
            ---
            See [the gradient](gradient.md#definition), [Wikipedia](https://en.wikipedia.org/wiki/Jacobian.md),
            ![a figure](figures/jacobian.png "Figure") and [the top](#links).

            > Also [notation](../basics/notation.md).

            """
        let lesson = render(text)
        #expect(lesson.bodyHTML.contains("<a href=\"gradient.html#definition\">the gradient</a>"))
        #expect(lesson.bodyHTML.contains("<a href=\"https://en.wikipedia.org/wiki/Jacobian.md\">Wikipedia</a>"))
        #expect(lesson.bodyHTML.contains("<img src=\"figures/jacobian.png\" alt=\"a figure\" title=\"Figure\" />"))
        #expect(lesson.bodyHTML.contains("<a href=\"../basics/notation.html\">notation</a>"))
        let file = "lessons/jacobian.md"
        #expect(lesson.links == [
            LessonLink(destination: "gradient.md#definition", rewrittenDestination: "gradient.html#definition", isImage: false,
                       location: Diagnostics.SourceLocation(file: file, line: 4, column: 5)),
            LessonLink(destination: "https://en.wikipedia.org/wiki/Jacobian.md", rewrittenDestination: "https://en.wikipedia.org/wiki/Jacobian.md",
                       isImage: false, location: Diagnostics.SourceLocation(file: file, line: 4, column: 45)),
            LessonLink(destination: "figures/jacobian.png", rewrittenDestination: "figures/jacobian.png", isImage: true,
                       location: Diagnostics.SourceLocation(file: file, line: 5, column: 1)),
            LessonLink(destination: "#links", rewrittenDestination: "#links", isImage: false,
                       location: Diagnostics.SourceLocation(file: file, line: 5, column: 48)),
            LessonLink(destination: "../basics/notation.md", rewrittenDestination: "../basics/notation.html", isImage: false,
                       location: Diagnostics.SourceLocation(file: file, line: 7, column: 8)),
        ])
    }

    @Test func headingsCarryAnchorsAndFileLocations() {
        let lesson = render("---\ntitle: T\n---\n\n# The Jacobian\n\n## Shape\n\nText.\n\n## Shape\n\nSetext\n------\n")
        let file = "lessons/jacobian.md"
        #expect(lesson.headings == [
            LessonHeading(level: 1, text: "The Jacobian", anchor: "the-jacobian", location: Diagnostics.SourceLocation(file: file, line: 5, column: 1)),
            LessonHeading(level: 2, text: "Shape", anchor: "shape", location: Diagnostics.SourceLocation(file: file, line: 7, column: 1)),
            LessonHeading(level: 2, text: "Shape", anchor: "shape-1", location: Diagnostics.SourceLocation(file: file, line: 11, column: 1)),
            LessonHeading(level: 2, text: "Setext", anchor: "setext", location: Diagnostics.SourceLocation(file: file, line: 13, column: 1)),
        ])
        #expect(lesson.bodyHTML.contains("<h2 id=\"shape-1\">Shape</h2>"))
    }

    @Test func frontMatterDiagnosticsReachTheResult() {
        let lesson = render("---\nlayout: sideways\n---\n# T\n")
        #expect(lesson.diagnostics.map(\.location) == [Diagnostics.SourceLocation(file: "lessons/jacobian.md", line: 2, column: 9)])
        #expect(lesson.frontMatter.layout == .numerator)
    }

    @Test func rawHTMLIsShownAsTextUnlessAllowed() {
        let text = "<div class=\"box\">x</div>\n\nA <kbd>key</kbd>.<!-- note -->\n\n<!-- hidden -->\n"
        let lesson = render(text)
        #expect(lesson.bodyHTML == "<p class=\"raw-html\">&lt;div class=&quot;box&quot;&gt;x&lt;/div&gt;</p>\n<p>A &lt;kbd&gt;key&lt;/kbd&gt;.</p>\n")
        // One warning per lesson, at the first raw HTML, saying how to opt in.
        #expect(lesson.diagnostics.map(\.id) == ["lesson.raw-html"])
        #expect(lesson.diagnostics.first?.location == Diagnostics.SourceLocation(file: "lessons/jacobian.md", line: 1, column: 1))
        #expect(lesson.diagnostics.first?.severity == .warning)
        #expect(render(text, options: LessonRenderOptions(allowRawHTML: true)).bodyHTML
            == "<div class=\"box\">x</div>\n<p>A <kbd>key</kbd>.<!-- note --></p>\n<!-- hidden -->\n")
    }

    @Test func swiftCellsRenderAsCodeBlocksForNow() {
        let lesson = render("```swift\nlet x, y: Scalar\n```\n")
        #expect(lesson.bodyHTML == "<pre><code class=\"language-swift\">let x, y: Scalar\n</code></pre>\n")
    }

    /// A pass stands for later stages (cells, math): it rewrites the tree and reports.
    struct MarkSwiftCells: LessonPass {
        func apply(to lesson: inout ParsedLesson) {
            var found: [Diagnostic] = []
            lesson.document = lesson.document.rewritten { node in
                guard case .codeBlock(let block) = node.kind, block.language == "swift", let span = node.span else { return .keep }
                found.append(Diagnostic(id: "test.cell", severity: .note, message: "cell", location: SourceLocation(
                    file: "", line: block.firstCodeLine(blockSpan: span), column: 1)))
                return .replace([MarkdownNode(.trustedHTMLBlock("<div class=\"cell\"></div>"), span: span)])
            }
            lesson.diagnostics += found.map { diagnostic in
                var diagnostic = diagnostic
                diagnostic.location?.file = lesson.source.path
                return diagnostic
            }
        }
    }

    @Test func passesRewriteTheTreeBeforeRendering() {
        let lesson = render("---\ntitle: T\n---\n```swift\n1\n```\n", options: LessonRenderOptions(passes: [MarkSwiftCells()]))
        #expect(lesson.bodyHTML == "<div class=\"cell\"></div>\n")
        #expect(lesson.diagnostics.map(\.location) == [Diagnostics.SourceLocation(file: "lessons/jacobian.md", line: 5, column: 1)])
    }

    @Test func endToEndFixtureMatchesGoldenHTML() throws {
        let text = try GoldenFile.read("Fixtures/jacobian.md")
        let lesson = render(text)
        // The fixture's <script> is shown as text, with the one warning that says so.
        #expect(lesson.diagnostics.map(\.id) == ["lesson.raw-html"])
        #expect(lesson.title == "The Jacobian")
        try GoldenFile.assertMatches(lesson.bodyHTML, golden: "Golden/jacobian.html")
    }
}

/// Absurdly nested Markdown is a diagnostic, never a stack overflow.
@Suite struct LessonNestingTests {
    @Test func deepButAllowedNestingRenders() {
        // Quotes, then the paragraph, the emphasis and its text below them.
        let depth = LessonRenderer.maximumNestingDepth - 3
        let text = String(repeating: ">", count: depth) + " $x$ *deep*\n"
        let lesson = LessonRenderer.render(LessonSource(path: "lessons/deep.md", text: text), options: .init())
        #expect(lesson.diagnostics.isEmpty)
        #expect(lesson.bodyHTML.components(separatedBy: "<blockquote>").count == depth + 1)
    }

    static func deeplyNested(_ construct: String) -> String {
        switch construct {
        case "quotes": String(repeating: ">", count: 100_000) + " deep\n"
        case "lists": "Intro.\n\n" + String(repeating: "- ", count: 300) + "item\n"
        default: String(repeating: "*a ", count: 300) + String(repeating: "a* ", count: 300) + "\n"
        }
    }

    @Test(arguments: ["quotes", "lists", "emphasis"])
    func tooDeepNestingIsADiagnostic(construct: String) {
        let text = Self.deeplyNested(construct)
        let lesson = LessonRenderer.render(LessonSource(path: "lessons/deep.md", text: text), options: .init())
        #expect(lesson.diagnostics.map(\.id) == ["lesson.nesting-too-deep"])
        #expect(lesson.diagnostics.first?.location?.file == "lessons/deep.md")
        #expect(lesson.bodyHTML.isEmpty)
    }
}
