import ArgumentParser
import Foundation
import Site

/// `calcbook init [DIR]`: a starter project that builds, checks and previews as it stands.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a project: lessons, SUMMARY.md, calcbook.toml, .gitignore and a CI workflow.",
        discussion: """
            Writes lessons/index.md, lessons/SUMMARY.md, a first lesson (a cell, a checked \
            #expect, a callout and a figure), calcbook.toml, .gitignore and \
            .github/workflows/calcbook.yml (GitHub Actions running calcbook check --format github). \
            Nothing is ever overwritten: if any of these files exists, nothing is written \
            (an existing .gitignore is kept as it is). \
            Exit status: 0 written, 2 nothing written.
            """
    )

    @Argument(help: ArgumentHelp("The project folder (created when missing).", valueName: "dir"))
    var folder: String = "."

    @Flag(name: .customLong("commit-site"), help: "Do not list site/ in .gitignore: the built pages are committed (default: ignored, CI or calcbook build makes them).")
    var commitSite = false

    @Flag(name: .long, help: "Print only problems.")
    var quiet = false

    func run() throws {
        let output = DiagnosticOutput(format: .text, color: .auto)
        let onDisk = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
        do {
            let result = try ProjectInitializer(folder: onDisk, shownFolder: folder, ignoresSite: !commitSite).create()
            guard !quiet else { return }
            let prefix = folder == "." ? "" : folder.hasSuffix("/") ? folder : folder + "/"
            var lines = result.written.map { "  \(prefix)\($0)" }
            lines += result.kept.map { "  \(prefix)\($0) (kept as it was)" }
            let next = folder == "." ? "calcbook preview" : "cd \(folder) && calcbook preview"
            DiagnosticOutput.standardError(
                "Started a calcbook project:\n" + lines.joined(separator: "\n") + "\nNext: \(next)\n")
        } catch {
            output.print(error.diagnostics)
            throw ExitCode(ExitStatus.cannotRun)
        }
    }
}
