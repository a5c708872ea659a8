import Diagnostics

/// The table of contents: sections of nested entries, in reading order.
///
/// It comes from `SUMMARY.md` when there is one (mdBook's format), otherwise from the lessons'
/// paths. Every page shows it, with the current page marked.
public struct SiteOutline: Sendable, Hashable {
    public struct Section: Sendable, Hashable {
        /// A part title (`# Part 1` in `SUMMARY.md`); `nil` for the untitled first section.
        public var caption: String?
        public var entries: [Entry]
        /// Whether the build made it, a group of a longer run of lessons (`LessonGroups`),
        /// captioned by its lessons' places rather than by the author.
        public var isGroup: Bool

        public init(caption: String?, entries: [Entry], isGroup: Bool = false) {
            self.caption = caption
            self.entries = entries
            self.isGroup = isGroup
        }
    }

    public struct Entry: Sendable, Hashable {
        public var title: String
        /// The lesson, relative to the lessons folder (`part1/jacobian.md`); `nil` for a draft
        /// entry written without a link, shown as plain text.
        public var lesson: String?
        /// The heading anchor the entry points at (`jacobian.md#shape` → `shape`), as written;
        /// `nil` for the whole lesson. `calcbook check` verifies it names a heading.
        public var fragment: String?
        public var children: [Entry]
        /// Where `SUMMARY.md` lists it; `nil` for an outline made from paths.
        public var location: SourceLocation?

        public init(title: String, lesson: String?, fragment: String? = nil, children: [Entry] = [], location: SourceLocation? = nil) {
            self.title = title
            self.lesson = lesson
            self.fragment = fragment
            self.children = children
            self.location = location
        }
    }

    public var sections: [Section]

    public init(sections: [Section]) {
        self.sections = sections
    }

    /// Every entry, depth first, in reading order.
    public var allEntries: [Entry] {
        func flatten(_ entries: [Entry]) -> [Entry] {
            entries.flatMap { [$0] + flatten($0.children) }
        }
        return sections.flatMap { flatten($0.entries) }
    }
}
