import Diagnostics

/// The order a reader goes through the site, and the table of contents every page shows.
///
/// The home page (`index.md`, or a generated contents page without it) comes first; then
/// the lessons in `SUMMARY.md`'s order, or by path without one. A lesson missing from
/// `SUMMARY.md` is still built (links to it work) but is outside the reading order.
public struct SiteNavigation: Sendable {
    public struct Page: Sendable, Hashable {
        /// Where the page is written: `index.html`, `part1/jacobian.html`.
        public var outputPath: String
        public var title: String
        /// The lesson it comes from, relative to the lessons folder; `nil` for the generated
        /// contents page.
        public var lesson: String?
    }

    public var home: Page
    public var readingOrder: [Page]
    /// `SUMMARY.md`'s sections (or the folders'), each of more than `LessonGroups.threshold`
    /// lessons split into groups of its lessons, each group a titled section.
    public var outline: SiteOutline
    /// Per section of `outline`, its own contents page (`nil` for an untitled section).
    public var parts: [PartPage?] = []
    /// Problems with `SUMMARY.md`'s entries (a lesson it names does not exist, …).
    public var diagnostics: [Diagnostic] = []

    /// The title of the generated home page when there is no `index.md`.
    public static let contentsTitle = "Contents"

    /// `otherFiles`: the lessons folder's other files, whose paths no part page takes.
    init(lessons: [SiteLesson], summary: SiteOutline?, summaryPath: String?, otherFiles: Set<String> = []) {
        let byPath = Dictionary(lessons.map { ($0.file.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        if let index = byPath["index.md"] {
            home = Page(outputPath: "index.html", title: index.rendered.title, lesson: "index.md")
        } else {
            home = Page(outputPath: "index.html", title: Self.contentsTitle, lesson: nil)
        }

        if let summary {
            var checked = summary
            var seen: Set<String> = []
            var problems: [Diagnostic] = []
            for sectionIndex in checked.sections.indices {
                checked.sections[sectionIndex].entries = checked.sections[sectionIndex].entries.map {
                    Self.check($0, against: byPath, seen: &seen, diagnostics: &problems)
                }
            }
            outline = checked
            diagnostics = problems
            for lesson in lessons where !seen.contains(lesson.file.relativePath) && lesson.file.relativePath != "index.md" {
                diagnostics.append(Diagnostic(
                    id: "summary.unlisted-lesson",
                    severity: .warning,
                    message: "this lesson is not listed in \(summaryPath ?? "SUMMARY.md"); it is built but has no place in the table of contents",
                    location: SourceLocation(file: lesson.file.source.path, line: 1, column: 1)))
            }
        } else {
            outline = Self.outlineByFolder(lessons.filter { $0.file.relativePath != "index.md" })
        }
        // Long sections become groups, so that no page lists every lesson of a course without
        // parts; the entries and their order stay, so the reading order is the same.
        outline = LessonGroups.split(outline)

        var order = [home]
        var placed: Set<String> = [home.outputPath]
        for entry in outline.allEntries {
            guard let lesson = entry.lesson, let parsed = byPath[lesson] else { continue }
            let page = Page(outputPath: parsed.outputPath, title: entry.title, lesson: lesson)
            if placed.insert(page.outputPath).inserted { order.append(page) }
        }
        readingOrder = order
        parts = PartPage.pages(for: outline, taken: otherFiles.union(lessons.map(\.outputPath)))
    }

    /// The table of contents without `SUMMARY.md`: the lessons in path order, each run of
    /// lessons in the same top-level folder a section captioned with the folder's name (lessons
    /// outside folders in untitled sections). Sections let every page show only its own part
    /// expanded, so a page does not grow with the course.
    static func outlineByFolder(_ lessons: [SiteLesson]) -> SiteOutline {
        var sections: [SiteOutline.Section] = []
        var currentFolder: String?? = .none
        for lesson in lessons {
            let path = lesson.file.relativePath
            let folder = path.firstIndex(of: "/").map { String(path[..<$0]) }
            if currentFolder != .some(folder) {
                sections.append(.init(caption: folder, entries: []))
                currentFolder = .some(folder)
            }
            sections[sections.count - 1].entries.append(.init(title: lesson.rendered.title, lesson: path))
        }
        return SiteOutline(sections: sections.isEmpty ? [.init(caption: nil, entries: [])] : sections)
    }

    /// Turns an entry naming a missing lesson into a draft entry (no link) and reports it.
    private static func check(
        _ entry: SiteOutline.Entry, against lessons: [String: SiteLesson], seen: inout Set<String>,
        diagnostics: inout [Diagnostic]
    ) -> SiteOutline.Entry {
        var entry = entry
        if let lesson = entry.lesson {
            if lessons[lesson] == nil {
                diagnostics.append(Diagnostic(
                    id: "summary.missing-lesson",
                    message: "SUMMARY.md lists '\(lesson)', but there is no such lesson",
                    location: entry.location))
                entry.lesson = nil
            } else if !seen.insert(lesson).inserted {
                diagnostics.append(Diagnostic(
                    id: "summary.duplicate-entry",
                    severity: .warning,
                    message: "SUMMARY.md lists '\(lesson)' more than once; the reading order uses the first",
                    location: entry.location))
            }
        }
        entry.children = entry.children.map { check($0, against: lessons, seen: &seen, diagnostics: &diagnostics) }
        return entry
    }

    /// The pages before and after `outputPath` in the reading order.
    public func neighbours(of outputPath: String) -> (previous: Page?, next: Page?) {
        guard let index = readingOrder.firstIndex(where: { $0.outputPath == outputPath }) else { return (nil, nil) }
        return (index > 0 ? readingOrder[index - 1] : nil, index + 1 < readingOrder.count ? readingOrder[index + 1] : nil)
    }
}
