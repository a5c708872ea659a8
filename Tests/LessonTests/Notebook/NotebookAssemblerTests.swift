import Lesson
import Testing

/// A lesson cut into notebook cells: prose as written (with what Jupyter cannot know
/// replaced), cells with their outputs, in page order.
@Suite struct NotebookAssemblerTests {
    func notebook(_ text: String, path: String = "lessons/a.md") -> LessonNotebook {
        LessonRenderer.render(
            LessonSource(path: path, text: text),
            options: LessonRenderOptions(passes: [NotebookPass(renderer: NotebookPassTests.LineRenderer())])).notebookDocument
    }

    func markdown(_ cell: LessonNotebook.Cell) -> String? {
        if case .markdown(let text) = cell { text } else { nil }
    }

    func code(_ cell: LessonNotebook.Cell) -> LessonNotebook.Code? {
        if case .code(let code) = cell { code } else { nil }
    }

    @Test func proseAndCellsAlternateInPageOrderWithOutputsInThreeForms() throws {
        let cells = notebook("""
            ---
            title: Gradients
            ---

            # Gradients

            Take $f = 3x^2y$.

            ```swift
            let x, y: Scalar
            gradient(of: 3 * x^2 * y, wrt: [x, y])
            ```

            ## Next

            Done.
            """).cells
        #expect(cells.count == 3)
        #expect(markdown(cells[0]) == "# Gradients\n\nTake $f = 3x^2y$.")
        let cell = try #require(code(cells[1]))
        #expect(cell.source == "let x, y: Scalar\ngradient(of: 3 * x^2 * y, wrt: [x, y])")
        #expect(cell.executionCount == 1)
        #expect(cell.outputs.map(\.text) == ["[6xy, 3x²]"])
        #expect(cell.outputs.map(\.latex) == ["\\begin{bmatrix} 6xy & 3x^{2} \\end{bmatrix}"])
        #expect(cell.outputs.first?.mathML.hasPrefix("<math display=\"block\"") == true)
        #expect(markdown(cells[2]) == "## Next\n\nDone.")
    }

    @Test func inlineValuesBecomeTeXAndFailedOnesStayCode() {
        let cells = notebook("""
            ```swift hide-source
            let x: Scalar
            ```

            The derivative is `{swift} derivative(of: x^3, wrt: x)`, and `` {swift} nope `` fails.
            """).cells
        #expect(cells.compactMap(markdown) == ["The derivative is $3x^{2}$, and `nope` fails."])
        #expect(cells.compactMap(code).first?.hidesSource == true)
    }

    @Test func samplesStayInTheProseAndFailuresAreErrors() throws {
        let cells = notebook("""
            Before.

            ```swift no-eval
            let notRun = 1
            ```

            ```swift
            undefinedName
            ```

            ```swift expect-error, hide-output
            undefinedName
            ```
            """).cells
        #expect(markdown(cells[0]) == "Before.\n\n```swift\nlet notRun = 1\n```")
        let failing = try #require(code(cells[1]))
        #expect(failing.executionCount == 1)
        #expect(failing.outputs.isEmpty)
        #expect(failing.errorText?.contains("unknown name 'undefinedName'") == true)
        #expect(!failing.failedAsExpected)
        let expected = try #require(code(cells[2]))
        #expect(expected.executionCount == 2)
        #expect(expected.failedAsExpected && expected.hidesOutput)
    }

