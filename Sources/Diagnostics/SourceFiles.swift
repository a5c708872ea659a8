/// The text of the files diagnostics point into, so a writer can quote the offending line.
///
/// Writers get the sources from here rather than reading the disk: the build has the text
/// already, and `<stdin>` has no file to read.
public struct SourceFiles: Sendable {
    private var lines: [String: [Substring]] = [:]
    /// For each line longer than a quoted window that is not plain ASCII: the UTF-8 offset of
    /// every scalar, so that a window of it is cut without walking the line (8,000 diagnostics
    /// on one long line would otherwise walk it 8,000 times).
    private var scalarOffsets: [String: [Int: [Int32]]] = [:]

    public init() {}

    public init(_ files: [String: String]) {
        for (path, text) in files { add(path, text: text) }
    }

    public mutating func add(_ path: String, text: String) {
        let fileLines = linesSplitAtNewlines(text)
        lines[path] = fileLines
        var offsets: [Int: [Int32]] = [:]
        for (index, line) in fileLines.enumerated() where line.utf8.count > QuotedWindow.maximumWidth {
            guard line.utf8.contains(where: { $0 >= 0x80 }) else { continue }
            var lineOffsets: [Int32] = []
            var offset: Int32 = 0
            for scalar in line.unicodeScalars {
                lineOffsets.append(offset)
                offset += Int32(UTF8.width(scalar))
            }
            offsets[index + 1] = lineOffsets
        }
        scalarOffsets[path] = offsets
    }

    /// The 1-based `line` of `file` without its line ending, or `nil` if unknown.
    public func line(_ line: Int, of file: String) -> String? {
        self.text(ofLine: line, of: file).map(String.init)
    }

    private func text(ofLine line: Int, of file: String) -> Substring? {
        guard let fileLines = lines[file], line >= 1, line <= fileLines.count else { return nil }
        var text = fileLines[line - 1]
        if text.last == "\r" { text = text.dropLast() }
        return text
    }

    /// The part of `line` a diagnostic at `column` quotes (see `QuotedWindow`).
    func window(ofLine line: Int, of file: String, around column: Int) -> QuotedWindow? {
        guard let text = text(ofLine: line, of: file) else { return nil }
        return QuotedWindow(line: text, scalarOffsets: scalarOffsets[file]?[line], around: column)
    }
}
