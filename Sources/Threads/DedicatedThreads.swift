import Foundation

/// Threads of their own, for work that must not wait for Swift concurrency's shared pool.
///
/// Swift's tasks share one pool of as many threads as there are cores (two on the machines
/// calcbook is built on), and a job queued there waits behind every job queued before it,
/// however long those run; `DispatchQueue.global()` and the wake-ups of `Task.sleep` wait on
/// the same threads (a serial `DispatchQueue` of one's own does not). Work that must go on
/// while the pool is busy with CPU-bound work (the preview's server while lessons build in
/// the same process, or while a test suite runs beside it) runs here instead.
///
/// Also a `TaskExecutor`: `withTaskExecutorPreference(threads) { … }` runs a task, its child
/// tasks and the default actors they call on these threads, and `sleep(for:)` wakes a task
/// from here. Work runs in the order given, on whichever thread is free; timed work once its
/// time has come, before work given later.
public final class DedicatedThreads: TaskExecutor, @unchecked Sendable {
    public typealias Work = @Sendable () -> Void

    /// Guards everything below; broadcast on every change.
    private let condition = NSCondition()
    /// Work not yet started: `queue[head...]`.
    private var queue: [Work] = []
    private var head = 0
    /// Timed work not yet due, soonest first.
    private var timers: [(due: ContinuousClock.Instant, work: Work)] = []
    /// Set by `finish`: the threads end once nothing is left to do.
    private var finishing = false
    /// The threads, to tell whether the caller runs on one of them.
    private var threads: Set<ObjectIdentifier> = []

    /// Room for the passes that recurse once per level of a lesson's tree (the main thread's
    /// 8 MiB), as the build's other threads have.
    public static let stackBytes = 8 << 20

    /// Starts `count` threads named `name`, each also by the system (`systemName`), so that
    /// `top -H`, `perf` and a debugger show which is which.
    public init(name: String, count: Int = 1) {
        condition.lock()
        defer { condition.unlock() }
        for index in 0..<max(count, 1) {
            let threadName = count > 1 ? "\(name) \(index + 1)" : name
            let thread = Thread { [self] in
                Self.nameSystemThread(threadName)
                serve()
            }
            thread.name = threadName
            thread.stackSize = Self.stackBytes
            threads.insert(ObjectIdentifier(thread))
            thread.start()
        }
    }

    /// The name the system gives a thread named `name`: Linux keeps 15 bytes of it, cut here
    /// at a scalar so that what is kept is valid UTF-8.
    static func systemName(_ name: String) -> String {
        var kept = Substring(name)
        while kept.utf8.count > 15 { kept.unicodeScalars.removeLast() }
        return String(kept)
    }

    /// Gives the calling thread the system name for `name`. On Linux, Foundation's
    /// `Thread.name` is its own and the system's stays that of the thread that made it (the
    /// process's name), so every thread looked alike. Written to the thread's `comm` file, which
    /// is what `pthread_setname_np` does (Swift's Glibc module does not declare that GNU call).
    static func nameSystemThread(_ name: String) {
        #if os(Linux)
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        let bytes = Array(systemName(name).utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        #endif
    }

    /// Whether the caller runs on one of these threads.
    public var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        return threads.contains(ObjectIdentifier(Thread.current))
    }

    /// Runs `work` on one of the threads, after the work given before it has started.
    /// After `finish`, on a new thread of its own.
    public func async(_ work: @escaping Work) {
        condition.lock()
        defer { condition.unlock() }
        if finishing {
            Thread(block: work).start()
            return
        }
        queue.append(work)
        condition.broadcast()
    }

    /// Runs `work` on one of the threads once `delay` has passed.
    public func async(after delay: Duration, _ work: @escaping Work) {
        let due = ContinuousClock.now.advanced(by: delay)
        condition.lock()
        defer { condition.unlock() }
        if finishing {
            Thread {
                Thread.sleep(forTimeInterval: Self.seconds(ContinuousClock.now.duration(to: due)))
                work()
            }.start()
            return
        }
        timers.insert((due, work), at: timers.firstIndex { $0.due > due } ?? timers.endIndex)
        condition.broadcast()
    }

    /// Suspends the calling task for `duration`, woken from these threads rather than by
    /// `Task.sleep`'s timer, whose wake-up waits for the shared pool. Throws
    /// `CancellationError` at once when the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        let wake = SleepWake()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                wake.set(continuation)
                async(after: duration) { wake.resume(with: .success(())) }
            }
        } onCancel: {
            wake.resume(with: .failure(CancellationError()))
        }
    }

    /// Lets the threads end once the work given so far is done, timed work included.
    public func finish() {
        condition.lock()
        defer { condition.unlock() }
        finishing = true
        condition.broadcast()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    private func serve() {
        while let work = next() { work() }
    }

    /// The next work to start, or nil once finishing with nothing left.
    private func next() -> Work? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let soonest = timers.first, soonest.due <= .now {
                timers.removeFirst()
                return soonest.work
            }
            if head < queue.count {
                let work = queue[head]
                head += 1
                // Drop the started work's slots now and then, so the queue does not grow for ever.
                if head >= 64, head * 2 >= queue.count {
                    queue.removeFirst(head)
                    head = 0
                }
                return work
            }
            if let soonest = timers.first {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Self.seconds(ContinuousClock.now.duration(to: soonest.due))))
            } else if finishing {
                return nil
            } else {
                condition.wait()
            }
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        max(0, Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18)
    }
}

/// One sleeping task's continuation, resumed once: by its timer or by its cancellation,
/// whichever comes first (a cancellation may even come before the continuation is set).
private final class SleepWake: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Void, any Error>?
    private var outcome: Result<Void, any Error>?

    func set(_ continuation: CheckedContinuation<Void, any Error>) {
        lock.lock()
        if let outcome {
            lock.unlock()
            continuation.resume(with: outcome)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func resume(with result: Result<Void, any Error>) {
        lock.lock()
        guard outcome == nil else {
            lock.unlock()
            return
        }
        outcome = result
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(with: result)
    }
}
