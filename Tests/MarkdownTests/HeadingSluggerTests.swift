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

    /// Found in two halves at once, the headings are named as in one walk: a slug repeated
    /// across the halves is numbered on, and an anchor given in the second half is reserved
    /// before any heading of the first is named.
    @Test func halvesNameAsOneWalk() {
        var document = MarkdownParser.parse("# A\n\n> # A\n\n- # B\n\n# A\n\n# A\n\n- > # A\n\n# C\n")
        document.children[5].kind = .heading(level: 1, anchor: "a-2")
        let whole = document.assigningHeadingAnchors()
        let halves = document.assigningHeadingAnchors(inHalves: true)
        #expect(halves == whole)
        var anchors: [String?] = []
        halves.forEachBlock { block in
            if case .heading(_, let anchor) = block.kind { anchors.append(anchor) }
        }
        #expect(anchors == ["a", "a-1", "b", "a-3", "a-4", "a-2", "c"])
    }

    /// Every GFM example's headings are named as the HTML renderer names them when it is left
    /// to (reserving the given anchors, then in document order), in one walk and in halves.
    @Test func namedAsTheRendererNamesThemOnEveryGFMExample() throws {
        guard GFMSpecFiles.isAvailable("gfm-spec-0.29.txt") else {
            print("skipped: the GFM spec (../shared/testdata) is not here")
            return
        }
        var named = 0
        for example in try GFMSpecFiles.examples("gfm-spec-0.29.txt") {
            let document = MarkdownParser.parse(example.markdown + "\n\n# A\n\n> # A\n")
            let whole = document.assigningHeadingAnchors()
            #expect(HTMLRenderer().render(whole) == HTMLRenderer().render(document), "\(example)")
            #expect(document.assigningHeadingAnchors(inHalves: true) == whole, "\(example)")
            whole.forEachBlock { block in
                if case .heading(_, _?) = block.kind { named += 1 }
            }
        }
        #expect(named > 1300)
    }
}
