/// Visiting a tree in document order, as enter/exit events.
///
/// Iterative, with an explicit stack, so that a document nested thousands of levels deep
/// (a fuzzer's favourite) cannot overflow the call stack.
extension MarkdownNode {
    public enum WalkEvent {
        case enter, exit
    }

    /// Calls `visit` on entering and on leaving every node (leaves too), in document order.
    /// `ancestors` holds the nodes above the visited one, outermost first.
    ///
    /// `under` is what `ancestors` starts with: the nodes above this one, when a walk of a
    /// larger tree is done one subtree at a time.
    public func walk(
        under outer: [MarkdownNode] = [],
        _ visit: (_ node: borrowing VisitedNode, _ event: WalkEvent, _ ancestors: [MarkdownNode]) throws -> Void
    ) rethrows {
        var ancestors = outer
        var positions: [Int] = []
        try visiting { try visit($0, .enter, ancestors) }
        ancestors.append(self)
        positions.append(0)
        // The open nodes are read in place, never copied out per step: a copy retains a
        // node's children and strings, and a walk takes a million steps in a large lesson.
        while !positions.isEmpty {
            let depth = outer.count + positions.count - 1
            let index = positions[positions.count - 1]
            if index < ancestors[depth].children.count {
                positions[positions.count - 1] = index + 1
                if ancestors[depth].children[index].children.isEmpty {
                    // A leaf (most nodes: text, breaks, code) is lent where it is
                    // (`VisitedNode`), never copied onto the stack or into the call.
                    try ancestors[depth].children.withUnsafeBufferPointer { siblings in
                        guard let base = siblings.baseAddress else { return }
                        try visit(VisitedNode(base + index), .enter, ancestors)
                        try visit(VisitedNode(base + index), .exit, ancestors)
                    }
                    continue
                }
                let child = ancestors[depth].children[index]
                try child.visiting { try visit($0, .enter, ancestors) }
                ancestors.append(child)
                positions.append(0)
            } else {
                let parent = ancestors.removeLast()
                positions.removeLast()
                try parent.visiting { try visit($0, .exit, ancestors) }
            }
        }
    }

    /// Calls `visit` on entering and on leaving every node (leaves too), in document order, as
    /// `walk` does but without the ancestors: each node is lent where it is (`VisitedNode`),
    /// none is copied onto a stack or into the call (a retain of its children and strings), which
    /// for visitors that need only the node (the search text of a page, a heading's plain text)
    /// was most of a walk's work.
    public func walkEvents(_ visit: (_ node: borrowing VisitedNode, _ event: WalkEvent) throws -> Void) rethrows {
        try visiting { try visit($0, .enter) }
        // `levels[i]` holds the siblings `i + 1` levels below this node and the next one's
        // index; the node they are the children of is the one before the next of the level above.
        var levels: [(siblings: [MarkdownNode], next: Int)] = children.isEmpty ? [] : [(children, 0)]
        while let level = levels.indices.last {
            let index = levels[level].next
            guard index < levels[level].siblings.count else {
                levels.removeLast()
                if let above = levels.indices.last {
                    let parent = levels[above].next - 1
                    try levels[above].siblings.withUnsafeBufferPointer { siblings in
                        guard let base = siblings.baseAddress else { return }
                        try visit(VisitedNode(base + parent), .exit)
                    }
                }
                continue
            }
            levels[level].next = index + 1
            let grandchildren = try levels[level].siblings.withUnsafeBufferPointer { siblings -> [MarkdownNode] in
                guard let base = siblings.baseAddress else { return [] }
                try visit(VisitedNode(base + index), .enter)
                guard !siblings[index].children.isEmpty else {
                    try visit(VisitedNode(base + index), .exit)
                    return []
                }
                return siblings[index].children
            }
            if !grandchildren.isEmpty { levels.append((grandchildren, 0)) }
        }
        try visiting { try visit($0, .exit) }
    }

    /// Whether this node or one below it satisfies `predicate`; stops at the first that does.
    ///
    /// Lighter than `walk`: no ancestors are kept, so no node is copied.
    public func containsNode(where predicate: (borrowing VisitedNode) throws -> Bool) rethrows -> Bool {
        try firstInPreorder { node, _ in try predicate(node) } != nil
    }

