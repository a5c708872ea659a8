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
           let sourceLine = sources.line(location.line, of: location.file)
        {
            out += "   " + sourceLine + "\n"
            out += "   " + paint(markerLine(for: diagnostic, at: location, lineText: sourceLine), "32", bold: true) + "\n"
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
    /// the quoted line (tabs are kept so the markers line up in a terminal).
    private func markerLine(for diagnostic: Diagnostic, at location: SourceLocation, lineText: String) -> String {
        let scalars = Array(lineText.unicodeScalars)
        var marks = [Character](repeating: " ", count: max(scalars.count, location.column) + 1)
        for range in diagnostic.highlights
        where range.start.file == location.file && range.start.line == location.line {
            let lastColumn = range.end.line == range.start.line ? range.end.column - 1 : scalars.count
            guard range.start.column >= 1, lastColumn >= range.start.column else { continue }
            for column in range.start.column...lastColumn where column - 1 < marks.count {
                marks[column - 1] = "~"
            }
        }
        if location.column >= 1 { marks[location.column - 1] = "^" }
        for (index, scalar) in scalars.enumerated() where scalar == "\t" && marks[index] == " " {
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
