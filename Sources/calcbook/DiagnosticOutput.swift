import ArgumentParser
import Diagnostics
import Foundation

/// `--format text|json|github`: which of the Diagnostics module's writers prints the problems.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
}

/// Prints diagnostics where each form belongs: text for people on standard error; JSON and
/// GitHub annotations on standard output, for the tool reading them.
struct DiagnosticOutput {
    var format: DiagnosticFormat
    var color: ColorChoice

    func print(_ diagnostics: [Diagnostic], sources: SourceFiles = SourceFiles()) {
        switch format {
        case .text:
            let writer = TextDiagnosticWriter(sources: sources, colored: colored)
            Self.standardError(writer.write(diagnostics))
        case .json:
            Self.standardOutput(JSONDiagnosticWriter().write(diagnostics))
        case .github:
            Self.standardOutput(GitHubDiagnosticWriter().write(diagnostics))
        }
    }

    /// `auto` colours only a terminal, and respects `NO_COLOR` and `TERM=dumb`.
    var colored: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }

    static func standardError(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func standardOutput(_ text: String) {
        guard !text.isEmpty else { return }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
