import Foundation
import Testing
@testable import Site

/// Issue #16: a long run of lessons (a course without parts, a part of hundreds of lessons) is
/// shown as groups, so that no page lists every lesson.
@Suite struct LessonGroupsTests {
    static func flat(_ count: Int, caption: String? = nil) -> SiteOutline {
        SiteOutline(sections: [.init(caption: caption, entries: (1...count).map { .init(title: "L\($0)", lesson: "l\($0).md") })])
    }

    static func sizes(_ outline: SiteOutline) -> [Int] {
        outline.sections.map { LessonGroups.lessonCount($0.entries) }
    }

    @Test func aSectionOfFiftyLessonsOrFewerStaysAsItIs() {
        let outline = Self.flat(50)
        #expect(LessonGroups.split(outline) == outline)
        let parts = SiteOutline(sections: [.init(caption: nil, entries: [.init(title: "Home", lesson: "index.md")]),
                                           .init(caption: "Part 1", entries: Self.flat(40).sections[0].entries)])
        #expect(LessonGroups.split(parts) == parts)
    }

    @Test func aLongSectionGetsEvenGroupsOfAboutTheSquareRootOfItsLessons() {
        #expect(Self.sizes(LessonGroups.split(Self.flat(51))) == [17, 17, 17])
        #expect(Self.sizes(LessonGroups.split(Self.flat(100))) == [25, 25, 25, 25])
        let thousand = LessonGroups.split(Self.flat(1000))
        #expect(thousand.sections.count == 32)
        #expect(Set(Self.sizes(thousand)) == [31, 32])
        #expect(thousand.sections.first?.caption == "Lessons 1\u{2013}32")
        #expect(thousand.sections.last?.caption == "Lessons 970\u{2013}1000")
        // The same entries in the same order: the reading order does not change.
        #expect(thousand.allEntries == Self.flat(1000).allEntries)
    }

    @Test func aTitledPartsGroupsNameThePart() {
        let split = LessonGroups.split(Self.flat(60, caption: "Part 2"))
        #expect(split.sections.map(\.caption) == ["Part 2, lessons 1\u{2013}20", "Part 2, lessons 21\u{2013}40", "Part 2, lessons 41\u{2013}60"])
        #expect(LessonGroups.title(first: 7, last: 7, part: nil) == "Lesson 7")
    }

    /// A chapter with its nested lessons stays in one group when a group can hold it; one larger
    /// than a group is taken apart (its lesson, then its children); drafts count for nothing.
    @Test func chaptersStayWholeWhereTheyFit() {
        func chapter(_ number: Int, children: Int) -> SiteOutline.Entry {
            .init(title: "C\(number)", lesson: "c\(number).md",
                  children: (1...children).map { .init(title: "C\(number).\($0)", lesson: "c\(number)/\($0).md") })
        }
        // 10 chapters of 8 lessons, 80 lessons in 4 groups: each group takes the chapters
        // that fit its share of the lessons left (20, then 22, then 24).
        let chapters = SiteOutline(sections: [.init(caption: nil, entries: (1...10).map { chapter($0, children: 7) })])
        let split = LessonGroups.split(chapters)
        #expect(split.sections.allSatisfy { $0.entries.allSatisfy { $0.children.count == 7 } })
        #expect(Self.sizes(split) == [16, 16, 24, 24])
        #expect(split.allEntries == chapters.allEntries)

        // A chapter of 60 lessons: no group of 25 holds it.
        let big = SiteOutline(sections: [.init(caption: nil, entries: [
            .init(title: "Draft", lesson: nil), chapter(1, children: 59), chapter(2, children: 3),
        ])])
        let bigSplit = LessonGroups.split(big)
        #expect(Self.sizes(bigSplit) == [22, 21, 21])
        #expect(bigSplit.sections[0].entries.prefix(2).map(\.title) == ["Draft", "C1"])
        #expect(bigSplit.sections[0].entries[1].children.isEmpty)
        #expect(bigSplit.sections.last?.entries.last?.children.count == 3, "the small chapter stays whole")
        #expect(bigSplit.allEntries.map(\.title) == big.allEntries.map(\.title))
    }
}

/// The groups' contents pages in a built site: written, counted, linked from the navigation,
/// and accepted by `check` like a part's page.
@Suite struct LessonGroupPagesTests {
    /// 51 lessons in the lessons folder without `SUMMARY.md`: one untitled run, 3 groups of 17.
    static func files() -> [String: String] {
        var files: [String: String] = [:]
        for number in 1...51 {
            files[String(format: "lessons/l%02d.md", number)] = "# L\(number)\n\nText.\n"
        }
        return files
    }

    @Test func eachGroupHasAContentsPageThatCheckAccepts() async throws {
        var files = Self.files()
        files["lessons/l01.md"] = "# L1\n\n[The second group](contents/lessons-18-34.html#content) [a typo](contents/lessons-18-35.html)\n"
        #expect(try await GeneratedPageLinkTests.check(files) == [
            "lessons/l01.md:3:57 'contents/lessons-18-35.html' does not name a lesson, page or file in the lessons folder"
                + " | did you mean 'contents/lessons-18-34.html'?",
        ])
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let report = try await SiteBuilderTests.build(folder)
        #expect(report.wroteSite)
        let groups = ["contents/lessons-1-17.html", "contents/lessons-18-34.html", "contents/lessons-35-51.html"]
        for group in groups { #expect(folder.read("site/" + group) != nil, "\(group)") }
        // Lesson 20's page lists its group's 17 lessons and the two other groups' titles.
        let page = try #require(folder.read("site/l20.html"))
        let navigation = try #require(page.components(separatedBy: "<nav id=\"toc\"").last?.components(separatedBy: "</nav>").first)
        #expect(navigation.components(separatedBy: "<li").count - 1 == 17)
        #expect(navigation.contains("<p class=\"toc-folded\"><a href=\"contents/lessons-1-17.html\">Lessons 1–17</a></p>"))
        #expect(navigation.contains("<p class=\"toc-caption toc-caption-current\"><a href=\"contents/lessons-18-34.html\">Lessons 18–34</a></p>"))
        #expect(!navigation.contains("l01.html") && !navigation.contains("l51.html"))
        let second = try #require(folder.read("site/contents/lessons-18-34.html"))
        #expect(second.contains("<h1>Lessons 18–34</h1>") && second.contains("<p class=\"contents-count\">17 lessons</p>"))
        // The home page lists the groups, each with its first and last lessons' titles.
        let home = try #require(folder.read("site/index.html"))
        #expect(home.contains("<li class=\"contents-part\"><a href=\"contents/lessons-18-34.html\">Lessons 18–34</a> <span class=\"contents-count\">L18 … L34</span></li>"))
        #expect(!home.contains("l20.html"))
        // Before its first lesson in the reading order, like a part's page.
        #expect(second.contains("rel=\"prev\" href=\"../l17.html\"") && second.contains("rel=\"next\" href=\"../l18.html\""))
    }
}
