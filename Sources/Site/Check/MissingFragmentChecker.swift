import Diagnostics
import Lesson

/// A `#fragment` must name a heading anchor or an equation label of its page: the same lesson for `#shape`, the
/// target lesson for `jacobian.md#shape`; or an `id` of a generated page
/// (`contents/part-1.html#content`). Fragments of other files (a PDF page) are not checked;
/// a link to a missing lesson is the broken-link checker's.
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
            guard let lesson = site.lesson(at: path) else {
                return Self.checkGenerated(link, path: path, fragment: relativeFragment, site: site)
            }
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

    /// A fragment of a generated page (`search.html#search-query`) must be an `id` that page
    /// has; its pages have no headings of a lesson to suggest, so there is no "did you mean".
    private static func checkGenerated(_ link: LessonLink, path: String, fragment: String, site: CheckedSite) -> [Diagnostic] {
        guard !fragment.isEmpty, let page = site.generatedFile(at: path), let ids = site.generatedPageIDs[page],
              !ids.contains(fragment) else { return [] }
        return [Diagnostic(
            id: "link.missing-fragment",
            message: "'#\(fragment)' is not an id of the generated page '\(page)'",
            location: link.location)]
    }

    /// The heading a mistyped fragment most plausibly meant: the shared "did you mean" rule
    /// (``NameSuggestion``: a few letters changed), or else the one heading whose anchor begins
    /// with the fragment (`#jacobian` for `#jacobian-of-a-layer`). A shared prefix alone is no
    /// evidence: `#eq:nope` does not mean `#eq:loss`.
    static func closest(to fragment: String, in headings: [LessonHeading]) -> LessonHeading? {
        if let near = NameSuggestion.nearest(to: fragment, among: headings.map(\.anchor)) {
            return headings.first { $0.anchor == near }
        }
        let extended = headings.filter { fragment.count >= 3 && $0.anchor.hasPrefix(fragment) }
        return extended.count == 1 ? extended[0] : nil
    }
}
