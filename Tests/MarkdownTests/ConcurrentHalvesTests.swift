import Testing
@testable import Markdown

/// The work of one large document on two threads (`SideThread`): results in order, and a
/// page rendered in two halves (`HTMLRenderer.renderInHalves`) byte for byte the page rendered
/// in one piece, also where a half depends on the other (footnotes, headings without anchors).
@Suite struct ConcurrentHalvesTests {
    @Test func sideThreadReturnsBothResults() {
        let (main, side) = SideThread.run({ (1...1000).reduce(0, +) }, beside: { String(repeating: "x", count: 3) })
        #expect(main == 500_500)
        #expect(side == "xxx")
    }

    @Test(arguments: [0, 1, 2, 3, 8, 101])
    func sideThreadMapKeepsOrder(count: Int) {
        #expect(SideThread.map(count) { $0 * $0 } == (0..<count).map { $0 * $0 })
    }

    static func bothWays(_ document: MarkdownNode, _ options: HTMLRenderOptions = .init()) -> (halves: String, whole: String) {
        let renderer = HTMLRenderer(options: options)
        return (renderer.renderInHalves(document), renderer.render(document))
    }

    @Test(arguments: [
        "# A\n\nText *em* and `code`.\n\n## B\n\n- one\n- two\n\n> quote\n\n```swift\nlet x = 1\n```\n\n# A\n",
        "Note[^n] and again[^n].\n\n# Heading\n\nMore[^m].\n\n[^n]: First.\n\n[^m]: Second.\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>raw</div>\n\n***\n\nText  \nbreak\n\n1. x\n2. y\n",
        "# Same\n\n# Same\n\n# Same\n\n# Same\n",
    ])
    func halvesRenderAsWhole(_ markdown: String) {
        let document = MarkdownParser.parse(markdown)
        for options in [HTMLRenderOptions(), HTMLRenderOptions(allowRawHTML: true), HTMLRenderOptions(headingAnchors: false)] {
            let result = Self.bothWays(document, options)
            #expect(result.halves == result.whole)
            // With anchors given, as a lesson's tree has them.
            let anchored = Self.bothWays(document.assigningHeadingAnchors(), options)
            #expect(anchored.halves == anchored.whole)
        }
    }

    /// A first half whose output does not end a line (inlines at the top level, which only a
    /// synthesised tree has): the second half's first block must still start its own line.
    @Test func aHalfEndingMidLineRendersAsWhole() {
        let document = MarkdownNode(.document, children: [
            MarkdownNode(.text("a")), MarkdownNode(.text("b")),
            MarkdownNode(.paragraph, children: [MarkdownNode(.text("c"))]), MarkdownNode(.thematicBreak),
        ])
        let result = Self.bothWays(document)
        #expect(result.halves == result.whole)
        #expect(result.whole == "ab\n<p>c</p>\n<hr />\n")
    }

    /// The halves are cut after a block whose HTML ends its line, at or after the middle; a
    /// document without one there is rendered whole.
    @Test func halvesAreCutAfterABlockThatEndsALine() {
        let paragraph = MarkdownNode(.paragraph, children: [MarkdownNode(.text("c"))])
        #expect(HTMLRenderer.halfIndex(of: [MarkdownNode(.text("a")), MarkdownNode(.text("b")), paragraph, MarkdownNode(.thematicBreak)]) == 3)
        #expect(HTMLRenderer.halfIndex(of: [paragraph, paragraph, paragraph, paragraph]) == 2)
        #expect(HTMLRenderer.halfIndex(of: [paragraph, MarkdownNode(.text("a")), MarkdownNode(.text("b"))]) == 1)
        #expect(HTMLRenderer.halfIndex(of: [MarkdownNode(.text("a")), MarkdownNode(.text("b")), MarkdownNode(.text("c"))]) == nil)
        #expect(HTMLRenderer.halfIndex(of: [paragraph]) == nil)
    }

    /// A large document: more than one piece of output (`HTMLRenderState.pieceBytes`) per half.
    @Test func aLargeDocumentRendersAsWhole() {
        let block = "## Section\n\nA paragraph with *emphasis*, `code` and a [link](index.md#section).\n\n- a list item\n- another with [a link](https://example.com/)\n"
        let document = MarkdownParser.parse("# Big\n" + String(repeating: block, count: 20_000)).assigningHeadingAnchors()
        let result = Self.bothWays(document)
        #expect(result.halves.utf8.count > 4 << 20)
        #expect(result.halves == result.whole)
    }

    /// Every example of the GFM spec, alone and all of them in one document.
    @Test(.enabled(if: GFMSpecFiles.isAvailable("gfm-spec-0.29.txt")))
    func specExamplesRenderAsWhole() throws {
        let examples = try GFMSpecFiles.examples("gfm-spec-0.29.txt")
        for example in examples {
            let document = MarkdownParser.parse(example.markdown)
            let result = Self.bothWays(document)
            #expect(result.halves == result.whole, "\(example)\n\(example.markdown)")
        }
        let all = MarkdownParser.parse(examples.map(\.markdown).joined(separator: "\n\n"))
        for document in [all, all.assigningHeadingAnchors()] {
            let result = Self.bothWays(document)
            #expect(result.halves == result.whole)
        }
    }

    /// `forEachBlock` finds every heading `forEachNode` does, in the same order, in every
    /// example of the GFM spec.
    @Test(.enabled(if: GFMSpecFiles.isAvailable("gfm-spec-0.29.txt")))
    func blockWalkFindsEveryHeading() throws {
        var found = 0
        for example in try GFMSpecFiles.examples("gfm-spec-0.29.txt") {
            let document = MarkdownParser.parse(example.markdown)
            var everyNode: [MarkdownNode] = []
            document.forEachNode { if case .heading = $0.kind { everyNode.append($0.node) } }
            var blocks: [MarkdownNode] = []
            document.forEachBlock { if case .heading = $0.kind { blocks.append($0.node) } }
            #expect(blocks == everyNode, "\(example)")
            found += blocks.count
        }
        #expect(found > 50)
    }
}
