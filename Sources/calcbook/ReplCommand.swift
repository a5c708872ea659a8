import ArgumentParser
import CellLanguage
import Foundation
import MatrixCalculus

/// `calcbook repl`: an interactive session of the cell language.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive session of the cell language (:help for help, :quit to leave)."
    )

    @Option(help: "Derivative layout: numerator or denominator.")
    var layout: Layout = .numerator

    @Option(help: "Colored diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-verify"), help: "Do not check each derivative numerically (dual numbers at random points), as build does.")
    var noVerify = false

    func run() throws {
        var repl = CellRepl(
            options: CellOptions(layout: layout), colored: color.enabled(for: STDOUT_FILENO),
            verification: noVerify ? nil : DerivativeVerification())
        var editor = TerminalLineReader()
        if editor.isInteractive {
            write("calcbook \(Calcbook.configuration.version) — the cell language. :help for help, :quit to leave.\n")
        }
        while !repl.finished {
            switch editor.read(prompt: repl.prompt, continuing: repl.isContinuing) {
            case .line(let line):
                write(repl.enter(line))
            case .cancelCell:
                repl.discardPending()
            case .interrupt:
                return
            case .end:
                write(repl.endOfInput())
                return
            }
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
