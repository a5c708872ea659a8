import SwiftParser
import SwiftSyntax

/// A cell's source read once by Swift's parser, for running it (`CellSession.run(cell:)`) and
/// for highlighting it (`CellHighlighter.highlight(_:)`).
///
/// Why: a page both runs and highlights every cell, and swift-syntax's parse and the
/// `SourceLimits` walk over its tree are a large part of a small cell's cost; done twice they
/// were. Sound because `Parser.parse(source:)` and `SourceLimits` are pure functions of the
/// text: each stage sees exactly the tree and the limit verdict it would have computed itself.
public struct ParsedCell: Sendable {
    public let source: CellSource
    let syntax: CellSyntaxTree
    /// When reading began: the cell's time budget starts here, so parsing counts against it as
    /// when the session parsed the cell itself.
    let started: ContinuousClock.Instant

    public init(_ source: CellSource) {
        self.started = .now
        self.source = source
        self.syntax = CellSyntaxTree(source.text)
    }
}

/// Swift's parse of a cell's text and the verdict of the source limits on it.
struct CellSyntaxTree: Sendable {
    let text: String
    /// The first source limit the text exceeds (`SourceLimits.checkBrackets`, then `checkTree`).
    let limitError: CellError?
    /// `nil` when the brackets are over the limit: swift-syntax is never run on such a text.
    let tree: SourceFileSyntax?

    init(_ text: String) {
        self.text = text
        if let error = SourceLimits.checkBrackets(text) {
            self.limitError = error
            self.tree = nil
            return
        }
        let tree = Parser.parse(source: text)
        self.tree = tree
        self.limitError = SourceLimits.checkTree(tree)
    }
}
