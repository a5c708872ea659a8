import Diagnostics
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Lesson

/// The `--external` part of `calcbook check`: requests every well-formed web address the
/// lessons link to (each once, however many links name it) and reports the verdicts at each
/// link that names it, like the other link rules.
///
/// Severity: a 4xx/5xx after retries (`link.external-broken`) and no answer at all
/// (`link.external-unreachable`, including a redirect loop or too many redirects) are errors —
/// a reader would meet a dead link. A permanent move (`link.external-moved`: every redirect a
/// 301/308) is a warning with the new address in a note: the link still works, but the old
/// address may not last. Temporary redirects (302, 303, 307) are not reported: they say "keep
/// using this address" (log-in walls, language or mirror choices).
struct ExternalLinkStep: Sendable {
    var options: ExternalLinkOptions

    struct Result: Sendable {
        var diagnostics: [Diagnostic]
        /// Distinct addresses requested.
        var requested: Int
    }

    func run(_ lessons: [SiteLesson]) async -> Result {
        let links = lessons.flatMap { lesson in
            lesson.rendered.links.filter { link in
                guard case let .external(_, scheme) = ClassifiedLink(link, from: lesson.file.relativePath),
                      scheme == "http" || scheme == "https" else { return false }
                return ExternalLinkChecker.isWellFormed(link.destination)
            }
        }
        let addresses = Set(links.compactMap { ExternalLinkRequester.requestURL($0.destination)?.absoluteString })
        let requester = ExternalLinkRequester(options: options)
        let verdicts = await withTaskGroup(of: (String, ExternalLinkVerdict).self) { group in
            for address in addresses {
                group.addTask { (address, await requester.verdict(for: address)) }
            }
            var verdicts: [String: ExternalLinkVerdict] = [:]
            for await (address, verdict) in group { verdicts[address] = verdict }
            return verdicts
        }
        let diagnostics = links.compactMap { link -> Diagnostic? in
            guard let address = ExternalLinkRequester.requestURL(link.destination)?.absoluteString,
                  let verdict = verdicts[address] else { return nil }
            return Self.diagnostic(verdict, for: link)
        }
        return Result(diagnostics: diagnostics, requested: await requester.requestedAddresses)
    }

    static func diagnostic(_ verdict: ExternalLinkVerdict, for link: LessonLink) -> Diagnostic? {
        let destination = link.destination
        switch verdict {
        case .reachable:
            return nil
        case let .movedPermanently(to, _):
            let target = keepingFragment(of: destination, on: to)
            return Diagnostic(
                id: "link.external-moved", severity: .warning,
                message: "'\(destination)' has moved permanently",
                location: link.location,
                notes: [.init("it redirects to '\(target)'; link there instead")])
        case let .broken(status, at, retryAfter):
            var notes: [Diagnostic.Note] = []
            if let at { notes.append(.init("it redirects to '\(at)', which answered \(status)")) }
            if let retryAfter {
                notes.append(.init("the server asked to retry after \(ExternalLinkFailure.seconds(retryAfter.rounded(.up))), longer than the check waits"))
            }
            return Diagnostic(
                id: "link.external-broken",
                message: "'\(destination)' answered HTTP \(status) (\(reasonPhrase(status)))",
                location: link.location, notes: notes)
        case let .unreachable(failure):
            return Diagnostic(
                id: "link.external-unreachable",
                message: "'\(destination)' cannot be reached: \(failure)",
                location: link.location)
        }
    }

    /// A link to `old#section` that moved to `new` should become `new#section`.
    static func keepingFragment(of destination: String, on target: String) -> String {
        guard let hash = destination.firstIndex(of: "#"), !target.contains("#") else { return target }
        return target + destination[hash...]
    }

    static func reasonPhrase(_ status: Int) -> String {
        HTTPURLResponse.localizedString(forStatusCode: status)
    }
}
