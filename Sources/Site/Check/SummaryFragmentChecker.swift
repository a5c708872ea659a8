import Diagnostics
import Foundation
import Lesson

/// `SUMMARY.md` entries may point into a lesson (`- [Shapes](notation.md#shapes)`); the
/// fragment must name one of that lesson's heading anchors, as for any other link. A missing
/// lesson is reported by the navigation step (`summary.missing-lesson`), not here.
struct SummaryFragmentChecker {
    func check(_ outline: SiteOutline, site: CheckedSite) -> [Diagnostic] {
        outline.allEntries.compactMap { entry in
            guard let path = entry.lesson, let written = entry.fragment,
                  let target = site.lesson(at: path) else { return nil }
            let fragment = written.removingPercentEncoding ?? written
            guard !target.rendered.headings.contains(where: { $0.anchor == fragment }) else { return nil }
            var notes: [Diagnostic.Note] = []
            if let near = MissingFragmentChecker.closest(to: fragment, in: target.rendered.headings) {
                notes.append(.init("did you mean '#\(near.anchor)' (\(near.text))?", at: near.location))
            }
            return Diagnostic(
                id: "link.missing-fragment",
                message: "'#\(fragment)' is not a heading anchor of '\(target.file.source.path)'",
                location: entry.location, notes: notes)
        }
    }

    /// Entries that point into a lesson, for the summary's count of links.
    func linkCount(_ outline: SiteOutline) -> Int {
        outline.allEntries.filter { $0.lesson != nil }.count
    }
}
