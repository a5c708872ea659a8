/// A position in the Markdown text: 1-based line and 1-based column.
///
/// The column counts Unicode scalars (as editors and calcbook's diagnostics do), not the UTF-8
/// bytes libcmark-gfm counts; the parser converts. The Markdown layer knows nothing of files,
/// so the Lesson stage adds the path (and the offset of a front matter) when it reports.
public struct TextPosition: Hashable, Sendable, Comparable, CustomStringConvertible {
    // 32 bits each (clamped), so that a span is 16 bytes in each of a large lesson's million
    // tree nodes; no lesson has two billion lines or a line of two billion characters.
    private var storedLine: Int32
    private var storedColumn: Int32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    public static func < (a: TextPosition, b: TextPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// Where a node was written: from `start` up to and including `end` (as cmark reports it).
public struct TextSpan: Hashable, Sendable, CustomStringConvertible {
    public var start: TextPosition
    /// The last character of the node, inclusive.
    public var end: TextPosition

    public init(start: TextPosition, end: TextPosition) {
        self.start = start
        self.end = end
    }

    public var description: String { "\(start)-\(end)" }
}
