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
            Web addresses are checked offline for well-formedness; with --external each distinct one is \
            also requested once (HEAD, GET if refused; redirects followed; timeouts, dropped connections, \
            429 and 5xx retried with backoff; at most two requests at a time per host): an error status or \
            no answer is an error, a permanent redirect a warning naming the new address. \
            Exit status: 0 no problems, 1 the lessons have problems, 2 the check could not run.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "How to report problems: text, json, github or junit.")
    var format: CheckFormat = .text

    @Flag(name: .long, help: "Also request every external link (http, https); without it nothing goes to the network.")
    var external = false

    @Option(name: .long, help: ArgumentHelp("With --external: seconds to wait for an answer before retrying (default: 10).", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .customLong("external-jobs"), help: ArgumentHelp("With --external: how many requests to have in flight at once (default: 8).", valueName: "n"))
    var externalJobs: Int?

    /// The request settings, `nil` unless `--external` asks for requests.
    private var externalLinks: ExternalLinkOptions? {
        guard external else { return nil }
        let defaults = ExternalLinkOptions()
        return ExternalLinkOptions(timeout: timeout ?? defaults.timeout, concurrency: externalJobs ?? defaults.concurrency)
    }

    /// `check` writes no site, so `--output` names the JUnit report file (`--format junit
    /// --output FILE`, as the README shows); without it the report goes to standard output.
    private var report: String? { common.output }

    func validate() throws {
        if common.output != nil && format != .junit {
            throw ValidationError("check writes no site: --output FILE names the report of --format junit")
        }
        if !external && (timeout != nil || externalJobs != nil) {
            throw ValidationError("--timeout and --external-jobs apply to requests, which only --external makes")
        }
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout must be a positive number of seconds, not \(timeout)")
        }
        if let externalJobs, externalJobs < 1 {
            throw ValidationError("--external-jobs must be at least 1, not \(externalJobs)")
        }
    }

    func run() async throws {
        let output = DiagnosticOutput(format: format.diagnosticFormat ?? .text, color: common.color)
        do {
            var overrides = common.overrides
            overrides.output = nil
            let configuration = try ConfigurationLoader.load(
                root: FileManager.default.currentDirectoryPath, overrides: overrides)
            let result = try await SiteChecker(configuration: configuration, externalLinks: externalLinks).check()
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
