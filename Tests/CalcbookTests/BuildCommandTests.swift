import Foundation
import Testing

/// `calcbook build` as a user runs it: exit codes and the exact diagnostics the README shows.
@Suite struct BuildCommandTests {
    static let lesson = "# Notation\n\nScalars are italic.\n"

    @Test func buildsASiteAndExitsZero() throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build"], in: project.path)
        #expect(result.status == 0)
        #expect(result.standardError == "Built 3 pages into site/\n")
        #expect(project.exists("site/index.html"))
        #expect(project.exists("site/notation.html"))
        #expect(project.exists("site/assets/style.css"))
    }

    @Test func anEmptyFolderExitsTwoAndSuggestsInit() throws {
        let project = try ProjectFolder([:])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build"], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardError == """
            error: the lessons folder 'lessons' does not exist
            note: to start a project here, run calcbook init

            """)
        #expect(!project.exists("site"))
    }

    @Test func aLessonsFolderChosenInTheConfigurationPointsThere() throws {
        let project = try ProjectFolder(["calcbook.toml": "title = \"T\"\nlessons = \"chapters\"\n"])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build", "--format", "json"], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardOutput.contains(#""file": "calcbook.toml", "line": 2, "column": 1, "severity": "error", "id": "lessons.missing-folder""#))
    }

    /// Root reads every folder whatever its permissions, so this runs only for other users.
    @Test(.enabled(if: getuid() != 0, "root can read a folder without read permission"))
    func anUnreadableLessonsFolderExitsTwo() throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson])
        defer {
            chmod(project.path + "/lessons", 0o755)
            project.remove()
        }
        chmod(project.path + "/lessons", 0o000)
        let result = try CalcbookProcess.run(["build"], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix("error: cannot read the lessons folder 'lessons'"))
    }

    @Test func aSummaryEntryForAMissingLessonExitsOneWithItsLocation() throws {
        let project = try ProjectFolder([
            "lessons/notation.md": Self.lesson,
            "lessons/SUMMARY.md": "# Summary\n\n- [Notation](notation.md)\n- [Jacobians](jacobian.md)\n",
        ])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build"], in: project.path)
        #expect(result.status == 1)
        #expect(result.standardError == """
            lessons/SUMMARY.md:4:3: error: SUMMARY.md lists 'jacobian.md', but there is no such lesson
               - [Jacobians](jacobian.md)
                 ^
            Did not write site/: the lessons have problems (1 error); --keep-going writes the pages anyway

            """)
        #expect(!project.exists("site"))
    }

    @Test func aMalformedFrontMatterExitsOneWithItsLocation() throws {
        let project = try ProjectFolder(["lessons/notation.md": "---\ntitle: Notation\n\n# Notation\n"])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build"], in: project.path)
        #expect(result.status == 1)
        #expect(result.standardError == """
            lessons/notation.md:1:1: error: front matter is not closed: add a line `---` after its last key
               ---
               ^
            Did not write site/: the lessons have problems (1 error); --keep-going writes the pages anyway

            """)
        #expect(!project.exists("site"))
    }

    @Test func aFailedBuildLeavesThePreviousSiteInPlace() throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson])
        defer { project.remove() }
        #expect(try CalcbookProcess.run(["build"], in: project.path).status == 0)
        let before = project.read("site/notation.html")
        try Data("---\ntitle: Broken\n# Notation\n".utf8).write(to: URL(fileURLWithPath: project.path + "/lessons/notation.md"))
        #expect(try CalcbookProcess.run(["build", "--quiet"], in: project.path).status == 1)
        #expect(project.read("site/notation.html") == before)
    }

    @Test func keepGoingWritesThePagesAndStillExitsOne() throws {
        let project = try ProjectFolder([
            "lessons/notation.md": Self.lesson,
            "lessons/SUMMARY.md": "- [Notation](notation.md)\n- [Jacobians](jacobian.md)\n",
        ])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build", "--keep-going", "--quiet"], in: project.path)
        #expect(result.status == 1)
        #expect(project.exists("site/notation.html"))
        // The draft entry is listed without a link, so the page has no broken link.
        #expect(project.read("site/notation.html")?.contains(#"<span class="toc-draft">Jacobians</span>"#) == true)
    }

    @Test func githubFormatPrintsAnnotations() throws {
        let project = try ProjectFolder([
            "lessons/notation.md": Self.lesson,
            "lessons/SUMMARY.md": "- [Jacobians](jacobian.md)\n",
        ])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build", "--format", "github", "--quiet"], in: project.path)
        #expect(result.status == 1)
        #expect(result.standardOutput.contains(
            "::error file=lessons/SUMMARY.md,line=1,col=3,title=summary.missing-lesson::SUMMARY.md lists 'jacobian.md', but there is no such lesson\n"))
    }

    @Test func aBadFlagExitsTwo() throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson])
        defer { project.remove() }
        let unknown = try CalcbookProcess.run(["build", "--frobnicate"], in: project.path)
        #expect(unknown.status == 2)
        #expect(unknown.standardError.hasPrefix("Error: Unknown option '--frobnicate'"))
        let badValue = try CalcbookProcess.run(["build", "--color", "sometimes"], in: project.path)
        #expect(badValue.status == 2)
        let badJobs = try CalcbookProcess.run(["build", "--jobs", "0"], in: project.path)
        #expect(badJobs.status == 2)
        #expect(badJobs.standardError.hasPrefix("Error: --jobs must be at least 1, not 0"))
    }

    @Test func anUnwritableOutputExitsTwo() throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson, "site": "a file, not a folder"])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build"], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardError == "error: the output 'site' is a file, not a folder\nnote: the previous site, if any, is unchanged\n")
        #expect(project.read("site") == "a file, not a folder")
    }

    @Test func refusesToReplaceTheLessonsFolder() throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build", "--output", "lessons"], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix(
            "error: the output folder 'lessons' is or contains the lessons folder; the build replaces the whole output folder\n"))
        #expect(project.exists("lessons/notation.md"))
    }
}
