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
    public func walk(_ visit: (_ node: MarkdownNode, _ event: WalkEvent, _ ancestors: [MarkdownNode]) throws -> Void) rethrows {
        var ancestors: [MarkdownNode] = []
        var positions: [Int] = []
        try visit(self, .enter, ancestors)
        ancestors.append(self)
        positions.append(0)
        // The open nodes are read in place, never copied out per step: a copy retains a
        // node's children and strings, and a walk takes a million steps in a large lesson.
        while !positions.isEmpty {
            let depth = positions.count - 1
            let index = positions[depth]
            if index < ancestors[depth].children.count {
                positions[depth] = index + 1
                let child = ancestors[depth].children[index]
                try visit(child, .enter, ancestors)
                ancestors.append(child)
                positions.append(0)
            } else {
                let parent = ancestors.removeLast()
                positions.removeLast()
                try visit(parent, .exit, ancestors)
            }
        }
    }

    /// Calls `visit` once for every node in document order (pre-order), the node itself first.
    public func forEachNode(_ visit: (_ node: MarkdownNode, _ ancestors: [MarkdownNode]) throws -> Void) rethrows {
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
        walk { node, event, _ in
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
