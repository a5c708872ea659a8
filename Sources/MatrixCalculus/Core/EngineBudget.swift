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
    /// The instant after which engine work throws, or nil for no deadline.
    @TaskLocal public static var deadline: ContinuousClock.Instant?

    /// Steps between two looks at the clock: a power of two, so the test is a mask.
    static let checkInterval = 256

    /// Steps taken, counted per thread (see `StepCounters`); only the low bits matter (when
    /// to look at the clock).
    private static let steps = StepCounters()

    /// Runs `body` with engine work bounded by `deadline`.
    public static func withDeadline<T, E: Error>(
        _ deadline: ContinuousClock.Instant?, _ body: () throws(E) -> T
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
        guard let deadline, ContinuousClock.now >= deadline else { return }
        throw .timeLimitExceeded
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
