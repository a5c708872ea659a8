import Diagnostics
import Lesson
import Testing

/// Issue #17's hostile cells inside a lesson: the page is built with a located diagnostic
/// (or the value), the build is not taken down.
@Suite struct HostileCellLessonTests {
    func render(_ cell: String) -> RenderedLesson {
        LessonRenderer.render(
            LessonSource(path: "lessons/h.md", text: "# H\n\n```swift\n\(cell)\n```\n"),
            options: LessonRenderOptions(passes: [NotebookPass(renderer: NotebookPassTests.LineRenderer())]))
    }

    @Test("a bidirectional control in a cell is an error at its place in the lesson")
    func bidirectionalControl() {
        let lesson = render("let x: Scalar\nlet y\u{202E} = x")
        #expect(lesson.diagnostics.map(\.id) == ["cell.invalid-character"])
        #expect(lesson.diagnostics.first?.location == SourceLocation(file: "lessons/h.md", line: 5, column: 6))
        #expect(!lesson.bodyHTML.contains("\u{202E}") || lesson.bodyHTML.contains("error"))
    }

    @Test("thirty nested brackets: a located error on the page, in no time")
    func nestedBrackets() {
        let lesson = render(String(repeating: "[", count: 30) + "1" + String(repeating: "]", count: 30))
        #expect(lesson.diagnostics.map(\.id) == ["cell.budget-exceeded"])
        #expect(lesson.diagnostics.first?.location?.line == 4)
    }

    @Test("a 30-level power tower is shown on the page")
    func powerTower() {
        let lesson = render("let x: Scalar\n" + Array(repeating: "x", count: 30).joined(separator: "^"))
        #expect(lesson.diagnostics.isEmpty)
        #expect(lesson.bodyHTML.contains("x^x^x^x"))
    }
}
