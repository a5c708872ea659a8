import Foundation
import Testing
@testable import Site

/// The external-link requester against a local server that answers, redirects, refuses
/// HEAD, fails once, stalls and drops connections. Assertions are on verdicts and on what
/// reached the server, never on how long anything took.
@Suite struct ExternalLinkRequesterTests {
    /// Short waits between retries so the suite is quick, a generous timeout so a loaded
    /// machine does not turn a prompt answer into a timeout.
    static let options = ExternalLinkOptions(
        timeout: 10, concurrency: 4, perHostConcurrency: 2, perHostSpacing: 0.01,
        retries: 2, backoff: 0.05, maximumRetryAfter: 2, maximumRedirects: 5)

    /// One small site with every behaviour the requester must handle.
    static let site: LocalHTTPServer.Route = { request, count in
        switch request.path {
        case "/ok": return .status(200, body: "ok")
        case "/missing": return .status(404)
        case "/chain-1": return .status(301, headers: ["Location": "/chain-2"])
        case "/chain-2": return .status(302, headers: ["Location": "/ok"])
        case "/moved": return .status(301, headers: ["Location": "/moved-again"])
        case "/moved-again": return .status(308, headers: ["Location": "/ok"])
        case "/to-missing": return .status(302, headers: ["Location": "/missing"])
        case "/loop-a": return .status(302, headers: ["Location": "/loop-b"])
        case "/loop-b": return .status(302, headers: ["Location": "/loop-a"])
        case "/to-mail": return .status(302, headers: ["Location": "mailto:someone@example.org"])
        case "/slow": return .stall
        case "/drop": return .drop
        case "/flaky": return count == 1 ? .status(503) : .status(200)
        case "/failing": return .status(500)
        case "/busy": return count == 1 ? .status(429, headers: ["Retry-After": "1"]) : .status(200)
        case "/busy-for-an-hour": return .status(429, headers: ["Retry-After": "3600"])
        case "/no-head": return request.method == "HEAD" ? .status(405) : .status(200, body: "ok")
        default:
            if request.path.hasPrefix("/hop/"), let n = Int(request.path.dropFirst(5)) {
                return .status(302, headers: ["Location": "/hop/\(n + 1)"])
            }
            if request.path.hasPrefix("/hold/") { return .delayed(0.2, 200) }
            return .status(404)
        }
    }

    static func withServer(
        _ options: ExternalLinkOptions = Self.options,
        _ body: (LocalHTTPServer, ExternalLinkRequester) async throws -> Void
    ) async throws {
        let server = try LocalHTTPServer(route: site)
        defer { server.stop() }
        try await body(server, ExternalLinkRequester(options: options))
    }

