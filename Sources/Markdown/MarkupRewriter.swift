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
        /// Put these nodes in its place and do not look inside them.
        case replace([MarkdownNode])
    }

    /// The tree with `transform` applied top-down to every node below the root.
    public func rewritten(_ transform: (MarkdownNode) -> Rewrite) -> MarkdownNode {
        withoutActuallyEscaping(transform) { transform in
            var rewriter = ClosureRewriter(transform: transform)
            return rewriter.rewriteChildren(of: self)
        }
    }
}

private struct ClosureRewriter: MarkupRewriter {
    let transform: (MarkdownNode) -> MarkdownNode.Rewrite

    mutating func rewrite(_ node: MarkdownNode) -> [MarkdownNode] {
        switch transform(node) {
        case .keep: [rewriteChildren(of: node)]
        case .replace(let nodes): nodes
        }
    }
}
