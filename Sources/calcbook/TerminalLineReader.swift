import Foundation

/// Reads lines from a terminal with simple editing — ←/→, Home/End (Ctrl-A/E), Backspace,
/// ↑/↓ through the history, Ctrl-U to clear — and falls back to plain `readLine()` when
/// standard input is not a terminal (a pipe, a test).
///
/// Ctrl-C drops the line being typed; on an empty line it says how to leave, and a second
/// one in a row leaves. Ctrl-D on an empty line ends the input. The terminal is put back as
/// it was after every line, and also when the process is ended by a signal while a line is
/// being read (`TerminalMode`).
struct TerminalLineReader {
    let isInteractive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    private var history: [String] = []
    private var editor = LineEditor()

    enum Input: Equatable {
        case line(String)
        /// Ctrl-D on an empty line, or the end of standard input.
        case end
        /// Ctrl-C twice in a row on an empty line.
        case interrupt
        /// Ctrl-C on an empty continuation line: forget the unfinished cell.
        case cancelCell
    }

    /// `continuing`: the line continues an unfinished cell (Ctrl-C then drops the cell).
    mutating func read(prompt: String, continuing: Bool = false) -> Input {
        guard isInteractive, let mode = TerminalMode.enterRaw(STDIN_FILENO) else {
            return Swift.readLine().map(Input.line) ?? .end
        }
        defer { mode.restore() }
        editor.start(history: history, continuing: continuing)
        output(editor.redraw(prompt: prompt))
        while let byte = readByte() {
            let action = editor.feed(byte)
            switch action {
            case .redraw:
                output(editor.redraw(prompt: prompt))
            case .submit(let text):
                output("\n")
                if !text.isEmpty, history.last != text { history.append(text) }
                return .line(text)
            case .dropped:
                output("^C\n")
                output(editor.redraw(prompt: prompt))
            case .hint:
                output("^C\n(Ctrl-C again, Ctrl-D or :quit leaves)\n")
                output(editor.redraw(prompt: prompt))
            case .interrupt:
                output("^C\n")
                return .interrupt
            case .cancelCell:
                output("^C\n")
                return .cancelCell
            case .end:
                output("\n")
                return .end
            case .suspend:
                // Ctrl-Z: the terminal as it was while stopped, raw again when resumed.
                mode.restore()
                kill(getpid(), SIGTSTP)
                mode.reenter()
                output(editor.redraw(prompt: prompt))
            case .none:
                break
            }
        }
        output("\n")
        return editor.text.isEmpty ? .end : .line(editor.text)
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        while true {
            let count = Foundation.read(STDIN_FILENO, &byte, 1)
            if count == 1 { return byte }
            if count < 0, errno == EINTR { continue }
            return nil
        }
    }

    private func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// The editing of one line, byte by byte, as pure state: what a key does, apart from the
/// terminal (so it can be tested without one).
struct LineEditor {
    enum Action: Equatable {
        case none, redraw
        case submit(String)
        /// Ctrl-C dropped a line that had text.
        case dropped
        /// Ctrl-C on an empty line: say how to leave.
        case hint
        /// A second Ctrl-C in a row on an empty line.
        case interrupt
        /// Ctrl-C on an empty line that continues an unfinished cell.
        case cancelCell
        case end
        case suspend
    }

    private(set) var line: [Character] = []
    private(set) var cursor = 0
    private var history: [String] = []
    private var historyIndex = 0
    /// The last key was a Ctrl-C on an empty line.
    private var interruptPending = false
    private var pending: [UInt8] = []
    private var escape: [UInt8]?
    private var continuing = false

    var text: String { String(line) }

    /// A new line; the interrupt count carries over from the previous one (Ctrl-C, Enter on an
    /// empty line, Ctrl-C does not leave, but Ctrl-C Ctrl-C does).
    mutating func start(history: [String], continuing: Bool = false) {
        self.continuing = continuing
        line = []
        cursor = 0
        self.history = history
        historyIndex = history.count
        pending = []
        escape = nil
    }

    func redraw(prompt: String) -> String {
        let back = line.count - cursor
        return "\r" + prompt + String(line) + "\u{1B}[K" + (back > 0 ? "\u{1B}[\(back)D" : "")
    }

