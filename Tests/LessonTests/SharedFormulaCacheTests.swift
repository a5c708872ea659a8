import Testing
import TeXMath
@testable import Lesson

/// Lessons of one project share the formulas they read under the project's macros, and a page
/// is the same whether its formulas came from that cache or not.
@Suite struct SharedFormulaCacheTests {
    static let macroFile = "\\newcommand{\\R}{\\mathbb{R}}\n"

    func projectMacros(_ text: String = macroFile) -> ProjectMacros {
        ProjectMacros.load(text, path: "macros.tex").macros
    }

    func render(_ text: String, path: String = "lessons/a.md", macros: ProjectMacros) -> RenderedLesson {
        LessonRenderer.render(LessonSource(path: path, text: text), options: .init(macros: macros))
    }

    @Test func aSecondLessonReusesTheFormulasOfTheFirst() {
        let macros = projectMacros()
        let first = render("$x^2$ and $\\R^n$, $x^2$ again.\n", macros: macros)
        #expect(macros.formulas.statistics.entries == 2)
        #expect(macros.formulas.statistics.hits == 0)
        let second = render("Now $\\R^n$ and $x^2$.\n", path: "lessons/b.md", macros: macros)
        #expect(macros.formulas.statistics.hits == 2)
        #expect(second.bodyHTML == render("Now $\\R^n$ and $x^2$.\n", path: "lessons/b.md", macros: projectMacros()).bodyHTML)
        #expect(first.bodyHTML.contains("<mi>ℝ</mi>"))
        #expect(second.bodyHTML.contains("<mi>ℝ</mi>"))
    }

    @Test func aLessonThatChangesTheMacrosNeitherUsesNorFillsTheCache() {
        let macros = projectMacros()
        _ = render("$\\R$ and $y$.\n", macros: macros)
        let stored = macros.formulas.statistics.entries
        let redefining = render("$\\renewcommand{\\R}{z}$\n\n$\\R$ and $y$ and $w$.\n", path: "lessons/b.md", macros: macros)
        #expect(redefining.bodyHTML.contains("<mi>z</mi>"))
        #expect(!redefining.bodyHTML.contains("ℝ"))
        #expect(macros.formulas.statistics.entries == stored)
        let defining = render("$\\newcommand{\\foo}{q}$ $\\foo$\n", path: "lessons/c.md", macros: macros)
        #expect(defining.diagnostics.isEmpty)
        let using = render("$\\foo$\n", path: "lessons/d.md", macros: macros)
        #expect(using.diagnostics.count == 1)
    }

    @Test func errorsAreNotSharedSoEachNamesItsOwnLesson() {
        let macros = projectMacros()
        let first = render("$\\bad$\n", macros: macros)
        let second = render("Text $\\bad$\n", path: "lessons/b.md", macros: macros)
        #expect(macros.formulas.statistics.entries == 0)
        #expect(first.diagnostics.map(\.location?.file) == ["lessons/a.md"])
        #expect(second.diagnostics.map(\.location?.file) == ["lessons/b.md"])
        #expect(second.diagnostics.map(\.location?.column) == [7])
    }

    @Test func numberedEquationsTakeTheirNumberFromTheirOwnLesson() {
        let macros = projectMacros()
        let equation = "$$y = x \\label{eq:line}$$\n\nSee $\\eqref{eq:line}$.\n"
        let first = render(equation, macros: macros)
        let second = render("$$a = b \\label{eq:before}$$\n\n" + equation, path: "lessons/b.md", macros: macros)
        #expect(first.bodyHTML.contains(">(1)</span>"))
        #expect(second.bodyHTML.contains(">(2)</span>"))
        #expect(second.bodyHTML.contains("href=\"#eq:line\">(2)</a>"))
    }

    @Test func newMacrosGetANewCacheAndCopiesShareOne() {
        var macros = projectMacros()
        let copy = macros
        #expect(copy.formulas === macros.formulas)
        #expect(projectMacros().formulas !== macros.formulas)
        _ = render("$x$\n", macros: macros)
        macros.macros = projectMacros("\\newcommand{\\C}{\\mathbb{C}}\n").macros
        #expect(macros.formulas !== copy.formulas)
        #expect(macros.formulas.statistics.entries == 0)
    }

    @Test func pagesAreTheSameInAnyOrderAndConcurrently() async {
        let lessons = (0..<12).map { index in
            LessonSource(path: "lessons/l\(index).md", text: """
                # Part \(index)

                $x_\(index % 3)$ and $\\R^{\(index % 4)}$ with $\\frac{a}{b}$.

                $$\\sum_{i=1}^{\(index % 2)} x_i \\label{eq:s}$$

                By $\\eqref{eq:s}$, $x_\(index % 3)$.

                """)
        }
        let alone = lessons.map { LessonRenderer.render($0, options: .init(macros: projectMacros())).bodyHTML }
        let macros = projectMacros()
        let reversed = lessons.reversed().map { LessonRenderer.render($0, options: .init(macros: macros)).bodyHTML }
        #expect(Array(reversed.reversed()) == alone)
        let shared = projectMacros()
        let concurrent = await withTaskGroup(of: (Int, String).self) { group in
            for (index, lesson) in lessons.enumerated() {
                group.addTask { (index, LessonRenderer.render(lesson, options: .init(macros: shared)).bodyHTML) }
            }
            var pages = Array(repeating: "", count: lessons.count)
            for await (index, page) in group { pages[index] = page }
            return pages
        }
        #expect(concurrent == alone)
        #expect(shared.formulas.statistics.hits > 0)
    }

    @Test func aFullCacheKeepsWhatItHasAndStoresNothingMore() throws {
        var macros = TeXMacros()
        let parsed = try TeXToMathML.parse("x", display: false, macros: &macros)
        let byCount = SharedFormulaCache(maximumEntries: 1)
        byCount.store(.init(parsed: parsed, markup: "<math>x</math>"), for: .init(tex: "x", display: false))
        byCount.store(.init(parsed: parsed, markup: "<math>y</math>"), for: .init(tex: "y", display: false))
        #expect(byCount.statistics.entries == 1)
        #expect(byCount.entry(for: .init(tex: "x", display: false))?.markup == "<math>x</math>")
        #expect(byCount.entry(for: .init(tex: "y", display: false)) == nil)
        #expect(byCount.entry(for: .init(tex: "x", display: true)) == nil)
        let byBytes = SharedFormulaCache(maximumBytes: 20)
        byBytes.store(.init(parsed: parsed, markup: "<math>x</math>"), for: .init(tex: "x", display: false))
        byBytes.store(.init(parsed: parsed, markup: "<math>y</math>"), for: .init(tex: "y", display: false))
        #expect(byBytes.statistics.entries == 1)
    }
}
