/// Long runs of lessons split into groups, each a titled section of the navigation.
///
/// Why: every page lists its own section's lessons and one line per other section (see
/// `TableOfContents`). A course without `# Part` captions (or without `SUMMARY.md`, its lessons
/// in one folder), or a part of hundreds of lessons, is one section, so every page listed every
/// lesson and grew with the course (1000 lessons: 78,749 B of navigation per page in
/// `PageSizeTests`' course, 98,064 B in the benchmark corpus the README measures). Split into
/// groups of about √n lessons, a page lists about √n lessons and √n group titles.
///
/// The rule, as the site reference (`lessons/reference/getting-started.md`) states it:
/// - a section of more than `threshold` lessons (50) is split; smaller ones stay as they are,
///   so a course of short parts builds as before;
/// - it gets ⌈n / size⌉ groups, where size is ⌈√n⌉ but at least `minimumSize` (25): 51 lessons
///   make 3 groups of 17, 100 make 4 of 25, 1000 make 32 of 31–32. Each group takes the next
///   top-level entries (a chapter with its nested lessons stays whole) until it holds its share
///   of the lessons left; a chapter larger than a group is taken apart, its lesson first and
///   then its children, since no group could hold it;
/// - a group is titled by the lessons' places in the section, as paginated lists are
///   ("Lessons 1–32", "Lessons 33–64"; in a titled part "Part 2, lessons 1–32"): neither mdBook,
///   Jupyter Book nor Sphinx splits a long table of contents, and numbers say where a group
///   stands and how long it is, where first–last lesson titles would make long, uneven lines.
///
/// A group is then an ordinary titled section: it gets a contents page (`PartPage`, named
/// after its title: `contents/lessons-1-32.html`), the home page lists it, and other pages fold
/// it to its title. The entries and their order are unchanged, so the reading order (and the
/// previous/next links) still walks every lesson.
enum LessonGroups {
    /// Sections of at most this many lessons are not split.
    static let threshold = 50
    /// The smallest group a split section gets.
    static let minimumSize = 25

    /// `outline` with each section of more than `threshold` lessons replaced by its groups.
    static func split(_ outline: SiteOutline) -> SiteOutline {
        var sections: [SiteOutline.Section] = []
        for section in outline.sections {
            let count = lessonCount(section.entries)
            guard count > threshold else {
                sections.append(section)
                continue
            }
            sections += groups(of: section, count: count)
        }
        return SiteOutline(sections: sections)
    }

    /// How many lessons a split section of `count` lessons puts in one group at most, before
    /// the shares are evened out.
    static func size(for count: Int) -> Int {
        var root = 1
        while root * root < count { root += 1 }
        return max(minimumSize, root)
    }

    private static func groups(of section: SiteOutline.Section, count: Int) -> [SiteOutline.Section] {
        let cap = size(for: count)
        let groupCount = (count + cap - 1) / cap
        let units = section.entries.flatMap { fitting($0, cap: cap) }
        var groups: [[SiteOutline.Entry]] = []
        var current: [SiteOutline.Entry] = []
        var inCurrent = 0
        var left = count
        for unit in units {
            let lessons = lessonCount([unit])
            // Its share of the lessons not yet placed, so the groups come out even (17, 17, 17,
            // not 25, 25, 1), never more than `cap` (chapters may have closed groups early);
            // a unit that would overfill the group starts the next one.
            let groupsLeft = max(1, groupCount - groups.count)
            let share = min(cap, (left + groupsLeft - 1) / groupsLeft)
            if inCurrent > 0, lessons > 0, inCurrent + lessons > share {
                groups.append(current)
                left -= inCurrent
                current = []
                inCurrent = 0
            }
            current.append(unit)
            inCurrent += lessons
        }
        if !current.isEmpty { groups.append(current) }
        var first = 1
        return groups.map { entries in
            let lessons = lessonCount(entries)
            defer { first += lessons }
            return SiteOutline.Section(
                caption: title(first: first, last: first + lessons - 1, part: section.caption), entries: entries, isGroup: true)
        }
    }

    /// The entry whole if a group can hold it, else its lesson alone and then its children,
    /// each taken apart in turn only if it too is larger than a group.
    private static func fitting(_ entry: SiteOutline.Entry, cap: Int) -> [SiteOutline.Entry] {
        guard lessonCount([entry]) > cap, !entry.children.isEmpty else { return [entry] }
        var alone = entry
        alone.children = []
        return [alone] + entry.children.flatMap { fitting($0, cap: cap) }
    }

    /// "Lessons 1–32", "Lesson 7", "Part 2, lessons 1–32".
    static func title(first: Int, last: Int, part: String?) -> String {
        let span = first == last ? "lesson \(first)" : "lessons \(first)\u{2013}\(last)"
        guard let part else { return span.prefix(1).uppercased() + span.dropFirst() }
        return part + ", " + span
    }

    /// Lessons in and below `entries` (a draft entry without a link is not a lesson).
    static func lessonCount(_ entries: [SiteOutline.Entry]) -> Int {
        entries.reduce(0) { $0 + ($1.lesson == nil ? 0 : 1) + lessonCount($1.children) }
    }
}
