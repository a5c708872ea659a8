import Foundation

/// A second core for the stages of one large lesson, which otherwise run one after another
/// as one task: issue #17's 10 MB lesson took seconds on one core while the other was idle.
///
/// A thread of its own rather than a task: the Lesson stage is synchronous, and a task would
/// wait for a thread of the cooperative pool, which the other lessons of a build may hold.
public enum SideThread {
    /// Room for the passes that recurse once per level of a tree nested as deeply as a lesson
    /// may be (the main thread's 8 MiB).
    static let stackBytes = 8 << 20

    /// Runs `side` on a new thread while `main` runs on this one; returns both results once
    /// both are done.
    public static func run<Main, Side: Sendable>(_ main: () -> Main, beside side: @escaping @Sendable () -> Side) -> (Main, Side) {
        let box = ResultBox<Side>()
        let thread = Thread {
            box.value = side()
            box.done.signal()
        }
        thread.stackSize = stackBytes
        thread.start()
        let mainResult = main()
        box.done.wait()
        // Set before `done` is signalled; the fallback only keeps the compiler's unwrap honest.
        let sideResult = box.value ?? side()
        return (mainResult, sideResult)
    }

    /// Results of `work(index)` for every index of `0..<count`, in order, two at a time: the
    /// even ones' turns on this thread, the odd ones on a side thread.
    public static func map<Value: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> Value) -> [Value] {
        guard count > 1 else { return (0..<count).map(work) }
        let (evens, odds) = run({ stride(from: 0, to: count, by: 2).map(work) }, beside: { stride(from: 1, to: count, by: 2).map(work) })
        var results: [Value] = []
        results.reserveCapacity(count)
        for index in 0..<count { results.append(index % 2 == 0 ? evens[index / 2] : odds[index / 2]) }
        return results
    }

    /// Where the side thread leaves its result: written once by that thread before `done` is
    /// signalled, read by the waiting thread only after, so no lock is needed.
    private final class ResultBox<Value>: @unchecked Sendable {
        var value: Value?
        let done = DispatchSemaphore(value: 0)
    }
}
