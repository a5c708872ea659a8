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
        /// The worker could not be started; the text says why.
        case notStarted(String)
    }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Bytes read from the worker after the last full line.
    private var pending = Data()
    private let lock = NSLock()

    /// Starts `executable arguments` in `directory`; its standard error is the server's.
    init(executable: String, arguments: [String], directory: String) throws(Failure) {
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

    /// Sends one request and waits for its answer, off the concurrency pool's threads.
    /// Cancelling the task ends the worker.
    func request(_ request: PreviewWorker.Request) async throws -> PreviewWorker.Response {
        var encoded = try JSONEncoder().encode(request)
        encoded.append(UInt8(ascii: "\n"))
        let line = encoded
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PreviewWorker.Response, any Error>) in
                DispatchQueue.global().async {
                    continuation.resume(with: Result { try self.exchange(line) })
                }
            }
        } onCancel: {
            self.terminate()
        }
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
            pending.append(chunk)
        }
    }

    /// How the worker ended, once it has (its standard output was closed).
    private func ending() -> Failure {
        process.waitUntilExit()
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
