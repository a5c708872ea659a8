import Diagnostics
import Lesson

/// A relative image must be a file in the lessons folder: a missing one is an empty box in
/// the page.
struct MissingImageChecker: LinkChecker {
    func check(_ link: ClassifiedLink, in lesson: SiteLesson, site: CheckedSite) -> [Diagnostic] {
        guard case let .relative(link, path, _) = link, link.isImage, !site.otherFiles.contains(path) else { return [] }
        return [Diagnostic(
            id: "link.missing-image",
            message: "the image '\(link.destination)' is not a file in the lessons folder",
            location: link.location)]
    }
}
