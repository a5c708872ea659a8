import Diagnostics
import Foundation
import Testing
@testable import Site

/// The `tex` fixture end to end: a project with a macro file (`macros = "macros.tex"`), one
/// lesson per TeX feature of prose math and one per family of errors, built with
/// `--keep-going`. The golden files hold each page's article (not the theme around it) and
/// the diagnostics as `calcbook build` prints them.
@Suite struct TeXFixtureTests {
    static func build() async throws -> (report: SiteBuildReport, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let fixture = SiteBuilderTests.fixtures + "/tex"
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder.path + "/" + item)
        }
        let configuration = try ConfigurationLoader.load(
            root: folder.path, overrides: ConfigurationOverrides(jobs: 2, keepGoing: true, noCache: true))
        return (try await SiteBuilder(configuration: configuration).build(), folder)
    }

    /// The `<article>` of a page: what the lesson became, without the theme.
    static func article(_ page: String) -> String {
        guard let start = page.range(of: "<article class=\"lesson\">"),
              let end = page.range(of: "</article>", range: start.upperBound..<page.endIndex) else { return page }
        return String(page[start.upperBound..<end.lowerBound])
    }

    @Test func theArticlesAndDiagnosticsMatchTheGoldenFiles() async throws {
        let (report, folder) = try await Self.build()
        defer { folder.remove() }
        var files: [String: Data] = [:]
        let lessons = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/lessons")
        for lesson in lessons where lesson.hasSuffix(".md") && lesson != "SUMMARY.md" {
            let page = String(lesson.dropLast(3)) + ".html"
            let html = try #require(folder.read("site/" + page), "\(page)")
            files[page] = Data(Self.article(html).utf8)
        }
        let text = TextDiagnosticWriter(sources: report.sources, colored: false).write(report.diagnostics)
        files["diagnostics.txt"] = Data(text.utf8)
        try Golden.assertMatches(files, named: "tex")
    }

    @Test func eachMacroErrorHasItsIdAndPlace() async throws {
        let (report, folder) = try await Self.build()
        defer { folder.remove() }
        let errors = report.diagnostics.filter { $0.location?.file == "lessons/macro-errors.md" }
        #expect(errors.map(\.id) == [
            "math.macro-arguments", "math.macro-arguments", "math.macro-redefinition", "math.macro-recursion",
            "math.missing-argument", "math.unknown-command", "math.unknown-command",
        ])
        // A use with too few arguments names the count and an example; the definition before
        // it stands, so the next formula's use is not reported as an unknown command.
        let missing = try #require(errors.first { $0.id == "math.missing-argument" })
        #expect(missing.message == #"\pair needs 2 arguments, as in \pair{…}{…}, and has 1 here"#)
        let redefinition = try #require(errors.first { $0.id == "math.macro-redefinition" })
        // The first definition is in the project's macro file, and the message says where.
        #expect(redefinition.message == #"\R is already defined (at macros.tex:2:13); use \renewcommand to change it"#)
        #expect(redefinition.location == SourceLocation(file: "lessons/macro-errors.md", line: 7, column: 35))
        let nearMiss = try #require(errors.last)
        #expect(nearMiss.fixIts.first?.replacement == #"\vect"#)
    }

    /// `check` follows a link to another lesson's equation like any fragment: the loss's label
    /// exists, `eq:nope` does not.
    @Test func checkReachesEquationsOfOtherLessons() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fixture = SiteBuilderTests.fixtures + "/tex"
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder.path + "/" + item)
        }
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(jobs: 2))
        let report = try await SiteChecker(configuration: configuration).check()
        let fragments = report.diagnostics.filter { $0.id == "link.missing-fragment" }
        #expect(fragments.count == 1)
        #expect(fragments.first?.message.contains("eq:nope") == true)
        #expect(fragments.first?.location?.file == "lessons/equation-errors.md")
        #expect(!report.diagnostics.contains { $0.message.contains("eq:loss") })
    }

    @Test func aMissingMacroFileIsAnErrorAtItsSetting() async throws {
        let (_, folder) = try await Self.build()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path + "/macros.tex")
        let configuration = try ConfigurationLoader.load(
            root: folder.path, overrides: ConfigurationOverrides(jobs: 2, keepGoing: true, noCache: true))
        let report = try await SiteBuilder(configuration: configuration).build()
        let missing = try #require(report.diagnostics.first { $0.id == "config.missing-macros" })
        #expect(missing.location == SourceLocation(file: "calcbook.toml", line: 2, column: 1))
        // Without the project's macros, the lessons that use them fail, each at its place.
        #expect(report.diagnostics.contains { $0.location?.file == "lessons/macros.md" && $0.message.contains(#"\vect"#) })
    }

    @Test func equationErrorsAndCrossLessonLinksAreChecked() async throws {
        let (_, folder) = try await Self.build()
        defer { folder.remove() }
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(noCache: true))
        let report = try await SiteChecker(configuration: configuration).check()
        let errors = report.diagnostics.filter { $0.location?.file == "lessons/equation-errors.md" }
        #expect(errors.map(\.id) == [
            "math.duplicate-label", "math.unknown-label", "math.unknown-label", "math.misplaced-command",
            "math.misplaced-command", "link.missing-fragment",
        ])
        let duplicate = try #require(errors.first)
        #expect(duplicate.location == SourceLocation(file: "lessons/equation-errors.md", line: 5, column: 17))
        #expect(duplicate.notes.first?.location == SourceLocation(file: "lessons/equation-errors.md", line: 3, column: 17))
        #expect(errors[2].fixIts.first?.replacement == "eq:one")
        // `equations.md#eq:loss` names an equation of that lesson: no problem there.
        #expect(!report.diagnostics.contains { $0.location?.file == "lessons/equations.md" && $0.id == "link.missing-fragment" })
        let page = try #require(folder.read("site/equations.html"))
        #expect(page.contains(#"<span class="equation" id="eq:loss">"#))
        #expect(page.contains(##"<a class="eqref" href="#eq:grad">(2)</a>"##))
        #expect(page.contains(#"<mtr id="eq:positive">"#))
    }

    @Test func notebooksCarryTheProjectMacrosForJupyter() async throws {
        let (_, folder) = try await Self.build()
        defer { folder.remove() }
        let notebook = try #require(folder.read("site/macros.ipynb"))
        // The first cell is the macro file as display math, which MathJax reads as definitions.
        let first = try #require(notebook.range(of: "\"cell_type\":\"markdown\""))
        let definition = try #require(notebook.range(of: #"\\newcommand{\\R}{\\mathbb{R}}"#))
        #expect(first.lowerBound < definition.lowerBound)
        #expect(notebook.range(of: #"# Macros"#).map { definition.lowerBound < $0.lowerBound } == true)
    }
}

/// `calcbook init` writes the "TeX subset" page that TeX errors name; its copy in the binary is
/// the course's page, refreshed by `scripts/embed-tex-subset`.
@Suite struct TeXSubsetPageCopyTests {
    @Test func theEmbeddedPageIsTheCoursePage() throws {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons/reference/tex-subset.md")
        let page = try String(contentsOf: url, encoding: .utf8)
        #expect(TeXSubsetPage.markdown == page, "run scripts/embed-tex-subset")
        #expect(StarterProject.files(title: "T", ignoresSite: true).contains { $0.path == "lessons/reference/tex-subset.md" })
    }
}
