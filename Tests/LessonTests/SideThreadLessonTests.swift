import Diagnostics
import Markdown
import Testing
@testable import Lesson

/// A large lesson's stages on two threads (prose math written in halves, the final block
/// rewrites and the page in halves, the page beside the notebook): the same parsed and rendered
/// lesson as on one, for content whose rendering depends on other parts of the lesson.
@Suite struct SideThreadLessonTests {
    static let block = #"""
        ## Section

        A paragraph with *emphasis*, `code $x$`, a [link](other.md#part) and math $x^2 + \frac{a}{b}$,
        then display math:

        $$\nabla_x (x^\top A x) = (A + A^\top) x \label{eq:grad}$$

        As \eqref{eq:later} and $\eqref{eq:grad}$ say, $\R^n$ is $\bad$ here.

        - a list item with $\alpha_i$
        - another with [a link](https://example.com/)[^note]

        > [!TIP] A title with $y$
        > Callout body.

        > [!NOTES]
        > Not a kind.

        ![A figure](figure.svg "Its caption")

        ![](no-alt.png)

        <div class="x">raw</div>

        Inline <span>raw</span> and <!-- a comment -->.

        <!-- a block comment -->

        ```math
        \newcommand{\R}{\mathbb{R}}
        y = \R \label{eq:later}
        ```

        [^note]: A footnote with $z$.

        """#

    static func lesson(repeating count: Int) -> LessonSource {
        LessonSource(path: "lessons/big.md", text: "# Big\n\n" + String(repeating: block, count: count))
    }

    @Test(arguments: [1, 2, 7])
    func parsedAndRenderedAsOnOneThread(blocks: Int) {
        let source = Self.lesson(repeating: blocks)
        let serial = LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: false)
        let halves = LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: true)
        #expect(halves.document == serial.document)
        #expect(halves.diagnostics == serial.diagnostics)
        #expect(halves.equationLabels == serial.equationLabels)
        for allowRawHTML in [false, true] {
            let options = LessonRenderOptions(allowRawHTML: allowRawHTML)
            let rendered = LessonRenderer.render(halves, options: options, sideThread: true)
            let expected = LessonRenderer.render(serial, options: options, sideThread: false)
            #expect(rendered == expected)
            #expect(rendered.bodyHTML.contains("callout-tip"))
        }
    }

    /// A lesson with nothing for the final rewrites (no `>`, `![` or `<`): its tree is kept, its
    /// links collected in halves, as on one thread and in order.
    @Test(arguments: [1, 2, 9])
    func aLessonWithNothingToRewriteRendersAsOnOneThread(blocks: Int) {
        let block = "## Section\n\nA [link](other.md#part) and $x^2$, www.example.com and [more](https://example.com/).\n\n- an item with [a link](#section-1)\n\n"
        let source = LessonSource(path: "lessons/big.md", text: "# Big\n\n" + String(repeating: block, count: blocks))
        let serial = LessonRenderer.render(LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: false), options: .init(), sideThread: false)
        let halves = LessonRenderer.render(LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: true), options: .init(), sideThread: true)
        #expect(halves == serial)
        #expect(halves.links.count == blocks * 4)
        #expect(halves.links.map(\.location.line) == halves.links.map(\.location.line).sorted())
        #expect(halves.links.first?.destination == "other.md#part")
    }

    /// Without footnotes the page itself is rendered in halves (with them, whole again).
    @Test func aLessonWithoutFootnotesRendersAsOnOneThread() {
        let text = Self.lesson(repeating: 5).text
            .replacingOccurrences(of: "[^note]", with: "").replacingOccurrences(of: ": A footnote with $z$.", with: "")
        let source = LessonSource(path: "lessons/big.md", text: text)
        let serial = LessonRenderer.render(LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: false), options: .init(), sideThread: false)
        let halves = LessonRenderer.render(LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: true), options: .init(), sideThread: true)
        #expect(!serial.bodyHTML.contains("footnote"))
        #expect(halves == serial)
    }

    /// Cells (run by the notebook pass) among the sections: the notebook's cells in the same
    /// order, its Markdown cells written two at a time.
    @Test func cellsAndTheirNotebookAsOnOneThread() {
        let section = """
            ## Part

            Text with `{swift} 1 + 2` inline and $x$.

            ```swift
            let x: Scalar
            x^2
            ```

            ```swift no-eval
            let sample = 1
            ```

            More text.

            """
        let source = LessonSource(path: "lessons/cells.md", text: "# Cells\n\n" + String(repeating: section, count: 9))
        let options = LessonRenderOptions(passes: [NotebookPass(renderer: NotebookPassTests.LineRenderer())])
        func rendered(_ sideThread: Bool) -> RenderedLesson {
            var lesson = LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: sideThread)
            for pass in options.passes { pass.apply(to: &lesson) }
            return LessonRenderer.render(lesson, options: options, sideThread: sideThread)
        }
        let serial = rendered(false)
        #expect(serial.notebook.cellsRun == 9)
        #expect(serial.notebookDocument.cells.count > 18)
        #expect(rendered(true) == serial)
    }

    /// The search sections of the top-level blocks in two parts (cut at a top-level heading
    /// past the middle) are those of one walk: with text before the first heading, display
    /// math and code, with no heading past the middle (one walk then), with headings past it
    /// only inside a block quote, and with one heading alone.
    @Test(arguments: [
        "Intro with $x$.\n\n" + String(repeating: "## S\n\nText $y$ and `code`.\n\n$$z = 1$$\n\n```swift no-eval\nlet a = 1\n```\n\n", count: 6),
        "# A\n\n" + String(repeating: "A paragraph.\n\n", count: 9),
        "# A\n\nOne.\n\nTwo.\n\n" + String(repeating: "> # Q\n>\n> quoted\n\n", count: 4),
        "# Alone\n",
        "## One\n\n## Two\n\ntext\n\n## Three\n",
    ])
    func sectionsInPartsAreThoseOfOneWalk(_ markdown: String) {
        let lesson = LessonRenderer.parse(LessonSource(path: "lessons/s.md", text: markdown))
        let whole = LessonSectionCollector.collect(lesson.document, lesson: lesson)
        #expect(LessonSectionCollector.collectInHalves(lesson.document, lesson: lesson) == whole)
        #expect(!whole.isEmpty)
    }
}
