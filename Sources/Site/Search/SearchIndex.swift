import Foundation
import Lesson

/// Part of **render**: `search-index.js`, every lesson's title and sections (heading, anchor,
/// plain text) for `search.html`'s script.
///
/// A script that assigns the index, not a JSON file the page fetches: browsers refuse
/// `fetch` from `file://`, and the site must search when opened from disk too.
enum SearchIndex {
    static let path = "search-index.js"
    /// The page that searches it, at the site's root.
    static let pagePath = "search.html"

    struct Entry: Encodable {
        /// The page, relative to the site root.
        var url: String
        var title: String
        var sections: [Section]
    }

    struct Section: Encodable {
        /// The heading; absent for the text before the first heading.
        var heading: String?
        var anchor: String?
        var text: String
    }

    /// Lessons in reading order (the table of contents'), then any others in path order, so
    /// that equally good matches are listed as the course reads.
    static func file(lessons: [SiteLesson], readingOrder: [String]) -> SiteFile {
        let rank = Dictionary(readingOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let ordered = lessons.enumerated().sorted { a, b in
            (rank[a.element.outputPath] ?? Int.max, a.offset) < (rank[b.element.outputPath] ?? Int.max, b.offset)
        }.map(\.element)
        let entries = ordered.map { lesson in
            Entry(
                url: lesson.outputPath, title: lesson.rendered.title,
                sections: lesson.rendered.sections.map { Section(heading: $0.heading, anchor: $0.anchor, text: $0.text) })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and arrays only: encoding cannot fail.
        let json = (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
        return SiteFile(path: path, text: "// The search index of this site, written by calcbook build; read by assets/search.js.\nwindow.calcbookSearchIndex = " + json + ";\n")
    }
}
