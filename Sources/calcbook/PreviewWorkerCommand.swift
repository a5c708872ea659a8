import ArgumentParser
import Foundation
import Preview
import Site

/// `calcbook preview-worker`: the build worker `calcbook preview` starts (hidden from help).
/// It answers the server's requests on standard input and output (`PreviewWorker`) and
/// prints each build's diagnostics and summary to standard error, the terminal's.
struct PreviewWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview-worker",
        abstract: "The build worker of calcbook preview (started by it; not for direct use).",
        shouldDisplay: false
    )

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let output = DiagnosticOutput(format: .text, color: common.color)
        let quiet = common.quiet
        await PreviewWorker.serve(root: FileManager.default.currentDirectoryPath, overrides: common.overrides) { event in
            switch event {
            case .built(let outcome, _, _) where outcome.filesWritten == 0 && outcome.kind.builtNothing:
                // The site is as it was: its diagnostics were printed when it was built.
                if !quiet { DiagnosticOutput.standardError(outcome.kind.explanation + "\n") }
            case .built(let outcome, let folder, let seconds):
                output.print(outcome.report.diagnostics, sources: outcome.report.sources)
                if !quiet {
                    let files = outcome.filesWritten == 1 ? "1 file written" : "\(outcome.filesWritten) files written"
                    DiagnosticOutput.standardError(
                        outcome.report.summary(output: folder) + " (\(outcome.kind.explanation); \(files))" + String(format: " in %.2f s\n", seconds))
                }
            case .failed(let failure):
                output.print(failure.diagnostics)
            }
        }
    }
}
