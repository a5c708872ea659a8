import Diagnostics
import Foundation
import Testing
@testable import Site

@Suite struct LoadStepTests {
    @Test func readsLessonsRecursivelyInPathOrderAndListsOtherFiles() throws {
        let folder = try TemporaryFolder([
            "lessons/b.md": "# B", "lessons/a/z.md": "# Z", "lessons/a.md": "# A", "lessons/SUMMARY.md": "- [A](a.md)",
            "lessons/a/plot.svg": "<svg/>", "lessons/.hidden.md": "# hidden", "lessons/.git/config": "x",
        ])
        defer { folder.remove() }
        let project = try LoadStep(configuration: SiteConfiguration(root: folder.path)).run()
        #expect(project.lessons.map(\.relativePath) == ["a.md", "a/z.md", "b.md"])
        #expect(project.lessons.map(\.source.path) == ["lessons/a.md", "lessons/a/z.md", "lessons/b.md"])
        #expect(project.summary?.path == "lessons/SUMMARY.md")
        #expect(project.otherFiles == ["a/plot.svg"])
        #expect(project.diagnostics.isEmpty)
    }

    @Test func aLessonThatIsNotUTF8IsReportedAtTheFirstBadByte() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("lessons/latin1.md", data: Data("# Caf".utf8) + Data([0xE9]) + Data("\n".utf8))
        try folder.write("lessons/binary.md", data: Data("ok\nab".utf8) + Data([0xFF, 0x00]))
        let project = try LoadStep(configuration: SiteConfiguration(root: folder.path)).run()
        #expect(project.lessons.isEmpty)
        #expect(project.diagnostics == [
            Diagnostic(id: "lessons.not-utf8", message: "this lesson is not UTF-8 text",
                       location: SourceLocation(file: "lessons/binary.md", line: 2, column: 3)),
            Diagnostic(id: "lessons.not-utf8", message: "this lesson is not UTF-8 text",
                       location: SourceLocation(file: "lessons/latin1.md", line: 1, column: 6)),
        ])
    }

    @Test func aSymbolicLinkOutOfTheLessonsFolderIsNotRead() throws {
        let folder = try TemporaryFolder(["secret.md": "# Secret", "lessons/a.md": "# A"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/lessons/leak.md", withDestinationPath: folder.path + "/secret.md")
        let project = try LoadStep(configuration: SiteConfiguration(root: folder.path)).run()
        #expect(project.lessons.map(\.relativePath) == ["a.md"])
        #expect(project.diagnostics.map(\.id) == ["lessons.link-outside"])
    }

    @Test func aLessonsPathThatIsAFileCannotRun() throws {
        let folder = try TemporaryFolder(["lessons": "not a folder"])
        defer { folder.remove() }
        #expect {
            _ = try LoadStep(configuration: SiteConfiguration(root: folder.path)).run()
        } throws: { error in
            (error as? SiteBuildFailure)?.diagnostics.map(\.message) == ["the lessons folder 'lessons' is a file, not a folder"]
        }
    }
}
