import Testing
@testable import Markdown

/// Beyond the spec examples: thousands of generated documents mixing every construct, each
/// rendered by us and by libcmark-gfm, must give the same bytes. The generator is seeded, so
/// a failure reproduces.
@Suite struct DifferentialTests {
    /// A small deterministic generator (SplitMix64): the same documents on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let lines = [
        "# Heading *one*", "## Heading `two` & more", "Setext", "===", "---", "***", "",
        "plain text with *emphasis*, **strong**, ~~strike~~ and `code`", "a line ending in two spaces  ",
        "- item", "- [ ] task", "- [x] done", "  - nested", "1. first", "2) paren", "10. ten",
        "> quote", "> - quoted item", ">", "    indented code", "```swift hide-source", "```", "~~~", "```math",
        "| a | b |", "|:--|--:|", "| 1 | 2 |", "|---|", "x | y", "[^n] and [^m]", "[^n]: note *n*", "[^m]:",
        "    more note", "[link](target.md#frag \"Title\")", "![img *alt* `c`](pic.png 'T')", "[ref][r]", "[r]: /url \"t\"",
        "<div class=\"x\">", "</div>", "<script>alert(1)</script>", "text <b>bold</b> <iframe> <!-- c -->",
        "www.example.com/path?q=1 and https://x.y/z and me@example.com", "<https://auto.link>", "[bad](javascript:x)",
        "![d](data:image/png;base64,A)", "&amp; &copy; &#35; &#x1F600; \\* \\_", "tab\there", "Ünïcödé ∂f/∂x ⊙",
        "$x_1 * y_2$ and $$a$$", "\\", "<", "&", "\"quotes\" 'single'", "  lazy continuation", "* star", "+ plus",
    ]

    static func document(_ random: inout SeededGenerator) -> String {
        let count = Int.random(in: 1...12, using: &random)
        return (0..<count).map { _ in lines.randomElement(using: &random) ?? "" }.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [false, true])
    func generatedDocumentsMatchLibcmark(allowRawHTML: Bool) {
        var random = SeededGenerator(state: allowRawHTML ? 2 : 1)
        var mismatches = 0
        for _ in 0..<3000 {
            let markdown = Self.document(&random)
            let expected = CmarkReference.renderHTML(markdown, unsafe: allowRawHTML)
            let got = GFMConformanceTests.withoutHeadingIDs(
                HTMLRenderer(options: .init(allowRawHTML: allowRawHTML)).render(MarkdownParser.parse(markdown)))
            if got != expected {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("--- markdown\n\(markdown)--- libcmark-gfm\n\(expected)--- ours\n\(got)")
                }
            }
        }
        #expect(mismatches == 0)
    }

    /// Character soup over Markdown's punctuation: finds corners no line list thinks of
    /// (unbalanced brackets, stray footnote markers, tabs and pipes in odd places).
    @Test func randomCharacterSoupMatchesLibcmark() {
        var random = SeededGenerator(state: 3)
        let alphabet = Array("[]()!*_~`<>#-+|:\\\n\n \t&;^@.wx1ä∂\"'=/\u{0}")
        var mismatches = 0
        for _ in 0..<4000 {
            let length = Int.random(in: 1...60, using: &random)
            let markdown = String((0..<length).map { _ in alphabet.randomElement(using: &random) ?? "x" })
            let expected = CmarkReference.renderHTML(markdown)
            let document = MarkdownParser.parse(markdown)
            let got = GFMConformanceTests.withoutHeadingIDs(HTMLRenderer().render(document))
            document.forEachNode { node, _ in
                if let span = node.span { #expect(span.start.line >= 1 && span.start.column >= 1, "\(markdown.debugDescription)") }
            }
            if got != expected {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("--- markdown \(markdown.debugDescription)\n--- libcmark-gfm\n\(expected)--- ours\n\(got)")
                }
            }
        }
        #expect(mismatches == 0)
    }
}
