import Diagnostics
import Foundation
import Lesson

/// Web addresses are checked offline for well-formedness: `http`/`https` with a host and no
/// spaces. Requesting them (`--external`) is `ExternalLinkStep`'s, for the well-formed ones.
struct ExternalLinkChecker: LinkChecker {
    func check(_ link: ClassifiedLink, in lesson: SiteLesson, site: CheckedSite) -> [Diagnostic] {
        guard case let .external(link, scheme) = link, scheme == "http" || scheme == "https" else { return [] }
        let destination = link.destination
        if !Self.isWellFormed(destination) {
            return [Diagnostic(
                id: "link.malformed-url",
                message: "'\(destination)' is not a well-formed web address",
                location: link.location)]
        }
        return []
    }
}

extension ExternalLinkChecker {
    static func isWellFormed(_ destination: String) -> Bool {
        !destination.contains(where: \.isWhitespace) && URL(string: destination)?.host?.isEmpty == false
    }
}
