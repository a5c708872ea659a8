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

    @Test func textSplitsIntoTheSameWordsAsCharacterByCharacter() {
        let texts = [
            "", "   ", "Alpha, beta-GAMMA 42x\r\ny_2 (A+B)^T", "word", "trailing ", "ÄBC déjà vu 3²", "x\u{301}y", "CamelCase99 and_underscores",
            "∂f/∂x = 2x", "ΟΔΟΣ ΣΑΣ", "İstanbul", "a \u{301}b", "a \u{345}b", "\u{D4E} b", "\u{600}1 2", "🇫🇷🇩🇪 x", "👩‍👩‍👧a",
        ]
        for text in texts {
            let expected = SearchIndex.characterWiseWords(in: text)
            #expect(SearchIndex.words(in: text) == expected, "\(text.debugDescription)")
            #expect(SearchIndex.words(in: text[...]) == expected)
            #expect(SearchIndex.words(in: ("x " + text + " y").dropFirst(2).dropLast(2)) == expected)
        }
        // Every ASCII byte, alone between letters.
        for byte in UInt8(0)..<0x80 {
            let text = "a" + String(UnicodeScalar(byte)) + "B"
            #expect(SearchIndex.words(in: text) == SearchIndex.characterWiseWords(in: text), "byte \(byte)")
        }
    }

    /// Every text of up to four pieces: ASCII letters, separators and line ends next to
    /// combining marks (one of them a letter), a prepended letter, letters and digits outside
    /// ASCII, flags, a joiner and a letter whose lower case is two scalars.
    @Test func shortTextsOfEveryKindOfPieceSplitAlike() {
        let pieces = [
            "a", "Z", "7", " ", "-", "\r", "\n", "\u{301}", "\u{345}", "\u{D4E}", "\u{600}", "é", "Σ", "²", "٣", "🇫", "\u{200D}", "👩", "İ", "∂",
        ]
        var texts = [""]
        for _ in 0..<4 {
            texts = texts.flatMap { text in pieces.map { text + $0 } }
            for text in texts {
                #expect(SearchIndex.words(in: text) == SearchIndex.characterWiseWords(in: text), "\(text.debugDescription)")
            }
        }
    }

    @Test func anExcerptIsCutAsByCountingEveryCharacter() {
        /// The definition the excerpts were first cut with.
        func counted(_ text: String, at length: Int) -> (String, Substring) {
            guard text.count > length else { return (text, "") }
            var end = text.index(text.startIndex, offsetBy: length)
            if let space = text[..<end].lastIndex(of: " "), text.distance(from: text.startIndex, to: space) > length / 2 { end = space }
            return (String(text[..<end]), text[end...])
        }
        let texts = ["", " ", "alpha beta gamma delta", "ab cd", "  x", "x  ", "é \u{301}é e\u{301} ∂∂ 👩‍👩‍👧 a b", "nospaceatall", "a\r\n b",
                     // ASCII up to the cut, then a mark that joins the last letter, or a CRLF.
                     "ab cd e\u{301}f gh", "abc de\u{301}", "abc d\r\nef gh", "abc def\r\n", "plain ascii words here"]
        for text in texts {
            for length in 0...(text.count + 2) {
                let (excerpt, rest) = SearchIndex.cut(text, at: length)
                let (expectedExcerpt, expectedRest) = counted(text, at: length)
                #expect(excerpt == expectedExcerpt && rest == expectedRest, "\(text.debugDescription) at \(length)")
            }
        }
    }

    @Test func charactersAreCountedAsStringCountsThem() {
        let texts = ["", "a", "ab\r\ncd", "\r\n", "a\r", "e\u{301}", "ae\u{301}b", "👩‍👩‍👧x", "🇫🇷🇩🇪", "x\u{200D}y", "∂f/∂x = 2x", "ab c\u{308}\u{301}d"]
        for text in texts {
            for length in 0...(text.count + 2) {
                #expect(SearchIndex.characterIndex(text, offsetBy: length) == text.index(text.startIndex, offsetBy: length, limitedBy: text.endIndex),
                        "\(text.debugDescription) at \(length)")
            }
        }
    }

    @Test func theIndexMadeOnSeveralJobsIsTheSameFile() async throws {
        let folder = try SiteBuilderTests.project("tour")
        defer { folder.remove() }
        let analysis = try await SiteAnalysis.run(SiteConfiguration(root: folder.path), cacheAccess: .readOnly, identity: nil)
        let order = analysis.navigation.readingOrder.map(\.outputPath)
        for budget in [SearchIndex.textBudget, 1] {
            let serial = SearchIndex.file(lessons: analysis.lessons, readingOrder: order, textBudget: budget, minimumExcerpt: 20)
            for jobs in [1, 2, 5] {
                let parallel = await SearchIndex.file(lessons: analysis.lessons, readingOrder: order, jobs: jobs, textBudget: budget, minimumExcerpt: 20)
                #expect(parallel == serial)
            }
        }
        let none = await SearchIndex.file(lessons: [], readingOrder: [], jobs: 2)
        #expect(none == SearchIndex.file(lessons: [], readingOrder: []))
    }
}
