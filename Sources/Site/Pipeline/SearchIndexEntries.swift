/// `search-index.js` made from each lesson's encoded entry, kept between preview's builds.
///
/// An entry depends on its own lesson and the shared excerpt length only (see `SearchIndex`),
/// so after an edit only the edited lessons' entries are made and encoded again, and the file
/// is joined from the rest as they were: in a 1000-lesson course that is most of an
/// incremental build's time otherwise. The file is the bytes
/// `SearchIndex.file(lessons:readingOrder:jobs:)` gives, from the same steps.
struct SearchIndexEntries: Sendable {
    /// The excerpt length the entries were cut with (`nil`: whole sections).
    var excerptLength: Int?
    /// Each lesson's entry as JSON, by its page's path.
    var encoded: [String: [UInt8]]

    /// The index of `lessons`, reusing `previous` entries of the pages not in `changed`
    /// (every entry is made when `previous` is `nil` or the excerpt length changed).
    static func make(
        lessons: [SiteLesson], readingOrder: [String], jobs: Int, previous: SearchIndexEntries? = nil, changed: Set<String> = []
    ) async -> (file: SiteFile, entries: SearchIndexEntries) {
        let (ordered, excerptLength) = SearchIndex.plan(
            lessons: lessons, readingOrder: readingOrder, textBudget: SearchIndex.textBudget, minimumExcerpt: SearchIndex.minimumExcerpt)
        let reusable = previous.flatMap { $0.excerptLength == excerptLength ? $0.encoded : nil } ?? [:]
        var entries: [[UInt8]?] = ordered.map { changed.contains($0.outputPath) ? nil : reusable[$0.outputPath] }
        let missing = entries.indices.filter { entries[$0] == nil }
        let made = await ParseStep.renderConcurrently(missing.map { ordered[$0] }, jobs: jobs) {
            SearchIndex.encode(SearchIndex.entry(for: $0, excerptLength: excerptLength))
        }
        for (index, entry) in zip(missing, made) { entries[index] = entry }
        let encoded = entries.map { $0 ?? Array("{}".utf8) }
        var byPage: [String: [UInt8]] = [:]
        for (lesson, entry) in zip(ordered, encoded) { byPage[lesson.outputPath] = entry }
        return (SearchIndex.file(encodedEntries: encoded), SearchIndexEntries(excerptLength: excerptLength, encoded: byPage))
    }
}
