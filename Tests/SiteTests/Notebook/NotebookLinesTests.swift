import Testing
@testable import Site

/// nbformat's multi-line strings: the byte-wise split gives the lines the character-wise one gave.
@Suite struct NotebookLinesTests {
    /// The definition the notebooks were first written with.
    static func characterWise(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        guard !lines.isEmpty else { return [] }
        lines[lines.count - 1].removeLast()
        if lines[lines.count - 1].isEmpty { lines.removeLast() }
        return lines
    }

    @Test func linesAreTheCharacterWiseLines() {
        let texts = [
            "", "\n", "\n\n", "a", "a\n", "a\nb", "a\n\nb\n", "crlf\r\nstays\r\n", "\r\n", "\r", "a\r", "a\r\r", "a\n\r", "a\r\n\nb",
            "\n\u{301}accent after a line feed", "é\n𝑥\n👩‍👩‍👧\n", "$x$\n```swift\nlet x = 1\n```\n",
        ]
        for text in texts {
            #expect(NotebookFile.lines(text) == Self.characterWise(text), "\(text.debugDescription)")
        }
    }

    @Test func everyShortTextOfLineEndsAndMarksSplitsAlike() {
        let pieces = ["a", "\r", "\n", "\u{301}", "é"]
        var texts = [""]
        for _ in 0..<5 {
            texts = texts.flatMap { text in pieces.map { text + $0 } }
            for text in texts {
                #expect(NotebookFile.lines(text) == Self.characterWise(text), "\(text.debugDescription)")
            }
        }
    }

    /// `JSONOutput.lines` writes what an array of `NotebookFile.lines` writes, for the texts
    /// above, every short text of line ends and marks, and ones with characters JSON escapes.
    @Test func linesAreWrittenAsTheArrayOfLines() {
        let pieces = ["a", "\r", "\n", "\u{301}", "\"", "\\", "\t", "\u{1}"]
        var texts = ["", "crlf\r\nstays\r\n", "é\n𝑥\n👩‍👩‍👧\n", "$x$\n```swift\nlet x = 1\n```\n"]
        var round = [""]
        for _ in 0..<4 {
            round = round.flatMap { text in pieces.map { text + $0 } }
            texts += round
        }
        for text in texts {
            var direct = JSONOutput(), array = JSONOutput()
            direct.lines(text)
            array.array(NotebookFile.lines(text))
            #expect(direct.bytes == array.bytes, "\(text.debugDescription)")
        }
    }
}
