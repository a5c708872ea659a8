import Diagnostics
import Testing

/// The byte-wise line split gives exactly the lines of the character-wise one it replaces.
@Suite struct LineSplittingTests {
    @Test(arguments: ["", "\n", "a", "a\n", "\na\n\nb", "é\u{301}\nx", "a\r\nb\nc", "\r", "x\n\u{301}y", "💡\n\n"])
    func sameLinesAsSplittingByCharacters(text: String) {
        #expect(linesSplitAtNewlines(text) == text.split(separator: "\n", omittingEmptySubsequences: false))
    }
}