    @Test func mathBlocksLessonLinksAndTeXJupyterLacksAreRewritten() {
        let cells = notebook("""
            See [the Jacobian](part1/jacobians.md#shape), [the web](https://example.com/a.md) and [ref].

            ```math
            \\bm{x} \\coloneqq \\mathbf{y}
            ```

            Inline $\\bm\\theta$ but not in code: `\\bm{x}`.

            [ref]: other.md
            """).cells
        #expect(cells.compactMap(markdown) == ["""
            See [the Jacobian](part1/jacobians.ipynb#shape), [the web](https://example.com/a.md) and [ref].

            $$
            \\boldsymbol{x} \\mathrel{:=} \\mathbf{y}
            $$

            Inline $\\boldsymbol\\theta$ but not in code: `\\bm{x}`.

            [ref]: other.ipynb
            """])
    }

    /// `raw-html = false`: the notebook shows raw HTML as text, as the page does, so a notebook
    /// opened in Jupyter runs nothing a lesson wrote; comments are left out, as on the page.
    @Test func rawHTMLIsShownAsTextUnlessTheSiteTrustsItsAuthors() {
        let lesson = """
            Some <b>bold</b> and <img src=x onerror="alert(1)"> text,
            then <a
            href="javascript:alert(2)">a link</a> over two lines.

            <div class="note">
            *not emphasis* & [not a link](a.md)
            </div>

            > <script>alert(3)</script>
            > more

            - <span>in a list</span> `{swift} 1 + 1`
            - <!-- hidden --> after

            <!-- a hidden note -->
            """
        let cells = notebook(lesson).cells.compactMap(markdown)
        #expect(cells == ["""
            Some \\<b\\>bold\\<\\/b\\> and \\<img src\\=x onerror\\=\\"alert\\(1\\)\\"\\> text,
            then \\<a
            href\\=\\"javascript\\:alert\\(2\\)\\"\\>a link\\<\\/a\\> over two lines.

            \\<div class\\=\\"note\\"\\>
            \\*not emphasis\\* \\& \\[not a link\\]\\(a\\.md\\)
            \\<\\/div\\>

            > \\<script\\>alert\\(3\\)\\<\\/script\\>
            > more

            - \\<span\\>in a list\\<\\/span\\> $2$
            -\u{20}
            """])
        for cell in cells {
            #expect(!cell.replacingOccurrences(of: "\\<", with: "").contains("<"), "raw HTML reached the notebook: \(cell)")
        }
        // A site that trusts its authors gets the HTML as written, in the notebook as on the page.
        let trusted = LessonRenderer.render(
            LessonSource(path: "lessons/a.md", text: lesson),
            options: LessonRenderOptions(allowRawHTML: true, passes: [NotebookPass(renderer: NotebookPassTests.LineRenderer())]))
        #expect(trusted.notebookDocument.cells.compactMap(markdown).first?.hasPrefix("Some <b>bold</b> and <img src=x") == true)
    }

    /// Links to lessons become links to their notebooks in one pass over the text, in every
    /// form Markdown writes them, and only there.
    @Test func lessonLinksInEveryFormPointToNotebooks() {
        let cells = notebook("""
            [a](a.md) [b](b.md "title") [c](<c d.md>) [e](e.md#x) [a again](a.md) [f][] [g][]
            [web](https://x.org/a.md) (a.md) [a](a.mdx)

            [f]: f.md
            [g]: g.md "title"
            """).cells
        #expect(cells.compactMap(markdown) == ["""
            [a](a.ipynb) [b](b.ipynb "title") [c](<c d.ipynb>) [e](e.ipynb#x) [a again](a.ipynb) [f][] [g][]
            [web](https://x.org/a.md) (a.md) [a](a.mdx)

            [f]: f.ipynb
            [g]: g.ipynb "title"
            """])
    }

    @Test func aLessonWithoutCellsIsOneMarkdownCellPerSection() {
        let cells = notebook("# A\n\nOne.\n\n## B\n\nTwo.\n\n- # not a section\n").cells
        #expect(cells.compactMap(markdown) == ["# A\n\nOne.", "## B\n\nTwo.\n\n- # not a section"])
    }

    @Test func texNormalisationLeavesEscapesAndOtherCommandsAlone() {
        #expect(JupyterTeX.normalizing(Array("\\\\bm \\bm{x}\\bmatrix \\degree".unicodeScalars)) == "\\\\bm \\boldsymbol{x}\\bmatrix {}^{\\circ}")
    }
}

/// The plain-text sections a lesson gives the search index.
@Suite struct LessonSectionTests {
    @Test func sectionsHoldProseMathAndCellOutputs() {
        let lesson = LessonRenderer.render(
            LessonSource(path: "lessons/a.md", text: """
                Intro with $\\frac{\\partial f}{\\partial x}$.

                ## The *diagonal* case

                ```swift
                let x: Vector<2>
                jacobian(of: x ⊙ x, wrt: x)
                ```

                $$\\nabla f$$
                """),
            options: LessonRenderOptions(passes: [NotebookPass(renderer: NotebookPassTests.LineRenderer())]))
        #expect(lesson.sections.map(\.heading) == [nil, "The diagonal case"])
        #expect(lesson.sections.map(\.anchor) == [nil, "the-diagonal-case"])
        #expect(lesson.sections.first?.text == "Intro with partial f partial x .")
        let second = lesson.sections.last?.text ?? ""
        #expect(second.contains("jacobian(of: x ⊙ x, wrt: x)"))
        #expect(second.contains("diag("))
        #expect(second.hasSuffix("nabla f"))
    }

    /// A `math` block's words are its formula's, not its fences'; a quoted one's too, and in a
    /// lesson with Windows line ends.
    @Test func aMathBlocksWordsAreItsFormulasAlone() {
        for text in ["# A\n\n```math\nx^2 + y\n```\n\nend\n", "# A\r\n\r\n> ~~~~math\r\n> x^2 + y\r\n> ~~~~\r\n\r\nend\r\n"] {
            let lesson = LessonRenderer.render(LessonSource(path: "lessons/a.md", text: text), options: LessonRenderOptions())
            #expect(lesson.sections.last?.text == "x2 + y end", "\(text.debugDescription)")
        }
    }

    @Test func texBecomesWords() {
        #expect(SearchText.fromTeX("\\operatorname{diag}(\\mathbf{x})^{\\top}") == "diag(x) top")
        #expect(SearchText.fromTeX("J = \\begin{bmatrix} a_1 & b^{2} \\\\ \\frac{c}{d} \\end{bmatrix}") == "J = a1 b2 c d")
        #expect(SearchText.fromTeX("a\\,b \\{c\\}") == "a b {c}")
    }
}
