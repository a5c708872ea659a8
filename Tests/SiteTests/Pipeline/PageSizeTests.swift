import Foundation
import Testing
@testable import Site

/// Issue #16: no page grows with the course. The same hundred lessons are built alone (5
/// parts) and as the start of a thousand (50 parts); what may grow is one folded caption per
/// part in the navigation and one line per part on the home contents page, never a list of
/// every lesson. Sizes only: they do not depend on the machine.
@Suite struct PageSizeTests {
    /// Lessons in parts (folders) of 20; lesson 5 is the long one, as a course's largest page
    /// is one lesson with much math, and the others are a few paragraphs.
    /// `flat`: the same lessons listed by a `SUMMARY.md` without `# Part` captions, one run of
    /// lessons that the navigation splits into groups (`LessonGroups`).
    static func course(lessons: Int, flat: Bool = false) -> [String: String] {
        let paragraph = String(repeating: "The Jacobian collects the partial derivatives of a map; the chain rule multiplies them. ", count: 6)
        var files: [String: String] = [:]
        for number in 1...lessons {
            let part = (number - 1) / 20 + 1
            let paragraphs = number == 5 ? 120 : 4 + number % 5
            let body = (0..<paragraphs).map { "\(paragraph)(\($0))" }.joined(separator: "\n\n")
            files["lessons/part-\(part)/lesson-\(number).md"] = "# Lesson \(number)\n\n\(body)\n"
        }
        if flat {
            files["lessons/SUMMARY.md"] = "# Summary\n\n" + (1...lessons).map {
                "- [Lesson \($0)](part-\(($0 - 1) / 20 + 1)/lesson-\($0).md)\n"
            }.joined()
        }
        return files
    }

    /// Page bytes by path (HTML only).
    static func pageSizes(lessons: Int, flat: Bool = false) async throws -> [String: Int] {
        try await pages(lessons: lessons, flat: flat).mapValues(\.utf8.count)
    }

    /// The HTML pages by path.
    static func pages(lessons: Int, flat: Bool = false) async throws -> [String: String] {
        let folder = try TemporaryFolder(course(lessons: lessons, flat: flat))
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path, jobs: 2, writesNotebooks: false, hasSearch: false)
        let report = try await SiteBuilder(configuration: configuration).build()
        #expect(report.wroteSite)
        return folder.snapshot(of: "site").filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func theSameLessonsAmongTenTimesAsManyGiveAlmostTheSamePages() async throws {
        let small = try await Self.pageSizes(lessons: 100)
        let large = try await Self.pageSizes(lessons: 1000)
        let largestSmall = try #require(small.values.max())
        let largestLarge = try #require(large.filter { small[$0.key] != nil }.values.max())
        // The done-when of #16: the largest page within 10%.
        #expect(Double(largestLarge) <= 1.1 * Double(largestSmall), "\(largestSmall) → \(largestLarge) bytes")
        // Each page of the hundred lessons (and of their parts) gains at most the 45 more
        // parts' folded captions, about 60 bytes each, and the home page one line per part too.
        for (path, size) in small where path != "index.html" {
            let grown = try #require(large[path], "\(path)")
            #expect(grown - size <= 45 * 80, "\(path): \(size) → \(grown) bytes")
        }
        let home = try #require(large["index.html"]), smallHome = try #require(small["index.html"])
        #expect(home - smallHome <= 45 * 200, "index.html: \(smallHome) → \(home) bytes")
        #expect(home < largestSmall, "the home page lists parts, not lessons")
        // A part's contents page lists its 20 lessons, not the course's.
        #expect(large.keys.filter { $0.hasPrefix(PartPage.folder + "/") }.count == 50)
    }

    /// A course without parts: its thousand lessons are 32 groups of 31–32 (`LessonGroups`), its
    /// hundred 4 of 25. A page lists its own group's lessons and one title per other group, so
    /// the same lesson's page grows by about 35 lines, not by 900 lessons (78,749 B of
    /// navigation per page when every page listed every lesson).
    @Test func aCourseWithoutPartsGivesAlmostTheSamePagesAtTenTimesTheLessons() async throws {
        let small = try await Self.pages(lessons: 100, flat: true)
        let large = try await Self.pages(lessons: 1000, flat: true)
        let smallSizes = small.mapValues(\.utf8.count), largeSizes = large.mapValues(\.utf8.count)
        let largestSmall = try #require(smallSizes.values.max())
        let largestLarge = try #require(largeSizes.filter { smallSizes[$0.key] != nil }.values.max())
        #expect(Double(largestLarge) <= 1.1 * Double(largestSmall), "\(largestSmall) → \(largestLarge) bytes")
        for (path, size) in smallSizes where path.hasPrefix("part-") {
            let grown = try #require(largeSizes[path], "\(path)")
            #expect(grown - size <= 40 * 90, "\(path): \(size) → \(grown) bytes")
            // Its navigation: at most 32 lessons and 31 other groups' titles.
            let navigation = try #require(large[path]?.components(separatedBy: "<nav id=\"toc\"").last?.components(separatedBy: "</nav>").first)
            #expect(navigation.components(separatedBy: "<a href=").count - 1 <= 32 + 32, "\(path)")
        }
        #expect(small.keys.filter { $0.hasPrefix(PartPage.folder + "/") }.sorted()
            == ["contents/lessons-1-25.html", "contents/lessons-26-50.html", "contents/lessons-51-75.html", "contents/lessons-76-100.html"])
        #expect(large.keys.filter { $0.hasPrefix(PartPage.folder + "/") }.count == 32)
        let home = try #require(largeSizes["index.html"])
        #expect(home < 12_000, "the home page lists the 32 groups (its navigation folds them too), \(home) bytes")
        #expect(try #require(large["index.html"]).contains("<a href=\"contents/lessons-970-1000.html\">Lessons 970–1000</a>"))

        // Previous and next still walk every lesson in order, from the home page and back.
        func link(_ rel: String, from page: String) -> String? {
            guard let href = large[page]?.components(separatedBy: "rel=\"\(rel)\" href=\"").dropFirst().first?.split(separator: "\"").first
            else { return nil }
            return SitePath.resolve(String(href), against: SitePath.directory(of: page))
        }
        var page = "index.html", walked: [String] = []
        while let next = link("next", from: page) {
            #expect(link("prev", from: next) == page, "\(next)")
            walked.append(next)
            page = next
        }
        #expect(walked == (1...1000).map { "part-\(($0 - 1) / 20 + 1)/lesson-\($0).html" })
    }
}