    @Test func aPageThatAnswersIsReachableWithOneHEAD() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/ok") == .reachable(status: 200))
            #expect(server.requests == [.init(method: "HEAD", path: "/ok")])
        }
    }

    @Test func aMissingPageIsBrokenAndNotRetried() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/missing") == .broken(status: 404, at: nil, retryAfter: nil))
            #expect(server.count("/missing") == 1)
        }
    }

    @Test func aRedirectChainEndingInAnAnswerIsReachable() async throws {
        try await Self.withServer { server, requester in
            // 301 then 302: a temporary hop means the original address is the one to keep.
            #expect(await requester.verdict(for: server.base + "/chain-1") == .reachable(status: 200))
            #expect(server.requests.map(\.path) == ["/chain-1", "/chain-2", "/ok"])
        }
    }

    @Test func onlyPermanentRedirectsReportTheNewAddress() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/moved") == .movedPermanently(to: server.base + "/ok", status: 200))
        }
    }

    @Test func aRedirectToAMissingPageIsBrokenWhereItLands() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/to-missing") == .broken(status: 404, at: server.base + "/missing", retryAfter: nil))
        }
    }

    @Test func aRedirectLoopIsUnreachableAndNamesTheLoop() async throws {
        try await Self.withServer { server, requester in
            let verdict = await requester.verdict(for: server.base + "/loop-a")
            #expect(verdict == .unreachable(.redirectLoop([server.base + "/loop-a", server.base + "/loop-b", server.base + "/loop-a"])))
            #expect(server.count("/loop-a") == 1)
        }
    }

    @Test func redirectsStopAtTheLimit() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/hop/0") == .unreachable(.tooManyRedirects(5)))
            // The start and five redirects were requested, no more.
            #expect(server.requests.map(\.path) == (0...5).map { "/hop/\($0)" })
        }
    }

    @Test func aRedirectToSomethingElseThanTheWebIsUnreachable() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/to-mail") == .unreachable(.invalidRedirect("mailto:someone@example.org")))
        }
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        // The server holds the connection until the client gives up, however long the
        // timeout: no race between the two.
        let options = ExternalLinkOptions(timeout: 1, retries: 1, backoff: 0.05)
        try await Self.withServer(options) { server, requester in
            #expect(await requester.verdict(for: server.base + "/slow") == .unreachable(.timedOut(seconds: 1)))
        }
    }

    @Test func aDroppedConnectionIsRetriedThenUnreachable() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/drop") == .unreachable(.connectionDropped))
            #expect(server.count("/drop") == 3)
        }
    }

    @Test func aServiceUnavailableOnceIsRetriedAndReachable() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/flaky") == .reachable(status: 200))
            #expect(server.count("/flaky") == 2)
        }
    }

    @Test func aServerErrorThatStaysIsBrokenAfterTheRetries() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/failing") == .broken(status: 500, at: nil, retryAfter: nil))
            #expect(server.count("/failing") == 3)
        }
    }

    @Test func tooManyRequestsIsRetriedAfterTheTimeTheServerAsks() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/busy") == .reachable(status: 200))
            #expect(server.count("/busy") == 2)
        }
    }

    @Test func aRetryAfterBeyondTheCapIsReportedWithoutWaiting() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/busy-for-an-hour") == .broken(status: 429, at: nil, retryAfter: 3600))
            #expect(server.count("/busy-for-an-hour") == 1)
        }
    }

    @Test func aServerRefusingHEADIsAskedWithGET() async throws {
        try await Self.withServer { server, requester in
            #expect(await requester.verdict(for: server.base + "/no-head") == .reachable(status: 200))
            #expect(server.requests == [.init(method: "HEAD", path: "/no-head"), .init(method: "GET", path: "/no-head")])
        }
    }

    @Test func aClosedPortCannotBeConnectedTo() async throws {
        let closed = try LocalHTTPServer(route: Self.site)
        closed.stop()
        let requester = ExternalLinkRequester(options: ExternalLinkOptions(timeout: 10, retries: 1, backoff: 0.05))
        #expect(await requester.verdict(for: closed.base + "/ok") == .unreachable(.cannotConnect))
    }

    @Test func eachAddressIsRequestedOnceWhateverItsFragment() async throws {
        try await Self.withServer { server, requester in
            let spellings = [server.base + "/ok", server.base + "/ok#rows", "HTTP://127.0.0.1:\(server.port)/ok#columns"]
            let verdicts = await withTaskGroup(of: ExternalLinkVerdict.self) { group in
                for index in 0..<12 {
                    let address = spellings[index % spellings.count]
                    group.addTask { await requester.verdict(for: address) }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(verdicts == Array(repeating: .reachable(status: 200), count: 12))
            #expect(server.count("/ok") == 1)
            #expect(await requester.requestedAddresses == 1)
        }
    }

    @Test(arguments: [(global: 4, perHost: 2), (global: 1, perHost: 2)])
    func requestsInFlightStayWithinTheLimits(limits: (global: Int, perHost: Int)) async throws {
        let options = ExternalLinkOptions(
            timeout: 10, concurrency: limits.global, perHostConcurrency: limits.perHost, perHostSpacing: 0, retries: 0)
        try await Self.withServer(options) { server, requester in
            let verdicts = await withTaskGroup(of: ExternalLinkVerdict.self) { group in
                for index in 0..<8 {
                    group.addTask { await requester.verdict(for: server.base + "/hold/\(index)") }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(verdicts == Array(repeating: .reachable(status: 200), count: 8))
            #expect(server.requests.count == 8)
            #expect(server.maximumInFlight <= min(limits.global, limits.perHost))
        }
    }

    @Test func addressesAreNormalizedForTheCache() {
        #expect(ExternalLinkRequester.requestURL("HTTPS://Example.ORG/Path?q=1#frag")?.absoluteString == "https://example.org/Path?q=1")
        #expect(ExternalLinkRequester.requestURL("mailto:someone@example.org") == nil)
        #expect(ExternalLinkRequester.requestURL("https:///no-host") == nil)
    }

    @Test func retryAfterIsReadInSecondsOrAsADate() throws {
        #expect(HTTPProbe.retryAfterSeconds("120") == 120)
        #expect(HTTPProbe.retryAfterSeconds(" 0 ") == 0)
        // A date already past means "now".
        #expect(HTTPProbe.retryAfterSeconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0)
        let inAnHour = try #require(HTTPProbe.retryAfterSeconds(Self.httpDate(Date().addingTimeInterval(3600))))
        #expect(inAnHour > 60)
        #expect(HTTPProbe.retryAfterSeconds("soon") == nil)
    }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
