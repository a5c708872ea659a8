import Foundation

/// Runs a command to its end without blocking a thread of the concurrency pool; cancelling
/// the task terminates the command (SIGTERM, which an interrupted build cleans up after).
enum ChildProcess {
    enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    /// Standard input is empty; standard output and error are the server's, so the child's
    /// diagnostics reach the terminal as a build's would.
    static func run(executable: String, arguments: [String], in directory: String) async throws -> Ending {
        let child = Box(executable: executable, arguments: arguments, directory: directory)
        return try await withTaskCancellationHandler {
            try Task.checkCancellation()
            return try await withCheckedThrowingContinuation { continuation in
                child.start(continuation)
            }
        } onCancel: {
            child.terminate()
        }
    }

    /// The process and whether it has started, behind a lock: the cancellation handler runs
    /// on another thread and may come before the launch.
    private final class Box: @unchecked Sendable {
        private let process = Process()
        private let lock = NSLock()
        private var started = false
        private var cancelled = false

        init(executable: String, arguments: [String], directory: String) {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardInput = FileHandle.nullDevice
        }

        func start(_ continuation: CheckedContinuation<Ending, any Error>) {
            lock.lock()
            defer { lock.unlock() }
            if cancelled {
                continuation.resume(throwing: CancellationError())
                return
            }
            process.terminationHandler = { process in
                continuation.resume(returning: process.terminationReason == .uncaughtSignal
                    ? .signalled(process.terminationStatus) : .exited(process.terminationStatus))
            }
            do {
                try process.run()
                started = true
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }

        func terminate() {
            lock.lock()
            defer { lock.unlock() }
            cancelled = true
            if started, process.isRunning { process.terminate() }
        }
    }
}
