import Foundation
import Lesson

/// Part of **render**: `search-index.js`, every lesson's title and sections (heading, anchor,
/// plain text) for `search.html`'s script.
///
/// A script that assigns the index, not a JSON file the page fetches: browsers refuse
/// `fetch` from `file://`, and the site must search when opened from disk too.
///
/// Its size is bounded: sections keep their whole text while the site's section text stays
/// within `textBudget`; past it each section keeps its first words (an excerpt, at least
/// `minimumExcerpt` characters) for the result's snippet, and the lesson keeps the other words
/// it contains once each (`words`), so every word still finds its lesson.
enum SearchIndex {
    static let path = "search-index.js"
    /// The page that searches it, at the site's root.
    static let pagePath = "search.html"
    /// UTF-8 bytes of section text the index holds whole (a course of a few hundred lessons).
    static let textBudget = 2_000_000
    static let minimumExcerpt = 280

    struct Entry: Encodable {
        /// The page, relative to the site root.
        var url: String
        var title: String
        var sections: [Section]
        /// Lower-case words of the lesson found in no excerpt, title or heading, once each,
        /// separated by spaces; absent when the sections hold their whole text.
        var words: String?
    }

    struct Section: Encodable {
        /// The heading; absent for the text before the first heading.
        var heading: String?
        var anchor: String?
        var text: String
    }

    /// Lessons in reading order (the table of contents'), then any others in path order, so
    /// that equally good matches are listed as the course reads.
    static func file(
        lessons: [SiteLesson], readingOrder: [String], textBudget: Int = textBudget, minimumExcerpt: Int = minimumExcerpt
    ) -> SiteFile {
        let (ordered, excerptLength) = plan(lessons: lessons, readingOrder: readingOrder, textBudget: textBudget, minimumExcerpt: minimumExcerpt)
        return file(encodedEntries: ordered.map { encode(entry(for: $0, excerptLength: excerptLength)) })
    }

    /// The same file, each lesson's entry made and encoded `jobs` lessons at a time (an entry
    /// depends on its own lesson and the shared excerpt length only).
    static func file(
        lessons: [SiteLesson], readingOrder: [String], jobs: Int, textBudget: Int = textBudget, minimumExcerpt: Int = minimumExcerpt
    ) async -> SiteFile {
        let (ordered, excerptLength) = plan(lessons: lessons, readingOrder: readingOrder, textBudget: textBudget, minimumExcerpt: minimumExcerpt)
        let encoded = await ParseStep.renderConcurrently(ordered, jobs: jobs) { encode(entry(for: $0, excerptLength: excerptLength)) }
        return file(encodedEntries: encoded)
    }

    /// The lessons in the index's order, and the excerpt length when the text is over budget.
    private static func plan(
        lessons: [SiteLesson], readingOrder: [String], textBudget: Int, minimumExcerpt: Int
    ) -> (ordered: [SiteLesson], excerptLength: Int?) {
        let rank = Dictionary(readingOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = lessons.enumerated().sorted { a, b in
            (rank[a.element.outputPath] ?? Int.max, a.offset) < (rank[b.element.outputPath] ?? Int.max, b.offset)
        }.map(\.element)
        let sectionCount = ordered.reduce(0) { $0 + $1.rendered.sections.count }
        let textBytes = ordered.reduce(0) { total, lesson in lesson.rendered.sections.reduce(total) { $0 + $1.text.utf8.count } }
        let excerptLength = textBytes <= textBudget ? nil : max(minimumExcerpt, textBudget / max(sectionCount, 1))
        return (ordered, excerptLength)
    }

    /// One entry as JSON. Encoding the entries one by one and joining them with commas gives
    /// the bytes encoding the array at once gives (no whitespace between elements).
    @Sendable private static func encode(_ entry: Entry) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and arrays only: encoding cannot fail.
        return (try? encoder.encode(entry)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    private static func file(encodedEntries: [String]) -> SiteFile {
        let json = "[" + encodedEntries.joined(separator: ",") + "]"
        return SiteFile(path: path, text: "// The search index of this site, written by calcbook build; read by assets/search.js.\nwindow.calcbookSearchIndex = " + json + ";\n")
    }

    static func entry(for lesson: SiteLesson, excerptLength: Int?) -> Entry {
        let rendered = lesson.rendered
        guard let excerptLength else {
            return Entry(
                url: lesson.outputPath, title: rendered.title,
                sections: rendered.sections.map { Section(heading: $0.heading, anchor: $0.anchor, text: $0.text) })
        }
        var sections: [Section] = []
        var rest: [Substring] = []
        for section in rendered.sections {
            let (excerpt, remainder) = cut(section.text, at: excerptLength)
            sections.append(Section(heading: section.heading, anchor: section.anchor, text: excerpt))
            rest.append(remainder)
        }
        var known = Set(words(in: rendered.title))
        for section in sections {
            known.formUnion(words(in: section.text))
            known.formUnion(words(in: section.heading ?? ""))
        }
        var extra: [String] = []
        for part in rest {
            for word in words(in: part) where known.insert(word).inserted { extra.append(word) }
        }
        return Entry(url: lesson.outputPath, title: rendered.title, sections: sections, words: extra.isEmpty ? nil : extra.joined(separator: " "))
    }

    /// The text up to about `length` characters, ending at a space, and what follows.
    static func cut(_ text: String, at length: Int) -> (excerpt: String, rest: Substring) {
        guard text.count > length else { return (text, "") }
        var end = text.index(text.startIndex, offsetBy: length)
        if let space = text[..<end].lastIndex(of: " "), text.distance(from: text.startIndex, to: space) > length / 2 { end = space }
        return (String(text[..<end]), text[end...])
    }

    /// Lower-case runs of letters and digits, as the search script splits a query.
    static func words<Text: StringProtocol>(in text: Text) -> [String] {
        if let words = asciiWords(in: text) { return words }
        return text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// `words(in:)` for text that is all ASCII (most of a course), byte by byte: there a
    /// character is a letter or a number exactly when it is `A`–`Z`, `a`–`z` or `0`–`9`, and
    /// lower-casing maps `A`–`Z` only. The character-wise split spends most of an index's time
    /// looking up Unicode properties. `nil` when the text has any other byte.
    static func asciiWords<Text: StringProtocol>(in text: Text) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte | 0x20)
            case 0x80...: return nil
            default:
                if !word.isEmpty {
                    words.append(String(decoding: word, as: UTF8.self))
                    word.removeAll(keepingCapacity: true)
                }
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }
}
