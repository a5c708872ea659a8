import Diagnostics
import Foundation
import Testing
import Lesson
@testable import Site

/// `calcbook new`: the lesson from the template, its place in `SUMMARY.md`, and refusals.
@Suite struct NewLessonTests {
    static let summary = """
        # Summary

        [Welcome](index.md)

        - [Notation](notation.md)

        # Part 1

        - [Gradients](part1/gradients.md)
          - [Jacobians](part1/jacobians.md)
            - [Deep](part1/deep.md)

        # Part 2

        * [Hessians](part2/hessians.md)

        """

    @Test func aLessonGoesAfterTheLastEntryOfItsFolderAtTheSameDepth() {
        let text = SummaryInsertion.inserting(title: "Softmax", lesson: "part1/softmax.md", into: Self.summary)
        #expect(text.contains("""
                - [Deep](part1/deep.md)
                - [Softmax](part1/softmax.md)

            # Part 2
            """))
    }

    @Test func theBulletAndIndentOfTheNeighbourAreKept() {
        let text = SummaryInsertion.inserting(title: "Newton", lesson: "part2/newton.md", into: Self.summary)
        #expect(text.hasSuffix("* [Hessians](part2/hessians.md)\n* [Newton](part2/newton.md)\n"))
    }

    @Test func aLessonInAnUnlistedFolderGoesAfterTheLastEntry() {
        let text = SummaryInsertion.inserting(title: "Appendix [A]", lesson: "appendix/a b.md", into: Self.summary)
        #expect(text.hasSuffix("* [Hessians](part2/hessians.md)\n* [Appendix \\[A\\]](appendix/a%20b.md)\n"))
        // The entry reads back as a lesson with that title.
        let (outline, diagnostics) = SummaryParser.parse(LessonSource(path: "SUMMARY.md", text: text))
        #expect(diagnostics.isEmpty)
        #expect(outline.allEntries.last?.lesson == "appendix/a b.md")
        #expect(outline.allEntries.last?.title == "Appendix [A]")
    }

    @Test func aSummaryWithoutListsGetsOne() {
        #expect(SummaryInsertion.inserting(title: "A", lesson: "a.md", into: "# Summary\n") == "# Summary\n- [A](a.md)\n")
    }

    @Test func namesBecomeLessonPathsAndTitles() throws {
        #expect(try NewLesson.lessonPath("part2/softmax", lessonsFolder: "lessons") == "part2/softmax.md")
        #expect(try NewLesson.lessonPath("lessons/part2/softmax.md", lessonsFolder: "lessons") == "part2/softmax.md")
        #expect(NewLesson.title(fromPath: "part2/softmax-gradients.md") == "Softmax gradients")
        for bad in ["../outside", "/etc/passwd", "notes.txt", "SUMMARY", "a//b"] {
            #expect(throws: SiteBuildFailure.self, "\(bad)") { try NewLesson.lessonPath(bad, lessonsFolder: "lessons") }
        }
    }

    @Test func theNewLessonIsListedAndBuildsWithoutProblems() async throws {
        let folder = try TemporaryFolder([
            "lessons/SUMMARY.md": Self.summary,
            "lessons/index.md": "# Welcome\n",
            "lessons/notation.md": "# Notation\n",
            "lessons/part1/gradients.md": "# Gradients\n",
            "lessons/part1/jacobians.md": "# Jacobians\n",
            "lessons/part1/deep.md": "# Deep\n",
            "lessons/part2/hessians.md": "# Hessians\n",
        ])
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path, jobs: 2)
        let result = try NewLesson(configuration: configuration).create(name: "part2/newton-steps")
        #expect(result == NewLesson.Result(lesson: "lessons/part2/newton-steps.md", summary: "lessons/SUMMARY.md"))
        #expect(folder.read("lessons/part2/newton-steps.md")?.contains("# Newton steps\n") == true)
        #expect(folder.read("lessons/SUMMARY.md")?.contains("* [Newton steps](part2/newton-steps.md)\n") == true)

        // The template's cell runs and its #expect holds: a new lesson starts green.
        let report = try await SiteBuilder(configuration: configuration).build()
        #expect(report.diagnostics.isEmpty)
        #expect(report.cells == 1)
        #expect(folder.read("site/part2/newton-steps.html")?.contains("<math") == true)
    }

    @Test func anExistingLessonIsNeverOverwritten() throws {
        let folder = try TemporaryFolder(["lessons/a.md": "# Mine\n"])
        defer { folder.remove() }
        #expect(throws: SiteBuildFailure.self) {
            try NewLesson(configuration: SiteConfiguration(root: folder.path)).create(name: "a")
        }
        #expect(folder.read("lessons/a.md") == "# Mine\n")
    }

    @Test func withoutASummaryOnlyTheLessonIsWritten() throws {
        let folder = try TemporaryFolder(["lessons/index.md": "# Home\n"])
        defer { folder.remove() }
        let result = try NewLesson(configuration: SiteConfiguration(root: folder.path)).create(name: "intro", title: "Start here")
        #expect(result.summary == nil)
        #expect(folder.read("lessons/intro.md")?.hasPrefix("---\ntitle: Start here\n") == true)
        #expect(!folder.exists("lessons/SUMMARY.md"))
    }

    @Test func aProjectTemplateReplacesTheBuiltInOne() throws {
        let folder = try TemporaryFolder(["templates/new-lesson.mustache": "# {{{title}}}\n\nOur house style.\n"])
        defer { folder.remove() }
        _ = try NewLesson(configuration: SiteConfiguration(root: folder.path)).create(name: "x-y")
        #expect(folder.read("lessons/x-y.md") == "# X y\n\nOur house style.\n")
    }
}

/// `calcbook new` refuses names the build would skip or misread, and paths that leave the
/// lessons folder through a symbolic link.
@Suite struct NewLessonNameTests {
    @Test(arguments: ["", " ", ".", "part/", "a\nb", "a:b", "%2e%2e/z", ".hidden", "a/.b/c", "x\u{202E}y", "a#b", "a(b)", "a\\b", "a/../b"])
    func namesTheBuildWouldRejectAreRefused(name: String) {
        #expect(throws: SiteBuildFailure.self, "\(name.debugDescription)") {
            try NewLesson.lessonPath(name, lessonsFolder: "lessons")
        }
    }

    @Test(arguments: ["part2/softmax", "Kapitel-2/Ableitung_1", "θεωρία", "part 2/a b", "v1.2/notes"])
    func ordinaryNamesAreAccepted(name: String) throws {
        #expect(try NewLesson.lessonPath(name, lessonsFolder: "lessons").hasSuffix(".md"))
    }

    @Test func aFolderLinkedToAPlaceOutsideIsRefusedAndNothingIsWritten() throws {
        let folder = try TemporaryFolder(["lessons/index.md": "# Home\n", "lessons/SUMMARY.md": "- [Home](index.md)\n", "outside/keep.txt": "x"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/lessons/ext", withDestinationPath: folder.path + "/outside")
        do {
            _ = try NewLesson(configuration: SiteConfiguration(root: folder.path)).create(name: "ext/evil")
            Issue.record("a lesson was written through a link to outside the lessons folder")
        } catch {
            #expect(error.diagnostics.map(\.id) == ["new.outside-lessons"])
        }
        #expect(folder.files(under: "outside") == ["keep.txt"])
        #expect(folder.read("lessons/SUMMARY.md") == "- [Home](index.md)\n")
        // The same through a deeper, not yet existing folder.
        #expect(throws: SiteBuildFailure.self) {
            _ = try NewLesson(configuration: SiteConfiguration(root: folder.path)).create(name: "ext/new/evil")
        }
        #expect(!folder.exists("outside/new"))
    }

    @Test func aTitleWithANewlineOrBidiControlIsRefused() throws {
        let folder = try TemporaryFolder(["lessons/index.md": "# Home\n"])
        defer { folder.remove() }
        for title in ["Two\nlines", "abc\u{202E}"] {
            #expect(throws: SiteBuildFailure.self) {
                _ = try NewLesson(configuration: SiteConfiguration(root: folder.path)).create(name: "a", title: title)
            }
        }
        #expect(!folder.exists("lessons/a.md"))
    }
}
