/// A counting semaphore for async code: at most `limit` holders at once, waiters served in
/// arrival order. Holders must `release()` exactly once per `acquire()`.
actor RequestSlots {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        available = max(1, limit)
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}

/// Politeness towards each host: at most a few requests in flight to it, and their starts at
/// least `spacing` apart, whatever the global limit allows.
actor HostPoliteness {
    private let perHost: Int
    private let spacing: Duration
    private var slots: [String: RequestSlots] = [:]
    /// The earliest moment the next request to a host may start.
    private var nextStart: [String: ContinuousClock.Instant] = [:]

    init(perHost: Int, spacing: Double) {
        self.perHost = perHost
        self.spacing = .milliseconds(Int((spacing * 1000).rounded()))
    }

    /// Waits for a slot of `host` and for its turn; the caller must call `leave(host)`.
    func enter(_ host: String) async {
        let hostSlots = slots[host] ?? RequestSlots(limit: perHost)
        slots[host] = hostSlots
        await hostSlots.acquire()
        // Reserve a start time before sleeping, so requests that wake together stay spaced.
        let now = ContinuousClock.now
        let start = max(now, nextStart[host] ?? now)
        nextStart[host] = start + spacing
        if start > now {
            try? await Task.sleep(until: start, clock: .continuous)
        }
    }

    func leave(_ host: String) async {
        await slots[host]?.release()
    }
}
