import ArgumentParser
import Diagnostics
import Foundation
import Preview
import Site

/// `calcbook preview`: build, serve on 127.0.0.1:8000, rebuild on change, reload open pages.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Build the site, serve it on 127.0.0.1:8000, and rebuild and reload pages when lessons or templates change.",
        discussion: """
            Writes the site to the output folder as build --keep-going does: a failing cell shows in \
            its page and the server keeps running. Serves only the files of the output folder. \
            Stop with Ctrl-C. Exit status: 2 when the server cannot start.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "The address to listen on (127.0.0.1: only this machine).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    var port: UInt16 = 8000

    /// Builds run in a worker process (`calcbook preview-worker` with the preview's flags)
    /// that keeps the last build in memory, so an edited lesson is rebuilt alone and a lesson
    /// that crashes the engine cannot end the server; in this process only when the running
    /// binary cannot be found.
    var builds: PreviewBuilds {
        guard let executable = Self.runningExecutable() else { return .inProcess }
        var arguments = ["preview-worker", "--color", common.color.rawValue]
        if let lessons = common.lessons { arguments += ["--lessons", lessons] }
        if let templates = common.templates { arguments += ["--templates", templates] }
        if let output = common.output { arguments += ["--output", output] }
        if let jobs = common.jobs { arguments += ["--jobs", String(jobs)] }
        if let cacheDir = common.cacheDir { arguments += ["--cache-dir", cacheDir] }
        if common.noCache { arguments.append("--no-cache") }
        if common.quiet { arguments.append("--quiet") }
        return .worker(executable: executable, arguments: arguments)
    }

    /// The calcbook binary that is running, whatever argv[0] says (Linux: /proc/self/exe).
    static func runningExecutable() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
           FileManager.default.isExecutableFile(atPath: resolved) {
            return resolved
        }
        return Bundle.main.executablePath.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    func run() async throws {
        let output = DiagnosticOutput(format: .text, color: common.color)
        let quiet = common.quiet
        let server = PreviewServer(
            root: FileManager.default.currentDirectoryPath, overrides: common.overrides,
            options: PreviewOptions(host: host, port: port, builds: builds)
        ) { event in
            switch event {
            case .listening(let url):
                DiagnosticOutput.standardError("Serving \(url) (Ctrl-C stops)\n")
            case .built(let report, let folder, let seconds, let changed):
                output.print(report.diagnostics, sources: report.sources)
                if !quiet {
                    let what = changed.isEmpty ? "" : "\(changed.joined(separator: ", ")) changed; "
                    DiagnosticOutput.standardError(what + report.summary(output: folder) + String(format: " in %.2f s\n", seconds))
                }
            case .failed(let failure):
                output.print(failure.diagnostics)
            case .builtInChild(let status, _, let seconds, let changed):
                // The child printed its diagnostics and summary; say what set it off and how long.
                if !quiet, status != ExitStatus.cannotRun, !changed.isEmpty {
                    DiagnosticOutput.standardError("\(changed.joined(separator: ", ")) changed; site written" + String(format: " %.2f s after the change was seen\n", seconds))
                }
            case .crashed(let crash, _):
                output.print([Diagnostic(id: "preview.build-crashed", message: crash.message, location: nil)])
            }
        }
        do {
            try await server.run()
        } catch let failure as SiteBuildFailure {
            output.print(failure.diagnostics)
            throw ExitCode(ExitStatus.cannotRun)
        } catch let failure as PreviewListenError {
            output.print([Diagnostic(
                id: "preview.cannot-listen", message: failure.message, location: nil,
                notes: failure.suggestion.map { [.init($0)] } ?? [])])
            throw ExitCode(ExitStatus.cannotRun)
        } catch is CancellationError {
            return
        } catch {
            output.print([Diagnostic(id: "preview.cannot-listen", message: "cannot serve on \(host):\(port): \(error)", location: nil)])
            throw ExitCode(ExitStatus.cannotRun)
        }
    }
}
