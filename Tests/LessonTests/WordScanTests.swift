import Markdown
import Testing
@testable import Lesson

/// The byte scans that let a pass skip a lesson's tree, and the formula table of prose math.
@Suite struct WordScanTests {
    @Test func findsTheWordOrACharacterReference() {
        #expect(WordScan.mayContain("```swift\nlet x = 1\n```\n", "swift"))
        #expect(WordScan.mayContain("Inline `{swift} 1 + 1`.", "swift"))
        #expect(WordScan.mayContain("ends in swift", "swift"))
        #expect(WordScan.mayContain("```&#115;wift\n```\n", "swift"))
        #expect(!WordScan.mayContain("```swif\n```\nSwift is capitalised", "swift"))
        #expect(!WordScan.mayContain("", "swift"))
        #expect(WordScan.mayContain("mail me@example.com", "@"))
        #expect(!WordScan.mayContain("no at sign", "@"))
    }

    /// The citation pass's scan: an `@` or a reference that can decode to one, not any `&`.
    @Test func findsAnAtSignOrAReferenceThatDecodesToOne() {
        #expect(WordScan.mayContainAtSign("mail me@example.com"))
        #expect(WordScan.mayContainAtSign("[&#64;parr2018]"))
        #expect(WordScan.mayContainAtSign("[&#x40;parr2018]"))
        #expect(WordScan.mayContainAtSign("[&commat;parr2018]"))
        #expect(WordScan.mayContainAtSign("ends in &#"))
        #expect(!WordScan.mayContainAtSign("$$\\begin{pmatrix} a & b \\end{pmatrix}$$ &amp; &comma"))
        #expect(!WordScan.mayContainAtSign(""))
        #expect(!WordScan.mayContainAtSign("&"))
    }

    /// Both scans say what their definitions say, on texts of every length made of the bytes
    /// they look for, other ASCII and longer characters.
    @Test func scansAgreeWithTheirDefinitions() {
        func contains(_ text: String, _ word: String) -> Bool {
            let bytes = Array(text.utf8), pattern = Array(word.utf8)
            guard !pattern.isEmpty else { return true }
            guard bytes.count >= pattern.count else { return false }
            return (0...(bytes.count - pattern.count)).contains { Array(bytes[$0..<($0 + pattern.count)]) == pattern }
        }
        let pieces = ["@", "&", "#", "&commat;", "commat;", "sw", "ift", "swift", "x", "é", "∇", " "]
        for length in 0...40 {
            for seed in 0..<4 {
                let text = (0..<length).map { pieces[($0 * 7 + seed * 5 + length) % pieces.count] }.joined()
                #expect(WordScan.mayContain(text, "swift") == (contains(text, "swift") || contains(text, "&")), "\(text)")
                #expect(WordScan.mayContainAtSign(text) == (contains(text, "@") || contains(text, "&#") || contains(text, "&commat;")), "\(text)")
            }
        }
    }

    @Test func findsSyntaxAsWritten() {
        #expect(WordScan.containsSyntax("see ![a](b.png)", "!["))
        #expect(WordScan.containsSyntax("![", "!["))
        #expect(!WordScan.containsSyntax("&#33;[a](b.png) and ! [c]", "!["))
        #expect(!WordScan.containsSyntax("!", "!["))
        #expect(!WordScan.containsSyntax("", "!["))
        #expect(WordScan.containsSyntax("a ! b !! c ![", "!["))
        #expect(!WordScan.containsSyntax("a ! b !! c !", "!["))
        #expect(WordScan.containsSyntax("é ü <", "<"))
        #expect(!WordScan.containsSyntax("é ü &lt;", "<"))
        // Every place of a word, against a plain search.
        let text = String(repeating: "ab![c<d>e!", count: 40)
        for length in [0, 1, 5, 17, 399, 400] {
            let prefix = String(text.prefix(length))
            for word in ["![", "<", ">", "!", "e!", "x"] {
                #expect(WordScan.containsSyntax(prefix, word) == prefix.contains(word), "\(length) \(word)")
            }
        }
    }

