import Diagnostics
import Foundation
import Testing
@testable import Site

/// `calcbook check` with and without `--external` on lessons whose links point at a local
/// server (written at test time, since its port is only known then): verdicts become
/// diagnostics at each link, each address is requested once, and without `--external`
/// nothing reaches the server.
@Suite struct ExternalLinkCheckTests {
    static func lessons(base: String) -> [String: String] {
        [
            "lessons/index.md": """
                # Links

                - [a page](\(base)/ok)
                - [the same page](\(base)/ok#section)
                - [a missing page](\(base)/missing)
                - [a moved page](\(base)/moved#part)
                - [a temporary redirect](\(base)/chain-1)
                - [a dropped connection](\(base)/drop)
                - [a redirect loop](\(base)/loop-a)
                - [a refusal of HEAD](\(base)/no-head)
                - [a malformed address](http://) on the web
                - [mail](mailto:someone@example.org) and [this page](#links)

                """,
            "lessons/more.md": """
                # More

                The [page again](\(base)/ok) and
                the [missing one again](\(base)/missing#top).

                """,
        ]
    }

    static let options = ExternalLinkOptions(
        timeout: 10, concurrency: 4, perHostConcurrency: 2, perHostSpacing: 0.01, retries: 1, backoff: 0.05)

    static func check(external: ExternalLinkOptions?) async throws -> (SiteCheckReport, LocalHTTPServer) {
        let server = try LocalHTTPServer(route: ExternalLinkRequesterTests.site)
        let folder = try TemporaryFolder(lessons(base: server.base))
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path, title: "Check", jobs: 2)
        let report = try await SiteChecker(configuration: configuration, externalLinks: external).check()
        server.stop()
        return (report, server)
    }

    @Test func withoutExternalNoRequestReachesTheServer() async throws {
        let (report, server) = try await Self.check(external: nil)
        #expect(server.requests.isEmpty)
        #expect(report.diagnostics.map(\.id) == ["link.malformed-url"])
        #expect(report.externalLinksRequested == nil)
        #expect(!report.summary.contains("requested"))
    }

    @Test func eachAddressIsRequestedOnceAndEveryLinkGetsItsVerdict() async throws {
        let (report, server) = try await Self.check(external: Self.options)
        let found = report.diagnostics.map { "\($0.id) \($0.location.map(\.description) ?? "-")" }
        #expect(found == [
            "link.external-broken lessons/index.md:5:3",
            "link.external-moved lessons/index.md:6:3",
            "link.external-unreachable lessons/index.md:8:3",
            "link.external-unreachable lessons/index.md:9:3",
            "link.malformed-url lessons/index.md:11:3",
            "link.external-broken lessons/more.md:4:5",
        ])
        // Three links name /ok and two /missing: one request each (and /ok once more at the
        // end of each of the two redirect chains, which are followed hop by hop).
        #expect(server.count("/ok") == 1 + 2)
        #expect(server.count("/missing") == 1)
        // ok, missing, moved, chain-1, drop, loop-a, no-head; not the malformed one or mail.
        #expect(report.externalLinksRequested == 7)
    }

    @Test func theExternalReportMatchesTheGoldenFiles() async throws {
        let (report, server) = try await Self.check(external: Self.options)
        // The port changes from run to run; the golden files name it PORT.
        func stable(_ text: String) -> Data {
            Data(text.replacingOccurrences(of: "127.0.0.1:\(server.port)", with: "127.0.0.1:PORT").utf8)
        }
        let text = TextDiagnosticWriter(sources: report.sources, colored: false).write(report.diagnostics) + report.summary + "\n"
        try Golden.assertMatches([
            "text.txt": stable(text),
            "json.json": stable(JSONDiagnosticWriter().write(report.diagnostics)),
            "github.txt": stable(GitHubDiagnosticWriter().write(report.diagnostics)),
            "junit.xml": stable(JUnitWriter(name: "calcbook check").write(report.junitSuites)),
        ], named: "check-external")
    }
}
