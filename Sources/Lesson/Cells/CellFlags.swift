import Diagnostics

/// The flags after the word `swift` in a cell's info string (getting started, "Cell flags").
public struct CellFlags: Hashable, Sendable {
    /// Run it, show only the outputs.
    public var hideSource = false
    /// Run it, show only the source.
    public var hideOutput = false
    /// Show the source as a code sample; do not run it.
    public var noEval = false
    /// The cell must fail; its error is shown as the output.
    public var expectError = false

    public init() {}

    /// The flags every cell may carry, as authors write them.
    public static let names = ["hide-source", "hide-output", "no-eval", "expect-error"]

    /// Reads the words after `swift` (separated by spaces or commas). An unknown word is
    /// reported as a warning at its column on the fence line and otherwise ignored, so a typo
    /// never silently changes what a page shows.
    static func parse(info: String, fence: SourceLocation) -> (flags: CellFlags, diagnostics: [Diagnostic]) {
        var flags = CellFlags()
        var diagnostics: [Diagnostic] = []
        let scalars = Array(info.unicodeScalars)
        var index = 0
        var words: [(word: String, column: Int)] = []
        while index < scalars.count {
            if scalars[index] == " " || scalars[index] == "," || scalars[index] == "\t" {
                index += 1
                continue
            }
            let start = index
            var word = ""
            while index < scalars.count, scalars[index] != " ", scalars[index] != ",", scalars[index] != "\t" {
                word.unicodeScalars.append(scalars[index])
                index += 1
            }
            words.append((word, start))
        }
        for (word, offset) in words.dropFirst() {
            switch word {
            case "hide-source": flags.hideSource = true
            case "hide-output": flags.hideOutput = true
            case "no-eval": flags.noEval = true
            case "expect-error": flags.expectError = true
            default:
                let location = fence.advanced(byColumns: offset)
                var fixIts: [Diagnostic.FixIt] = []
                var message = "unknown cell flag '\(word)'; the flags are \(names.joined(separator: ", "))"
                if let suggestion = NameSuggestion.nearest(to: word, among: names) {
                    message = "unknown cell flag '\(word)'; did you mean '\(suggestion)'?"
                    fixIts.append(.init(
                        "replace '\(word)' with '\(suggestion)'",
                        range: SourceRange(start: location, length: word.unicodeScalars.count),
                        replacement: suggestion))
                }
                diagnostics.append(Diagnostic(
                    id: "cell.unknown-flag", severity: .warning, message: message, location: location,
                    highlights: [SourceRange(start: location, length: word.unicodeScalars.count)], fixIts: fixIts))
            }
        }
        return (flags, diagnostics)
    }
}
