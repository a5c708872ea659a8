import Diagnostics
import Foundation
import Testing
import Lesson
@testable import Site

/// Links from lessons to the pages the build writes itself (`search.html`, the generated home
/// page, `contents/<part>.html`, the notebooks): accepted by `check` when the build writes
/// them, with their `#fragment`s checked against the rendered page's ids, and reported when it
/// does not (search off, a part page that does not exist, `search.md`).
@Suite struct GeneratedPageLinkTests {
    /// Two titled parts, a nested lesson, no `index.md`.
    static let files = [
        "lessons/SUMMARY.md": """
            # Summary

            # Part 1 — Basics

            - [Intro](p1/intro.md)
              - [Deep](p1/deep/deep.md)

            # Part 2

            - [Two](two.md)

            """,
        "lessons/p1/intro.md": "# Intro\n\n[search](../search.html), [home](../index.html), [root](../), [part](../contents/part-1-basics.html#content).\n",
        "lessons/p1/deep/deep.md": "# Deep\n\n[search](../../search.html#search-query), [part 2](../../contents/part-2.html), [notebook](../intro.ipynb).\n",
        "lessons/two.md": "# Two\n\n[search](search.html) [home](index.html) [part](contents/part-2.html)\n",
    ]

    static func check(_ files: [String: String], search: Bool = true, notebooks: Bool = true) async throws -> [String] {
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path, title: "T", jobs: 2, writesNotebooks: notebooks, hasSearch: search)
        let report = try await SiteChecker(configuration: configuration).check()
        return report.diagnostics.map { diagnostic in
            "\(diagnostic.location.map(\.description) ?? "-") \(diagnostic.message)"
                + diagnostic.notes.map { " | " + $0.message }.joined()
        }
    }

    @Test func aFolderLinkNamesItsGeneratedIndexPage() {
        let site = CheckedSite(lessons: [], otherFiles: [], generatedFiles: ["index.html", "search.html", "contents/a.html"])
        #expect(site.generatedFile(at: "") == "index.html")
        #expect(site.generatedFile(at: "search.html") == "search.html")
        #expect(site.generatedFile(at: "contents") == nil)
        #expect(site.exists("contents/a.html"))
        #expect(!site.exists("contents/b.html"))
        #expect(!site.exists("search.md"))
    }

    @Test func linksToEveryGeneratedPageFromAnyDepthPass() async throws {
        #expect(try await Self.check(Self.files) == [])
    }

    @Test func pagesTheBuildDoesNotWriteAreBroken() async throws {
        var files = Self.files
        files["lessons/two.md"] = """
            # Two

            [a](contents/nope.html) [b](contents/part-1-basic.html) [c](search.md) [d](contents/) [e](contents/part-2.html#zzz)

            """
        let found = try await Self.check(files)
        #expect(found == [
            "lessons/two.md:3:1 'contents/nope.html' does not name a lesson, page or file in the lessons folder"
                + " | the part pages are 'contents/part-1-basics.html', 'contents/part-2.html'",
            "lessons/two.md:3:25 'contents/part-1-basic.html' does not name a lesson, page or file in the lessons folder"
                + " | did you mean 'contents/part-1-basics.html'?",
            "lessons/two.md:3:57 'search.md' does not name a lesson, page or file in the lessons folder",
            "lessons/two.md:3:72 'contents/' does not name a lesson, page or file in the lessons folder",
            "lessons/two.md:3:87 '#zzz' is not an id of the generated page 'contents/part-2.html'",
        ])
    }

    @Test func searchAndNotebooksSwitchedOffMakeTheirLinksBroken() async throws {
        let found = try await Self.check(Self.files, search: false, notebooks: false)
        let note = " | search is switched off ('search = false' in calcbook.toml), so the build writes no search.html"
        #expect(found == [
            "lessons/p1/deep/deep.md:3:1 '../../search.html#search-query' does not name a lesson, page or file in the lessons folder" + note,
            "lessons/p1/deep/deep.md:3:81 '../intro.ipynb' does not name a lesson, page or file in the lessons folder",
            "lessons/p1/intro.md:3:1 '../search.html' does not name a lesson, page or file in the lessons folder" + note,
            "lessons/two.md:3:1 'search.html' does not name a lesson, page or file in the lessons folder" + note,
        ])
    }

    @Test func aHomeLessonIsALessonAndACourseWithoutPartsHasNoPartPages() async throws {
        let files = [
            "lessons/index.md": "# Home\n\n## Start\n\n[self](index.html#start) [gone](index.html#nope) [part](contents/a.html)\n",
        ]
        #expect(try await Self.check(files) == [
            "lessons/index.md:5:26 '#nope' is not a heading anchor or an equation label of this lesson",
            "lessons/index.md:5:50 'contents/a.html' does not name a lesson, page or file in the lessons folder"
                + " | the build writes a page in contents/ for each titled part (a '# Part' caption of SUMMARY.md,"
                + " or a top-level folder without SUMMARY.md) and for each group of a run of more than 50 lessons, and this course has none",
        ])
    }

    /// What `build` writes is what `check` accepted: every relative `href` of every page,
    /// the nested lesson's `../../search.html` included, names a file of the site.
    @Test func theBuiltPagesLinksReachWrittenFiles() async throws {
        let folder = try TemporaryFolder(Self.files)
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path, title: "T", jobs: 2)
        let report = try await SiteBuilder(configuration: configuration).build()
        #expect(report.diagnostics.isEmpty)
        // 3 lessons, the generated home, 2 part pages, search.html.
        #expect(report.pages == 7)
        #expect(report.summary(output: "site").hasPrefix("Built 7 pages into site/"))
        let written = Set(folder.files(under: "site"))
        #expect(written.filter { $0.hasSuffix(".html") }.count == report.pages)
        for page in written where page.hasSuffix(".html") {
            let html = try #require(folder.read("site/" + page))
            for reference in HTMLReferences.attributes(["href"], in: html) where LinkTarget.isRelativeFile(reference.value) {
                var target = try #require(SitePath.resolve(LinkTarget.pathPart(of: reference.value), against: SitePath.directory(of: page)))
                // `../`, the site's root: its index page.
                if reference.value.hasSuffix("/") { target += target.isEmpty ? "index.html" : "/index.html" }
                #expect(written.contains(target), "\(page) links to \(reference.value)")
            }
        }
        let deep = try #require(folder.read("site/p1/deep/deep.html"))
        #expect(deep.contains(#"href="../../search.html#search-query""#))
        #expect(deep.contains(#"href="../../contents/part-2.html""#))
    }
}
