/// A node a walk is visiting, looked at where it is in its tree rather than copied out of it.
///
/// Handing a visitor the node itself made the compiler copy it first (it cannot see that the
/// visitor leaves the tree alone): a retain of its children and of its strings before the call
/// and a release after, for each of a large lesson's million nodes on every walk, a tenth of
/// the 10 MB lesson's build. Noncopyable, so that it cannot outlive the visit that lends it;
/// `node` copies the node out when a visitor keeps one.
public struct VisitedNode: ~Copyable {
    @usableFromInline let pointer: UnsafePointer<MarkdownNode>

    /// Valid while the node at `pointer` is: the walks lend it for one call of their visitor.
    @usableFromInline init(_ pointer: UnsafePointer<MarkdownNode>) {
        self.pointer = pointer
    }

    @inlinable public var kind: MarkdownNode.Kind { pointer.pointee.kind }
    @inlinable public var span: TextSpan? { pointer.pointee.span }
    @inlinable public var children: [MarkdownNode] { pointer.pointee.children }
    /// The text a reader sees (`MarkdownNode.plainText`).
    @inlinable public var plainText: String { pointer.pointee.plainText }
    /// The node itself, copied out of the tree.
    @inlinable public var node: MarkdownNode { pointer.pointee }
}

extension MarkdownNode {
    /// Calls `body` with this node lent as a `VisitedNode`: how a walk visits the node it
    /// starts from, which is not in an array of siblings.
    func visiting<Result>(_ body: (borrowing VisitedNode) throws -> Result) rethrows -> Result {
        try withUnsafePointer(to: self) { try body(VisitedNode($0)) }
    }
}
