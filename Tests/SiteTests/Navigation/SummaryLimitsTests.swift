import Diagnostics
import Foundation
import Lesson
import Testing
@testable import Site

/// `SUMMARY.md` nested thousands of levels deep overflowed the stack while the table of
/// contents was rendered; titles with invisible controls reached every page.
@Suite struct SummaryLimitsTests {
    static func nested(_ levels: Int) -> String {
        var text = "# Summary\n\n"
        for level in 0..<levels { text += String(repeating: "  ", count: level) + "- [Level \(level)](a.md)\n" }
        return text
    }

    @Test func listsNestedPastTheLimitAreCutWithALocatedError() {
        let (outline, diagnostics) = SummaryParser.parse(LessonSource(path: "lessons/SUMMARY.md", text: Self.nested(40)))
        #expect(diagnostics.map(\.id) == ["summary.too-deep"])
        #expect(diagnostics.first?.location == SourceLocation(file: "lessons/SUMMARY.md", line: 3 + 32, column: 65))
        var depth = 0
        var entries = outline.sections.first?.entries ?? []
        while let first = entries.first {
            depth += 1
            entries = first.children
        }
        #expect(depth == SummaryParser.maximumDepth)
    }

    @Test(.timeLimit(.minutes(2)))
    func aBuildWithASummaryNested2600LevelsFinishesWithTheError() async throws {
        let folder = try TemporaryFolder(["lessons/SUMMARY.md": Self.nested(2_600), "lessons/a.md": "# A\n"])
        defer { folder.remove() }
        let report = try await SiteBuilder(configuration: SiteConfiguration(root: folder.path, jobs: 1)).build()
        #expect(report.diagnostics.contains { $0.id == "summary.too-deep" })
        #expect(!report.wroteSite)
    }

    @Test func aTitleWithABidiOverrideIsAnErrorAndNeverReachesThePage() {
        let (outline, diagnostics) = SummaryParser.parse(LessonSource(
            path: "lessons/SUMMARY.md", text: "- [Gradients\u{202E}exe.txt](a.md)\n- Draft \u{2067}x\n"))
        #expect(diagnostics.map(\.id) == ["summary.invisible-character", "summary.invisible-character"])
        #expect(diagnostics.first?.location == SourceLocation(file: "lessons/SUMMARY.md", line: 1, column: 3))
        #expect(outline.allEntries.map(\.title) == ["Gradientsexe.txt", "Draft x"])
    }
}
