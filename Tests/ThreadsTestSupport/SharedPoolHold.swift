import Foundation
import Synchronization

/// Holds every thread of Swift concurrency's shared pool with CPU-bound work, as the other
/// tests of a `swift test` run can for minutes, so that a test can show that its code goes on
/// without that pool (`DedicatedThreads`).
///
/// Each holder spins until `release()`, or gives up after 60 s and counts itself in
/// `timedOut`: code that needed the pool could only have gone on after that, so a test expects
/// `timedOut == 0`.
public final class SharedPoolHold: Sendable {
    private let holders: Int
    private let started = Atomic<Int>(0)
    private let released = Atomic<Bool>(false)
    private let givenUp = Atomic<Int>(0)

    /// Starts one holder per core (the pool's width).
    public init() {
        holders = ProcessInfo.processInfo.activeProcessorCount
        for _ in 0..<holders {
            Task.detached { [self] in spin() }
        }
    }

    private func spin() {
        started.add(1, ordering: .sequentiallyConsistent)
        let start = ContinuousClock.now
        while !released.load(ordering: .sequentiallyConsistent) {
            if start.duration(to: .now) > .seconds(60) {
                givenUp.add(1, ordering: .sequentiallyConsistent)
                return
            }
        }
    }

    /// Waits, with `sleep` (which must not need the pool), until every holder spins, or at
    /// most a minute (the pool may be busy with other tests); whether all of them do.
    public func waitUntilHeld(sleeping sleep: (Duration) async throws -> Void) async -> Bool {
        for _ in 0..<3_000 where started.load(ordering: .sequentiallyConsistent) < holders {
            try? await sleep(.milliseconds(20))
        }
        return started.load(ordering: .sequentiallyConsistent) == holders
    }

    public func release() {
        released.store(true, ordering: .sequentiallyConsistent)
    }

    /// How many holders gave up after 60 s.
    public var timedOut: Int { givenUp.load(ordering: .sequentiallyConsistent) }
}