    /// How many nodes of a lesson's parsed tree `matches` holds for.
    static func count(in markdown: String, where matches: (MarkdownNode.Kind) -> Bool) -> Int {
        var count = 0
        LessonRenderer.parse(LessonSource(path: "lessons/a.md", text: markdown)).document.forEachNode { node in
            if matches(node.kind) { count += 1 }
        }
        return count
    }

    /// A claim that a scan makes of cmark: no GFM example without `syntax` has a node that
    /// `matches` holds for, and more than 20 with it have one (`nil`: the spec is not here).
    static func gfmExamplesWith(_ syntax: String, where matches: (MarkdownNode.Kind) -> Bool) throws -> Int? {
        guard GFMSpecFiles.isAvailable("gfm-spec-0.29.txt") else {
            print("skipped: the GFM spec (../shared/testdata) is not here")
            return nil
        }
        var found = 0
        for example in try GFMSpecFiles.examples("gfm-spec-0.29.txt") {
            let count = count(in: example.markdown, where: matches)
            if !WordScan.containsSyntax(example.markdown, syntax) { #expect(count == 0, "\(example)") }
            found += count > 0 ? 1 : 0
        }
        return found
    }

    /// `RawHTMLEscaping.mayHaveRawHTML`'s claim: cmark makes raw HTML only of text with a `<`
    /// (a character reference that spells a tag is text).
    @Test func rawHTMLNeedsALessThanSign() throws {
        func isRawHTML(_ kind: MarkdownNode.Kind) -> Bool {
            switch kind {
            case .htmlBlock, .inlineHTML: true
            default: false
            }
        }
        #expect(Self.count(in: "&lt;div&gt;x&lt;/div&gt;\n\n&#60;b&#62;bold&#60;/b&#62; and $a < b$\n", where: isRawHTML) == 0)
        #expect(Self.count(in: "<div>x</div>\n\nan <b>inline</b> tag\n", where: isRawHTML) == 3)
        if let found = try Self.gfmExamplesWith("<", where: isRawHTML) { #expect(found > 20) }
    }

    /// `Callouts.mayHaveCallouts`' claim: cmark makes a block quote (which every callout is)
    /// only of text with a `>`; a character reference (`&gt;`) does not start one.
    @Test func blockQuotesNeedAGreaterThanSign() throws {
        func isBlockQuote(_ kind: MarkdownNode.Kind) -> Bool { kind == .blockQuote }
        #expect(Self.count(in: "&gt; [!NOTE]\n&#62; text\n\n$a > b$\n", where: isBlockQuote) == 0)
        #expect(Self.count(in: "> [!NOTE]\n> text\n\n- > in a list\n", where: isBlockQuote) == 2)
        if let found = try Self.gfmExamplesWith(">", where: isBlockQuote) { #expect(found > 20) }
    }

    /// A lesson whose cell fence spells `swift` with a character reference still runs it.
    @Test func aCellSpelledWithACharacterReferenceIsStillACell() {
        #expect(NotebookRun.isCell(info: "swift"))
        let source = LessonSource(path: "lessons/a.md", text: "```&#115;wift\nlet x = 1\nx\n```\n")
        let parsed = LessonRenderer.parse(source)
        guard case .codeBlock(let block)? = parsed.document.children.first?.kind else {
            Issue.record("no code block")
            return
        }
        #expect(block.info == "swift")
        #expect(WordScan.mayContain(parsed.body, "swift"))
    }

    @Test func formulaTableKeepsSpansAndBlocksApart() {
        var table = FormulaTable<String>(spanCount: 3)
        table[.span(0)] = "zero"
        table[.span(2)] = "two"
        table[.span(7)] = "beyond"
        table[.block(line: 1, column: 1)] = "block"
        #expect(table[.span(0)] == "zero")
        #expect(table[.span(1)] == nil)
        #expect(table[.span(2)] == "two")
        #expect(table[.span(7)] == "beyond")
        #expect(table[.block(line: 1, column: 1)] == "block")
        #expect(table[.block(line: 2, column: 1)] == nil)
        table[.span(2)] = nil
        #expect(table[.span(2)] == nil)
    }
}
