import ArgumentParser
import Foundation
import Site
#if canImport(CJemalloc)
import CJemalloc
#endif

/// The `calcbook` command: subcommands only, no logic of its own.
@main
struct Calcbook: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calcbook",
        abstract: "Markdown lessons with computed matrix calculus, built into a static HTML site.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, PreviewCommand.self, PreviewWorkerCommand.self, InitCommand.self, NewCommand.self, EvalCommand.self, ReplCommand.self]
    )

    /// Runs the chosen subcommand, mapping argument-parser's usage errors to exit code 2 as
    /// the README promises (argument-parser's own default is 64).
    static func main() async {
        unblockEndingSignals()
        ProcessMemory.returnLargeBuffersToTheSystem()
        #if canImport(CJemalloc)
        // Freed pages go back to the system after a second unused: a large lesson's trees are
        // freed before its page is made, and jemalloc's default (10 s) keeps them resident.
        _ = calcbook_jemalloc_set_decay(1000)
        #endif
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.cannotRun)
            }
            exit(withError: error)
        }
    }
}

/// Lets Ctrl-C, `kill` and a closed terminal reach calcbook however it was started. A child
/// inherits its parent's blocked signals, and Foundation's `Process` starts children from
/// threads that block nearly all of them: without this, the build `preview` runs (and any
/// calcbook a test or tool starts that way) would ignore Ctrl-C and SIGTERM, and the REPL
/// could not put the terminal back on SIGTERM or SIGHUP. Called first, on the main thread,
/// which every thread started later inherits its mask from.
private func unblockEndingSignals() {
    var signals = sigset_t()
    sigemptyset(&signals)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&signals, signal) }
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
}

/// The exit codes the README lists under "Exit status".
enum ExitStatus {
    static let success: Int32 = 0
    /// The lessons have problems; the diagnostics say which.
    static let lessonProblems: Int32 = 1
    /// The command could not run: a bad flag, an unreadable folder, an unwritable output.
    static let cannotRun: Int32 = 2
}
