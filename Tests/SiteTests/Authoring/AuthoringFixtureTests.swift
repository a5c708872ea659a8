import Diagnostics
import Foundation
import Testing
@testable import Site

/// The `authoring` fixture end to end, lesson → HTML: one lesson per authoring feature
/// (front matter, project layout, …) and its errors, built with `--keep-going` so every page
/// is written; the pages and the diagnostics as text are golden files.
@Suite struct AuthoringFixtureTests {
    static func build(absoluteLessons: Bool = false) async throws -> (report: SiteBuildReport, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let fixture = SiteBuilderTests.fixtures + "/authoring"
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder.path + "/" + item)
        }
        let configuration = try ConfigurationLoader.load(
            root: folder.path,
            overrides: ConfigurationOverrides(
                lessons: absoluteLessons ? folder.path + "/lessons" : nil, jobs: 2, keepGoing: true, noCache: true))
        return (try await SiteBuilder(configuration: configuration).build(), folder)
    }

    @Test func thePagesAndDiagnosticsMatchTheGoldenFiles() async throws {
        let (report, folder) = try await Self.build()
        defer { folder.remove() }
        var files = SiteBuilderTests.pagesAndManifest(folder)
        let text = TextDiagnosticWriter(sources: report.sources, colored: false).write(report.diagnostics)
        files["diagnostics.txt"] = Data(text.utf8)
        try Golden.assertMatches(files, named: "authoring")
    }

    @Test func theJUnitReportCountsAsTheTextSummaryAndListsEveryPassingCheck() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fixture = SiteBuilderTests.fixtures + "/authoring"
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder.path + "/" + item)
        }
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(noCache: true))
        let report = try await SiteChecker(configuration: configuration).check()
        let xml = JUnitWriter(name: "calcbook check").write(report.junitSuites)
        try Golden.assertMatches(["junit.xml": Data(xml.utf8)], named: "authoring-junit")
        // Two warnings (front matter) and no errors: no <failure> at all.
        #expect(report.warningCount == 2 && report.errorCount == 0)
        #expect(xml.contains("<testsuites name=\"calcbook check\" tests=\"\(report.junitSuites.flatMap(\.cases).count)\" failures=\"0\""))
        #expect(!xml.contains("<failure"))
        #expect(xml.components(separatedBy: "<system-out>").count == 3)
        // Each cell that ran and each #expect that held is a passing case.
        let verified = try #require(report.junitSuites.first { $0.name == "lessons/verified.md" })
        #expect(verified.cases.map(\.name) == [
            "cell [1] (line 7)",
            "#expect(derivative(of: f, wrt: x) == 3 * x^2) (line 10)",
            "#expect(derivative(of: 3 * x^2, wrt: x) == 6 * x) (line 11)",
            "cell [2] fails as expected (line 19)",
        ])
    }

    @Test func aMistypedFrontMatterKeyIsAWarningWithTheNearestKey() async throws {
        let (report, folder) = try await Self.build()
        defer { folder.remove() }
        let frontMatter = report.diagnostics.filter { $0.location?.file == "lessons/front-matter.md" }
        #expect(frontMatter.map(\.message) == [
            "unknown front-matter key `titel`; did you mean `title`?",
            "unknown front-matter key `colour`; calcbook reads `description`, `layout`, `title`",
        ])
        #expect(frontMatter.allSatisfy { $0.severity == .warning })
        #expect(frontMatter.first?.fixIts.map(\.replacement) == ["title"])
        // A warning does not stop the page: its title comes from the heading.
        #expect(folder.read("site/front-matter.html")?.contains("<title>The heading gives the title · Authoring</title>") == true)
    }

    @Test func theProjectLayoutAppliesUnlessTheFrontMatterNamesOne() async throws {
        let (_, folder) = try await Self.build()
        defer { folder.remove() }
        let project = try #require(folder.read("site/project-layout.html"))
        let lesson = try #require(folder.read("site/lesson-layout.html"))
        // Denominator layout: the gradient of xᵀa is the column a; numerator: the row aᵀ.
        #expect(project.contains("title=\"a (gradient checked numerically)\""))
        #expect(lesson.contains("title=\"aᵀ (gradient checked numerically)\""))
    }

    @Test func passingExpectationsAndCheckedDerivativesAreMarked() async throws {
        let (_, folder) = try await Self.build()
        defer { folder.remove() }
        let page = try #require(folder.read("site/verified.html"))
        #expect(page.contains("""
            <div class="cell-verified"><span class="cell-verified-mark" aria-hidden="true">✓</span>\
            <span class="cell-verified-text">Checked when the site was built: <code>derivative(of: f, wrt: x) == 3 * x^2</code>; \
            <code>derivative(of: 3 * x^2, wrt: x) == 6 * x</code></span></div>
            """))
        #expect(page.contains("title=\"3x² (derivative checked numerically)\""))
        // The expect-error cell has no ✓: only cells whose #expects held get one.
        #expect(page.components(separatedBy: "class=\"cell-verified\"").count == 2)
    }

    @Test func anExpectErrorCellNeverShowsTheAuthorsAbsolutePath() async throws {
        let (_, folder) = try await Self.build(absoluteLessons: true)
        defer { folder.remove() }
        let page = try #require(folder.read("site/verified.html"))
        #expect(page.contains("<pre class=\"diagnostic\">verified.md:20:3: error: shapes do not match"))
        #expect(!page.contains(folder.path))
        // Relative to the project, the path is the one diagnostics use.
        let (_, relative) = try await Self.build()
        defer { relative.remove() }
        #expect(relative.read("site/verified.html")?.contains("<pre class=\"diagnostic\">lessons/verified.md:20:3: error:") == true)
    }
}
