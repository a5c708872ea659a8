import Markdown
import Testing
@testable import Lesson

/// The written tree of a large lesson is alive until its page is made: its arrays of children
/// hold no more room than the allocator's rounding up leaves (`ProseMathRenderer.exactly`).
@Suite struct ProseMathTreeSizeTests {
    @Test(arguments: [false, true])
    func childArraysHaveLittleUnusedRoom(sideThread: Bool) {
        let paragraph = (0..<40).map { "word $x_{\($0)}$" }.joined(separator: " ") + "\n\n"
        let list = "- item $a$ and $b$\n- item\n\n"
        let source = LessonSource(path: "lessons/a.md", text: String(repeating: "## S\n\n" + paragraph + list, count: 300))
        let parsed = LessonRenderer.parse(source, macros: ProjectMacros(), sideThread: sideThread)
        var nodes = 0, roomy: [Int] = []
        parsed.document.forEachNode { node in
            nodes += 1
            let children = node.children
            if children.capacity > children.count + children.count / 4 + 2 { roomy.append(children.capacity - children.count) }
        }
        #expect(nodes > 300 * 80)
        #expect(roomy.isEmpty, "\(roomy.count) arrays of children with room for more")
    }

    @Test func anArrayWithRoomIsMovedIntoOneOfItsSize() {
        var nodes: [MarkdownNode] = []
        nodes.reserveCapacity(1000)
        for index in 0..<100 { nodes.append(MarkdownNode(.text("\(index)"))) }
        let exact = ProseMathRenderer.exactly(nodes)
        #expect(exact == nodes)
        #expect(exact.capacity <= 100 + 100 / 4 + 2)
        var full: [MarkdownNode] = []
        full.reserveCapacity(100)
        for index in 0..<100 { full.append(MarkdownNode(.text("\(index)"))) }
        #expect(ProseMathRenderer.exactly(full).capacity == full.capacity)
    }
}
