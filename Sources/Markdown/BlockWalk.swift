extension MarkdownNode {
    /// Calls `visit` on this node and on every block a container holds (`holdsBlocks`), in
    /// document order, descending only into containers: the paragraphs, headings and code
    /// blocks are visited, but not what they hold. Passes that look for headings, block
    /// quotes or lone images visit a lesson's inlines, most of its nodes, never (a 10 MB lesson
    /// has a million nodes, and is asked for such blocks several times).
    public func forEachBlock(_ visit: (_ block: borrowing VisitedNode) throws -> Void) rethrows {
        try visiting { try visit($0) }
        guard kind.holdsBlocks, !children.isEmpty else { return }
        // As in `firstInPreorder`: an explicit stack of each open level's siblings and place,
        // each node lent where it is (`VisitedNode`).
        var levels: [(siblings: [MarkdownNode], next: Int)] = [(children, 0)]
        while let level = levels.indices.last {
            let index = levels[level].next
            guard index < levels[level].siblings.count else {
                levels.removeLast()
                continue
            }
            levels[level].next = index + 1
            let inner = try levels[level].siblings.withUnsafeBufferPointer { siblings -> [MarkdownNode]? in
                guard let base = siblings.baseAddress else { return nil }
                try visit(VisitedNode(base + index))
                return siblings[index].kind.holdsBlocks && !siblings[index].children.isEmpty ? siblings[index].children : nil
            }
            if let inner { levels.append((inner, 0)) }
        }
    }
}

extension MarkdownNode.Kind {
    /// The blocks whose children are blocks that may be any of paragraphs, headings, block
    /// quotes, lists, code: the containers of CommonMark (document, block quote, list and
    /// item, footnote definition) and calcbook's callout.
    public var holdsBlocks: Bool {
        switch self {
        case .document, .blockQuote, .list, .listItem, .footnoteDefinition, .callout: true
        default: false
        }
    }
}