    /// Calls `visit` once for every node in document order (pre-order), the node itself first.
    ///
    /// For visitors that need no ancestors: lighter than `walk`, which copies every open node
    /// onto its stack (a retain of its children and strings), and every lesson is visited this
    /// way several times (headings, links, footnotes, math blocks).
    public func forEachNode(_ visit: (_ node: borrowing VisitedNode) throws -> Void) rethrows {
        _ = try firstInPreorder { node, _ in
            try visit(node)
            return false
        }
    }

    /// Calls `visit` once for every node of the subtrees of `children[blocks]`, in document
    /// order (pre-order): a walk of part of a document, for one thread of two, without the
    /// part copied out into a document of its own (each of its blocks retained, then released).
    public func forEachNode(amongChildren blocks: Range<Int>, _ visit: (_ node: borrowing VisitedNode) throws -> Void) rethrows {
        _ = try firstInPreorder(amongChildren: blocks) { node, _ in
            try visit(node)
            return false
        }
    }

    /// The first node, in document order, that sits more than `depth` levels below this one
    /// (children are one level down), if any: every lesson is asked this about its whole tree.
    public func firstNode(deeperThan depth: Int) -> MarkdownNode? {
        firstInPreorder { _, level in level > depth }
    }

    /// The pre-order walk under `containsNode`, `forEachNode` and `firstNode(deeperThan:)`: the
    /// first node (this one, then those below it in document order) for which `stop` is true,
    /// given the node and how many levels below this one it is. An explicit stack holds each open
    /// level's siblings and place, so a deeply nested document cannot exhaust the call stack, and
    /// nodes are lent where they are (`VisitedNode`), not copied out (only the one found is returned).
    ///
    /// With `blocks`, only the subtrees of `children[blocks]` are looked at, this node not.
    func firstInPreorder(
        amongChildren blocks: Range<Int>? = nil, where stop: (_ node: borrowing VisitedNode, _ level: Int) throws -> Bool
    ) rethrows -> MarkdownNode? {
        if blocks == nil, try visiting({ try stop($0, 0) }) { return self }
        let top = (blocks ?? children.indices).clamped(to: children.indices)
        // `levels[i]` holds the siblings `i + 1` levels below this node and the next one's index.
        var levels: [(siblings: [MarkdownNode], next: Int)] = [(children, top.lowerBound)]
        while let level = levels.indices.last {
            let index = levels[level].next
            guard index < (level == 0 ? top.upperBound : levels[level].siblings.count) else {
                levels.removeLast()
                continue
            }
            levels[level].next = index + 1
            let (found, grandchildren) = try levels[level].siblings.withUnsafeBufferPointer { siblings in
                guard let base = siblings.baseAddress else { return (false, [MarkdownNode]()) }
                return (try stop(VisitedNode(base + index), level + 1), siblings[index].children)
            }
            if found { return levels[level].siblings[index] }
            if !grandchildren.isEmpty { levels.append((grandchildren, 0)) }
        }
        return nil
    }

    /// Calls `visit` once for every node in document order (pre-order), the node itself first,
    /// with the nodes above it (outermost first).
    public func forEachNode(_ visit: (_ node: borrowing VisitedNode, _ ancestors: [MarkdownNode]) throws -> Void) rethrows {
        try walk { node, event, ancestors in
            if event == .enter { try visit(node, ancestors) }
        }
    }

    /// The text a reader sees, without markup: text, code spans and the text standing in for
    /// trusted HTML; a break becomes a space; images and author HTML contribute nothing.
    /// Heading anchors and titles are made from it.
    public var plainText: String {
        var result = ""
        var skippedDepth = 0
        walkEvents { node, event in
            if case .image = node.kind {
                skippedDepth += event == .enter ? 1 : -1
                return
            }
            guard event == .enter, skippedDepth == 0 else { return }
            switch node.kind {
            case .text(let text), .code(let text): result += text
            case .trustedHTMLInline(_, let text): result += text
            case .softBreak, .lineBreak: result += " "
            default: break
            }
        }
        return result
    }
}
