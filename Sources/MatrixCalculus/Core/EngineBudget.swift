import Synchronization

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

    /// Steps taken by all threads; only its low bits matter (when to look at the clock).
    private static let steps = Atomic<Int>(0)

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
        let count = steps.wrappingAdd(1, ordering: .relaxed).newValue
        guard count & (checkInterval - 1) == 0 else { return }
        try check()
    }

    /// Throws when the deadline has passed.
    public static func check() throws(EngineError) {
        guard let deadline, ContinuousClock.now >= deadline else { return }
        throw .timeLimitExceeded
    }
}
