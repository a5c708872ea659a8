import ArgumentParser
import Foundation
import Site

/// `calcbook new <name>`: a new lesson from the theme's template, listed in `SUMMARY.md`.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a new lesson from a template and add it to SUMMARY.md when there is one.",
        discussion: """
            The name is a path inside the lessons folder, with or without .md: part2/softmax \
            writes lessons/part2/softmax.md. The template is new-lesson.mustache ({{{title}}} is \
            the title); put one in templates/ to change it. An existing lesson is never overwritten. \
            Exit status: 0 written, 2 nothing written (the name is taken or invalid, a file cannot be written).
            """
    )

    @Argument(help: ArgumentHelp("The new lesson's path inside the lessons folder, e.g. part2/softmax.", valueName: "name"))
    var name: String

    @Option(name: .long, help: "The lesson's title (default: from the name, part2/softmax-gradients → \"Softmax gradients\").")
    var title: String?

    @Option(name: .long, help: ArgumentHelp("The lessons folder.", valueName: "dir"))
    var lessons: String?

    @Option(name: .long, help: ArgumentHelp("The templates folder; the built-in theme fills in what it lacks.", valueName: "dir"))
    var templates: String?

    @Flag(name: .long, help: "Print only problems.")
    var quiet = false

    func run() throws {
        let output = DiagnosticOutput(format: .text, color: .auto)
        do {
            let configuration = try ConfigurationLoader.load(
                root: FileManager.default.currentDirectoryPath,
                overrides: ConfigurationOverrides(lessons: lessons, templates: templates))
            let result = try NewLesson(configuration: configuration).create(name: name, title: title)
            if !quiet {
                let listed = result.summary.map { " and listed it in \($0)" } ?? ""
                DiagnosticOutput.standardError("Wrote \(result.lesson)\(listed)\n")
            }
        } catch {
            output.print(error.diagnostics)
            throw ExitCode(ExitStatus.cannotRun)
        }
    }
}
