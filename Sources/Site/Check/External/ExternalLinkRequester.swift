import Foundation

/// Requests the web addresses lessons link to (`calcbook check --external`) and judges each
/// one: reachable, moved permanently, broken (4xx/5xx) or unreachable.
///
/// Each distinct address is requested once per run, however many links name it (the
/// verdicts are cached by address without the fragment, which never reaches the server).
/// Requests are HEAD first — no body to download — and GET when a server refuses HEAD (405,
/// 501). Timeouts, dropped connections, 429 and 5xx are retried with exponential backoff
/// (a 429's or 503's `Retry-After` is honoured up to a cap); a 404 is not retried. Redirects
/// are followed hop by hop, each hop paced like any request to its host.
public actor ExternalLinkRequester {
    public nonisolated let options: ExternalLinkOptions
    private let probe: HTTPProbe
    private let slots: RequestSlots
    private let hosts: HostPoliteness
    private var verdicts: [String: Task<ExternalLinkVerdict, Never>] = [:]

    public init(options: ExternalLinkOptions = ExternalLinkOptions()) {
        self.options = options
        probe = HTTPProbe(timeout: options.timeout)
        slots = RequestSlots(limit: options.concurrency)
        hosts = HostPoliteness(perHost: options.perHostConcurrency, spacing: options.perHostSpacing)
    }

    deinit {
        probe.invalidate()
    }

    /// Distinct addresses requested so far (the summary line's count).
    public var requestedAddresses: Int { verdicts.count }

    /// The verdict for `address`, requested on first use and shared by every later caller.
    public func verdict(for address: String) async -> ExternalLinkVerdict {
        guard let url = Self.requestURL(address) else {
            return .unreachable(.other("'\(address)' is not a web address"))
        }
        let key = url.absoluteString
        if let known = verdicts[key] { return await known.value }
        let pending = Task { await self.follow(url) }
        verdicts[key] = pending
        return await pending.value
    }

    /// The address as requested and cached: `http`/`https` with a host, the fragment dropped,
    /// scheme and host in lower case (they are case-insensitive; the path is not).
    public nonisolated static func requestURL(_ address: String) -> URL? {
        guard var components = URLComponents(string: address),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        components.fragment = nil
        return components.url
    }

    /// Requests `start` and follows its redirects to a verdict.
    private nonisolated func follow(_ start: URL) async -> ExternalLinkVerdict {
        var current = start
        var chain = [start.absoluteString]
        var everyHopPermanent = true
        while true {
            switch await requestWithRetries(current) {
            case let .failed(failure):
                return .unreachable(failure)
            case let .answered(status, location?, _) where (300..<400).contains(status) && status != 304:
                guard let next = URL(string: location, relativeTo: current).flatMap({ Self.requestURL($0.absoluteString) }) else {
                    return .unreachable(.invalidRedirect(location))
                }
                if chain.contains(next.absoluteString) {
                    return .unreachable(.redirectLoop(chain + [next.absoluteString]))
                }
                if chain.count > options.maximumRedirects {
                    return .unreachable(.tooManyRedirects(options.maximumRedirects))
                }
                everyHopPermanent = everyHopPermanent && (status == 301 || status == 308)
                chain.append(next.absoluteString)
                current = next
            case let .answered(status, _, retryAfter):
                let answeredElsewhere = chain.count > 1 ? chain.last : nil
                if status >= 400 {
                    return .broken(
                        status: status, at: answeredElsewhere,
                        retryAfter: retryAfter.flatMap { $0 > options.maximumRetryAfter ? $0 : nil })
                }
                if everyHopPermanent, let moved = answeredElsewhere {
                    return .movedPermanently(to: moved, status: status)
                }
                return .reachable(status: status)
            }
        }
    }

    /// One address, one hop: HEAD (GET if HEAD is refused), retried while the failure may pass.
    private nonisolated func requestWithRetries(_ url: URL) async -> HTTPProbe.Outcome {
        var method = HTTPProbe.Method.head
        var attempt = 0
        while true {
            var outcome = await exchange(url, method: method)
            if method == .head, case let .answered(status, _, _) = outcome, status == 405 || status == 501 {
                method = .get
                outcome = await exchange(url, method: .get)
            }
            guard attempt < options.retries, let wait = retryDelay(after: outcome, attempt: attempt) else {
                return outcome
            }
            if wait > 0 {
                try? await Task.sleep(for: .milliseconds(Int((wait * 1000).rounded())))
            }
            attempt += 1
        }
    }

    /// Seconds to wait before retrying, or `nil` when retrying cannot help: a 4xx other than
    /// 429, a 501, a DNS or TLS failure, or a `Retry-After` beyond the cap.
    nonisolated func retryDelay(after outcome: HTTPProbe.Outcome, attempt: Int) -> Double? {
        let backoff = options.backoff * pow(2, Double(attempt))
        switch outcome {
        case let .answered(status, _, retryAfter):
            guard status == 429 || ((500...599).contains(status) && status != 501) else { return nil }
            guard let retryAfter else { return backoff }
            return retryAfter <= options.maximumRetryAfter ? retryAfter : nil
        case .failed(.timedOut), .failed(.connectionDropped), .failed(.cannotConnect):
            return backoff
        case .failed:
            return nil
        }
    }

    /// One HTTP exchange within the politeness rules: a slot of the host first (so a busy
    /// host does not hold global slots while it waits), then a global slot.
    private nonisolated func exchange(_ url: URL, method: HTTPProbe.Method) async -> HTTPProbe.Outcome {
        let host = url.host?.lowercased() ?? ""
        await hosts.enter(host)
        await slots.acquire()
        let outcome = await probe.request(url, method: method)
        await slots.release()
        await hosts.leave(host)
        return outcome
    }
}
