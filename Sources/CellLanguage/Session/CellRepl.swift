import Diagnostics

/// The read–eval–print loop of `calcbook repl`, without the terminal: it takes lines and
/// answers with text, so it can be tested line by line.
///
/// Input continues over several lines while brackets are open (a `func` body, a matrix
/// literal) or a line ends with an operator or a comma; then the collected lines run as one
/// cell. A failing cell prints its diagnostics and the session goes on with what it had.
public struct CellRepl: Sendable {
    public private(set) var session: CellSession
    private var pending: [String] = []
    private var cellNumber = 0
    public private(set) var finished = false
    public var colored: Bool
    /// Checks every derivative a cell computes, as a lesson build does; nil turns it off.
    public var verification: DerivativeVerification?
    private var verdicts = DerivativeVerification.VerdictCache()

    public init(options: CellOptions = CellOptions(), colored: Bool = false, verification: DerivativeVerification? = DerivativeVerification()) {
        self.session = CellSession(options: options)
        self.colored = colored
        self.verification = verification
    }

    /// The prompt to show before the next line: a continuation prompt inside an open cell.
    public var prompt: String { pending.isEmpty ? "calc> " : "  ... " }

    public static let help = """
        Type cell-language statements; each bare expression prints its value.
          let x, y: Scalar                  declare symbols
          let f = 3 * x^2 * y               bind a value
          gradient(of: f, wrt: [x, y])      compute
          #expect(∂(f, x) == 6 * x * y)     check
        A line with an open bracket or a trailing operator continues on the next line.
        Commands: :help  this text   :reset  forget every name   :quit  leave (also Ctrl-D)

        """

    /// Feeds one line of input; returns what to print (possibly nothing).
    public mutating func enter(_ line: String) -> String {
        let trimmed = line.trimmingWhitespace
        if pending.isEmpty, trimmed.hasPrefix(":") {
            switch trimmed {
            case ":quit", ":q", ":exit":
                finished = true
                return ""
            case ":help", ":h":
                return Self.help
            case ":reset":
                session = CellSession(options: session.options)
                return "all names forgotten\n"
            default:
                return "unknown command \(trimmed); type :help\n"
            }
        }
        if pending.isEmpty, trimmed.isEmpty { return "" }
        pending.append(line)
        let text = pending.joined(separator: "\n")
        if Self.needsMoreInput(text) { return "" }
        pending = []
        cellNumber += 1
        let file = "<repl \(cellNumber)>"
        let result = session.run(cell: CellSource(text: text, file: file))
        return report(result, file: file, text: text)
    }

    /// Whether the next line continues an unfinished cell.
    public var isContinuing: Bool { !pending.isEmpty }

    /// Ctrl-C on a continuation line: forgets the unfinished cell.
    public mutating func discardPending() {
        pending = []
    }

    /// Ends input (Ctrl-D): runs what is pending, if anything.
    public mutating func endOfInput() -> String {
        finished = true
        guard !pending.isEmpty else { return "" }
        let text = pending.joined(separator: "\n")
        pending = []
        cellNumber += 1
        let file = "<repl \(cellNumber)>"
        let result = session.run(cell: CellSource(text: text, file: file))
        return report(result, file: file, text: text)
    }

    /// The values of a cell, one a line, then its diagnostics; a derivative that does not match
    /// its numeric check replaces the values with the error.
    private mutating func report(_ result: CellResult, file: String, text: String) -> String {
        var checked: [Diagnostic] = []
        if let verification {
            checked = verification.verify(result.claims, in: "this input", remembering: &verdicts).diagnostics
        }
        let mismatch = checked.contains { $0.severity == .error }
        let rendered = CellValueRendering.render(mismatch ? [] : result.outputs + result.outputsBeforeFailure, as: .text)
        let problems = result.diagnostics + checked + rendered.problems
        return rendered.texts.map { $0 + "\n" }.joined()
            + TextDiagnosticWriter(sources: SourceFiles([file: text]), colored: colored).write(problems)
    }

    /// Open brackets (outside comments and strings), or a last line ending in an operator or comma.
    static func needsMoreInput(_ text: String) -> Bool {
        var depth = 0
        var inString = false, inLineComment = false, blockComments = 0
        var previous: Character = " "
        for character in text {
            defer { previous = character }
            if inLineComment { if character == "\n" { inLineComment = false }; continue }
            if blockComments > 0 {
                if previous == "*", character == "/" { blockComments -= 1 }
                continue
            }
            if inString { if character == "\"" { inString = false }; continue }
            switch character {
            case "\"": inString = true
            case "/" where previous == "/": inLineComment = true
            case "*" where previous == "/": blockComments += 1
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        if depth > 0 || blockComments > 0 { return true }
        let lastLine = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        let code = lastLine.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? lastLine
        guard let last = code.trimmingWhitespace.last else { return false }
        return "+-*/^⊙⊗⊘•=,".contains(last)
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
