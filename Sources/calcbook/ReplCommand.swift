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

    func run() throws {
        let interactive = isatty(STDIN_FILENO) != 0
        var repl = CellRepl(options: CellOptions(layout: layout.layout), colored: color.enabled(for: STDOUT_FILENO))
        if interactive { write("calcbook \(Calcbook.configuration.version) — the cell language. :help for help, :quit to leave.\n") }
        while !repl.finished {
            if interactive { write(repl.prompt) }
            guard let line = readLine() else {
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
