/// An expression in the three markups a page shows it in: MathML, plain text and LaTeX.
///
/// Why: every value of a cell is written three times, and each writer used to lay the
/// expression out itself (`LayoutBuilder`: the printed-size check and the memoised layout),
/// the larger part of writing. Here it is laid out once. Sound: the layout is a pure function
/// of the expression and the notation, and each writer's `write(_:)` is exactly that layout
/// put through the same markup code used here, so each string is the one its writer alone
/// would give, and an expression too large to write throws the same error.
public struct WrittenExpression: Sendable {
    /// A whole `<math>` element, as `MathMLWriter.write(_:display:)` writes it.
    public let mathML: String
    /// As `TextWriter.write(_:)`.
    public let text: String
    /// As `LaTeXWriter.write(_:)`.
    public let latex: String

    public init(_ e: Expr, display: MathMLWriter.Display, notation: Notation = .standard) throws(EngineError) {
        let layout = try LayoutBuilder.layout(of: e, notation: notation)
        mathML = MathMLWriter(notation: notation).write(layout: layout, display: display)
        var text = ""
        TextWriter(notation: notation).write(layout, into: &text)
        self.text = text
        latex = LaTeXWriter(notation: notation).write(layout: layout)
    }
}
