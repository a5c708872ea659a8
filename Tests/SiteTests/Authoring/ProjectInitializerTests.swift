import Diagnostics
import Foundation
import Testing
import Yams
@testable import Site

/// `calcbook init`: the files it writes, that they build and check cleanly as they stand, that
/// the CI workflow is a valid GitHub Actions file, and that nothing is ever overwritten.
@Suite struct ProjectInitializerTests {
    static let starterFiles = [
        "calcbook.toml", "lessons/index.md", "lessons/SUMMARY.md", "lessons/first-lesson.md",
        "lessons/images/function-box.svg", "lessons/reference/tex-subset.md", ".github/workflows/calcbook.yml", ".gitignore",
    ]

    @Test func writesEveryFileOfTheStarterProject() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let result = try ProjectInitializer(folder: folder.path + "/matrix-calculus", shownFolder: "matrix-calculus").create()
        #expect(result.written == Self.starterFiles)
        #expect(result.kept == [])
        #expect(folder.read("matrix-calculus/calcbook.toml")?.contains("title = \"Matrix calculus\"") == true)
        #expect(folder.read("matrix-calculus/.gitignore")?.contains("\n/site/\n") == true)
        try Golden.assertMatches(folder.snapshot(of: "matrix-calculus"), named: "init-files")
    }

    @Test func theStarterProjectBuildsAndChecksWithoutAProblem() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A fixed folder name, so the title (from the name) is the same in every run.
        let project = folder.path + "/course"
        _ = try ProjectInitializer(folder: project, shownFolder: "course").create()
        let configuration = try ConfigurationLoader.load(root: project, overrides: .init(noCache: true))
        let check = try await SiteChecker(configuration: configuration).check()
        #expect(check.diagnostics == [])
        #expect(check.lessons.map(\.expectationsPassed).reduce(0, +) == 1)
        let build = try await SiteBuilder(configuration: configuration).build()
        #expect(build.diagnostics == [])
        #expect(folder.exists("course/site/first-lesson.html"))
        #expect(folder.exists("course/site/images/function-box.svg"))
        let site = folder.snapshot(of: "course/site")
        // The output folder's marker is listed in files.txt; its text is the writer's tests' concern.
        var pages = site.filter { !$0.key.hasPrefix("assets/") && $0.key != OutputFolderMarker.fileName }
        pages["files.txt"] = Data((site.keys.sorted().joined(separator: "\n") + "\n").utf8)
        try Golden.assertMatches(pages, named: "init-site")
    }

    /// The starter lesson shows what a lecturer writes every day: a computed cell with its
    /// checked mark, a numbered equation referenced from the prose, a callout and a figure.
    @Test func theStarterLessonShowsEachFeature() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let project = folder.path + "/course"
        _ = try ProjectInitializer(folder: project, shownFolder: "course").create()
        let configuration = try ConfigurationLoader.load(root: project, overrides: .init(noCache: true))
        _ = try await SiteBuilder(configuration: configuration).build()
        let page = try #require(folder.read("course/site/first-lesson.html"))
        #expect(page.contains(#"class="cell""#) && page.contains(#"class="cell-checked""#), "a cell with a verified #expect")
        #expect(page.contains(#"<span class="equation" id="eq:f">"#) && page.contains(#"<span class="equation-number">(1)</span>"#))
        #expect(page.contains(##"<a class="eqref" href="#eq:f">(1)</a>"##), "the equation referenced from the prose")
        #expect(page.contains(#"<aside class="callout callout-tip" role="note">"#))
        #expect(page.contains(#"<figure class="figure">"#) && page.contains("<figcaption>A function of two inputs and one output</figcaption>"))
    }

    @Test func theWorkflowIsAGitHubActionsFileThatRunsTheCheck() throws {
        let parsed = try Yams.load(yaml: StarterProject.workflow)
        let workflow = try #require(parsed as? [String: Any])
        #expect(workflow["name"] as? String == "calcbook")
        // YAML 1.1 reads a bare `on` as true; Yams (YAML 1.2) keeps it a key, as GitHub does.
        let triggers = try #require(workflow["on"] as? [String: Any])
        #expect(Set(triggers.keys) == ["push", "pull_request"])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let check = try #require(jobs["check"] as? [String: Any])
        #expect(check["runs-on"] is String)
        let steps = try #require(check["steps"] as? [[String: Any]])
        #expect(steps.first?["uses"] as? String == "actions/checkout@v4")
        for step in steps {
            // Every step does one thing: an action or a shell script, never both or neither.
            #expect((step["uses"] == nil) != (step["run"] == nil), "step \(step)")
        }
        #expect(steps.last?["run"] as? String == "calcbook check --format github")
    }

    @Test func anExistingFileStopsInitBeforeAnythingIsWritten() throws {
        let folder = try TemporaryFolder(["lessons/index.md": "# Mine\n", "calcbook.toml": "title = \"Mine\"\n"])
        defer { folder.remove() }
        #expect {
            _ = try ProjectInitializer(folder: folder.path, shownFolder: ".").create()
        } throws: { error in
            (error as? SiteBuildFailure)?.diagnostics.map(\.message) == [
                "calcbook.toml, lessons/index.md already exist; calcbook init never overwrites, so nothing was written",
            ]
        }
        #expect(folder.read("lessons/index.md") == "# Mine\n")
        #expect(folder.read("calcbook.toml") == "title = \"Mine\"\n")
        #expect(!folder.exists("lessons/SUMMARY.md"))
        #expect(!folder.exists(".gitignore"))
    }

    @Test func anExistingGitignoreIsKeptAsItIs() throws {
        let folder = try TemporaryFolder([".gitignore": "node_modules/\n"])
        defer { folder.remove() }
        let result = try ProjectInitializer(folder: folder.path, shownFolder: ".").create()
        #expect(result.kept == [".gitignore"])
        #expect(!result.written.contains(".gitignore"))
        #expect(folder.read(".gitignore") == "node_modules/\n")
    }

    @Test func commitSiteLeavesSiteOutOfTheGitignore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try ProjectInitializer(folder: folder.path, shownFolder: ".", ignoresSite: false).create()
        let ignored = try #require(folder.read(".gitignore"))
        #expect(!ignored.split(separator: "\n").contains("/site/"))
        #expect(ignored.split(separator: "\n").contains("/site.tmp*"))
    }

    @Test func theTitleComesFromTheFolderName() {
        #expect(ProjectInitializer(folder: "/tmp/linear_algebra-notes", shownFolder: "x").title == "Linear algebra notes")
        #expect(ProjectInitializer(folder: "/", shownFolder: "/").title == "My course")
        #expect(StarterProject.configuration(title: #"A "quoted" \ title"#).contains(#"title = "A \"quoted\" \\ title""#))
    }
}
