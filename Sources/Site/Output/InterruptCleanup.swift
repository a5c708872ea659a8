import Foundation

/// Removes the write step's staging folder when the process is interrupted (Ctrl-C, `kill`,
/// a closed terminal), so an interrupted build leaves no `site.tmp-<pid>` behind.
///
/// A signal handler may do almost nothing safely, so the handler only writes the signal's
/// number into a pipe; a thread of its own reads it, removes the registered folders while
/// holding the lock the writer takes around each file and around the final renames (so a
/// rename is never cut in half), and then ends the process by the same signal.
final class InterruptCleanup: @unchecked Sendable {
    static let shared = InterruptCleanup()

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var installed = false

    /// Folders to remove if the process is interrupted before `unregister`.
    func register(_ path: String) {
        lock.withLock {
            installIfNeeded()
            paths.insert(path)
        }
    }

    func unregister(_ path: String) {
        lock.withLock { _ = paths.remove(path) }
    }

    /// Runs `body` whole: an interruption waits until it is done.
    func uninterrupted<T, Failure: Error>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// The signals that end a build. One that the process ignores (started with `nohup`)
    /// stays ignored.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private func installIfNeeded() {
        guard !installed else { return }
        installed = true
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        interruptPipeWriteEnd = fds[1]
        let readEnd = fds[0]
        for signal in Self.signals {
            var previous = sigaction()
            sigaction(signal, nil, &previous)
            if Self.isIgnored(previous) { continue }
            var action = sigaction()
            Self.setHandler(&action)
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(signal, &action, nil)
        }
        let thread = Thread { [self] in
            var number: Int32 = 0
            while read(readEnd, &number, MemoryLayout<Int32>.size) != MemoryLayout<Int32>.size {}
            interrupted(by: number)
        }
        thread.name = "calcbook interrupt cleanup"
        thread.start()
    }

    private func interrupted(by signal: Int32) -> Never {
        lock.lock() // never released: the process ends here
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = SIG_DFL
        #else
        action.__sigaction_u.__sa_handler = SIG_DFL
        #endif
        sigaction(signal, &action, nil)
        kill(getpid(), signal)
        usleep(200_000)
        _exit(128 + signal)
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if canImport(Glibc)
        let handler = action.__sigaction_handler.sa_handler
        #else
        let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }

    private static func setHandler(_ action: inout sigaction) {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = interruptSignalHandler
        #else
        action.__sigaction_u.__sa_handler = interruptSignalHandler
        #endif
    }
}

/// Written once, before any handler is installed; read only by the handler.
nonisolated(unsafe) private var interruptPipeWriteEnd: Int32 = -1

/// Async-signal-safe: one `write` of the signal number.
private func interruptSignalHandler(_ signal: Int32) {
    var number = signal
    _ = write(interruptPipeWriteEnd, &number, MemoryLayout<Int32>.size)
}
