import Foundation
import Testing
@testable import Site

/// `BuiltInLayoutHTML` writes the built-in `layout` (with `partials/diagnostics` and
/// `partials/navigation`) by hand: every kind of page must come out as the Mustache templates
/// render it. The same layout with a comment added is a theme's own, rendered by Mustache.
@Suite struct BuiltInLayoutHTMLTests {
    @Test func theBuiltInThemeTakesTheHandWrittenPath() throws {
        #expect(BuiltInLayoutHTML.isBuiltIn(try ThemeFiles.builtIn().theme()))
    }

    /// Lesson pages with and without a description, neighbours, notebooks, search, a base URL
    /// and errors shown (keep-going); the generated contents page, the parts' pages and
    /// `search.html`; a site title to escape.
    @Test func everyKindOfPageIsWhatTheTemplatesRender() async throws {
        let layout = try #require(BuiltInLayoutHTML.texts[0])
        let fixtures = ["tour", "no-summary", "check-problems", "notebook"]
        let settings: [(baseURL: String, notebooks: Bool, search: Bool)] = [("", true, true), ("https://example.org/course", false, false)]
        var pagesSeen = ""
        for fixture in fixtures {
            for setting in settings {
                let folder = try SiteBuilderTests.project(fixture)
                defer { folder.remove() }
                func build() async throws -> [String: Data] {
                    let configuration = SiteConfiguration(
                        root: folder.path, title: "Matrices & \"calculus\" <1>", baseURL: setting.baseURL, jobs: 2, keepGoing: true,
                        writesNotebooks: setting.notebooks, hasSearch: setting.search)
                    _ = try await SiteBuilder(configuration: configuration).build()
                    return folder.snapshot(of: "site")
                }
                let byHand = try await build()
                try folder.write("templates/layout.mustache", layout + "{{! rendered by Mustache }}\n")
                let byMustache = try await build()
                #expect(byHand == byMustache, "\(fixture) \(setting)")
                pagesSeen += byHand.filter { $0.key.hasSuffix(".html") }.values.map { String(decoding: $0, as: UTF8.self) }.joined()
            }
        }
        // The comparison means something only if the pages show each part of the layout.
        for part in [
            "<meta name=\"description\"", "<meta name=\"robots\"", "<link rel=\"canonical\"", "class=\"site-search\"",
            "build-diagnostics", "notebook-download", "page-previous", "page-next", "&amp; &quot;calculus&quot; &lt;1&gt;",
        ] {
            #expect(pagesSeen.contains(part), "\(part)")
        }
    }
}
