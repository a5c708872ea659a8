import Diagnostics

/// The text of one cell and where it sits in its lesson file.
///
/// Diagnostics must point at the lesson file, not at the cell: `line` and `column` are the
/// 1-based position of the cell's first character in that file. A cell inside a list item or a
/// blockquote is indented, so `column` applies to every line of the cell, not only the first.
public struct CellSource: Hashable, Sendable {
    public var text: String
    public var file: String
    public var line: Int
    public var column: Int

    public init(text: String, file: String, line: Int = 1, column: Int = 1) {
        self.text = text
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A half-open range of UTF-8 offsets into a cell's text: what the parser gives positions in.
struct CellSpan: Hashable, Sendable {
    var start: Int
    var end: Int

    init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest span covering both.
    func union(_ other: CellSpan) -> CellSpan {
        CellSpan(min(start, other.start), max(end, other.end))
    }
}

/// Turns UTF-8 offsets in a cell into line and column (in Unicode scalars) of the lesson file.
struct CellPositionMap: Sendable {
    let source: CellSource
    /// UTF-8 offset at which each line of the cell starts.
    private let lineStarts: [Int]
    private let utf8: [UInt8]

    init(_ source: CellSource) {
        self.source = source
        self.utf8 = Array(source.text.utf8)
        var starts = [0]
        for (offset, byte) in utf8.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    func location(_ offset: Int) -> SourceLocation {
        let clamped = min(max(offset, 0), utf8.count)
        var lineIndex = 0
        var low = 0, high = lineStarts.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= clamped { lineIndex = middle; low = middle + 1 } else { high = middle - 1 }
        }
        // Count scalars, not bytes: a UTF-8 continuation byte does not start a scalar.
        var scalars = 0
        for byte in utf8[lineStarts[lineIndex]..<clamped] where byte & 0xC0 != 0x80 {
            scalars += 1
        }
        return SourceLocation(file: source.file, line: source.line + lineIndex, column: source.column + scalars)
    }

    func range(_ span: CellSpan) -> SourceRange {
        SourceRange(start: location(span.start), end: location(span.end))
    }

    /// The 1-based line in the lesson file of a span's start, for notes such as "(line 38)".
    func line(of span: CellSpan) -> Int { location(span.start).line }

    /// The cell's own text of a span.
    func text(_ span: CellSpan) -> String {
        let lower = min(max(span.start, 0), utf8.count), upper = min(max(span.end, lower), utf8.count)
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
