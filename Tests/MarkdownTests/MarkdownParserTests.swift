import Testing
@testable import Markdown

/// The Swift tree the parser builds from libcmark-gfm's: kinds, extension data, positions.
@Suite struct MarkdownParserTests {
    /// The nodes of `markdown` in document order, without the document itself.
    func nodes(_ markdown: String) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        MarkdownParser.parse(markdown).forEachNode { node, ancestors in
            if !ancestors.isEmpty { result.append(node.node) }
        }
        return result
    }

    @Test func tableKeepsColumnAlignmentsAndHeaderRow() {
        let table = nodes("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n")[0]
        #expect(table.kind == .table(columns: [.left, .center, .right, .none]))
        #expect(table.children.map(\.kind) == [.tableRow(isHeader: true), .tableRow(isHeader: false)])
        #expect(table.children[1].children.count == 4)
        #expect(table.children[1].children[0].children == [MarkdownNode(.text("1"), span: TextSpan(start: .init(line: 3, column: 3), end: .init(line: 3, column: 3)))])
    }

    @Test func strikethroughAutolinkAndTasklist() {
        let kinds = nodes("- [x] ~~old~~ www.example.com\n- [ ] todo\n").map(\.kind)
        #expect(kinds.contains(.listItem(task: .checked)))
        #expect(kinds.contains(.listItem(task: .unchecked)))
        #expect(kinds.contains(.strikethrough))
        #expect(kinds.contains(.link(destination: "http://www.example.com", title: "")))
    }

    @Test func extensionsCanBeSwitchedOff() {
        let document = MarkdownParser.parse("~~a~~ | b\n--|--\n", options: MarkdownParseOptions(extensions: [], footnotes: false))
        var kinds: [MarkdownNode.Kind] = []
        document.forEachNode { node, _ in kinds.append(node.kind) }
        #expect(!kinds.contains(.strikethrough))
        #expect(!kinds.contains { if case .table = $0 { true } else { false } })
    }

    @Test func footnotesResolveToTheDefinitionLabel() {
        let document = MarkdownParser.parse("See[^Note] and[^b].\n\n[^b]: Bee.\n> [^Note]: Nought.\n")
        var references: [String] = []
        var definitions: [String] = []
        document.forEachNode { node, _ in
            if case .footnoteReference(let label) = node.kind { references.append(label) }
            if case .footnoteDefinition(let label) = node.kind { definitions.append(label) }
        }
        #expect(references == ["Note", "b"])
        // cmark moves definitions to the end, in the order they are first referenced.
        #expect(definitions == ["Note", "b"])
    }

    @Test func codeBlockInfoLanguageAndFirstCodeLine() throws {
        let block = nodes("Text.\n\n```swift hide-source\nlet x = 1\n```\n")[2]
        guard case .codeBlock(let code) = block.kind, let span = block.span else {
            Issue.record("expected a code block, got \(block.kind)")
            return
        }
        #expect(code.info == "swift hide-source")
        #expect(code.language == "swift")
        #expect(code.code == "let x = 1\n")
        #expect(code.isFenced)
        #expect(span.start == TextPosition(line: 3, column: 1))
        #expect(code.firstCodeLine(blockSpan: span) == 4)
    }

    @Test func positionsCountUnicodeScalarsNotBytes() {
        let link = nodes("# Ünïcödé ⊙ [a](x.md)\n").first { if case .link = $0.kind { true } else { false } }
        #expect(link?.span == TextSpan(start: TextPosition(line: 1, column: 13), end: TextPosition(line: 1, column: 21)))
    }

    @Test("columns past many multi-byte characters, on every line of a long text, count scalars")
    func positionsCountScalarsFarIntoLongLines() {
        // Links after 0…99 two- and four-byte characters: across the converter's checkpoints.
        var lines: [String] = []
        for count in 0..<100 {
            lines.append(String(repeating: count.isMultiple(of: 2) ? "é" : "𝑥", count: count) + " [a](b.md) ü")
        }
        let links = nodes(lines.joined(separator: "\n\n")).filter { if case .link = $0.kind { true } else { false } }
        #expect(links.count == 100)
        for (count, link) in links.enumerated() {
            #expect(link.span?.start == TextPosition(line: 2 * count + 1, column: count + 2))
        }
    }

    @Test func positionsInsideContainers() {
        let links = nodes("- item\n  more [c](z.md)\n\n> quote\n> line [e](r.md)\n").filter { if case .link = $0.kind { true } else { false } }
        #expect(links.map(\.span?.start) == [TextPosition(line: 2, column: 8), TextPosition(line: 5, column: 8)])
    }

    @Test func linkPositionsOnOddlyIndentedContinuationLines() {
        let document = "para\n   [f](s.md) x\n\n> quote\nlazy [g](t.md)\n\nVisit www.example.com or ~~www.b.org~~.\n"
        let links = nodes(document).filter { if case .link = $0.kind { true } else { false } }
        #expect(links.map(\.span?.start) == [
            TextPosition(line: 2, column: 4), TextPosition(line: 5, column: 6),
            TextPosition(line: 7, column: 7), TextPosition(line: 7, column: 28),
        ])
    }

    @Test func spansNeverRunBackwards() {
        let block = nodes("  <!-- foo -->\n")[0]
        #expect(block.span == TextSpan(start: TextPosition(line: 1, column: 3), end: TextPosition(line: 1, column: 3)))
    }

    @Test func positionsAfterNULCharacters() {
        let emphasis = nodes("a\u{0}b *c*\n").first { $0.kind == .emphasis }
        #expect(emphasis?.span?.start == TextPosition(line: 1, column: 5))
    }

    @Test func positionsAfterCRLFLineEndings() {
        let heading = nodes("para\r\n\r\n## Title\r\n")[2]
        #expect(heading.span?.start == TextPosition(line: 3, column: 1))
    }

    @Test("100,000 nested quotes neither overflow the stack building the tree nor freeing it")
    func deepNestingDoesNotExhaustTheStack() {
        let depth = 100_000
        let document = MarkdownParser.parse(String(repeating: ">", count: depth) + " deep\n")
        var maxDepth = 0
        document.forEachNode { _, ancestors in maxDepth = max(maxDepth, ancestors.count) }
        // The tree is cut at the parser's depth limit.
        #expect(maxDepth == MarkdownParser.maximumDepth)
        #expect(HTMLRenderer().render(document).hasSuffix("</blockquote>\n"))
        let lists = MarkdownParser.parse(String(repeating: "- ", count: 50_000) + "item\n")
        #expect(lists.firstNode(deeperThan: MarkdownParser.maximumDepth) == nil)
    }

    @Test("forty thousand links on one line keep their columns")
    func manyLinksOnOneLine() {
        let line = (0..<40_000).map { "[l\($0)](a.md)" }.joined(separator: " ")
        var links: [MarkdownNode] = []
        MarkdownParser.parse(line).forEachNode { node, _ in
            if case .link = node.kind { links.append(node.node) }
        }
        #expect(links.count == 40_000)
        #expect(links.last?.span?.start == TextPosition(line: 1, column: line.count - "[l39999](a.md)".count + 1))
    }

    @Test func plainTextSkipsMarkupAndImages() {
        let heading = nodes("## The *Jacobian* `J` ![alt](i.png) <b>x</b>\n")[0]
        #expect(heading.plainText == "The Jacobian J  x")
    }
}

