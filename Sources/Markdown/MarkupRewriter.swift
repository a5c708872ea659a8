/// A pass that turns a tree into a new tree: later stages replace code blocks by cells,
/// split text around math, change link destinations.
///
/// Conform, implement `rewrite(_:)` for the nodes you care about, and call
/// `rewriteChildren(of:)` for the rest so the pass goes on below them:
///
/// ```swift
/// struct DropImages: MarkupRewriter {
///     mutating func rewrite(_ node: MarkdownNode) -> [MarkdownNode] {
///         if case .image = node.kind { return [] }
///         return [rewriteChildren(of: node)]
///     }
/// }
/// ```
///
/// A conformer recurses once per level of the tree; `MarkdownNode.rewritten(_:)` does not.
public protocol MarkupRewriter {
    /// The nodes that take `node`'s place: none removes it, several split it.
    mutating func rewrite(_ node: MarkdownNode) -> [MarkdownNode]
}

extension MarkupRewriter {
    /// `node` with each child replaced by what `rewrite` makes of it.
    public mutating func rewriteChildren(of node: MarkdownNode) -> MarkdownNode {
        var result = node
        result.children = []
        result.children.reserveCapacity(node.children.count)
        for child in node.children {
            result.children.append(contentsOf: rewrite(child))
        }
        return result
    }

    /// Rewrites a whole document; the root itself is kept (only its children can change).
    public mutating func rewriteDocument(_ document: MarkdownNode) -> MarkdownNode {
        let replaced = rewrite(document)
        if replaced.count == 1, let root = replaced.first { return root }
        return MarkdownNode(document.kind, children: replaced, span: document.span)
    }
}

extension MarkdownNode {
    /// What a closure-based rewrite does with a node.
    public enum Rewrite {
        /// Keep the node and go on rewriting its children.
        case keep
        /// Keep the node and everything below it as they are, without looking inside: a pass
        /// that changes only blocks need not visit a paragraph's inlines (most of a lesson's nodes).
        case keepSubtree
        /// Put these nodes in its place and do not look inside them.
        case replace([MarkdownNode])
    }

    /// The tree with `transform` applied top-down to every node below the root.
    ///
    /// Iterative, like `walk`, so any depth of nesting is safe (a `MarkupRewriter` recurses
    /// once per level of the tree).
    public func rewritten(_ transform: (MarkdownNode) -> Rewrite) -> MarkdownNode {
        // A subtree in which nothing was replaced is reused as it is, not rebuilt: a pass that
        // changes a few nodes of a large lesson copies only the paths down to them.
        struct Frame {
            var node: MarkdownNode
            var next = 0
            /// The new children, once one of them has changed; nil while all are kept as they were.
            var children: [MarkdownNode]?

            /// Starts `children` with the unchanged ones before the current child.
            mutating func materialize() {
                if children == nil { children = Array(node.children[..<(next - 1)]) }
            }
        }
        var stack = [Frame(node: self)]
        while let top = stack.indices.last {
            if stack[top].next < stack[top].node.children.count {
                let index = stack[top].next
                stack[top].next += 1
                // The child is shown to `transform` where it is, and copied out only to be kept
                // in new children or opened: most nodes are leaves that nothing changes.
                let (rewrite, isLeaf) = stack[top].node.children.withUnsafeBufferPointer { children in
                    (transform(children[index]), children[index].children.isEmpty)
                }
                switch rewrite {
                case .keep where isLeaf, .keepSubtree:
                    // A kept leaf is final as it is: no frame to push and pop (most nodes are leaves).
                    if stack[top].children != nil {
                        let child = stack[top].node.children[index]
                        stack[top].children?.append(child)
                    }
                case .keep:
                    let child = stack[top].node.children[index]
                    stack.append(Frame(node: child))
                case .replace(let nodes):
                    stack[top].materialize()
                    stack[top].children?.append(contentsOf: nodes)
                }
            } else {
                let frame = stack.removeLast()
                var node = frame.node
                if let children = frame.children { node.children = children }
                guard let parent = stack.indices.last else { return node }
                if frame.children != nil { stack[parent].materialize() }
                stack[parent].children?.append(node)
            }
        }
        return self
    }
}
