import Foundation
import Testing

/// `calcbook repl` on a real pseudo-terminal: Ctrl-C drops the line, twice on an empty line
/// leaves, Ctrl-D leaves, and the terminal's settings are as before in every case, also when
/// the process is ended by a signal while it waits for a line.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: "/dev/ptmx"), "needs Linux pseudo-terminals"))
struct ReplTerminalTests {
    /// A pseudo-terminal pair; the REPL gets the follower side as its terminal.
    struct Terminal {
        let leader: Int32
        let follower: Int32

        /// Linux's /dev/ptmx, unlocked and numbered by ioctl (Glibc's Swift module does not
        /// export posix_openpt and friends): TIOCSPTLCK and TIOCGPTN, as <asm-generic/ioctls.h>.
        init() throws {
            leader = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var unlock: Int32 = 0
            var number: UInt32 = 0
            guard leader >= 0, ioctl(leader, 0x4004_5431, &unlock) == 0, ioctl(leader, 0x8004_5430, &number) == 0 else {
                throw POSIXError(.ENOTTY)
            }
            follower = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard follower >= 0 else { throw POSIXError(.ENOTTY) }
        }

        var settings: termios {
            var settings = termios()
            tcgetattr(follower, &settings)
            return settings
        }

        func type(_ text: String) {
            _ = text.withCString { write(leader, $0, strlen($0)) }
        }

        /// What the REPL wrote so far (waits up to `seconds` for `marker` to appear).
        func output(waitingFor marker: String, seconds: Double = 60) -> String {
            var text = ""
            let deadline = Date().addingTimeInterval(seconds)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !text.contains(marker), Date() < deadline {
                var poller = pollfd(fd: leader, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, 100) > 0 else { continue }
                let count = read(leader, &buffer, buffer.count)
                if count <= 0 { break }
                text += String(decoding: buffer[0..<count], as: UTF8.self)
            }
            return text
        }

        func close() {
            Foundation.close(leader)
            Foundation.close(follower)
        }
    }

    static func start(on terminal: Terminal) throws -> Process {
        let process = Process()
        process.executableURL = CalcbookProcess.executable
        process.arguments = ["repl", "--color", "never"]
        let handle = FileHandle(fileDescriptor: terminal.follower, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    /// Waits for the REPL to end, at most `seconds` (then ends it and returns false): a blocking
    /// `waitUntilExit` would hang the test runner, whose time limit cannot stop a blocked thread.
    static func ended(_ process: Process, within seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            return false
        }
        return true
    }

    static func isCooked(_ settings: termios) -> Bool {
        settings.c_lflag & tcflag_t(ECHO) != 0 && settings.c_lflag & tcflag_t(ICANON) != 0 && settings.c_lflag & tcflag_t(ISIG) != 0
    }

    @Test(.timeLimit(.minutes(2)))
    func ctrlCDropsTheLineAndTwiceOnAnEmptyLineLeaves() throws {
        let terminal = try Terminal()
        defer { terminal.close() }
        #expect(Self.isCooked(terminal.settings))
        let process = try Self.start(on: terminal)
        defer { if process.isRunning { process.terminate() } }
        _ = terminal.output(waitingFor: "calc> ")
        terminal.type("let x = 1 +\u{03}")
        #expect(terminal.output(waitingFor: "^C").contains("^C"))
        #expect(process.isRunning, "Ctrl-C with text only drops the line")
        terminal.type("2 * 21\r")
        // The terminal is cooked while a cell runs (a Ctrl-C typed then is the terminal's own
        // interrupt key): type on only at the next prompt, as a person does.
        #expect(terminal.output(waitingFor: "42\r\n\rcalc> ").contains("42"), "the dropped text is not evaluated")
        terminal.type("\u{03}")
        #expect(terminal.output(waitingFor: "leaves").contains("(Ctrl-C again, Ctrl-D or :quit leaves)"))
        terminal.type("\u{03}")
        #expect(Self.ended(process))
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(Self.isCooked(terminal.settings), "the terminal is put back")
    }

    @Test(.timeLimit(.minutes(2)))
    func ctrlDLeavesAndTheTerminalIsBack() throws {
        let terminal = try Terminal()
        defer { terminal.close() }
        let process = try Self.start(on: terminal)
        defer { if process.isRunning { process.terminate() } }
        _ = terminal.output(waitingFor: "calc> ")
        terminal.type("\u{04}")
        #expect(Self.ended(process))
        #expect(process.terminationStatus == 0)
        #expect(Self.isCooked(terminal.settings))
    }

    @Test(.timeLimit(.minutes(2)), arguments: [SIGTERM, SIGHUP])
    func aSignalWhileReadingPutsTheTerminalBack(signal: Int32) throws {
        let terminal = try Terminal()
        defer { terminal.close() }
        let process = try Self.start(on: terminal)
        defer { if process.isRunning { process.terminate() } }
        _ = terminal.output(waitingFor: "calc> ")
        terminal.type("half a li")
        _ = terminal.output(waitingFor: "half a li")
        #expect(!Self.isCooked(terminal.settings), "raw while a line is read")
        kill(process.processIdentifier, signal)
        #expect(Self.ended(process))
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
        #expect(Self.isCooked(terminal.settings))
    }
}
