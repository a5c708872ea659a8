import Diagnostics
import Lesson

/// A relative link (not an image) must name a lesson, a page or a file in the lessons folder.
struct BrokenLinkChecker: LinkChecker {
    func check(_ link: ClassifiedLink, in lesson: SiteLesson, site: CheckedSite) -> [Diagnostic] {
        guard case let .relative(link, path, _) = link, !link.isImage, !site.exists(path) else { return [] }
        return [Diagnostic(
            id: "link.broken",
            message: "'\(link.destination)' does not name a lesson, page or file in the lessons folder",
            location: link.location)]
    }
}
