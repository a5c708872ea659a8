import Markdown
import Testing
@testable import Lesson

/// A large lesson's math is protected in two halves at once (`MathProtection`), cut at a blank
/// line near the middle: the same text, spans and originals as one scan of the whole.
@Suite struct ProseMathHalvesTests {
    /// Lines that make the scan depend on what comes before: fences holding blank lines,
    /// display math over several lines in a quote and a list, code spans, non-ASCII text
    /// (scalar offsets are not byte offsets), LaTeX delimiters and references.
    static let pieces = [
        "Some $x^2$ and é $\\alpha$ 🙂 text.\n",
        "\n",
        "```\ncode $not math$\n\nstill code $y$\n```\n",
        "> $$\n> a +\n>   b\n> $$\n",
        "- item $z$\n  continued $$w\n  = v$$\n",
        "\n",
        "`$code$` then \\(p\\) and \\[q\\] and \\eqref{eq:a}.\n",
        "~~~~\n$fenced$\n\n~~~~\n",
        "$$\\label{eq:a} e = mc^2$$\n",
        "  \t \n",
        "# Heading $h$\n",
        "price $5 and $6\n",
    ]

    static func text(_ count: Int, from start: Int) -> String {
        (0..<count).map { pieces[(start + $0) % pieces.count] }.joined()
    }

    @discardableResult
    static func expectSame(_ text: String) -> ProtectedMarkdown {
        let whole = ProseMath.protect(text, inHalves: false)
        let halves = ProseMath.protect(text, inHalves: true)
        #expect(halves.text == whole.text)
        #expect(halves.spans == whole.spans)
        #expect(halves.originals == whole.originals)
        return halves
    }

    @Test(arguments: 0..<12)
    func halvesProtectAsTheWhole(start: Int) {
        for count in [1, 2, 3, 5, 8, 13, 30] {
            Self.expectSame(Self.text(count, from: start))
        }
    }

    /// A fence open across the middle: the first half ends inside it, and the whole is scanned
    /// again as one.
    @Test func aFenceOpenAtTheCutIsScannedWhole() {
        let text = "$a$\n\n```\n" + String(repeating: "$x$\n\n", count: 50) + "```\n$b$\n\n$c$\n"
        let protection = text.utf8.withContiguousStorageIfAvailable { MathProtection(source: $0).scannedParts(inHalves: true).count }
        #expect(protection == 1)
        Self.expectSame(text)
    }

    /// More spans than placeholders can number: the second half numbers on from the first's
    /// count and stops where the whole would.
    @Test func theSpanLimitCountsBothHalves() {
        let line = String(repeating: "$x$ ", count: 100) + "\n\n"
        let text = String(repeating: line, count: MathPlaceholder.maximumSpans / 100 + 20)
        #expect(Self.expectSame(text).spans.count == MathPlaceholder.maximumSpans)
    }
}
