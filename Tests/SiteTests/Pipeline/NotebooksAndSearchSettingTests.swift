import Foundation
import Testing
@testable import Site

/// `notebooks = false` and `search = false` in calcbook.toml: the site without them, and its
/// theme links still all reach a file.
@Suite struct NotebooksAndSearchSettingTests {
    func build(_ toml: String) async throws -> TemporaryFolder {
        let folder = try SiteBuilderTests.project("tour")
        try folder.write("calcbook.toml", toml)
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(noCache: true))
        let report = try await SiteBuilder(configuration: configuration).build()
        #expect(report.wroteSite && !report.hasErrors)
        let check = try await SiteChecker(configuration: configuration).check()
        #expect(check.diagnostics.filter { $0.id.hasPrefix("template.") } == [], "\(check.diagnostics.map(\.message))")
        return folder
    }

    @Test func bothOnByDefault() async throws {
        let folder = try await build("")
        defer { folder.remove() }
        #expect(folder.exists("site/jacobian.ipynb") && folder.exists("site/search.html") && folder.exists("site/search-index.js"))
        let page = try #require(folder.read("site/jacobian.html"))
        #expect(page.contains("Download notebook") && page.contains("action=\"search.html\""))
        #expect(!page.contains("<script"))
        let search = try #require(folder.read("site/search.html"))
        #expect(search.contains("<script src=\"search-index.js\"></script>"))
        // The search page has its own form, not the header's.
        #expect(!search.contains("class=\"site-search\""))
    }

    @Test func notebooksOff() async throws {
        let folder = try await build("notebooks = false\n")
        defer { folder.remove() }
        #expect(folder.files(under: "site").filter { $0.hasSuffix(".ipynb") } == [])
        #expect(folder.read("site/jacobian.html")?.contains("Download notebook") == false)
        #expect(folder.exists("site/search.html"))
    }

    @Test func searchOff() async throws {
        let folder = try await build("search = false\n")
        defer { folder.remove() }
        #expect(!folder.exists("site/search.html") && !folder.exists("site/search-index.js"))
        #expect(folder.read("site/jacobian.html")?.contains("search.html") == false)
        #expect(folder.exists("site/jacobian.ipynb"))
    }

    @Test func aSettingThatIsNotABooleanIsAnError() throws {
        let folder = try TemporaryFolder(["calcbook.toml": "search = \"no\"\n"])
        defer { folder.remove() }
        #expect(throws: SiteBuildFailure.self) { try ConfigurationLoader.load(root: folder.path) }
    }
}
