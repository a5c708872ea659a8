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
        {{#isExpanded}}
        <p class="toc-caption{{#holdsCurrentPage}} toc-caption-current{{/holdsCurrentPage}}">{{caption}}</p>
        {{/isExpanded}}
        {{^isExpanded}}
        <p class="toc-caption toc-caption-folded">{{#captionHref}}<a href="{{captionHref}}">{{caption}}</a>{{/captionHref}}{{^captionHref}}{{caption}}{{/captionHref}}</p>
        {{/isExpanded}}
        {{/caption}}
        {{#isExpanded}}
        <ol class="toc-list">
        {{#items}}
        {{>partials/toc-item}}
        {{/items}}
        </ol>
        {{/isExpanded}}
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

    /// The built-in `partials/toc` is rendered a section at a time, the sections outside a
    /// page once per folder (`TableOfContents.navigation`); the same partial with a comment
    /// added is a theme's own, rendered whole for every page. The pages must be the same.
    @Test func theBuiltInPartialRenderedSectionBySectionGivesThePagesOfTheWholePartial() async throws {
        let builtIn = try #require(TableOfContents.builtInTocText)
        let folders = [try SiteBuilderTests.project("tour"), try SiteBuilderTests.project("no-summary"), try TemporaryFolder(Self.twoParts)]
        defer { folders.forEach { $0.remove() } }
        for folder in folders {
            try folder.write("templates/partials/toc.mustache", builtIn)
            _ = try await SiteBuilderTests.build(folder)
            let bySection = folder.snapshot(of: "site")
            try folder.write("templates/partials/toc.mustache", builtIn + "{{! rendered whole for every page }}\n")
            _ = try await SiteBuilderTests.build(folder)
            #expect(folder.snapshot(of: "site") == bySection)
            // The comparison means something only if a page marks its entry.
            #expect(bySection.values.contains { String(decoding: $0, as: UTF8.self).contains("aria-current=\"page\"") })
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

    /// Two parts, the first with a nested entry: a page shows its own part expanded and the
    /// other as its caption, linking to that part's first lesson.
    static let twoParts: [String: String] = [
        "lessons/SUMMARY.md": """
            # Summary

            # First part

            - [A](a.md)
              - [A child](a-child.md)
            - [B](b.md)
              - [B child](b-child.md)

            # Second part

            - [C](two/c.md)
            - [D](two/d.md)

            """,
        "lessons/a.md": "# A\n",
        "lessons/a-child.md": "# A child\n",
        "lessons/b.md": "# B\n",
        "lessons/b-child.md": "# B child\n",
        "lessons/two/c.md": "# C\n",
        "lessons/two/d.md": "# D\n",
    ]

    @Test func aPageShowsItsOwnPartAndTheOtherPartsAsTheirCaptions() async throws {
        let folder = try TemporaryFolder(Self.twoParts)
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder)
        let page = try #require(folder.read("site/a-child.html"))
        #expect(page.contains("<p class=\"toc-caption toc-caption-current\">First part</p>"))
        #expect(page.contains("<p class=\"toc-caption toc-caption-folded\"><a href=\"two/c.html\">Second part</a></p>"))
        #expect(!page.contains("href=\"two/d.html\""))
        // In its own part, only the entry holding the page shows its children.
        #expect(page.contains("href=\"a-child.html\" aria-current=\"page\""))
        #expect(page.contains("href=\"b.html\""))
        #expect(!page.contains("href=\"b-child.html\""))
        // From a folder below, the caption's link climbs out of it.
        let second = try #require(folder.read("site/two/d.html"))
        #expect(second.contains("<p class=\"toc-caption toc-caption-folded\"><a href=\"../a.html\">First part</a></p>"))
        #expect(second.contains("href=\"c.html\""))
        #expect(!second.contains("href=\"../b.html\""))
    }

    @Test func theGeneratedContentsPageListsEveryLessonAndFoldsItsNavigation() async throws {
        var files = Self.twoParts
        files["lessons/SUMMARY.md"] = nil
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder)
        let home = try #require(folder.read("site/index.html"))
        let body = try #require(home.components(separatedBy: "<main").last)
        for lesson in ["a.html", "a-child.html", "b.html", "b-child.html", "two/c.html", "two/d.html"] {
            #expect(body.contains("href=\"\(lesson)\""), "\(lesson)")
        }
        // Without SUMMARY.md a folder is a part: the sidebar folds `two/` to its name.
        let navigation = try #require(home.components(separatedBy: "<main").first)
        #expect(navigation.contains("<p class=\"toc-caption toc-caption-folded\"><a href=\"two/c.html\">two</a></p>"))
        #expect(!navigation.contains("two/d.html"))
    }

    /// The navigation of a page grows with its own part and the number of parts, not with the
    /// number of lessons: ten times the folders leaves a page's size almost unchanged.
    @Test func aPageDoesNotGrowWithTheNumberOfLessons() async throws {
        func largestPage(folders: Int) async throws -> Int {
            var files: [String: String] = [:]
            for folderIndex in 1...folders {
                for lesson in 1...5 {
                    files["lessons/f\(folderIndex)/l\(lesson).md"] = "# Lesson \(lesson) of folder \(folderIndex)\n\nText.\n"
                }
            }
            let folder = try TemporaryFolder(files)
            defer { folder.remove() }
            _ = try await SiteBuilderTests.build(folder)
            return folder.files(under: "site").filter { $0.hasSuffix(".html") && $0 != "index.html" }
                .map { folder.read("site/" + $0)?.utf8.count ?? 0 }.max() ?? 0
        }
        let small = try await largestPage(folders: 2)
        let large = try await largestPage(folders: 20)
        // 18 more folded captions (about 90 bytes each), not 90 more entries.
        #expect(large - small < 18 * 120, "\(small) → \(large) bytes")
    }
}
