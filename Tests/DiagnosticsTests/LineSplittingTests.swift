import Diagnostics
import Testing

/// The byte-wise line split cuts at every line feed, as cmark numbers lines, and leaves a CR LF's
/// carriage return out of its line.
@Suite struct LineSplittingTests {
    @Test(arguments: ["", "\n", "a", "a\n", "\na\n\nb", "é\u{301}\nx", "a\r\nb\nc", "\r", "x\n\u{301}y", "💡\n\n", "\r\n\r\n", "a\rb\r\r\n"])
    func linesAreCutAtEveryLineFeed(text: String) {
        // Cut at the scalar: `\r\n` is one Character, which a Character-wise split would keep whole.
        // A line feed ends every line but the last, so only those can end in a CR LF.
        let cut = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        let expected = cut.indices.map { index in
            let line = cut[index]
            return String(String.UnicodeScalarView(index < cut.count - 1 && line.last == "\r" ? line.dropLast() : line))
        }
        #expect(linesSplitAtNewlines(text).map(String.init) == expected)
    }
}
