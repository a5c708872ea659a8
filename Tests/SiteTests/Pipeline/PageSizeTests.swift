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
    static func course(lessons: Int) -> [String: String] {
        let paragraph = String(repeating: "The Jacobian collects the partial derivatives of a map; the chain rule multiplies them. ", count: 6)
        var files: [String: String] = [:]
        for number in 1...lessons {
            let part = (number - 1) / 20 + 1
            let paragraphs = number == 5 ? 120 : 4 + number % 5
            let body = (0..<paragraphs).map { "\(paragraph)(\($0))" }.joined(separator: "\n\n")
            files["lessons/part-\(part)/lesson-\(number).md"] = "# Lesson \(number)\n\n\(body)\n"
        }
        return files
    }

    /// Page bytes by path (HTML only).
    static func pageSizes(lessons: Int) async throws -> [String: Int] {
        let folder = try TemporaryFolder(course(lessons: lessons))
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path, jobs: 2, writesNotebooks: false, hasSearch: false)
        let report = try await SiteBuilder(configuration: configuration).build()
        #expect(report.wroteSite)
        return folder.snapshot(of: "site").filter { $0.key.hasSuffix(".html") }.mapValues(\.count)
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
}
