import ArgumentParser
import CellLanguage
import Foundation
import MatrixCalculus

/// `calcbook eval`: runs cell source as one session and prints each output.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run cell-language source as one session and print each output.",
        discussion: """
            Each argument is one cell; without arguments the cell is read from standard input \
            (named <stdin> in diagnostics). Exits with 1 when a cell fails or an #expect does not hold.
            """
    )

    @Argument(help: "Cell source, one cell per argument.")
    var cells: [String] = []

    @Option(help: "Output format: \(CellOutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: CellOutputFormat = .text

    @Option(help: "Derivative layout: numerator or denominator.")
    var layout: Layout = .numerator

    @Option(name: .customLong("time-limit"), help: "Seconds one cell may run.")
    var timeLimit: Double = 10

    @Option(name: .customLong("size-limit"), help: "Distinct parts one value may have.")
    var sizeLimit: Int = CellLimits.default.expressionSize

    @Option(help: "Colored diagnostics: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-verify"), help: "Do not check each derivative numerically (dual numbers at random points), as build does.")
    var noVerify = false

    func validate() throws {
        // At most a day: also what keeps the conversion to milliseconds in range (inf, 1e300).
        guard timeLimit.isFinite, timeLimit > 0, timeLimit <= 86_400 else {
            throw ValidationError("--time-limit must be a positive number of seconds, at most 86400, not \(timeLimit)")
        }
        guard sizeLimit > 0 else { throw ValidationError("--size-limit must be positive") }
    }

    func run() throws {
        var sources = cells.enumerated().map { index, text in
            CellSource(text: text, file: cells.count == 1 ? "<argument>" : "<argument \(index + 1)>")
        }
        if sources.isEmpty {
            let input = isatty(STDIN_FILENO) == 0 ? readStandardInput() : ""
            guard !input.isEmpty else {
                FileHandle.standardError.write(Data("error: no cell source: give it as an argument or on standard input\n\(Calcbook.helpMessage(for: EvalCommand.self))\n".utf8))
                throw ExitCode(ExitStatus.cannotRun)
            }
            sources = [CellSource(text: input, file: "<stdin>")]
        }
        let options = CellOptions(
            layout: layout,
            limits: CellLimits(time: .milliseconds(Int(timeLimit * 1000)), expressionSize: sizeLimit)
        )
        let evaluation = CellEvaluation(
            cells: sources, format: format, options: options, colored: color.enabled(for: STDERR_FILENO),
            verification: noVerify ? nil : DerivativeVerification())
        FileHandle.standardOutput.write(Data(evaluation.output.utf8))
        FileHandle.standardError.write(Data(evaluation.diagnostics.utf8))
        if evaluation.failed { throw ExitCode(ExitStatus.lessonProblems) }
    }

    private func readStandardInput() -> String {
        var text = ""
        while let line = readLine(strippingNewline: false) { text += line }
        return text
    }
}

extension CellOutputFormat: ExpressibleByArgument {}

/// `--layout numerator|denominator`.
extension Layout: ExpressibleByArgument {}

extension ColorChoice {
    /// Whether to colour what goes to `descriptor`: `auto` colours a terminal, unless
    /// `NO_COLOR` is set or `TERM` is `dumb`.
    func enabled(for descriptor: Int32) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            let environment = ProcessInfo.processInfo.environment
            return isatty(descriptor) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        }
    }
}
