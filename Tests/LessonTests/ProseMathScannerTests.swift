import Markdown
import Testing
@testable import Lesson

@Suite struct ProseMathScannerTests {
    private func texts(_ markdown: String) -> [String] {
        MathSpanScanner.spans(in: markdown).map { ($0.isDisplay ? "$$" : "$") + $0.tex }
    }

    @Test func inlineAndDisplay() {
        #expect(texts("a $x$ b $$y$$ c") == ["$x", "$$y"])
        #expect(texts("$x*y*z$") == ["$x*y*z"])
    }

    @Test func pricesAreNotMath() {
        #expect(texts("It costs $5 and $6.") == [])
        #expect(texts("between $5 and $10") == [])
        #expect(texts("$x$5") == [])
        #expect(texts("$ x$") == [])
        #expect(texts("$x $") == [])
        #expect(texts("$$") == [])
        #expect(texts("a lone $ sign") == [])
    }

    @Test func escapedDollarsAreText() {
        #expect(texts(#"\$x\$"#) == [])
        #expect(texts(#"$\$5$"#) == [#"$\$5"#])
        #expect(texts(#"$a \\$"#) == [#"$a \\"#])
    }

    @Test func codeSpansAndFencedBlocksAreNotMath() {
        #expect(texts("`$x$` and $y$") == ["$y"])
        #expect(texts("``a ` $x$`` $y$") == ["$y"])
        #expect(texts("```\n$x$\n```\n$y$") == ["$y"])
        #expect(texts("~~~~ sh\necho $HOME $PATH\n~~~\n~~~~\n$y$") == ["$y"])
        #expect(texts("> ```\n> $x$\n> ```\n$y$") == ["$y"])
        #expect(texts("- ```\n  $x$\n  ```\n$y$") == ["$y"])
        #expect(texts("unclosed `$x$") == ["$x"])
        #expect(texts("$5, or `$x$` is code") == [])
    }

    /// A fence that its block quote or list item leaves unclosed ends with that container, as
    /// cmark ends it, and the math after it is found.
    @Test func aFenceEndsWithItsContainer() {
        #expect(texts("> ```\n> $a$\n\nAfter $x_1$ end.") == ["$x_1"])
        #expect(texts("> ```\n> $a$\n$x$") == ["$x"])
        #expect(texts("- ```\n  $a$\n\n  $b$\nAfter $x$") == ["$x"])
        #expect(texts("> - ```\n>   $a$\n> $x$") == ["$x"])
        #expect(texts("1. ```\n   $a$\n$x$") == ["$x"])
        // Still open: inside its quote, its item, or at the top level whatever the indentation.
        #expect(texts("> ```\n> $a$\n> > $b$") == [])
        #expect(texts("- ```\n  $a$\n\n  $b$") == [])
        #expect(texts("```\n$a$\n> $b$\n\n$c$") == [])
    }

    @Test func mathDoesNotCrossABlankLineOrACodeBlock() {
        #expect(texts("$$a\n\nb$$") == [])
        #expect(texts("$a\nb$") == ["$a\nb"])
        #expect(texts("$$a\n```\n$$\n```") == [])
        #expect(texts("# $$a\nb$$") == [])
        #expect(texts("$$a\n---\nb$$") == [])
        #expect(texts("$$a\n## b$$") == [])
        #expect(texts("$$a\n- b$$") == ["$$a\n- b"])
    }

    @Test func multiLineDisplayMathKeepsPositionsAndDropsContainerPrefixes() throws {
        let markdown = "Intro\n> $$\n> x = 1 +\n>   \\frac{a}{b}\n> $$\n"
        let spans = MathSpanScanner.spans(in: markdown)
        try #require(spans.count == 1)
        let span = spans[0]
        #expect(span.tex == "\nx = 1 +\n\\frac{a}{b}\n")
        #expect(span.continuationPrefixes == ["> ", ">   ", "> "])
        #expect(span.position(ofTeXOffset: 0) == TextPosition(line: 2, column: 5))
        // The \frac on line 4 starts at column 5 of the file.
        let frac = span.tex.unicodeScalars.firstIndex(of: "\\").map { span.tex.unicodeScalars.distance(from: span.tex.unicodeScalars.startIndex, to: $0) }
        #expect(span.position(ofTeXOffset: try #require(frac)) == TextPosition(line: 4, column: 5))
    }

    @Test func listIndentationIsAPrefix() throws {
        let spans = MathSpanScanner.spans(in: "1. See\n   $$\n   a\n   $$\n")
        try #require(spans.count == 1)
        #expect(spans[0].tex == "\na\n")
        #expect(spans[0].continuationPrefixes == ["   ", "   "])
        #expect(spans[0].position(ofTeXOffset: 1) == TextPosition(line: 3, column: 4))
    }

    @Test func positionsCountUnicodeScalars() throws {
        let markdown = "## ∂ and ∇: $\\nabla f$"
        let spans = MathSpanScanner.spans(in: markdown)
        try #require(spans.count == 1)
        // The range counts UTF-8 bytes (∂ and ∇ are three each); positions count scalars.
        #expect(spans[0].range == 16..<26)
        #expect(String(decoding: Array(markdown.utf8)[spans[0].range], as: UTF8.self) == "$\\nabla f$")
        #expect(spans[0].position(ofTeXOffset: 0) == TextPosition(line: 1, column: 14))
    }
}
