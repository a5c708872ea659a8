import SwiftParser
import MatrixCalculus
import SwiftSyntax

/// A cell's source read once — by Swift's parser, then lowered — for running it
/// (`CellSession.run(cell:)`) and for highlighting it (`CellHighlighter.highlight(_:)`).
///
/// Why: a page both runs and highlights every cell, and swift-syntax's parse and the
/// `SourceLimits` walk over its tree are a large part of a small cell's cost; done twice they
/// were. Sound because `Parser.parse(source:)` and `SourceLimits` are pure functions of the
/// text: each stage sees exactly the tree and the limit verdict it would have computed itself.
public struct ParsedCell: Sendable {
    public let source: CellSource
    /// What reading the text gave: the program (or why there is none) and the highlighting.
    let reading: CellReading
    /// When reading began: the cell's time budget starts here, so parsing counts against it as
    /// when the session parsed the cell itself (highlighting does not count).
    let started: ContinuousClock.Instant

    /// Reads `source`, or takes its reading from `readings` when a cell with the same text was
    /// read before.
    public init(_ source: CellSource, readings: CellReadings? = nil) {
        let start = ContinuousClock.now
        self.source = source
        if let known = readings?.reading(of: source.text) {
            self.reading = known
            self.started = start
            return
        }
        let syntax = CellSyntaxTree(source.text)
        let program = Result { () throws(CellSyntaxErrors) in try CellParser.parse(syntax) }
        let parsed = ContinuousClock.now
        self.reading = CellReading(program: program, highlighted: CellHighlighter.highlight(syntax))
        self.started = ContinuousClock.now - (parsed - start)
        readings?.remember(reading, of: source.text)
    }
}

/// A cell's text as the session and the page need it: the lowered program or the syntax errors
/// (positions relative to the cell, so the same for any place the text appears), and the
/// highlighted runs.
package struct CellReading: Sendable {
    var program: Result<CellProgram, CellSyntaxErrors>
    var highlighted: [HighlightedRun]
}

/// The readings of one build's cells by text, shared by all its lessons. Why: courses repeat
/// cells verbatim (a `let x: Vector<3>` preamble, the same example in a lesson and its
/// exercise), and reading — swift-syntax's parse, the source limits, operator folding and
/// lowering — costs about as much as running a small cell. Sound because reading is a pure
/// function of the text; a cell's session state only matters when it runs.
public final class CellReadings: Sendable {
    /// Up to 16 MB of cell text.
    private let memo = SharedMemo<String, CellReading>(capacity: 16 << 20)

    public init() {}

    package func reading(of text: String) -> CellReading? {
        memo.value(for: text)
    }

    func remember(_ reading: CellReading, of text: String) {
        memo.remember(reading, for: text, cost: text.utf8.count)
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
