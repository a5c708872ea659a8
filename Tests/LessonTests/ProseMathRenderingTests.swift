import Diagnostics
import Markdown
import Testing
@testable import Lesson

@Suite struct ProseMathRenderingTests {
    func render(_ text: String) -> RenderedLesson {
        LessonRenderer.render(LessonSource(path: "lessons/math.md", text: text), options: .init())
    }

    private func hasPlaceholderJunk(_ html: String) -> Bool {
        html.unicodeScalars.contains(where: MathPlaceholder.isPlaceholderScalar)
    }

    @Test func inlineMathIsMathMLAndNeverEmphasis() {
        let lesson = render("Here $x*y*z$ and $a_1 + b_1$ are *products*.\n")
        #expect(lesson.bodyHTML.hasPrefix("<p>Here <math><semantics><mrow><mi>x</mi><mo>∗</mo>"))
        #expect(lesson.bodyHTML.contains("</math> are <em>products</em>.</p>"))
        #expect(!lesson.bodyHTML.contains("<em>y</em>"))
        #expect(lesson.bodyHTML.contains("<msub><mi>a</mi><mn>1</mn></msub>"))
        #expect(lesson.diagnostics.isEmpty)
    }

    @Test func bracesKeepTheirBackslash() {
        let lesson = render(#"The set $\{x\}$."# + "\n")
        #expect(lesson.bodyHTML.contains("<mo stretchy=\"false\">{</mo><mi>x</mi><mo stretchy=\"false\">}</mo>"))
        #expect(lesson.bodyHTML.contains(#"<annotation encoding="application/x-tex">\{x\}</annotation>"#))
    }

    @Test func displayMathAloneInAParagraphIsABlock() {
        let lesson = render("Before.\n\n$$\n\\frac{a}{b}\n$$\n\nAfter.\n")
        #expect(lesson.bodyHTML == "<p>Before.</p>\n<math display=\"block\"><semantics><mfrac><mi>a</mi><mi>b</mi></mfrac>"
            + "<annotation encoding=\"application/x-tex\">\\frac{a}{b}</annotation></semantics></math>\n<p>After.</p>\n")
    }

