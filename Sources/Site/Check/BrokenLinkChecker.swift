import Diagnostics
import Lesson

/// A relative link (not an image) must name a lesson, a page the build generates or a file in
/// the lessons folder.
struct BrokenLinkChecker: LinkChecker {
    func check(_ link: ClassifiedLink, in lesson: SiteLesson, site: CheckedSite) -> [Diagnostic] {
        guard case let .relative(link, path, _) = link, !link.isImage, !site.exists(path) else { return [] }
        return [Diagnostic(
            id: "link.broken",
            message: "'\(link.destination)' does not name a lesson, page or file in the lessons folder",
            location: link.location, notes: Self.notes(for: path, site: site))]
    }

    /// Why a generated page the link seems to mean is not there: search switched off, or a
    /// part or group page's name mistyped (its name comes from a caption, so it is easy to
    /// guess wrong).
    static func notes(for path: String, site: CheckedSite) -> [Diagnostic.Note] {
        if path == SearchIndex.pagePath, site.searchIsOff {
            return [.init("search is switched off ('search = false' in calcbook.toml), so the build writes no \(path)")]
        }
        let folder = PartPage.folder + "/"
        guard path.hasPrefix(folder) else { return [] }
        let parts = site.generatedFiles.filter { $0.hasPrefix(folder) }.sorted()
        if let near = NameSuggestion.nearest(to: path, among: parts) {
            return [.init("did you mean '\(near)'?")]
        }
        guard !parts.isEmpty else {
            return [.init("the build writes a page in \(folder) for each titled part (a '# Part' caption of SUMMARY.md, or a top-level folder without SUMMARY.md) and for each group of a run of more than \(LessonGroups.threshold) lessons, and this course has none")]
        }
        let shown = parts.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (parts.count > 3 ? ", …" : "")
        return [.init("the part pages are \(shown)")]
    }
}
