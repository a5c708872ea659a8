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

    func run() async throws {
        let output = DiagnosticOutput(format: .text, color: common.color)
        let quiet = common.quiet
        let server = PreviewServer(
            root: FileManager.default.currentDirectoryPath, overrides: common.overrides,
            options: PreviewOptions(host: host, port: port)
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
