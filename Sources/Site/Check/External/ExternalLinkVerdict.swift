/// What requesting one web address found out, after retries and redirects.
public enum ExternalLinkVerdict: Sendable, Equatable {
    /// A 2xx (or another non-error status) answered, directly or after temporary redirects.
    case reachable(status: Int)
    /// Every redirect on the way was permanent (301, 308) and the final address answered: the
    /// link works, but the lesson should name `location` instead.
    case movedPermanently(to: String, status: Int)
    /// A 4xx or 5xx after retries. `at` is the address that answered when redirects led
    /// elsewhere; `retryAfter` the seconds a 429 or 503 asked for beyond the honoured cap.
    case broken(status: Int, at: String?, retryAfter: Double?)
    /// No HTTP answer to judge by.
    case unreachable(ExternalLinkFailure)

    public var isProblem: Bool {
        switch self {
        case .reachable: false
        case .movedPermanently, .broken, .unreachable: true
        }
    }
}

/// Why an address could not be reached: each case names what a reader of the diagnostic can
/// act on (a dead host, a stalled server, a misconfigured redirect).
public enum ExternalLinkFailure: Sendable, Equatable, CustomStringConvertible {
    /// No answer within the timeout (seconds), on every attempt.
    case timedOut(seconds: Double)
    /// The server accepted the connection and closed it without an answer, on every attempt.
    case connectionDropped
    /// Nothing accepted the connection (refused, or the network is unreachable).
    case cannotConnect
    /// The host name does not resolve.
    case unknownHost
    /// The redirects come back to an address already visited: the chain, first to last.
    case redirectLoop([String])
    /// More redirects than the limit.
    case tooManyRedirects(Int)
    /// A redirect whose `Location` is not a web address.
    case invalidRedirect(String)
    /// A TLS certificate or handshake problem.
    case secureConnectionFailed(String)
    /// Anything else the HTTP client reported.
    case other(String)

    public var description: String {
        switch self {
        case let .timedOut(seconds): "no answer within \(Self.seconds(seconds))"
        case .connectionDropped: "the server closed the connection without answering"
        case .cannotConnect: "nothing accepted the connection"
        case .unknownHost: "the host name does not resolve"
        case let .redirectLoop(chain): "the redirects loop: " + chain.joined(separator: " → ")
        case let .tooManyRedirects(limit): "more than \(limit) redirects"
        case let .invalidRedirect(location): "it redirects to '\(location)', which is not a web address"
        case let .secureConnectionFailed(reason): "the secure connection failed: \(reason)"
        case let .other(reason): reason
        }
    }

    /// `10 s`, `0.5 s`: whole seconds without a decimal point.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e9 ? "\(Int(value)) s" : "\(value) s"
    }
}
