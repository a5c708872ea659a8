import Testing
import Markdown

@Suite struct HeadingSluggerTests {
    @Test(arguments: [
        ("The Jacobian matrix", "the-jacobian-matrix"),
        ("  Leading and  double  spaces", "--leading-and--double--spaces"),
        ("snake_case and kebab-case", "snake_case-and-kebab-case"),
        ("C++ & Swift: 100%", "c--swift-100"),
        ("Größe ∂f/∂x", "größe-fx"),
        ("日本語の見出し", "日本語の見出し"),
        ("???", "section"),
    ])
    func slug(text: String, anchor: String) {
        #expect(HeadingSlugger.slug(text) == anchor)
    }

    @Test func duplicatesAreNumberedInOrder() {
        var slugger = HeadingSlugger()
        #expect(["A", "A", "a", "A-1", "B"].map { slugger.anchor(for: $0) } == ["a", "a-1", "a-2", "a-1-1", "b"])
    }

    @Test func reservedAnchorsAreSkipped() {
        var slugger = HeadingSlugger()
        slugger.reserve("intro")
        #expect(slugger.anchor(for: "Intro") == "intro-1")
    }

    @Test func treePassKeepsExplicitAnchors() {
        var document = MarkdownParser.parse("# Intro\n\n# Intro\n")
        document.children[1].kind = .heading(level: 1, anchor: "intro")
        let named = document.assigningHeadingAnchors()
        #expect(named.children.map(\.kind) == [.heading(level: 1, anchor: "intro-1"), .heading(level: 1, anchor: "intro")])
    }

    /// Headings in containers (quotes, list items) are named in document order with the
    /// top-level ones; the tree the pass was given keeps its own unnamed headings (a value).
    @Test func nestedHeadingsAreNamedInDocumentOrder() {
        let document = MarkdownParser.parse("# A\n\n> # A\n> - # A\n\n- > # B\n\n# A\n\ntext\n")
        let named = document.assigningHeadingAnchors()
        var anchors: [String?] = []
        named.forEachBlock { block in
            if case .heading(_, let anchor) = block.kind { anchors.append(anchor) }
        }
        #expect(anchors == ["a", "a-1", "a-2", "b", "a-3"])
        var unnamed = 0
        document.forEachBlock { block in
            if case .heading(_, nil) = block.kind { unnamed += 1 }
        }
        #expect(unnamed == 5)
    }
}
