import Foundation
import Testing
@testable import Site

/// `search-index.js`: a script holding every lesson's title and sections, in reading order,
/// whole while small and cut to excerpts plus a word list past its budget.
@Suite struct SearchIndexTests {
    struct Lesson: Decodable, Equatable {
        var url: String
        var title: String
        var sections: [Section]
        var words: String?
    }

    struct Section: Decodable, Equatable {
        var heading: String?
        var anchor: String?
        var text: String
    }

    func index(textBudget: Int, minimumExcerpt: Int = SearchIndex.minimumExcerpt) async throws -> [Lesson] {
        let folder = try SiteBuilderTests.project("tour")
        defer { folder.remove() }
        let analysis = try await SiteAnalysis.run(SiteConfiguration(root: folder.path), cacheAccess: .readOnly, identity: nil)
        let file = SearchIndex.file(
            lessons: analysis.lessons, readingOrder: analysis.navigation.readingOrder.map(\.outputPath),
            textBudget: textBudget, minimumExcerpt: minimumExcerpt)
        let script = String(decoding: file.contents, as: UTF8.self)
        let prefix = "window.calcbookSearchIndex = "
        let start = try #require(script.range(of: prefix)).upperBound
        #expect(script.hasSuffix(";\n"))
        return try JSONDecoder().decode([Lesson].self, from: Data(script[start...].dropLast(2).utf8))
    }

    @Test func aSmallSiteKeepsEverySectionWholeInReadingOrder() async throws {
        let lessons = try await index(textBudget: SearchIndex.textBudget)
        #expect(lessons.map(\.url) == ["index.html", "basics/notation.html", "jacobian.html"])
        #expect(lessons.allSatisfy { $0.words == nil })
        let notation = try #require(lessons.first { $0.url == "basics/notation.html" })
        #expect(notation.sections.map(\.anchor) == ["notation", "shapes", "shapes-1"])
        #expect(notation.sections.contains { $0.text.contains("vector n × 1") })
    }

    @Test func pastItsBudgetSectionsAreExcerptsAndNoWordIsLost() async throws {
        let whole = try await index(textBudget: SearchIndex.textBudget)
        let cut = try await index(textBudget: 1, minimumExcerpt: 20)
        #expect(cut.map(\.url) == whole.map(\.url))
        #expect(cut.contains { $0.words != nil })
        for (full, small) in zip(whole, cut) {
            #expect(small.sections.map(\.anchor) == full.sections.map(\.anchor))
            for (a, b) in zip(full.sections, small.sections) {
                #expect(a.text.hasPrefix(b.text) && b.text.count <= 20)
            }
            // Every word of the lesson is in an excerpt, a heading, the title or the word list.
            let kept = ([small.title, small.words ?? ""] + small.sections.flatMap { [$0.heading ?? "", $0.text] }).joined(separator: " ")
            for section in full.sections {
                for word in SearchIndex.words(in: section.text) {
                    #expect(SearchIndex.words(in: kept).contains(word), "\(small.url) lost '\(word)'")
                }
            }
        }
    }

    @Test func anExcerptEndsAtASpace() {
        let (excerpt, rest) = SearchIndex.cut("alpha beta gamma delta", at: 13)
        #expect(excerpt == "alpha beta")
        #expect(rest == " gamma delta")
        #expect(SearchIndex.cut("short", at: 13).excerpt == "short")
    }
}
