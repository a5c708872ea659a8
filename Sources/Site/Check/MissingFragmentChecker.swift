import Diagnostics
import Lesson

/// A `#fragment` must name a heading anchor or an equation label of its page: the same lesson for `#shape`, the
/// target lesson for `jacobian.md#shape`. Fragments of other files (a PDF page) are not
/// checked; a link to a missing lesson is the broken-link checker's.
struct MissingFragmentChecker: LinkChecker {
    func check(_ link: ClassifiedLink, in lesson: SiteLesson, site: CheckedSite) -> [Diagnostic] {
        let target: SiteLesson
        let fragment: String
        let written: LessonLink
        switch link {
        case let .samePage(link, fragment: samePageFragment):
            target = lesson
            fragment = samePageFragment
            written = link
        case let .relative(link, path, fragment: relativeFragment?):
            guard let lesson = site.lesson(at: path) else { return [] }
            target = lesson
            fragment = relativeFragment
            written = link
        default:
            return []
        }
        guard !fragment.isEmpty, !target.rendered.headings.contains(where: { $0.anchor == fragment }),
              !target.rendered.equationLabels.contains(fragment) else { return [] }
        let page = target.file.relativePath == lesson.file.relativePath ? "this lesson" : "'\(target.file.source.path)'"
        var notes: [Diagnostic.Note] = []
        if let near = Self.closest(to: fragment, in: target.rendered.headings) {
            notes.append(.init("did you mean '#\(near.anchor)' (\(near.text))?", at: near.location))
        }
        return [Diagnostic(
            id: "link.missing-fragment",
            message: "'#\(fragment)' is not a heading anchor or an equation label of \(page)",
            location: written.location, notes: notes)]
    }

    /// The heading whose anchor shares the longest prefix with `fragment`, when any does.
    static func closest(to fragment: String, in headings: [LessonHeading]) -> LessonHeading? {
        let scored = headings.map { heading in
            (heading, zip(heading.anchor, fragment).prefix { $0 == $1 }.count)
        }
        guard let best = scored.max(by: { $0.1 < $1.1 }), best.1 >= 2 else { return nil }
        return best.0
    }
}
