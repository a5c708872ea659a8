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
        <p class="toc-caption{{#holdsCurrentPage}} toc-caption-current{{/holdsCurrentPage}}">{{#captionHref}}<a href="{{captionHref}}"{{#isCurrentPart}} aria-current="page"{{/isCurrentPart}}>{{caption}}</a>{{/captionHref}}{{^captionHref}}{{caption}}{{/captionHref}}</p>
        {{/isExpanded}}
        {{^isExpanded}}
        <p class="toc-folded">{{#captionHref}}<a href="{{captionHref}}">{{caption}}</a>{{/captionHref}}{{^captionHref}}{{caption}}{{/captionHref}}</p>
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
        let folders = [
            try SiteBuilderTests.project("tour"), try SiteBuilderTests.project("no-summary"), try TemporaryFolder(Self.twoParts),
            try TemporaryFolder(Self.sharedLesson),
        ]
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

    /// The built-in `partials/toc-item` is written by hand (`BuiltInTocItemHTML`); the same
    /// partial with a comment added is a theme's own, rendered by Mustache. The pages must be
    /// the same: nested and draft entries (a draft inside a linked entry is written with that
    /// entry's link, as Mustache finds it), fragments, titles and captions to escape.
    @Test func theBuiltInEntryPartialWrittenByHandGivesThePagesOfTheTemplate() async throws {
        let builtIn = try #require(BuiltInTocItemHTML.template)
        #expect(try ThemeFiles.builtIn().theme().sources[TableOfContents.itemTemplate + ".mustache"]?.text == builtIn)
        let folders = [
            try SiteBuilderTests.project("tour"), try SiteBuilderTests.project("no-summary"), try TemporaryFolder(Self.twoParts),
            try TemporaryFolder(Self.sharedLesson), try TemporaryFolder(Self.draftsAndFragments),
        ]
        defer { folders.forEach { $0.remove() } }
        for folder in folders {
            _ = try await SiteBuilderTests.build(folder)
            let byHand = folder.snapshot(of: "site")
            try folder.write("templates/partials/toc-item.mustache", builtIn + "{{! rendered by Mustache }}\n")
            _ = try await SiteBuilderTests.build(folder)
            #expect(folder.snapshot(of: "site") == byHand)
            #expect(byHand.values.contains { String(decoding: $0, as: UTF8.self).contains("aria-current=\"page\"") })
        }
        let pages = folders[4].snapshot(of: "site").values.map { String(decoding: $0, as: UTF8.self) }.joined()
        for part in [
            "<span class=\"toc-draft\">A draft heading</span>", "deep.html#top", "&amp; &#39;go&#39;", "<a href=\"a.html\">Draft child</a>",
        ] {
            #expect(pages.contains(part), "\(part)")
        }
    }

    /// Draft entries at every level (one inside a linked entry, one holding a linked entry),
    /// links with fragments, titles with characters to escape.
    static let draftsAndFragments: [String: String] = [
        "lessons/SUMMARY.md": """
            # Summary

            - [Start & 'go'](start.md)
              - Draft inside a link
                - [Deep](deep.md#top)
                  - Deeper draft
            - A draft heading
              - [Under a draft](under.md)

            # Part "one" <x>

            - [A](a.md)
              - [A's section](a.md#sec)
              - Draft child
            - [B](two/b.md)

            """,
        "lessons/start.md": "# Start\n",
        "lessons/deep.md": "# Top\n",
        "lessons/under.md": "# Under\n",
        "lessons/a.md": "# A\n\n## Sec\n",
        "lessons/two/b.md": "# B\n",
    ]

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

    /// Lessons before the first part, three parts across two folders, captions that need
    /// escaping, and a lesson listed in two parts: its page is in both, pages of one folder in
    /// different parts (`TableOfContents.frame` per folder and parts held).
    static let sharedLesson: [String: String] = [
        "lessons/SUMMARY.md": """
            # Summary

            - [Start](start.md)

            # Vectors & <Matrices>

            - [A](a.md)
            - [Shared](two/shared.md)

            # Second "part"

            - [C](two/c.md)
              - [C child](two/c-child.md)

            # Third

            - [Shared again](two/shared.md)
            - [D](d.md)

            """,
        "lessons/start.md": "# Start\n",
        "lessons/a.md": "# A\n",
        "lessons/d.md": "# D\n",
        "lessons/two/shared.md": "# Shared\n",
        "lessons/two/c.md": "# C\n",
        "lessons/two/c-child.md": "# C child\n",
    ]

    @Test func aPageShowsItsOwnPartAndTheOtherPartsAsTheirCaptions() async throws {
        let folder = try TemporaryFolder(Self.twoParts)
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder)
        let page = try #require(folder.read("site/a-child.html"))
        #expect(page.contains("<p class=\"toc-caption toc-caption-current\"><a href=\"contents/first-part.html\">First part</a></p>"))
        #expect(page.contains("<p class=\"toc-folded\"><a href=\"contents/second-part.html\">Second part</a></p>"))
        #expect(!page.contains("href=\"two/d.html\""))
        // In its own part, only the entry holding the page shows its children.
        #expect(page.contains("href=\"a-child.html\" aria-current=\"page\""))
        #expect(page.contains("href=\"b.html\""))
        #expect(!page.contains("href=\"b-child.html\""))
        // From a folder below, the caption's link climbs out of it.
        let second = try #require(folder.read("site/two/d.html"))
        #expect(second.contains("<p class=\"toc-folded\"><a href=\"../contents/first-part.html\">First part</a></p>"))
        #expect(second.contains("href=\"c.html\""))
        #expect(!second.contains("href=\"../b.html\""))
    }

    /// A part's contents page lists its lessons with their children; its sidebar shows the
    /// part expanded with the caption as the current page, and it reads as the part's title
    /// page: after the page before its first lesson, before that lesson.
    @Test func eachPartHasAContentsPageListingItsLessons() async throws {
        let folder = try TemporaryFolder(Self.twoParts)
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder)
        let first = try #require(folder.read("site/contents/first-part.html"))
        let body = try #require(first.components(separatedBy: "<main").last)
        for lesson in ["a.html", "a-child.html", "b.html", "b-child.html"] {
            #expect(body.contains("href=\"../\(lesson)\""), "\(lesson)")
        }
        #expect(!body.contains("two/c.html"))
        #expect(body.contains("<h1>First part</h1>\n<p class=\"contents-count\">4 lessons</p>"))
        #expect(first.contains("<title>First part · Tour</title>"))
        #expect(first.contains("<p class=\"toc-caption toc-caption-current\"><a href=\"first-part.html\" aria-current=\"page\">First part</a></p>"))
        #expect(first.contains("<p class=\"toc-folded\"><a href=\"second-part.html\">Second part</a></p>"))
        #expect(first.contains("rel=\"prev\" href=\"../index.html\""))
        #expect(first.contains("rel=\"next\" href=\"../a.html\""))
        let second = try #require(folder.read("site/contents/second-part.html"))
        #expect(second.contains("rel=\"prev\" href=\"../b-child.html\""))
        #expect(second.contains("rel=\"next\" href=\"../two/c.html\""))
        #expect(second.contains("<p class=\"contents-count\">2 lessons</p>"))
    }

    @Test func theGeneratedContentsPageListsThePartsAndTheLessonsOutsideThem() async throws {
        var files = Self.twoParts
        files["lessons/SUMMARY.md"] = nil
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder)
        let home = try #require(folder.read("site/index.html"))
        let body = try #require(home.components(separatedBy: "<main").last)
        // Without SUMMARY.md the lessons at the top are untitled, listed with their
        // children; the folder `two/` is a part, listed by its name and its lesson count.
        for lesson in ["a.html", "a-child.html", "b.html", "b-child.html"] {
            #expect(body.contains("href=\"\(lesson)\""), "\(lesson)")
        }
        #expect(body.contains("<li class=\"contents-part\"><a href=\"contents/two.html\">two</a> <span class=\"contents-count\">2 lessons</span></li>"))
        #expect(!body.contains("two/c.html"))
        let navigation = try #require(home.components(separatedBy: "<main").first)
        #expect(navigation.contains("<p class=\"toc-folded\"><a href=\"contents/two.html\">two</a></p>"))
        #expect(!navigation.contains("two/d.html"))
        let part = try #require(folder.read("site/contents/two.html"))
        #expect(part.contains("href=\"../two/c.html\"") && part.contains("href=\"../two/d.html\""))
    }

    /// A part's page is never written over a lesson's page or a file of the lessons folder.
    @Test func aPartPageTakesANameNoLessonOrFileHas() async throws {
        var files = Self.twoParts
        files["lessons/contents/first-part.md"] = "# Not a part\n"
        files["lessons/contents/second-part.html"] = "<p>a file</p>\n"
        files["lessons/a.md"] = "# A\n\n[The file](contents/second-part.html)\n"
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        _ = try await SiteBuilderTests.build(folder)
        #expect(folder.read("site/contents/first-part.html")?.contains("<h1 id=\"not-a-part\">") == true)
        #expect(folder.read("site/contents/first-part-2.html")?.contains("<h1>First part</h1>") == true)
        #expect(folder.read("site/contents/second-part.html") == "<p>a file</p>\n")
        #expect(folder.read("site/contents/second-part-2.html")?.contains("<h1>Second part</h1>") == true)
    }

    @Test func aPartsFileNameIsItsCaptionInLowerCaseASCII() {
        #expect(PartPage.slug("Part 1 — From neurons to Jacobians", fallback: "x") == "part-1-from-neurons-to-jacobians")
        #expect(PartPage.slug("Newton’s method, étape 2", fallback: "x") == "newtons-method-etape-2")
        #expect(PartPage.slug("Classification, backpropagation and Newton's method", fallback: "x")
            == "classification-backpropagation-and-newtons-method")
        #expect(PartPage.slug("— ∂ —", fallback: "part-3") == "part-3")
    }

    /// The navigation of a page grows with its own part and the number of parts, not with the
    /// number of lessons: ten times the folders leaves a page's size almost unchanged (the
    /// home page and the parts' pages included; `PageSizeTests` measures a bigger course).
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
            return folder.files(under: "site").filter { $0.hasSuffix(".html") }
                .map { folder.read("site/" + $0)?.utf8.count ?? 0 }.max() ?? 0
        }
        let small = try await largestPage(folders: 2)
        let large = try await largestPage(folders: 20)
        // 18 more folded captions (about 60 bytes each) and, on the home page, 18 more lines
        // for the parts, not 90 more entries.
        #expect(large - small < 18 * 200, "\(small) → \(large) bytes")
    }
}
