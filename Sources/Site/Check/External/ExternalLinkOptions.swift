/// How `calcbook check --external` requests web addresses: how long it waits, how many
/// requests it has in flight, how gently it treats each host, how often it retries.
///
/// The defaults suit a CI run against public sites (a few dozen hosts, most answering in well
/// under a second); tests shorten the waits against their local server.
public struct ExternalLinkOptions: Sendable, Equatable {
    /// Seconds without an answer before a request counts as timed out (`--timeout`).
    public var timeout: Double
    /// Requests in flight at once, over all hosts (`--external-jobs`). Requests wait on the
    /// network, not the processor, so this is independent of `--jobs`.
    public var concurrency: Int
    /// Requests in flight at once to one host, so a lesson with fifty links to one site does
    /// not look like an attack to it.
    public var perHostConcurrency: Int
    /// Seconds between the starts of two requests to the same host.
    public var perHostSpacing: Double
    /// Further attempts after a timeout, a dropped connection, a 429 or a 5xx (never after a
    /// 404: a missing page stays missing).
    public var retries: Int
    /// Seconds before the first retry; each further retry waits twice as long.
    public var backoff: Double
    /// The longest `Retry-After` honoured; a server asking for longer is reported as it
    /// answered, since waiting minutes would stall the whole check.
    public var maximumRetryAfter: Double
    /// Redirects followed from one address before it is reported unreachable.
    public var maximumRedirects: Int

    public init(
        timeout: Double = 10,
        concurrency: Int = 8,
        perHostConcurrency: Int = 2,
        perHostSpacing: Double = 0.1,
        retries: Int = 2,
        backoff: Double = 1,
        maximumRetryAfter: Double = 10,
        maximumRedirects: Int = 10
    ) {
        self.timeout = max(0.001, timeout)
        self.concurrency = max(1, concurrency)
        self.perHostConcurrency = max(1, perHostConcurrency)
        self.perHostSpacing = max(0, perHostSpacing)
        self.retries = max(0, retries)
        self.backoff = max(0, backoff)
        self.maximumRetryAfter = max(0, maximumRetryAfter)
        self.maximumRedirects = max(0, maximumRedirects)
    }
}
