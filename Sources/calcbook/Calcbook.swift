import ArgumentParser

/// The `calcbook` command: subcommands only, no logic of its own.
@main
struct Calcbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calcbook",
        abstract: "Markdown lessons with computed matrix calculus, built into a static HTML site.",
        version: "0.1.0",
        subcommands: [EvalCommand.self, ReplCommand.self]
    )
}
