import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cooperative deadline for engine work. A caller with a time budget (the cell language runs
/// every cell under one) binds a deadline for the duration of its call; the engine's recursive
/// passes — every node construction (so differentiation, simplification, components and
/// substitution) and every step of numeric evaluation — count their steps and look at the clock
/// every `checkInterval` steps, throwing `EngineError.timeLimitExceeded` once the deadline has
/// passed. So one long engine call (the Hessian of a large written-out expression) stops
/// shortly after the deadline instead of running to its end.
///
/// The deadline is task-local: concurrent lessons each have their own, and code outside any
/// `withDeadline` runs unbounded, as before.
public enum EngineBudget {
    /// When engine work throws, or nil for no deadline.
    @TaskLocal public static var deadline: EngineDeadline?

    /// Steps between two looks at the clock: a power of two, so the test is a mask.
    static let checkInterval = 256

    /// Steps taken, counted per thread (see `StepCounters`); only the low bits matter (when
    /// to look at the clock).
    private static let steps = StepCounters()

    /// Runs `body` with engine work bounded by `deadline`.
    public static func withDeadline<T, E: Error>(
        _ deadline: EngineDeadline?, _ body: () throws(E) -> T
    ) throws(E) -> T {
        let result: Result<T, E> = $deadline.withValue(deadline) {
            Result { () throws(E) -> T in try body() }
        }
        return try result.get()
    }

    /// Counts one step of engine work; every `checkInterval` steps, throws when the deadline
    /// has passed. Cheap enough for every node the engine builds.
    @inline(__always)
    static func step() throws(EngineError) {
        let count = steps.forCurrentThread.value.wrappingAdd(1, ordering: .relaxed).newValue
        guard count & (checkInterval - 1) == 0 else { return }
        try check()
    }

    /// Throws when the deadline has passed.
    public static func check() throws(EngineError) {
        guard let deadline, deadline.hasPassed else { return }
        throw .timeLimitExceeded
    }
}

/// When a budget of `time` is spent: once `time` has passed on the clock *and* the thread doing
/// the work has computed for that long (its CPU time), or at the latest once four times `time`
/// has passed on the clock.
///
/// Why both: on the clock alone, a machine busy with other work (other lessons of a build, a
/// test suite beside it, another program) ended cells that had computed for a fraction of their
/// limit, so whether a cell stood on its page depended on the machine's load; a build on an idle
/// machine is as before, since there the two agree. The CPU time is read only once the clock's
/// time has passed (a system call, where the clock is not), and the cap keeps a thread that
/// computes nothing (waiting) from running for ever.
public struct EngineDeadline: Sendable, Equatable {
    /// On the clock, when `time` has passed.
    public var clock: ContinuousClock.Instant
    /// The working thread's CPU time (`ThreadCPUTime.now`) at which `time` is spent.
    public var threadCPU: Duration
    /// On the clock, when the work stops whatever its CPU time.
    public var latest: ContinuousClock.Instant

    /// A budget of `time` counted from `start` on the clock and from now in the calling thread's
    /// CPU time (less what has passed on the clock since `start`, taken as computed on this
    /// thread: a cell read just before it runs). Call it on the thread that does the work.
    public init(time: Duration, from start: ContinuousClock.Instant = .now) {
        let spent = max(.zero, start.duration(to: .now))
        clock = start.advanced(by: time)
        threadCPU = ThreadCPUTime.now - spent + time
        latest = start.advanced(by: time * 4)
    }

    init(clock: ContinuousClock.Instant, threadCPU: Duration, latest: ContinuousClock.Instant) {
        self.clock = clock
        self.threadCPU = threadCPU
        self.latest = latest
    }

    /// A deadline on the clock alone.
    public init(at instant: ContinuousClock.Instant) {
        clock = instant
        threadCPU = .zero
        latest = instant
    }

    public var hasPassed: Bool {
        let now = ContinuousClock.now
        guard now >= clock else { return false }
        return now >= latest || ThreadCPUTime.now >= threadCPU
    }
}

/// The CPU time the calling thread has used (user and system), from `CLOCK_THREAD_CPUTIME_ID`.
public enum ThreadCPUTime {
    public static var now: Duration {
        var time = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return .zero }
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}

/// Step counters for `EngineBudget`, one per thread (by a hash of the thread's id, so two
/// threads may rarely share one, which only shifts when they look at the clock). One counter
/// for all threads was written by every node construction on every core, and that cache line
/// travelling between cores slowed lessons built at the same time.
final class StepCounters: Sendable {
    /// One counter, padded to a cache line of its own.
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
        private let padding: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// A power of two; the top bits of a multiplicative hash of the thread's id pick one.
    private static let count = 32
    private let counters: [Counter] = (0..<StepCounters.count).map { _ in Counter() }

    var forCurrentThread: Counter {
        let mixed = Self.threadID() &* 0x9E37_79B9_7F4A_7C15
        return counters[Int(truncatingIfNeeded: mixed >> UInt(UInt.bitWidth - Self.count.trailingZeroBitCount))]
    }

    private static func threadID() -> UInt {
        #if canImport(Darwin)
        UInt(bitPattern: pthread_self())
        #else
        UInt(pthread_self())
        #endif
    }
}
