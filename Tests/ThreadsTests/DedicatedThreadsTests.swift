import Foundation
import Synchronization
import Testing
@testable import Threads
import ThreadsTestSupport

/// Whether each call came on one of `threads`.
private actor Recorder {
    let threads: DedicatedThreads
    var onThreads: [Bool] = []
    init(_ threads: DedicatedThreads) { self.threads = threads }
    func record() { onThreads.append(threads.isCurrent) }
    func record(_ isCurrent: Bool) { onThreads.append(isCurrent) }
}

@Suite struct DedicatedThreadsTests {
    @Test func workRunsInTheOrderGiven() {
        let threads = DedicatedThreads(name: "order")
        defer { threads.finish() }
        let seen = Mutex<[Int]>([])
        let done = DispatchSemaphore(value: 0)
        for index in 0..<1_000 {
            threads.async { seen.withLock { $0.append(index) } }
        }
        threads.async { done.signal() }
        #expect(done.wait(timeout: .now() + 60) == .success)
        #expect(seen.withLock { $0 } == Array(0..<1_000))
    }

    /// Each thread carries its name as the system's thread name too (cut to Linux's 15 bytes
    /// at a scalar), where `top -H` and `perf` read it.
    @Test func threadsCarryTheirNameAsTheSystemsThreadName() {
        #expect(DedicatedThreads.systemName("calcbook preview 2") == "calcbook previe")
        #expect(DedicatedThreads.systemName("short") == "short")
        #expect(DedicatedThreads.systemName("ééééééé∂x") == "ééééééé")
        #if os(Linux)
        let threads = DedicatedThreads(name: "names", count: 2)
        defer { threads.finish() }
        let seen = Mutex<[String]>([])
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<2 {
            threads.async {
                let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
                seen.withLock { $0.append(name.trimmingCharacters(in: .newlines)) }
                done.signal()
            }
        }
        for _ in 0..<2 { #expect(done.wait(timeout: .now() + 60) == .success) }
        #expect(seen.withLock { $0 }.allSatisfy { $0 == "names 1" || $0 == "names 2" })
        #endif
    }

    @Test func workGivenAfterFinishStillRuns() {
        let threads = DedicatedThreads(name: "finished")
        threads.finish()
        let done = DispatchSemaphore(value: 0)
        threads.async { done.signal() }
        #expect(done.wait(timeout: .now() + 60) == .success)
    }

    @Test func timedWorkRunsOnceDueAndSleepsEndEarlyWhenCancelled() async throws {
        let threads = DedicatedThreads(name: "timers")
        defer { threads.finish() }
        let order = Mutex<[Int]>([])
        let start = ContinuousClock.now
        threads.async(after: .milliseconds(60)) { order.withLock { $0.append(2) } }
        threads.async(after: .milliseconds(30)) { order.withLock { $0.append(1) } }
        threads.async { order.withLock { $0.append(0) } }
        try await threads.sleep(for: .milliseconds(100))
        #expect(start.duration(to: .now) >= .milliseconds(100))
        #expect(order.withLock { $0 } == [0, 1, 2])

        let sleeper = Task { try await threads.sleep(for: .seconds(3_600)) }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
    }

    /// A task preferring the threads runs there, and so do its child tasks and the actors it
    /// calls.
    @Test func tasksPreferringTheThreadsRunOnThem() async {
        let threads = DedicatedThreads(name: "test executor", count: 2)
        defer { threads.finish() }
        #expect(!threads.isCurrent)
        let recorder = Recorder(threads)
        await withTaskExecutorPreference(threads) {
            await recorder.record(threads.isCurrent)
            await recorder.record()
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<4 { group.addTask { await recorder.record() } }
            }
            try? await threads.sleep(for: .milliseconds(1))
            await recorder.record()
        }
        #expect(await recorder.onThreads == Array(repeating: true, count: 7))
    }

    /// The point of the threads: a task preferring them goes on (and sleeps and wakes) while
    /// every thread of the shared pool is held by CPU-bound work, as a test suite's other
    /// tests hold them.
    @Test(.timeLimit(.minutes(5)))
    func aPreferringTaskGoesOnWhileTheSharedPoolIsHeld() async {
        let threads = DedicatedThreads(name: "test executor")
        defer { threads.finish() }
        let hold = SharedPoolHold()
        let allHeld = await withTaskExecutorPreference(threads) {
            let held = await hold.waitUntilHeld(sleeping: threads.sleep(for:))
            try? await threads.sleep(for: .milliseconds(50))
            hold.release()
            return held
        }
        #expect(hold.timedOut == 0, "the task waited for the shared pool (all held: \(allHeld))")
    }
}
