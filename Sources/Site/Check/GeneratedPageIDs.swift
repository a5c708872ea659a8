import Foundation
import Lesson

extension CheckedSite {
    /// Fills `generatedPageIDs` when some lesson links into a generated page with a
    /// `#fragment`: those pages are rendered as the build renders them (the theme decides
    /// their ids), and only then, so a check without such a link renders nothing.
    mutating func readGeneratedPageIDs(
        links: [ClassifiedLink], render: () throws(SiteBuildFailure) -> [SiteFile]
    ) throws(SiteBuildFailure) {
        let wanted = links.contains { link in
            guard case let .relative(_, path, fragment?) = link, !fragment.isEmpty, lesson(at: path) == nil,
                  let page = generatedFile(at: path) else { return false }
            return page.hasSuffix(".html")
        }
        guard wanted else { return }
        for page in try render() where generatedFiles.contains(page.path) && page.path.hasSuffix(".html") {
            let ids = HTMLReferences.attributes(["id"], in: String(decoding: page.contents, as: UTF8.self)).map(\.value)
            generatedPageIDs[page.path] = Set(ids)
        }
    }
}
