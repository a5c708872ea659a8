import Foundation

/// The server's end of a `PreviewWorker`: the child process and the two pipes to it. One
/// request at a time (the watch loop waits for each build).
final class WorkerProcess: @unchecked Sendable {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    enum Failure: Error, Equatable {
        /// The worker ended (crashed, was killed, or exited) before it answered.
        case ended(Ending)
        /// The worker printed nothing (no answer, no progress line) for this long, and was
        /// stopped: a build stuck in a loop or a wait.
        case stalled(Duration)
        /// The worker could not be started; the text says why.
        case notStarted(String)
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Bytes read from the worker after the last full line.
    private var pending = Data()
    private let lock = NSLock()
    /// How long the worker may print nothing during a request before it is stopped.
    private let stallLimit: Duration
    /// When the worker last printed something, and whether the watchdog stopped it; guarded
    /// by `heardLock` (`lock` is held for a whole request).
    private var lastHeard = ContinuousClock.now
    private var stalled = false
    private let heardLock = NSLock()

    /// Starts `executable arguments` in `directory`; its standard error is the server's.
    init(executable: String, arguments: [String], directory: String, stallLimit: Duration = .seconds(600)) throws(Failure) {
        self.stallLimit = stallLimit
        // A worker that died must not take the server with it when the server writes to it.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardInput = input
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw .notStarted("\(executable): \(error)")
        }
    }

    /// Sends one request and waits for its answer, off the concurrency pool's threads (and
    /// off dispatch's, which are the same).
    /// Cancelling the task ends the worker.
    func request(_ request: PreviewWorker.Request) async throws -> PreviewWorker.Response {
        var encoded = try JSONEncoder().encode(request)
        encoded.append(UInt8(ascii: "\n"))
        let line = encoded
        heard()
        let watchdog = Task.detached(executorPreference: PreviewThreads.serving) { [self] in await watch() }
        defer { watchdog.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PreviewWorker.Response, any Error>) in
                // A thread of its own: the exchange blocks until the build is done.
                Thread {
                    continuation.resume(with: Result { try self.exchange(line) })
                }.start()
            }
        } onCancel: {
            self.terminate()
        }
    }

    /// Stops the worker once it has printed nothing for `stallLimit`: a build that finishes no
    /// lesson for that long is stuck, and the preview must not wait for it forever.
    private func watch() async {
        let tick = min(stallLimit / 4, .seconds(1))
        while !Task.isCancelled {
            try? await PreviewThreads.serving.sleep(for: tick)
            let silent = heardLock.withLock { lastHeard.duration(to: .now) }
            if silent >= stallLimit, !Task.isCancelled {
                heardLock.withLock { stalled = true }
                terminate()
                return
            }
        }
    }

    private func heard() {
        heardLock.withLock { lastHeard = .now }
    }

    private func exchange(_ line: Data) throws -> PreviewWorker.Response {
        lock.lock()
        defer { lock.unlock() }
        do {
            try input.fileHandleForWriting.write(contentsOf: line)
        } catch {
            throw ending()
        }
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let answer = pending[pending.startIndex..<newline]
                pending = Data(pending[pending.index(after: newline)...])
                // Anything else the worker printed on its standard output is not an answer.
                if let response = try? JSONDecoder().decode(PreviewWorker.Response.self, from: answer) { return response }
                continue
            }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw ending() }
            heard()
            pending.append(chunk)
        }
    }

    /// How the worker ended, once it has (its standard output was closed).
    private func ending() -> Failure {
        process.waitUntilExit()
        if heardLock.withLock({ stalled }) { return .stalled(stallLimit) }
        return .ended(process.terminationReason == .uncaughtSignal
            ? .signalled(process.terminationStatus) : .exited(process.terminationStatus))
    }

    func terminate() {
        if process.isRunning { process.terminate() }
    }

    deinit {
        terminate()
    }
}
