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
    static func plan(
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

    /// One entry as JSON, the bytes `JSONEncoder` gives with `.sortedKeys` and
    /// `.withoutEscapingSlashes` (written by `JSONOutput`, keys in sorted order). Encoding the
    /// entries one by one and joining them with commas gives the bytes encoding the array at
    /// once gives (no whitespace between elements).
    @Sendable static func encode(_ entry: Entry) -> [UInt8] {
        var json = JSONOutput()
        json.object { json in
            json.key("sections")
            json.array(entry.sections) { json, section in
                json.object { json in
                    if let anchor = section.anchor {
                        json.member("anchor", anchor)
                    }
                    if let heading = section.heading {
                        json.member("heading", heading)
                    }
                    json.member("text", section.text)
                }
            }
            json.member("title", entry.title)
            json.member("url", entry.url)
            if let words = entry.words {
                json.member("words", words)
            }
        }
        return json.bytes
    }

    static func file(encodedEntries: [[UInt8]]) -> SiteFile {
        var contents = Data("// The search index of this site, written by calcbook build; read by assets/search.js.\nwindow.calcbookSearchIndex = [".utf8)
        contents.reserveCapacity(contents.count + encodedEntries.reduce(3) { $0 + $1.count + 1 })
        for (index, entry) in encodedEntries.enumerated() {
            if index > 0 { contents.append(UInt8(ascii: ",")) }
            contents.append(contentsOf: entry)
        }
        contents.append(contentsOf: "];\n".utf8)
        return SiteFile(path: path, contents: contents)
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
        // Words are looked up by their bytes, and only a new one is copied out: making a String
        // of each of a lesson's thousands of words and hashing it into a Set<String> was most
        // of an entry's time.
        var known = WordSet()
        forEachWord(in: rendered.title) { _ = known.insert($0) }
        for section in sections {
            forEachWord(in: section.text) { _ = known.insert($0) }
            forEachWord(in: section.heading ?? "") { _ = known.insert($0) }
        }
        // The new words, separated by spaces (a word is never empty).
        var extra: [UInt8] = []
        for part in rest {
            forEachWord(in: part) { word in
                guard known.insert(word) else { return }
                if !extra.isEmpty { extra.append(UInt8(ascii: " ")) }
                extra.append(contentsOf: word)
            }
        }
        return Entry(url: lesson.outputPath, title: rendered.title, sections: sections,
                     words: extra.isEmpty ? nil : String(decoding: extra, as: UTF8.self))
    }

    /// The text up to about `length` characters, ending at a space, and what follows.
    ///
    /// Characters are counted only as far as the cut (not through the whole section): past it,
    /// it only matters that there is more.
    static func cut(_ text: String, at length: Int) -> (excerpt: String, rest: Substring) {
        guard let limit = characterIndex(text, offsetBy: length),
              limit != text.endIndex
        else {
            return (text, "")
        }
        // The last space before the limit, if more than half of `length` characters come before it.
        var end = limit
        var index = limit
        var offset = length
        while index > text.startIndex {
            index = text.index(before: index)
            offset -= 1
            if text[index] == " " {
                if offset > length / 2 { end = index }
                break
            }
        }
        return (String(text[..<end]), text[end...])
    }

    /// `text.index(text.startIndex, offsetBy: length, limitedBy: text.endIndex)`, faster: an
    /// ASCII byte followed by another (or the end) is a character of its own, unless it is a
    /// carriage return (which joins a line feed), so only around other bytes are characters
    /// found cluster by cluster. Counting every character so was most of the time a large
    /// lesson's search entries took.
    static func characterIndex(_ text: String, offsetBy length: Int) -> String.Index? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        for _ in 0..<max(length, 0) {
            guard index < utf8.endIndex else { return nil }
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte < 0x80, byte != 0x0D, next == utf8.endIndex || utf8[next] < 0x80 {
                index = next
            } else {
                index = text.index(after: index)
            }
        }
        return index
    }

    /// Lower-case runs of letters and digits, as the search script splits a query: the words of
    /// `text.lowercased().split { !($0.isLetter || $0.isNumber) }`.
    ///
    /// Why not that expression: it looks up Unicode properties for every character, which was
    /// most of an index's time, and a lesson with a single `∂` is not all ASCII. So ASCII runs
    /// go byte by byte (there a character is a letter or a number exactly when it is `A`–`Z`,
    /// `a`–`z` or `0`–`9`, and lower-casing maps `A`–`Z` only), and only a stretch around other
    /// bytes goes character by character. A stretch starts and ends where two ASCII bytes meet
    /// after a separator: always a boundary between characters (only `\r\n` is one character,
    /// and it is a separator), with no word across it, and `lowercased()` maps each scalar on
    /// its own; so the stretches' words, in order, are the whole text's.
    static func words<Text: StringProtocol>(in text: Text) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Calls `visit` with the UTF-8 of each of `words(in: text)`, in order (valid only during
    /// the call), without making strings of them.
    static func forEachWord<Text: StringProtocol>(in text: Text, _ visit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let utf8 = text.utf8
        func characterWise(_ stretch: Range<Int>) -> [String] {
            let lower = utf8.index(utf8.startIndex, offsetBy: stretch.lowerBound)
            return characterWiseWords(in: text[lower..<utf8.index(lower, offsetBy: stretch.count)])
        }
        if utf8.withContiguousStorageIfAvailable({ forEachWord(inUTF8: $0, characterWise: characterWise, visit) }) != nil { return }
        Array(utf8).withUnsafeBufferPointer { forEachWord(inUTF8: $0, characterWise: characterWise, visit) }
    }

    /// `forEachWord(in:_:)` on the text's bytes; `characterWise` gives the words of a stretch of them.
    private static func forEachWord(
        inUTF8 bytes: UnsafeBufferPointer<UInt8>, characterWise: (Range<Int>) -> [String], _ visit: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        /// A stretch's words, which are strings.
        func visitAll(_ words: [String]) {
            for var word in words { word.withUTF8 { visit($0) } }
        }
        // An ASCII word with upper-case letters is lower-cased here.
        var lowered: [UInt8] = []
        func visitASCII(_ range: Range<Int>, hasUpperCase: Bool) {
            let word = UnsafeBufferPointer(rebasing: bytes[range])
            guard hasUpperCase else { return visit(word) }
            lowered.removeAll(keepingCapacity: true)
            for byte in word { lowered.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte) }
            lowered.withUnsafeBufferPointer { visit($0) }
        }
        // Where the stretch being read starts: a boundary between characters with no word open
        // across it, and no word read yet after it.
        var stretchStart = 0
        var hasOtherBytes = false
        // The ASCII word being read, and whether it has upper-case letters.
        var wordStart: Int?
        var wordHasUpperCase = false
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x80 else {
                hasOtherBytes = true
                wordStart = nil
                continue
            }
            let previousIsASCII = index > 0 && bytes[index - 1] < 0x80
            let endsLine = index > 0 && bytes[index - 1] == UInt8(ascii: "\r") && byte == UInt8(ascii: "\n")
            if hasOtherBytes {
                // Leave the stretch after an ASCII separator that is a character of its own.
                guard index > 1, bytes[index - 2] < 0x80, previousIsASCII, !isASCIILetterOrDigit(bytes[index - 1]), !endsLine else { continue }
                visitAll(characterWise(stretchStart..<index))
                hasOtherBytes = false
                stretchStart = index
            } else if previousIsASCII, wordStart == nil, !endsLine {
                stretchStart = index
            }
            if isASCIILetterOrDigit(byte) {
                if wordStart == nil {
                    wordStart = index
                    wordHasUpperCase = false
                }
                if byte <= UInt8(ascii: "Z") && byte >= UInt8(ascii: "A") { wordHasUpperCase = true }
            } else if let start = wordStart {
                visitASCII(start..<index, hasUpperCase: wordHasUpperCase)
                wordStart = nil
                // Between the word's last letter and this separator: a boundary.
                stretchStart = index
            }
        }
        if hasOtherBytes {
            visitAll(characterWise(stretchStart..<bytes.count))
        } else if let start = wordStart {
            visitASCII(start..<bytes.count, hasUpperCase: wordHasUpperCase)
        }
    }

    /// The definition `words(in:)` keeps to, character by character.
    static func characterWiseWords<Text: StringProtocol>(in text: Text) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: false
        }
    }
}
