import Foundation
import Testing
@testable import Site

/// The table of contents is rendered entry by entry once per folder (`TableOfContents`); the
/// pages must be exactly what rendering every entry for every page gives.
@Suite struct TableOfContentsTests {
    /// `partials/toc` as a theme writes it without `itemsHTML`: every entry of every page
    /// through `partials/toc-item`.
    static let entryByEntryTemplate = """
        {{#toc.sections}}
        {{#caption}}
        <p class="toc-caption">{{caption}}</p>
        {{/caption}}
        <ol class="toc-list">
        {{#items}}
        {{>partials/toc-item}}
        {{/items}}
        </ol>
        {{/toc.sections}}

        """

    @Test func entriesRenderedOncePerFolderGiveTheSamePagesAsEntriesRenderedPerPage() async throws {
        for fixture in ["tour", "no-summary"] {
            let folder = try SiteBuilderTests.project(fixture)
            defer { folder.remove() }
            _ = try await SiteBuilderTests.build(folder)
            let shared = folder.snapshot(of: "site")
            try folder.write("templates/partials/toc.mustache", Self.entryByEntryTemplate)
            _ = try await SiteBuilderTests.build(folder)
            #expect(folder.snapshot(of: "site") == shared, "\(fixture)")
            // The comparison means something only if the current page is marked at all.
            #expect(shared.values.contains { String(decoding: $0, as: UTF8.self).contains("aria-current=\"page\"") })
        }
    }

    @Test func anEntryTemplateSeesRootAndItsSectionCaption() async throws {
        let folder = try SiteBuilderTests.project("tour")
        defer { folder.remove() }
        try folder.write("templates/partials/toc-item.mustache", "<li data-root=\"{{root}}\" data-caption=\"{{caption}}\">{{title}}</li>\n")
        _ = try await SiteBuilderTests.build(folder)
        let page = try #require(folder.read("site/basics/notation.html"))
        #expect(page.contains("<li data-root=\"../\" data-caption=\"Basics\">Notation</li>"))
    }
}
