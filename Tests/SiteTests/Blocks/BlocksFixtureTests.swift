import Diagnostics
import Foundation
import Testing
@testable import Site

/// The `blocks` fixture end to end: callouts, figures (and, with a bibliography, citations)
/// with each of their problems, built with `--keep-going`; the pages, notebooks and the
/// diagnostics as text are golden files.
@Suite struct BlocksFixtureTests {
    static func project() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let fixture = SiteBuilderTests.fixtures + "/blocks"
        for item in try FileManager.default.contentsOfDirectory(atPath: fixture) {
            try FileManager.default.copyItem(atPath: fixture + "/" + item, toPath: folder.path + "/" + item)
        }
        return folder
    }

    static func build() async throws -> (report: SiteBuildReport, folder: TemporaryFolder) {
        let folder = try project()
        let configuration = try ConfigurationLoader.load(
            root: folder.path, overrides: ConfigurationOverrides(jobs: 2, keepGoing: true, noCache: true))
        return (try await SiteBuilder(configuration: configuration).build(), folder)
    }

    @Test func thePagesNotebooksAndDiagnosticsMatchTheGoldenFiles() async throws {
        let (report, folder) = try await Self.build()
        defer { folder.remove() }
        var files = SiteBuilderTests.pagesAndManifest(folder)
        let text = TextDiagnosticWriter(sources: report.sources, colored: false).write(report.diagnostics)
        files["diagnostics.txt"] = Data(text.utf8)
        try Golden.assertMatches(files, named: "blocks")
    }

    @Test func checkReportsTheUnknownCalloutAndTheMissingAltTextWithLocations() async throws {
        let folder = try Self.project()
        defer { folder.remove() }
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(noCache: true))
        let report = try await SiteChecker(configuration: configuration).check()
        let found = report.diagnostics.filter { $0.id == "lesson.unknown-callout" || $0.id == "lesson.image-missing-alt" }
        #expect(found.map { "\($0.location?.description ?? "") \($0.severity) \($0.message)" } == [
            "lessons/callouts.md:32:3 warning unknown callout kind `[!NOTES]`; did you mean `[!NOTE]`?",
            "lessons/callouts.md:35:3 warning unknown callout kind `[!DANGER]`; did you mean `[!CAUTION]`?",
            "lessons/figures.md:15:1 warning the image `images/neuron.svg` has no alt text",
        ])
    }

    @Test func checkReportsTheUnknownCitationKeyAsAnErrorWithTheNearestKey() async throws {
        let folder = try Self.project()
        defer { folder.remove() }
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(noCache: true))
        let report = try await SiteChecker(configuration: configuration).check()
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map { "\($0.location?.description ?? "") \($0.id) \($0.message)" } == [
            "lessons/citations.md:11:51 citation.unknown-key no work with the key `parr2019` in references.json; did you mean `parr2018`?",
        ])
        #expect(report.errorCount == 1)
    }

    @Test func aMissingOrBrokenBibliographyStopsTheBuildAtItsPlace() async throws {
        let folder = try Self.project()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path + "/references.json")
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(noCache: true))
        do {
            _ = try await SiteBuilder(configuration: configuration).build()
            Issue.record("the build went on without its bibliography")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["the bibliography 'references.json' does not exist"])
            #expect(error.diagnostics.first?.location == SourceLocation(file: "calcbook.toml", line: 2, column: 1))
        }
        try Data("[{\"id\": \"a\",\n  \"title\": }]".utf8).write(to: URL(fileURLWithPath: folder.path + "/references.json"))
        do {
            _ = try await SiteBuilder(configuration: configuration).build()
            Issue.record("the build went on with a broken bibliography")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["the bibliography 'references.json' is not valid JSON"])
            #expect(error.diagnostics.first?.location == SourceLocation(file: "references.json", line: 2, column: 12))
        }
    }

    @Test func calloutsAndFiguresAreStyledInTheDefaultThemeLightDarkAndPrint() throws {
        let text = try #require(ThemeFiles.builtInText("assets/style.css"))
        for kind in ["note", "tip", "important", "warning", "caution"] {
            #expect(text.contains(".callout-\(kind) { --callout: var(--callout-\(kind)); }"))
            // One colour for light, one for dark.
            #expect(text.components(separatedBy: "--callout-\(kind): #").count == 3)
        }
        let print = try #require(text.range(of: "@media print").map { text[$0.lowerBound...] })
        #expect(print.contains(".callout { background: none;"))
        #expect(text.contains("figure.figure figcaption {"))
    }
}
