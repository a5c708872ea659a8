import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange, redirects not followed: the requester follows them itself so it can
/// count them, spot a loop, tell permanent from temporary moves and pace every hop by host.
///
/// Built on Foundation's `URLSession` (FoundationNetworking on Linux, backed by libcurl)
/// rather than a new dependency: measured here with Swift 6.3 in strict concurrency on Linux,
/// its async `data(for:)` does HEAD and GET, honours a per-request timeout (URLError
/// `.timedOut`), reports a connection closed without an answer (`.badServerResponse` "Empty
/// reply from server") and, with a session delegate that declines redirects, hands back the
/// 3xx with its `Location` — all a link checker needs, with HTTPS and proxies for free.
struct HTTPProbe: Sendable {
    enum Method: String, Sendable {
        case head = "HEAD", get = "GET"
    }

    enum Outcome: Sendable, Equatable {
        /// `retryAfter` in seconds, when the server sent a `Retry-After` header.
        case answered(status: Int, location: String?, retryAfter: Double?)
        case failed(ExternalLinkFailure)
    }

    private let session: URLSession
    private let timeout: Double

    init(timeout: Double) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration, delegate: RedirectRefuser(), delegateQueue: nil)
        self.timeout = timeout
    }

    /// Lets the session's running requests finish and releases it (and its delegate).
    func invalidate() {
        session.finishTasksAndInvalidate()
    }

    func request(_ url: URL, method: Method) async -> Outcome {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method.rawValue
        // Some sites refuse clients without a name; say what this one is.
        request.setValue("calcbook-check (link checker)", forHTTPHeaderField: "User-Agent")
        request.setValue("*/*", forHTTPHeaderField: "Accept")
        do {
            let (_, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else {
                return .failed(.other("the answer is not an HTTP response"))
            }
            return .answered(
                status: http.statusCode,
                location: http.value(forHTTPHeaderField: "Location"),
                retryAfter: http.value(forHTTPHeaderField: "Retry-After").flatMap(Self.retryAfterSeconds))
        } catch let error as URLError {
            return .failed(Self.failure(error, timeout: timeout))
        } catch {
            return .failed(.other(String(describing: error)))
        }
    }

    static func failure(_ error: URLError, timeout: Double) -> ExternalLinkFailure {
        switch error.code {
        case .timedOut: .timedOut(seconds: timeout)
        case .networkConnectionLost, .badServerResponse, .zeroByteResource: .connectionDropped
        case .cannotConnectToHost, .notConnectedToInternet, .internationalRoamingOff, .dataNotAllowed: .cannotConnect
        case .cannotFindHost, .dnsLookupFailed: .unknownHost
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
             .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
             .clientCertificateRequired:
            .secureConnectionFailed(error.localizedDescription)
        default: .other(error.localizedDescription)
        }
    }

    /// `Retry-After: 120` or `Retry-After: Fri, 27 Nov 2026 21:00:00 GMT`, in seconds from now.
    static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Double(max(0, seconds)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSinceNow)
    }
}

/// Declines every redirect, so the 3xx itself comes back to `HTTPProbe`.
private final class RedirectRefuser: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
