import Testing
@testable import Lesson

/// `SearchText.collapsingSpaces` works on scalars for speed; it must agree with splitting the
/// text into Characters, where `\r\n` and a space joined with a mark are no separators.
@Suite struct SearchTextSpacingTests {
    static func byCharacters(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    @Test(arguments: [
        "", " ", "  a  b\t\tc\n", "a\r\nb", "a \r\n b", "\r\r\n", "\n\r", "x \u{301}y", "x\u{301} y",
        "\u{600} a", "a \u{600}b", "é — ü", " \u{200D} ", "∂f / ∂x", "a\u{0903} b", "\t\u{301}", "🇩🇪 🇫🇷",
    ])
    func agreesWithCharacterSplitting(_ text: String) {
        #expect(SearchText.collapsingSpaces(text) == Self.byCharacters(text))
    }

    /// `fromTeX` reads bytes; a command name is ASCII letters only, and an escaped non-ASCII
    /// scalar is one spacing command, skipped whole.
    @Test func texWordsAroundNonASCII() {
        #expect(SearchText.fromTeX("\\alphaé + \\é x") == "alpha é + x")
        #expect(SearchText.fromTeX("\\begin{pmatrix}∂ & b\\end{pmatrix}") == "∂ b")
        #expect(SearchText.fromTeX("\\begin{x") == "")
        #expect(SearchText.fromTeX("x\\") == "x")
        #expect(SearchText.fromTeX("\\mathbf") == "")
    }
}