    mutating func feed(_ byte: UInt8) -> Action {
        let wasPending = interruptPending
        interruptPending = false
        if var sequence = escape {
            sequence.append(byte)
            escape = sequence
            return handleEscape(sequence)
        }
        if !pending.isEmpty || byte >= 0x80 {
            return handleUTF8(byte)
        }
        switch byte {
        case 0x0D, 0x0A:
            return .submit(text)
        case 0x03:
            guard line.isEmpty else {
                line = []
                cursor = 0
                return .dropped
            }
            if continuing { return .cancelCell }
            if wasPending { return .interrupt }
            interruptPending = true
            return .hint
        case 0x04:
            guard line.isEmpty else {
                if cursor < line.count { line.remove(at: cursor) }
                return .redraw
            }
            return .end
        case 0x1A:
            return .suspend
        case 0x7F, 0x08:
            if cursor > 0 {
                line.remove(at: cursor - 1)
                cursor -= 1
            }
        case 0x01: cursor = 0
        case 0x05: cursor = line.count
        case 0x15:
            line = []
            cursor = 0
        case 0x1B:
            escape = []
            return .none
        case 0x20...0x7E:
            line.insert(Character(Unicode.Scalar(byte)), at: cursor)
            cursor += 1
        default:
            return .none
        }
        return .redraw
    }

    private mutating func handleEscape(_ sequence: [UInt8]) -> Action {
        guard sequence.first == UInt8(ascii: "[") else {
            escape = nil
            return .none
        }
        guard sequence.count >= 2 else { return .none }
        escape = nil
        switch sequence[1] {
        case UInt8(ascii: "D"): cursor = max(0, cursor - 1)
        case UInt8(ascii: "C"): cursor = min(line.count, cursor + 1)
        case UInt8(ascii: "H"): cursor = 0
        case UInt8(ascii: "F"): cursor = line.count
        case UInt8(ascii: "A") where historyIndex > 0:
            historyIndex -= 1
            line = Array(history[historyIndex])
            cursor = line.count
        case UInt8(ascii: "B") where historyIndex < history.count:
            historyIndex += 1
            line = historyIndex < history.count ? Array(history[historyIndex]) : []
            cursor = line.count
        default: return .none
        }
        return .redraw
    }

    /// A UTF-8 sequence: the lead byte says how many continuation bytes follow.
    private mutating func handleUTF8(_ byte: UInt8) -> Action {
        pending.append(byte)
        guard let lead = pending.first else { return .none }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard pending.count >= length else { return .none }
        for character in String(decoding: pending, as: UTF8.self) {
            line.insert(character, at: cursor)
            cursor += 1
        }
        pending = []
        return .redraw
    }
}

/// The terminal in raw mode (no echo, no line buffering, and Ctrl-C/Ctrl-Z/Ctrl-\ read as
/// keys rather than sent as signals), and the way back.
///
/// While raw, a signal that ends the process (SIGTERM, SIGHUP, SIGQUIT) first puts the
/// terminal back: `tcsetattr` is safe to call in a signal handler, and the settings it needs
/// are saved in a global before the handlers are installed. Without that, a killed REPL
/// leaves the shell without echo.
final class TerminalMode: Sendable {
    let descriptor: Int32
    let original: termios
    let raw: termios

    static func enterRaw(_ descriptor: Int32) -> TerminalMode? {
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { return nil }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        let mode = TerminalMode(descriptor: descriptor, original: original, raw: raw)
        mode.reenter()
        return mode
    }

    private init(descriptor: Int32, original: termios, raw: termios) {
        self.descriptor = descriptor
        self.original = original
        self.raw = raw
    }

    func reenter() {
        savedTerminal = (descriptor, original)
        TerminalMode.installHandlers()
        var raw = self.raw
        tcsetattr(descriptor, TCSAFLUSH, &raw)
    }

    func restore() {
        var original = self.original
        tcsetattr(descriptor, TCSAFLUSH, &original)
        savedTerminal = nil
    }

    static let endingSignals: [Int32] = [SIGTERM, SIGHUP, SIGQUIT]

    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        for signal in endingSignals {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = restoreTerminalAndEnd
            #else
            action.__sigaction_u.__sa_handler = restoreTerminalAndEnd
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(truncatingIfNeeded: SA_RESETHAND))
            sigaction(signal, &action, nil)
        }
    }
}

/// The terminal to put back if a signal ends the process; `nil` when it is not raw.
nonisolated(unsafe) private var savedTerminal: (descriptor: Int32, settings: termios)?
nonisolated(unsafe) private var handlersInstalled = false

/// Puts the terminal back, then ends the process by the same signal (the handler was reset
/// to the default by SA_RESETHAND).
private func restoreTerminalAndEnd(_ signal: Int32) {
    if var saved = savedTerminal {
        tcsetattr(saved.descriptor, TCSANOW, &saved.settings)
    }
    kill(getpid(), signal)
}
