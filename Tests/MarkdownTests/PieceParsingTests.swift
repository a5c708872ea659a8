import Testing
@testable import Markdown

/// A large document is parsed in pieces cut before headings (`MarkdownParser.parseInPieces`):
/// the tree must be the one parsing it whole gives, positions included.
@Suite struct PieceParsingTests {
    static let options = MarkdownParseOptions()

    /// The tree cut at every heading that can start a piece, the tree parsed whole, and whether
    /// it was cut at all.
    static func bothWays(_ text: String) -> (pieces: MarkdownNode, whole: MarkdownNode, wasCut: Bool) {
        let pieces = MarkdownParser.parse(text, options: options, pieceBytes: 1)
        let whole = MarkdownParser.parse(text, options: options, pieceBytes: .max)
        let wasCut = MarkdownParser.parseInPieces(ColumnConverter(text: text), options: options, pieceBytes: 1) != nil
        return (pieces, whole, wasCut)
    }

    /// Issue #17's 10 MB lesson is this block repeated.
    static let lessonBlock = """
        ## Section

        A paragraph with *emphasis*, `code`, a [link](index.md#section) and math $x^2 + \\frac{a}{b}$,
        then display math:

        $$\\nabla_x (x^\\top A x) = (A + A^\\top) x$$

        - a list item with $\\alpha_i$
        - another with [a link](https://example.com/)


        """

    /// The default piece size (`MarkdownParser.pieceBytes`, small so that libcmark-gfm's walks
    /// of each piece's tree stay in the cache) cuts a lesson of a few hundred kilobytes into
    /// several pieces, and the tree is still the whole parse's.
    @Test func theDefaultPieceSizeCutsALessonOfAFewHundredKilobytes() {
        let text = "# Big\n" + String(repeating: Self.lessonBlock, count: 2000)
        let columns = ColumnConverter(text: text)
        #expect(columns.bytes.count > 4 * MarkdownParser.pieceBytes)
        #expect(MarkdownParser.pieceStarts(columns, pieceBytes: MarkdownParser.pieceBytes).count >= 4)
        #expect(MarkdownParser.parse(text, options: Self.options) == MarkdownParser.parse(text, options: Self.options, pieceBytes: .max))
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func aRepeatedLessonIsCutAndParsesAsWhole(lineEnding: String) {
        let block = Self.lessonBlock.replacingOccurrences(of: "\n", with: lineEnding)
        let text = "# Big" + lineEnding + String(repeating: block, count: 20) + "Ünïcode ∇ at the end"
        let result = Self.bothWays(text)
        #expect(result.wasCut)
        #expect(result.pieces == result.whole)
        #expect(result.pieces.span == result.whole.span)
    }

    /// Blocks that stay open across a blank line: the piece before a heading they hold must
    /// not be cut off there (or the tree is still the same).
    @Test(arguments: [
        "```\ncode\n\n# not a heading\n```\n",
        "~~~~\ncode\n\n# not a heading\n",
        "<!--\ncomment\n\n# not a heading\n-->\n",
        "<pre>\n\n# not a heading\n</pre>\n",
        "<script>\n\n# not a heading\n",
        "- item\n\n  ```\n  code\n\n# a heading ends the item and its code\n",
        "> - item\n>\n>   ~~~\n>   code\n\n# a heading ends the quote and its code\n",
        "- item\n\n  <!--\n  comment\n\n# a heading ends the item and its HTML\n",
        "> quote\n\n# a heading\n",
        "    indented code\n\n# a heading\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n# a heading\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n# a heading ends the table\n",
        "<div>\n# not a heading\n",
        "Paragraph\n# a heading ends it\n",
        "> quote\n# a heading is no lazy line\n",
        "- item\n# a heading\n- item\n",
        "<div>\n\n# a heading\n</div>\n",
        "1. one\n\n   two\n\n## a heading\n\n3. three\n",
        "Setext\n\n# heading\n======\n",
        "```\nclosed\n```\n\n# a heading\n",
        "$$\n\n# inside math\n$$\n",
        "#\n\n#\n\n##\n\n#no heading\n\n####### not one\n",
    ])
    func blocksAroundAHeadingParseAsWhole(_ markdown: String) {
        for separator in ["\n\n", "\n", ""] {
            let text = "Before" + separator + markdown + separator + "## After" + separator + markdown + "# End\n"
            let result = Self.bothWays(text)
            #expect(result.pieces == result.whole, "separator \(separator.debugDescription)")
        }
    }

    /// Link and footnote definitions apply to the whole document: one that has any is not cut.
    @Test func definitionsKeepTheDocumentWhole() {
        let text = "# A\n\n[x]\n\n# B\n\n[x]: https://example.com\n\n# C\n\nNote[^1]\n\n[^1]: A note.\n"
        let result = Self.bothWays(text)
        #expect(!result.wasCut)
        #expect(result.pieces == result.whole)
    }

    /// Every example of the GFM spec, with a heading before and after it, parses the same cut
    /// as whole.
    @Test(.enabled(if: GFMSpecFiles.isAvailable("gfm-spec-0.29.txt")))
    func specExamplesBetweenHeadingsParseAsWhole() throws {
        var cut = 0
        for example in try GFMSpecFiles.examples("gfm-spec-0.29.txt") {
            for separator in ["\n\n", ""] {
                let text = "# Before\n" + separator + example.markdown + separator + "## After\n" + separator + example.markdown
                let result = Self.bothWays(text)
                if result.wasCut { cut += 1 }
                #expect(result.pieces == result.whole, "\(example)\n\(example.markdown)")
            }
        }
        #expect(cut > 600)
    }

    /// Found by MarkdownFuzzer: cmark's table extension parses the lines before a table's
    /// header row again as a paragraph of their own, without a position, and gives its inlines
    /// positions counted from those lines. Used as they were, they pointed at the wrong line
    /// (the link at 1:0, on the blank first line), and at other wrong lines when the document
    /// was parsed in pieces.
    @Test func theInlinesOfAParagraphBeforeATableHaveNoPositionsEitherWay() {
        let text = "\n#\nE\n[]()s\no\n-|"
        let result = Self.bothWays(text)
        #expect(result.wasCut)
        #expect(result.pieces == result.whole)
        let paragraph = result.whole.children.first { $0.kind == .paragraph }
        #expect(paragraph != nil)
        #expect(paragraph?.span == nil)
        paragraph?.forEachNode { node in
            #expect(node.span == nil, "\(node.kind)")
        }
        // The table itself keeps its position: it starts on the paragraph's first line.
        #expect(result.whole.children.last?.span?.start == TextPosition(line: 3, column: 1))
    }
}
