import Markdown

/// One `$…$` or `$$…$$` found in a lesson's Markdown, before Markdown sees it.
public struct MathSpan: Hashable, Sendable {
    /// `$$…$$` is display math; `$…$` inline.
    public var isDisplay: Bool
    /// UTF-8 offsets of the whole span, delimiters included, in the scanned text.
    public var range: Range<Int>
    /// The formula between the delimiters, with the container prefixes (`> ` of a block
    /// quote, a list item's indentation) of continuation lines taken out.
    public var tex: String
    /// Where each line of `tex` starts in the Markdown, in order, so a TeX error offset can be
    /// reported at the lesson's line and column.
    public var lineOrigins: [LineOrigin]
    /// The container prefix of each continuation line, which the placeholder keeps so that
    /// Markdown still sees the lines inside their block quote or list item.
    public var continuationPrefixes: [String]
    /// `\eqref{label}` or `\ref{label}` written in prose, outside math: `tex` is the label.
    public var isReference = false

    public struct LineOrigin: Hashable, Sendable {
        /// Offset in Unicode scalars into `tex` where this line begins.
        public var texOffset: Int
        /// Where that offset is in the Markdown.
        public var position: TextPosition
    }

    /// The Markdown position of a Unicode-scalar offset into `tex`.
    public func position(ofTeXOffset offset: Int) -> TextPosition {
        var origin = lineOrigins[0]
        for candidate in lineOrigins where candidate.texOffset <= offset { origin = candidate }
        return TextPosition(line: origin.position.line,
                            column: origin.position.column + max(offset - origin.texOffset, 0))
    }
}
