import Foundation
import Testing

/// `calcbook check` as CI runs it: exit codes, formats, the summary line, the JUnit file.
@Suite struct CheckCommandTests {
    static let clean = [
        "lessons/index.md": "# Home\n\nSee [rows](shapes.md#rows).\n",
        "lessons/shapes.md": "# Shapes\n\n## Rows\n\nBack [home](index.md#home).\n",
    ]
    static let broken = [
        "lessons/index.md": "# Home\n\nSee [rows](shapes.md#columns) and [gone](gone.md).\n",
        "lessons/shapes.md": "# Shapes\n\n## Rows\n",
    ]

    @Test func aCleanProjectExitsZeroWithTheSummaryAndWritesNothing() throws {
        let project = try ProjectFolder(Self.clean)
        defer { project.remove() }
        let result = try CalcbookProcess.run(["check"], in: project.path)
        #expect(result.status == 0)
        #expect(result.standardError == "Checked 2 lessons, 0 cells, 12 links (18 checks): no problems\n")
        #expect(!project.exists("site"))
    }

    @Test func problemsExitOneInTextWithCaretLines() throws {
        let project = try ProjectFolder(Self.broken)
        defer { project.remove() }
        let result = try CalcbookProcess.run(["check"], in: project.path)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("""
            lessons/index.md:3:5: error: '#columns' is not a heading anchor or an equation label of 'lessons/shapes.md'
            """))
        #expect(result.standardError.contains("lessons/index.md:3:35: error: 'gone.md' does not name a lesson, page or file in the lessons folder"))
        #expect(result.standardError.hasSuffix("Checked 2 lessons, 0 cells, 12 links (18 checks): 2 errors, 0 warnings\n"))
    }

    @Test func jsonAndGitHubGoToStandardOutput() throws {
        let project = try ProjectFolder(Self.broken)
        defer { project.remove() }
        let json = try CalcbookProcess.run(["check", "--format", "json", "--quiet"], in: project.path)
        #expect(json.status == 1)
        #expect(json.standardError.isEmpty)
        #expect(json.standardOutput.contains(#""file": "lessons/index.md", "line": 3, "column": 35, "severity": "error", "id": "link.broken""#))
        let github = try CalcbookProcess.run(["check", "--format", "github", "--quiet"], in: project.path)
        #expect(github.status == 1)
        #expect(github.standardOutput.contains("::error file=lessons/index.md,line=3,col=5,title=link.missing-fragment::"))
    }

    @Test func junitWritesTheReportFileAskedFor() throws {
        let project = try ProjectFolder(Self.broken)
        defer { project.remove() }
        let result = try CalcbookProcess.run(["check", "--format", "junit", "--output", "report.xml"], in: project.path)
        #expect(result.status == 1)
        let xml = try #require(project.read("report.xml"))
        #expect(xml.hasPrefix("<?xml"))
        #expect(xml.contains(#"<testsuite name="lessons/index.md" id="0" tests="2" failures="2""#))
        #expect(xml.contains(#"type="link.broken""#))
        #expect(!project.exists("site"))
    }

    @Test func outputWithoutJUnitOrAMissingFolderExitsTwo() throws {
        let project = try ProjectFolder(Self.clean)
        defer { project.remove() }
        let misuse = try CalcbookProcess.run(["check", "--output", "x.xml"], in: project.path)
        #expect(misuse.status == 2)
        let missing = try CalcbookProcess.run(["check", "--lessons", "nowhere"], in: project.path)
        #expect(missing.status == 2)
        #expect(missing.standardError.hasPrefix("error: the lessons folder 'nowhere' does not exist"))
        let unwritable = try CalcbookProcess.run(["check", "--format", "junit", "--output", "no/such/dir/r.xml"], in: project.path)
        #expect(unwritable.status == 2)
    }

    /// A lecturer's links to the search page and a part's contents page pass, as the build
    /// writes them; with search switched off the search link is an error that says why.
    @Test func linksToGeneratedPagesPassUnlessTheBuildDoesNotWriteThem() throws {
        let files = [
            "lessons/SUMMARY.md": "# Summary\n\n# Basics\n\n- [Shapes](part/shapes.md)\n",
            "lessons/part/shapes.md": "# Shapes\n\nUse the [search page](../search.html) or [the part](../contents/basics.html).\n",
        ]
        let project = try ProjectFolder(files)
        defer { project.remove() }
        let check = try CalcbookProcess.run(["check"], in: project.path)
        #expect(check.status == 0)
        #expect(check.standardError.hasSuffix(": no problems\n"))
        let build = try CalcbookProcess.run(["build"], in: project.path)
        // The lesson, the generated home page, the part's page and search.html.
        #expect(build.standardError == "Built 4 pages into site/\n")
        #expect(project.exists("site/search.html") && project.exists("site/contents/basics.html"))

        let off = try ProjectFolder(files.merging(["calcbook.toml": "search = false\n"]) { $1 })
        defer { off.remove() }
        let broken = try CalcbookProcess.run(["check"], in: off.path)
        #expect(broken.status == 1)
        #expect(broken.standardError.hasPrefix("""
            lessons/part/shapes.md:3:9: error: '../search.html' does not name a lesson, page or file in the lessons folder
            """))
        #expect(broken.standardError.contains("note: search is switched off ('search = false' in calcbook.toml), so the build writes no search.html\n"))
    }
}