/// libcmark-gfm edits a global table of special characters on every parse; concurrent parses
/// must still each see every extension.
@Suite struct ConcurrentParsingTests {
    @Test func parallelParsesAgree() async {
        let text = String(repeating: "a ~~b~~ c www.example.com [^1]\n\n| x | y |\n|--|--|\n| 1 | ~~2~~ |\n\n[^1]: n\n\n", count: 200)
        let expected = HTMLRenderer().render(MarkdownParser.parse(text))
        #expect(expected.contains("<del>b</del>"))
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<5).allSatisfy { _ in HTMLRenderer().render(MarkdownParser.parse(text)) == expected }
                }
            }
            var results: [Bool] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results == Array(repeating: true, count: 8))
    }

    /// Texts without `~` parse without taking turns; texts with `~` (whose parses still edit
    /// the global table) run at the same time. Neither may lose the other's autolinks or
    /// strikethrough.
    @Test func parsesWithAndWithoutStrikethroughAgreeWhenRunTogether() async {
        let plain = String(repeating: "see www.example.com and https://example.org/x now, *a* `b` [^1]\n\n[^1]: n\n\n", count: 200)
        let struck = String(repeating: "a ~~b~~ c www.example.com\n\n| x | y |\n|--|--|\n| 1 | ~~2~~ |\n\n", count: 200)
        let expected = [plain, struck].map { HTMLRenderer().render(MarkdownParser.parse($0)) }
        #expect(expected[0].contains("<a href=\"http://www.example.com\">"))
        #expect(expected[1].contains("<del>b</del>"))
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<5).allSatisfy { _ in HTMLRenderer().render(MarkdownParser.parse([plain, struck][task % 2])) == expected[task % 2] }
                }
            }
            var results: [Bool] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
