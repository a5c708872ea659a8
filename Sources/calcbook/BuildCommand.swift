import ArgumentParser
import Foundation
import Site

/// `calcbook build`: lessons/ + templates/ → site/.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the lessons into a static HTML site.",
        discussion: """
            Reads calcbook.toml (optional) from the current folder; flags win over it. \
            Exit status: 0 built, 1 the lessons have problems, 2 the build could not run.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "How to print problems: text, json or github.")
    var format: DiagnosticFormat = .text

    @Flag(name: .long, help: "Write every page even when lessons have errors (shown in the pages); still exit 1.")
    var keepGoing = false

    @Flag(name: .long, help: "Also print notes about the build itself, such as a lesson cache that cannot be written.")
    var verbose = false

    func run() async throws {
        let output = DiagnosticOutput(format: format, color: common.color)
        var overrides = common.overrides
        if keepGoing { overrides.keepGoing = true }
        do {
            let configuration = try ConfigurationLoader.load(
                root: FileManager.default.currentDirectoryPath, overrides: overrides)
            let report = try await SiteBuilder(configuration: configuration).buildBeforeExit()
            output.print(report.diagnostics, sources: report.sources)
            if verbose, let problem = report.cacheProblems.first {
                // The cache only saves time: a build that cannot write it still succeeds.
                DiagnosticOutput.standardError("warning: \(problem); lessons will be evaluated again next time\n")
            }
            if !common.quiet {
                DiagnosticOutput.standardError(report.summary(output: configuration.output) + "\n")
            }
            if report.hasErrors { throw ExitCode(ExitStatus.lessonProblems) }
        } catch let failure as SiteBuildFailure {
            output.print(failure.diagnostics)
            throw ExitCode(ExitStatus.cannotRun)
        }
    }
}
