import Diagnostics
import Lesson
import Testing
@testable import Site

/// What may be stored: a result that ran into a cell's time limit depends on the machine's load.
@Suite struct LessonCacheReuseTests {
    @Test func aLessonThatHitACellLimitIsNotStored() {
        func lesson(_ ids: [String]) -> RenderedLesson {
            RenderedLesson(
                path: "lessons/a.md", title: "A", description: nil, frontMatter: FrontMatter(), bodyHTML: "",
                headings: [], links: [],
                diagnostics: ids.map { Diagnostic(id: $0, message: "m", location: SourceLocation(file: "lessons/a.md", line: 1, column: 1)) })
        }
        #expect(LessonCache.isReusable(lesson([])))
        #expect(LessonCache.isReusable(lesson(["cell.unknown-name"])))
        #expect(!LessonCache.isReusable(lesson(["cell.unknown-name", "cell.budget-exceeded"])))
    }
}