    @Test func displayMathInsideTextStaysInTheParagraph() {
        let lesson = render("so $$x$$ holds\n")
        #expect(lesson.bodyHTML == "<p>so <math display=\"block\"><semantics><mi>x</mi>"
            + "<annotation encoding=\"application/x-tex\">x</annotation></semantics></math> holds</p>\n")
    }

    @Test func dollarsThatAreNotMathStayText() {
        let lesson = render("It costs $5 and $6, or \\$7, and `$x$` is code.\n")
        #expect(lesson.bodyHTML == "<p>It costs $5 and $6, or $7, and <code>$x$</code> is code.</p>\n")
    }

    @Test func mathInCodeBlocksStaysSource() {
        let lesson = render("```sh\necho $HOME$\n```\n\n    indented $x*y*z$ code\n")
        #expect(lesson.bodyHTML == "<pre><code class=\"language-sh\">echo $HOME$\n</code></pre>\n<pre><code>indented $x*y*z$ code\n</code></pre>\n")
        #expect(lesson.diagnostics.isEmpty)
    }

    @Test func fencedMathBlockIsDisplayMath() {
        let lesson = render("```math\n\\nabla f = \\begin{bmatrix} 6yx \\\\ 3x^2 \\end{bmatrix}\n```\n")
        #expect(lesson.bodyHTML.hasPrefix("<math display=\"block\"><semantics><mrow><mi mathvariant=\"normal\">∇</mi>"))
        #expect(lesson.bodyHTML.contains("<mtable>"))
        #expect(!lesson.bodyHTML.contains("<pre>"))
    }

    @Test func headingAnchorsUseTheTeXNotThePlaceholder() {
        let lesson = render("## The gradient $\\nabla f$\n")
        #expect(lesson.headings.first?.anchor == "the-gradient-nabla-f")
        #expect(lesson.bodyHTML.hasPrefix("<h2 id=\"the-gradient-nabla-f\">The gradient <math"))
        #expect(!hasPlaceholderJunk(lesson.bodyHTML))
    }

    @Test func mathInEmphasisLinksAndTables() {
        let lesson = render("*where $x_i$ is* [the $i$-th](a.md)\n\n| a | b |\n|---|---|\n| $|x|$ | $y$ |\n")
        #expect(lesson.bodyHTML.contains("<em>where <math><semantics><msub>"))
        #expect(lesson.bodyHTML.contains("<a href=\"a.html\">the <math><semantics><mi>i</mi>"))
        #expect(lesson.bodyHTML.contains("<td><math><semantics><mrow><mo form=\"prefix\" stretchy=\"false\">|</mo>"))
        #expect(!hasPlaceholderJunk(lesson.bodyHTML))
    }

    @Test func placeholderThatLandsInALinkDestinationIsRestored() {
        let lesson = render("[a](b$x$c.md)\n")
        #expect(lesson.bodyHTML == "<p><a href=\"b$x$c.html\">a</a></p>\n")
    }

    @Test func multiLineMathInABlockQuoteKeepsTheQuote() {
        let lesson = render("> $$\n> a +\n> b\n> $$\n> after\n")
        #expect(lesson.bodyHTML.hasPrefix("<blockquote>\n<p><math display=\"block\"><semantics><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow>"))
        #expect(lesson.bodyHTML.hasSuffix("</math>\nafter</p>\n</blockquote>\n"))
        #expect(!hasPlaceholderJunk(lesson.bodyHTML))
    }

    @Test func positionsAfterMathAreTheFilesPositions() throws {
        let text = "---\ntitle: T\n---\nSee $$\na\n$$ and [x](y.md) $b$ [z](w.md)\n"
        let lesson = render(text)
        let locations = lesson.links.map(\.location)
        #expect(locations == [SourceLocation(file: "lessons/math.md", line: 6, column: 8),
                              SourceLocation(file: "lessons/math.md", line: 6, column: 22)])
    }

    @Test func texErrorIsADiagnosticAtTheLessonsColumn() throws {
        let text = "---\ntitle: Errors\n---\nThe algebra $\\frak{g}$ and $x^{2$.\n"
        let lesson = render(text)
        try #require(lesson.diagnostics.count == 2)
        let unknown = lesson.diagnostics[0]
        #expect(unknown.id == "math.unknown-command")
        #expect(unknown.message == #"unknown command \frak; did you mean \mathfrak?"#)
        #expect(unknown.location == SourceLocation(file: "lessons/math.md", line: 4, column: 14))
        #expect(unknown.fixIts.first?.replacement == #"\mathfrak"#)
        #expect(unknown.fixIts.first?.range.end.column == 19)
        let brace = lesson.diagnostics[1]
        #expect(brace.id == "math.unbalanced-brace")
        #expect(brace.location == SourceLocation(file: "lessons/math.md", line: 4, column: 31))
        // The page shows the source, marked as an error, never silently as if it were math.
        #expect(lesson.bodyHTML.contains(#"<code class="math-error" title="unknown command \frak; did you mean \mathfrak?">$\frak{g}$</code>"#))
    }

    @Test func errorOnAContinuationLineOfAQuotedDisplay() throws {
        let lesson = render("> $$\n>   a +\n>   \\foo\n> $$\n")
        let diagnostic = try #require(lesson.diagnostics.first)
        #expect(diagnostic.id == "math.unknown-command")
        #expect(diagnostic.location == SourceLocation(file: "lessons/math.md", line: 3, column: 5))
    }

    @Test func errorInAFencedMathBlock() throws {
        let lesson = render("Text\n\n```math\na + b\n\\left( c\n```\n")
        let diagnostic = try #require(lesson.diagnostics.first)
        #expect(diagnostic.id == "math.missing-right")
        #expect(diagnostic.location == SourceLocation(file: "lessons/math.md", line: 5, column: 1))
        #expect(lesson.bodyHTML.contains("<pre class=\"math-error\""))
    }

    /// The places of labels and references in a math block, and of an error repeated in
    /// formulas read once, are found when they are reported (a formula keeps only its reading).
    @Test func labelsInAFencedMathBlockAndRepeatedErrorsAreReportedWhereTheyAre() throws {
        let lesson = render("$$x \\label{eq:a}$$\n\n```math\ny\n\\label{eq:a} + \\eqref{eq:b}\n```\n\n$\\frak{g}$ and $\\frak{g}$\n")
        let places = lesson.diagnostics.map { "\($0.id) \($0.location?.line ?? 0):\($0.location?.column ?? 0)" }
        #expect(places == [
            "math.duplicate-label 5:8", "math.unknown-label 5:23", "math.unknown-command 8:2", "math.unknown-command 8:17",
        ])
        #expect(lesson.diagnostics.first?.notes.first?.location == SourceLocation(file: "lessons/math.md", line: 1, column: 12))
    }

    @Test func displayMathOpenedInAHeadingStaysSourceThere() {
        // Markdown ends the heading at the line end, so the $$ pair is no formula.
        let lesson = render("# A $$\nx$$ b\n")
        #expect(lesson.bodyHTML == "<h1 id=\"a-\">A $$</h1>\n<p>x$$ b</p>\n")
    }

    @Test func authorTypedPrivateUseCharactersSurvive() {
        let lesson = render("odd \u{E000}\u{F0005}\u{E001} text $x$\n")
        #expect(lesson.bodyHTML.hasPrefix("<p>odd \u{E000}\u{F0005}\u{E001} text <math"))
    }

    /// A fence that starts after a lone carriage return keeps the math of its info string as
    /// written, and a `math` block there holds its TeX, not a placeholder: the carriage return
    /// is a line end to the math scanner as it is to cmark.
    @Test func mathAfterALoneCarriageReturnIsScannedLineByLineAsCmarkReadsIt() {
        let fence = render("text\r````$a + 1$ b\ncode\n````\n")
        #expect(fence.bodyHTML == "<p>text</p>\n<pre><code class=\"language-$a\">code\n</code></pre>\n")
        let block = render("\\[&\r```math\nx\n```\n")
        #expect(!block.bodyHTML.unicodeScalars.contains(where: MathPlaceholder.isPlaceholderScalar))
        #expect(block.bodyHTML.hasPrefix("<p>[&amp;</p>\n<math display=\"block\">"))
    }

    /// A `math` block holds its TeX as written even where the scanner, which follows fences
    /// line by line without cmark's containers, saw its fence closed by a quoted one.
    @Test func mathFoundInsideAMathBlockIsItsTeXAgain() {
        let lesson = render("```math\nx\n> ```\n\\eqref{eq:a} $y$\n")
        #expect(!lesson.bodyHTML.unicodeScalars.contains(where: MathPlaceholder.isPlaceholderScalar))
        #expect(lesson.bodyHTML.contains("\\eqref{eq:a} $y$"))
    }

    /// A lone carriage return becomes a line feed when the lesson is read; CR LF stays.
    @Test func loneCarriageReturnsBecomeLineFeeds() {
        #expect(LessonSource(path: "l.md", text: "a\rb\r\nc\r").text == "a\nb\r\nc\n")
        #expect(LessonSource(path: "l.md", text: "\r\r\n\r").text == "\n\r\n\n")
        let unchanged = "é\r\nx\n"
        #expect(LessonSource(path: "l.md", text: unchanged).text == unchanged)
    }

    /// A placeholder's start typed by the author right before a formula (or before code that
    /// holds one) leaves that formula whole: the start that follows is read as a start again.
    @Test func authorTypedPlaceholderStartBeforeMathLeavesTheMath() {
        let prose = render("odd \u{E000}$\\text{naïve}$ end\n")
        #expect(prose.bodyHTML.hasPrefix("<p>odd \u{E000}<math><semantics><mtext>naïve</mtext>"))
        #expect(prose.bodyHTML.hasSuffix("</math> end</p>\n"))
        // Raw HTML gets its math's source back (here shown as text, raw HTML not being trusted).
        let html = render("<div>\u{E000}$x$</div>\n")
        #expect(html.bodyHTML.contains("\u{E000}$x$&lt;/div&gt;"))
    }
}
