import ArgumentParser
import CellLanguage
import Foundation

/// `calcbook repl`: an interactive session of the cell language.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive session of the cell language (:help for help, :quit to leave)."
    )

    @Option(help: "Derivative layout: numerator or denominator.")
    var layout: LayoutChoice = .numerator

    @Option(help: "Colored diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-verify"), help: "Do not check each derivative numerically (dual numbers at random points), as build does.")
    var noVerify = false

    func run() throws {
        var repl = CellRepl(
            options: CellOptions(layout: layout.layout), colored: color.enabled(for: STDOUT_FILENO),
            verification: noVerify ? nil : DerivativeVerification())
        var editor = TerminalLineReader()
        if editor.isInteractive {
            write("calcbook \(Calcbook.configuration.version) — the cell language. :help for help, :quit to leave.\n")
        }
        while !repl.finished {
            guard let line = editor.readLine(prompt: repl.prompt) else {
                write(repl.endOfInput())
                break
            }
            write(repl.enter(line))
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// Reads lines from a terminal with simple editing — ←/→, Home/End (Ctrl-A/E), Backspace,
/// ↑/↓ through the history, Ctrl-U to clear, Ctrl-C to drop the line, Ctrl-D to end — and
/// falls back to plain `readLine()` when standard input is not a terminal (a pipe, a test).
struct TerminalLineReader {
    let isInteractive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    private var history: [String] = []

    mutating func readLine(prompt: String) -> String? {
        guard isInteractive else { return Swift.readLine() }
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return Swift.readLine() }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }

        var line: [Character] = []
        var cursor = 0
        var historyIndex = history.count
        func redraw() {
            let back = line.count - cursor
            output("\r" + prompt + String(line) + "\u{1B}[K" + (back > 0 ? "\u{1B}[\(back)D" : ""))
        }
        redraw()
        while let byte = readByte() {
            switch byte {
            case 0x0D, 0x0A:
                output("\n")
                let text = String(line)
                if !text.isEmpty, history.last != text { history.append(text) }
                return text
            case 0x04 where line.isEmpty:
                output("\n")
                return nil
            case 0x03:
                output("^C\n")
                line = []
                cursor = 0
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
                guard readByte() == UInt8(ascii: "[") else { break }
                switch readByte() {
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
                default: break
                }
            case 0x20...:
                // A UTF-8 sequence: the lead byte says how many continuation bytes follow.
                var bytes = [byte]
                let extra = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0
                for _ in 0..<extra {
                    if let next = readByte() { bytes.append(next) }
                }
                for character in String(decoding: bytes, as: UTF8.self) {
                    line.insert(character, at: cursor)
                    cursor += 1
                }
            default: break
            }
            redraw()
        }
        output("\n")
        return line.isEmpty ? nil : String(line)
    }

    private func readByte() -> UInt8? {
        var byte: UInt8 = 0
        return read(STDIN_FILENO, &byte, 1) == 1 ? byte : nil
    }

    private func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
