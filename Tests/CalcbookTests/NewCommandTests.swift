import Foundation
import Testing

/// `calcbook new` as a user runs it: what it prints and its exit status.
@Suite struct NewCommandTests {
    @Test func writesTheLessonListsItAndExitsZero() throws {
        let project = try ProjectFolder(["lessons/SUMMARY.md": "# Summary\n\n- [Home](index.md)\n", "lessons/index.md": "# Home\n"])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["new", "part2/softmax"], in: project.path)
        #expect(result.status == 0)
        #expect(result.standardError == "Wrote lessons/part2/softmax.md and listed it in lessons/SUMMARY.md\n")
        #expect(project.exists("lessons/part2/softmax.md"))
    }

    @Test func aTakenOrInvalidNameExitsTwoAndWritesNothing() throws {
        let project = try ProjectFolder(["lessons/index.md": "# Home\n"])
        defer { project.remove() }
        let taken = try CalcbookProcess.run(["new", "index"], in: project.path)
        #expect(taken.status == 2)
        #expect(taken.standardError == "error: 'lessons/index.md' already exists; choose another name or edit it\n")
        let outside = try CalcbookProcess.run(["new", "../x"], in: project.path)
        #expect(outside.status == 2)
        #expect(!project.exists("x.md"))
        let missing = try CalcbookProcess.run(["new"], in: project.path)
        #expect(missing.status == 2)
    }
}
