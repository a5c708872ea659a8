/// Writes diagnostics for people, as the Swift compiler does:
///
/// ```
/// lessons/jacobian.md:42:17: error: shapes do not match: Vector<3> ⊙ Vector<4>
///    let y = w ⊙ x
///            ~ ^ ~
/// note: w is Vector<3> (line 38), x is Vector<4> (line 39)
/// ```
public struct TextDiagnosticWriter: Sendable {
    public var sources: SourceFiles
    /// ANSI colours, for a terminal only.
    public var colored: Bool

    public init(sources: SourceFiles = SourceFiles(), colored: Bool = false) {
        self.sources = sources
        self.colored = colored
    }

    public func write(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(write).joined()
    }

    /// One diagnostic, ending with a newline.
    public func write(_ diagnostic: Diagnostic) -> String {
        var out = ""
        if let location = diagnostic.location { out += "\(location): " }
        out += paint("\(diagnostic.severity.rawValue):", diagnostic.severity.color, bold: true)
        out += " " + paint(diagnostic.message, nil, bold: true) + "\n"
        if let location = diagnostic.location,
           let window = sources.window(ofLine: location.line, of: location.file, around: location.column)
        {
            out += "   " + window.text + "\n"
            out += "   " + paint(markerLine(for: diagnostic, at: location, in: window), "32", bold: true) + "\n"
        }
        for note in diagnostic.notes {
            if let location = note.location { out += "\(location): " }
            out += paint("note:", "36", bold: true) + " " + note.message + "\n"
        }
        for fixIt in diagnostic.fixIts {
            out += paint("fix-it:", "36", bold: true) + " " + fixIt.message
            out += fixIt.replacement.isEmpty ? "\n" : " (replace with '\(fixIt.replacement)')\n"
        }
        return out
    }

    /// `~` under each highlighted range on the caret's line and `^` at the caret, aligned with
    /// the quoted window of the line (tabs are kept so the markers line up in a terminal).
    private func markerLine(for diagnostic: Diagnostic, at location: SourceLocation, in window: QuotedWindow) -> String {
        let scalars = window.scalars
        // Marks are placed by column of the whole line, then shifted into the window.
        let shift = window.firstColumn - 1 - window.prefixWidth
        func index(ofColumn column: Int) -> Int { column - 1 - shift }
        var marks = [Character](repeating: " ", count: max(scalars.count, index(ofColumn: location.column) + 1) + 1)
        for range in diagnostic.highlights
        where range.start.file == location.file && range.start.line == location.line {
            let lastColumn = range.end.line == range.start.line ? range.end.column - 1 : window.lastColumn
            let first = max(range.start.column, window.firstColumn), last = min(lastColumn, window.lastVisibleColumn)
            guard range.start.column >= 1, last >= first else { continue }
            for column in first...last where index(ofColumn: column) >= 0 && index(ofColumn: column) < marks.count {
                marks[index(ofColumn: column)] = "~"
            }
        }
        let caret = index(ofColumn: location.column)
        if location.column >= 1, caret >= 0, caret < marks.count { marks[caret] = "^" }
        for (index, scalar) in scalars.enumerated() where scalar == "\t" && index < marks.count && marks[index] == " " {
            marks[index] = "\t"
        }
        var line = String(marks)
        while line.last == " " { line.removeLast() }
        return line
    }

    private func paint(_ text: String, _ color: String?, bold: Bool) -> String {
        guard colored else { return text }
        let codes = ([bold ? "1" : nil, color].compactMap { $0 }).joined(separator: ";")
        return "\u{1B}[\(codes)m\(text)\u{1B}[0m"
    }
}

extension Severity {
    fileprivate var color: String {
        switch self {
        case .error: "31"
        case .warning: "35"
        case .note: "36"
        }
    }
}

/// The part of a source line a diagnostic quotes: the whole line when it is short, else a
/// window of it around the caret with `…` where it is cut. Quoting whole lines made 8,000
/// diagnostics on one 56 KB line print 674 MB.
struct QuotedWindow {
    /// Lines up to this many Unicode scalars are quoted whole.
    static let maximumWidth = 160
    /// Scalars shown before the caret when the line is cut.
    static let leadingContext = 60

    /// The quoted text, including any `…`.
    let text: String
    /// The quoted text's scalars, for aligning the markers.
    let scalars: [Unicode.Scalar]
    /// 1-based columns of the line that the window shows.
    let firstColumn: Int
    let lastColumn: Int
    /// Scalars of the `…` in front (0 or 1).
    let prefixWidth: Int
    /// The last column markers may reach: past the line's end when it is quoted whole (a caret
    /// after the last character), the window's end when it is cut.
    var lastVisibleColumn: Int { isWhole ? Int.max : lastColumn }
    let isWhole: Bool

    /// `scalarOffsets`: the UTF-8 offset of each scalar of a long non-ASCII line (nil for a
    /// short or ASCII line), so the window is cut in time independent of the line's length.
    init(line: Substring, scalarOffsets: [Int32]?, around column: Int) {
        let bytes = line.utf8.count
        guard bytes > Self.maximumWidth else {
            self.text = String(line)
            self.scalars = Array(line.unicodeScalars)
            self.firstColumn = 1
            self.lastColumn = scalars.count
            self.prefixWidth = 0
            self.isWhole = true
            return
        }
        // An ASCII line's columns are its byte offsets.
        let count = scalarOffsets?.count ?? bytes
        let start = min(max(1, column - Self.leadingContext), max(1, count - Self.maximumWidth + 1))
        let end = min(count, start + Self.maximumWidth - 1)
        func byteOffset(ofColumn column: Int) -> Int {
            guard column <= count else { return bytes }
            return scalarOffsets.map { Int($0[column - 1]) } ?? column - 1
        }
        let lower = line.utf8.index(line.utf8.startIndex, offsetBy: byteOffset(ofColumn: start))
        let upper = line.utf8.index(line.utf8.startIndex, offsetBy: byteOffset(ofColumn: end + 1))
        var text = start > 1 ? "…" : ""
        text += String(decoding: line.utf8[lower..<upper], as: UTF8.self)
        if end < count { text += "…" }
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.firstColumn = start
        self.lastColumn = end
        self.prefixWidth = start > 1 ? 1 : 0
        self.isWhole = start == 1 && end == count
    }
}
