/// The text of the files diagnostics point into, so a writer can quote the offending line.
///
/// Writers get the sources from here rather than reading the disk: the build has the text
/// already, and `<stdin>` has no file to read.
public struct SourceFiles: Sendable {
    private var lines: [String: [Substring]] = [:]

    public init() {}

    public init(_ files: [String: String]) {
        for (path, text) in files { add(path, text: text) }
    }

    public mutating func add(_ path: String, text: String) {
        lines[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The 1-based `line` of `file` without its line ending, or `nil` if unknown.
    public func line(_ line: Int, of file: String) -> String? {
        guard let fileLines = lines[file], line >= 1, line <= fileLines.count else { return nil }
        var text = fileLines[line - 1]
        if text.last == "\r" { text = text.dropLast() }
        return String(text)
    }
}
