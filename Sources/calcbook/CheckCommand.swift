import ArgumentParser
import Diagnostics
import Foundation
import Site

/// `calcbook check`: everything `build` evaluates, plus links, fragments and images, without
/// writing the site.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the lessons (cells, #expect, formulas, links, fragments, images) without writing the site.",
        discussion: """
            Reads calcbook.toml (optional) from the current folder; flags win over it. Writes nothing \
            but the report that --format junit --output FILE asks for. \
            Exit status: 0 no problems, 1 the lessons have problems, 2 the check could not run.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "How to report problems: text, json, github or junit.")
    var format: CheckFormat = .text

    /// `check` writes no site, so `--output` names the JUnit report file (cli.md:
    /// `--format junit --output FILE`); without it the report goes to standard output.
    private var report: String? { common.output }

    func validate() throws {
        if common.output != nil && format != .junit {
            throw ValidationError("check writes no site: --output FILE names the report of --format junit")
        }
    }

    func run() async throws {
        let output = DiagnosticOutput(format: format.diagnosticFormat ?? .text, color: common.color)
        do {
            var overrides = common.overrides
            overrides.output = nil
            let configuration = try ConfigurationLoader.load(
                root: FileManager.default.currentDirectoryPath, overrides: overrides)
            let result = try await SiteChecker(configuration: configuration).check()
            if format == .junit {
                let xml = JUnitWriter(name: "calcbook check").write(result.junitSuites)
                if let report {
                    guard FileManager.default.createFile(atPath: report, contents: Data(xml.utf8)) else {
                        output.print([Diagnostic(id: "output.unwritable", message: "cannot write the JUnit report '\(report)'", location: nil)])
                        throw ExitCode(ExitStatus.cannotRun)
                    }
                } else {
                    DiagnosticOutput.standardOutput(xml)
                }
            } else {
                output.print(result.diagnostics, sources: result.sources)
            }
            if !common.quiet {
                DiagnosticOutput.standardError(result.summary + "\n")
            }
            if result.hasErrors { throw ExitCode(ExitStatus.lessonProblems) }
        } catch let failure as SiteBuildFailure {
            output.print(failure.diagnostics)
            throw ExitCode(ExitStatus.cannotRun)
        }
    }
}

/// `--format` of `check`: the three diagnostic writers, or a JUnit report.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github, junit

    var diagnosticFormat: DiagnosticFormat? {
        switch self {
        case .text: .text
        case .json: .json
        case .github: .github
        case .junit: nil
        }
    }
}
