/// A position in a file of the project, as the user sees it.
///
/// `file` is the path relative to the project root (`lessons/jacobian.md`), or a name such as
/// `<stdin>`. `line` and `column` are 1-based; a column counts Unicode scalars, so `⊙` is one
/// column wide, as editors show it.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }

    /// `path:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }

    /// The location `columns` scalars further along the same line.
    public func advanced(byColumns columns: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + columns)
    }
}

/// A half-open range of source text: `start` up to, not including, `end`.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// A range within one line, `length` scalars long.
    public init(start: SourceLocation, length: Int) {
        self.start = start
        self.end = start.advanced(byColumns: max(length, 0))
    }
}
