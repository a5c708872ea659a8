import Diagnostics
import Lesson
import Testing

/// The evaluate step on single lessons: order, sessions, flags and inline values.
@Suite struct NotebookPassTests {
    /// Shows a cell as one line, so tests read what a template would receive.
    struct LineRenderer: NotebookCellRendering {
        func html(for cell: NotebookCell) -> String {
            let number = cell.number.map { "In[\($0)]" } ?? "sample"
            let outputs = cell.outputs.map(\.text).joined(separator: " | ")
            let error = cell.errorText.map { " error(\(cell.failedAsExpected ? "expected" : "unexpected")): " + ($0.split(separator: "\n").first ?? "") } ?? ""
            return "<cell \(number) line=\(cell.location.line)> \(outputs)\(error)\n"
        }
    }

    func render(_ text: String, path: String = "lessons/a.md") -> RenderedLesson {
        LessonRenderer.render(
            LessonSource(path: path, text: text),
            options: LessonRenderOptions(passes: [NotebookPass(renderer: LineRenderer())]))
    }

    @Test func cellsRunInOrderInOneSessionAndShowEveryBareExpression() {
        let lesson = render("""
            ```swift
            let x, y: Scalar
            let f = 3 * x^2 * y
            ```

            ```swift
            derivative(of: f, wrt: x)
            derivative(of: f, wrt: y)
            ```
            """)
        #expect(lesson.diagnostics.isEmpty)
        #expect(lesson.bodyHTML.contains("<cell In[1] line=2> \n"))
        #expect(lesson.bodyHTML.contains("<cell In[2] line=7> 6xy | 3x²\n"))
        #expect(lesson.notebook.cellsRun == 2)
    }

    @Test func namesNeverLeakIntoAnotherLesson() {
        _ = render("```swift\nlet x: Scalar\n```\n", path: "lessons/a.md")
        let other = render("```swift\nx\n```\n", path: "lessons/b.md")
        #expect(other.diagnostics.map(\.id) == ["cell.unknown-name"])
        #expect(other.diagnostics.first?.location == SourceLocation(file: "lessons/b.md", line: 2, column: 1))
    }

    @Test func aFailingStatementKeepsEarlierBindingsSoLaterCellsReportOnlyTheirOwnErrors() {
        let lesson = render("""
            ```swift
            let x: Scalar
            ```

            ```swift
            let y = 2 * x
            nope
            ```

            ```swift
            y
            ```
            """)
        // `y` was bound before the failing line, so the last cell runs: one problem, the typo.
        #expect(lesson.diagnostics.map(\.id) == ["cell.unknown-name"])
        #expect(lesson.diagnostics.map { $0.location?.line } == [7])
        #expect(lesson.notebook.cellsFailed == 1)
    }

    @Test func frontMatterShiftsNothing_positionsAreLinesOfTheFile() {
        let lesson = render("---\ntitle: T\n---\n\n```swift\nundefined\n```\n")
        #expect(lesson.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 6, column: 1))
    }

    @Test func cellsInsideListsReportTheirIndentedColumn() {
        let lesson = render("- item\n\n  ```swift\n  undefined\n  ```\n")
        #expect(lesson.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 4, column: 3))
    }

    @Test func noEvalCellsAreNotRunAndOtherFencesAreOrdinaryCode() {
        let lesson = render("```swift no-eval\nundefined\n```\n\n```python\nx = 1\n```\n")
        #expect(lesson.diagnostics.isEmpty)
        #expect(lesson.bodyHTML.contains("<cell sample line=2>"))
        #expect(lesson.bodyHTML.contains("<pre><code class=\"language-python\">x = 1\n</code></pre>"))
        #expect(lesson.notebook.cellsRun == 0)
    }

    @Test func expectErrorCellsMustFail() {
        let good = render("```swift expect-error\nlet v: Vector<3>\nv * v\n```\n")
        #expect(good.diagnostics.isEmpty)
        #expect(good.bodyHTML.contains("error(expected)"))

        let wrong = render("```swift expect-error\nlet s: Scalar\ns\n```\n")
        #expect(wrong.diagnostics.map(\.id) == ["cell.unexpected-success"])
        #expect(wrong.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 1, column: 10))
    }

    @Test func unknownFlagsAreWarningsWithASuggestion() {
        let lesson = render("```swift, hide-sorce\nlet s: Scalar\n```\n")
        let warning = lesson.diagnostics.first
        #expect(warning?.severity == .warning)
        #expect(warning?.message == "unknown cell flag 'hide-sorce'; did you mean 'hide-source'?")
        #expect(warning?.location == SourceLocation(file: "lessons/a.md", line: 1, column: 11))
    }

    @Test func inlineValuesUseTheSessionSoFar() {
        let lesson = render("""
            ```swift
            let x, y: Scalar
            ```

            The partial is `{swift} derivative(of: 3 * x^2 * y, wrt: x)` and `{swift} zz` fails.
            """)
        #expect(lesson.bodyHTML.contains("<math"))
        #expect(lesson.bodyHTML.contains("<code class=\"cell-inline-error\">zz</code>"))
        #expect(lesson.diagnostics.map(\.id) == ["cell.unknown-name"])
        #expect(lesson.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 5, column: 75))
        #expect(lesson.notebook.inlineValues == 2)
    }

    @Test func layoutFromFrontMatterSetsTheSession() {
        let lesson = render("""
            ---
            layout: denominator
            ---
            ```swift
            let x: Vector<n>
            gradient(of: sum(x), wrt: x)
            ```
            """)
        #expect(lesson.diagnostics.isEmpty)
        #expect(lesson.bodyHTML.contains("<cell In[1] line=5> 𝟏\n") || lesson.bodyHTML.contains("<cell In[1] line=5> 1\n"))
    }
}
