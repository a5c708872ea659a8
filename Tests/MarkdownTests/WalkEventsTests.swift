import Testing
@testable import Markdown

/// `walkEvents`, the walk without ancestors: the same nodes and events, in the same order, as
/// `walk`, with no recursion. Every walk lends its visitor the nodes in place (`VisitedNode`):
/// what they lend is checked against the walk's recursive definition.
@Suite struct WalkEventsTests {
    /// The events by definition, recursively: entering a node, its children's events in
    /// order, leaving it.
    static func definedEvents(_ node: MarkdownNode) -> [(node: MarkdownNode, isEnter: Bool)] {
        [(node, true)] + node.children.flatMap(definedEvents) + [(node, false)]
    }

    /// What every walk lends, compared with `definedEvents`: `walk` and `walkEvents` each
    /// event, `forEachNode` (both kinds) each node entered, `forEachBlock` the blocks entered
    /// that are the document or held by a container, `forEachNode(amongChildren:)` each node
    /// entered below the top-level blocks it is given.
    static func expectWalksLendTheDefinedNodes(_ document: MarkdownNode, _ comment: Comment? = nil) {
        let defined = definedEvents(document)
        let walks = bothWalks(document)
        #expect(walks.withAncestors == defined.map(\.node), comment)
        #expect(walks.enters == defined.map(\.isEnter), comment)
        let entered = defined.filter(\.isEnter).map(\.node)
        var visited: [MarkdownNode] = []
        document.forEachNode { visited.append($0.node) }
        #expect(visited == entered, comment)
        var visitedWithAncestors: [MarkdownNode] = []
        var spans: [TextSpan?] = [], kinds: [MarkdownNode.Kind] = [], texts: [String] = []
        document.forEachNode { node, _ in
            visitedWithAncestors.append(node.node)
            spans.append(node.span)
            kinds.append(node.kind)
            texts.append(node.plainText)
        }
        #expect(visitedWithAncestors == entered, comment)
        #expect(spans == entered.map(\.span), comment)
        #expect(kinds == entered.map(\.kind), comment)
        #expect(texts == entered.map(\.plainText), comment)
        var blocks: [MarkdownNode] = []
        document.forEachBlock { blocks.append($0.node) }
        func heldBlocks(_ node: MarkdownNode) -> [MarkdownNode] {
            [node] + (node.kind.holdsBlocks ? node.children.flatMap(heldBlocks) : [])
        }
        #expect(blocks == heldBlocks(document), comment)
        let count = document.children.count
        for range in [0..<count, 0..<(count / 2), (count / 2)..<count, 0..<0] {
            var among: [MarkdownNode] = []
            document.forEachNode(amongChildren: range) { among.append($0.node) }
            #expect(among == document.children[range].flatMap { definedEvents($0).filter(\.isEnter).map(\.node) }, comment)
        }
        // Blocks past the last are none: the walk stops at the document's end.
        var beyond: [MarkdownNode] = []
        document.forEachNode(amongChildren: (count / 2)..<(count + 3)) { beyond.append($0.node) }
        #expect(beyond == document.children[(count / 2)...].flatMap { definedEvents($0).filter(\.isEnter).map(\.node) }, comment)
    }


    /// The events of both walks, as (node, enter?) pairs.
    static func bothWalks(_ document: MarkdownNode) -> (withAncestors: [MarkdownNode], without: [MarkdownNode], enters: [Bool], entersWithout: [Bool]) {
        var nodes: [MarkdownNode] = [], enters: [Bool] = []
        document.walk { node, event, _ in
            nodes.append(node.node)
            enters.append(event == .enter)
        }
        var nodesWithout: [MarkdownNode] = [], entersWithout: [Bool] = []
        document.walkEvents { node, event in
            nodesWithout.append(node.node)
            entersWithout.append(event == .enter)
        }
        return (nodes, nodesWithout, enters, entersWithout)
    }

    @Test(arguments: [
        "",
        "text",
        "# A\n\nText *em **strong** em* and `code`.\n\n## B\n\n- one\n- two\n  - three\n\n> quote\n> > inner\n\n```swift\nlet x = 1\n```\n",
        "Note[^n].\n\n[^n]: A *note*\n\n    with code\n",
        "| a | b |\n|---|---|\n| [l](u) | ![i](s \"t\") |\n\n<div>raw</div>\n\n***\n\nText  \nbreak\n\n1. x\n2. y\n",
    ])
    func sameEventsAsWalk(_ markdown: String) {
        let walks = Self.bothWalks(MarkdownParser.parse(markdown))
        #expect(walks.without == walks.withAncestors)
        #expect(walks.entersWithout == walks.enters)
        #expect(walks.enters.filter { $0 }.count * 2 == walks.enters.count)
        Self.expectWalksLendTheDefinedNodes(MarkdownParser.parse(markdown))
    }

    @Test func sameEventsOnEveryGFMExample() throws {
        guard GFMSpecFiles.isAvailable("gfm-spec-0.29.txt") else {
            print("skipped: the GFM spec (../shared/testdata) is not here")
            return
        }
        for example in try GFMSpecFiles.examples("gfm-spec-0.29.txt") {
            let walks = Self.bothWalks(MarkdownParser.parse(example.markdown))
            #expect(walks.without == walks.withAncestors, "\(example)")
            #expect(walks.entersWithout == walks.enters, "\(example)")
            Self.expectWalksLendTheDefinedNodes(MarkdownParser.parse(example.markdown), "\(example)")
        }
    }

    /// A tree as deep as the parser makes them is walked entering and leaving each level once.
    @Test func deepTreeIsWalkedIteratively() {
        let levels = MarkdownParser.maximumDepth
        var node = MarkdownNode(.text("x"))
        for _ in 0..<levels { node = MarkdownNode(.blockQuote, children: [node]) }
        var enters = 0, exits = 0, depth = 0, deepest = 0
        node.walkEvents { _, event in
            if event == .enter {
                enters += 1
                depth += 1
                deepest = max(deepest, depth)
            } else {
                exits += 1
                depth -= 1
            }
        }
        #expect(enters == levels + 1)
        #expect(exits == levels + 1)
        #expect(deepest == levels + 1)
        #expect(depth == 0)
    }
}
