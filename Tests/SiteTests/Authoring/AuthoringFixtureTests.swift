import Diagnostics
import Foundation
import Testing
@testable import Site

/// The `authoring` fixture end to end, lesson → HTML: one lesson per authoring feature
/// (front matter, project layout, …) and its errors, built with `--keep-going` so every page
/// is written; the pages and the diagnostics as text are golden files.
@Suite struct AuthoringFixtureTests {
    static func build() async throws -> (report: SiteBuildReport, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        let fixture = SiteBuilderTests.fixtures + "/authoring"
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder.path + "/" + item)
        }
        let configuration = try ConfigurationLoader.load(
            root: folder.path, overrides: ConfigurationOverrides(jobs: 2, keepGoing: true, noCache: true))
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
        #expect(project.contains("title=\"a\""))
        #expect(lesson.contains("title=\"aᵀ\""))
    }
}
