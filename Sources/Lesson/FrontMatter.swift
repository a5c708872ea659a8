import Diagnostics
import MatrixCalculus

/// The `---` block at the top of a lesson: `title`, `description`, `layout`, and any other
/// keys (kept, in the order written, for templates and later stages).
public struct FrontMatter: Hashable, Sendable, Codable {
    /// The derivative layout a lesson's cells use (lessons/reference/getting-started.md, front matter): the engine's.
    public typealias Layout = MatrixCalculus.Layout

    /// One `key: value` line.
    public struct Entry: Hashable, Sendable, Codable {
        public var key: String
        public var value: String
        /// Where the value starts (the key's location for an empty value).
        public var location: SourceLocation

        public init(key: String, value: String, location: SourceLocation) {
            self.key = key
            self.value = value
            self.location = location
        }
    }

    /// Every entry in the order written, known keys included.
    public var entries: [Entry]
    public var layout: Layout

    public init(entries: [Entry] = [], layout: Layout = .numerator) {
        self.entries = entries
        self.layout = layout
    }

    /// The value of `key`, the last one if it is written twice.
    public subscript(key: String) -> String? {
        entries.last { $0.key == key }?.value
    }

    public var title: String? { self["title"].flatMap { $0.isEmpty ? nil : $0 } }
    public var description: String? { self["description"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The layout the front matter names, `nil` when it names none (or an unknown one, which
    /// is an error of its own): the project's `layout` setting applies then.
    public var writtenLayout: Layout? { self["layout"].flatMap(Layout.init(rawValue:)) }

    /// The keys calcbook itself reads.
    public static let knownKeys: Set<String> = ["title", "description", "layout"]

    /// Keys other tools put in front matter, kept for templates without a warning: a lesson
    /// that also lives in Jekyll, Hugo, Quarto or MyST keeps its front matter.
    public static let toleratedKeys: Set<String> = [
        "author", "authors", "date", "tags", "keywords", "draft", "weight", "slug", "subtitle",
        "summary", "categories", "lang", "license", "jupyter", "kernelspec", "format", "bibliography",
    ]
}

/// A lesson's text split into front matter and Markdown body.
public struct FrontMatterSplit: Sendable {
    public var frontMatter: FrontMatter
    /// The Markdown after the front matter, with the front matter's lines replaced by empty
    /// lines: Markdown ignores leading blank lines, and every position in the body is then a
    /// line of the file as it is.
    public var body: String
    public var diagnostics: [Diagnostic]
}

/// Reads front matter: a YAML subset of `key: value` lines, `"…"` or `'…'` quoted values,
/// `#` comments and blank lines — what lessons need, with a precise error for anything else.
public enum FrontMatterParser {
    public static let diagnosticID = "lesson.front-matter"
    /// A lesson's settings fit in a few lines; a longer block is refused before it is parsed,
    /// so front matter costs time in proportion to a small bound.
    public static let maximumLines = 1_000
    public static let unknownKeyID = "lesson.front-matter-unknown-key"

    public static func split(_ text: String, path: String) -> FrontMatterSplit {
        // Only the first line says whether there is front matter: most lessons are split no further.
        let firstLineEnd = text.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        guard isFence(text[..<firstLineEnd], allowBOM: true) else {
            return FrontMatterSplit(frontMatter: FrontMatter(), body: text, diagnostics: [])
        }
        var lines = Self.lines(of: text)
        guard let closing = lines.indices.dropFirst().first(where: { isFence(lines[$0], allowBOM: false) }) else {
            let diagnostic = Diagnostic(
                id: diagnosticID,
                message: "front matter is not closed: add a line `---` after its last key",
                location: SourceLocation(file: path, line: 1, column: 1))
            return FrontMatterSplit(frontMatter: FrontMatter(), body: text, diagnostics: [diagnostic])
        }
        if closing - 1 > maximumLines {
            for index in 0...closing { lines[index] = "" }
            let diagnostic = Diagnostic(
                id: diagnosticID,
                message: "front matter is longer than \(maximumLines) lines; keep only a lesson's settings there",
                location: SourceLocation(file: path, line: maximumLines + 2, column: 1))
            return FrontMatterSplit(frontMatter: FrontMatter(), body: lines.joined(separator: "\n"), diagnostics: [diagnostic])
        }
        var parser = EntryParser(path: path)
        for index in 1..<closing {
            parser.parse(line: lines[index], number: index + 1)
        }
        for index in 0...closing { lines[index] = "" }
        return FrontMatterSplit(
            frontMatter: parser.frontMatter(),
            body: lines.joined(separator: "\n"),
            diagnostics: parser.diagnostics)
    }

    /// The lines of `text` split at each `\n` scalar: a `Character` split would keep `\r\n`
    /// together as one character and never split a CRLF file. A line keeps its `\r`.
    static func lines(of text: String) -> [Substring] {
        // By bytes: a newline byte is always the scalar U+000A.
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(text[start..<newline])
            start = utf8.index(after: newline)
        }
        lines.append(text[start...])
        return lines
    }

    private static func isFence(_ line: Substring, allowBOM: Bool) -> Bool {
        var content = line
        if allowBOM, content.first == "\u{FEFF}" { content = content.dropFirst() }
        if content.last == "\r" { content = content.dropLast() }
        while content.last == " " || content.last == "\t" { content = content.dropLast() }
        return content == "---"
    }
}

/// Parses the lines between the fences, one at a time, collecting entries and diagnostics.
private struct EntryParser {
    let path: String
    var entries: [FrontMatter.Entry] = []
    var keys: Set<String> = []
    var diagnostics: [Diagnostic] = []
    var layout: FrontMatter.Layout = .numerator

    init(path: String) {
        self.path = path
    }

    func location(_ line: Int, _ column: Int) -> SourceLocation {
        SourceLocation(file: path, line: line, column: column)
    }

    mutating func error(_ message: String, line: Int, column: Int) {
        diagnostics.append(Diagnostic(id: FrontMatterParser.diagnosticID, message: message, location: location(line, column)))
    }

    func frontMatter() -> FrontMatter {
        FrontMatter(entries: entries, layout: layout)
    }

    mutating func parse(line rawLine: Substring, number: Int) {
        var scalars = Array(rawLine.unicodeScalars)
        if scalars.last == "\r" { scalars.removeLast() }
        let indent = scalars.prefix { $0 == " " || $0 == "\t" }.count
        guard indent < scalars.count else { return } // blank
        if scalars[indent] == "#" { return } // comment
        if indent > 0 {
            error("nested or continued values are not supported in front matter; write `key: value` on one line",
                  line: number, column: 1)
            return
        }
        let startsKey = scalars[0].properties.isAlphabetic || scalars[0] == "_"
        let keyLength = startsKey ? scalars.prefix { isKeyScalar($0) }.count : 0
        guard keyLength > 0, keyLength < scalars.count, scalars[keyLength] == ":" else {
            let column = keyLength > 0 ? keyLength + 1 : 1
            error("expected `key: value` in front matter", line: number, column: column)
            return
        }
        let key = String(String.UnicodeScalarView(scalars[0..<keyLength]))
        var valueStart = keyLength + 1
        if valueStart < scalars.count, scalars[valueStart] != " ", scalars[valueStart] != "\t" {
            error("expected a space after `\(key):`", line: number, column: valueStart + 1)
            return
        }
        while valueStart < scalars.count, scalars[valueStart] == " " || scalars[valueStart] == "\t" { valueStart += 1 }
        guard let value = parseValue(scalars, from: valueStart, line: number) else { return }
        // A set, not a search of the entries: a long front matter stays linear.
        guard keys.insert(key).inserted else {
            error("`\(key)` is set twice in front matter", line: number, column: 1)
            return
        }
        if let (scalar, offset) = InvisibleControls.first(in: value) {
            let quoted = valueStart < scalars.count && (scalars[valueStart] == "\"" || scalars[valueStart] == "'")
            error("`\(key)` holds \(InvisibleControls.describe(scalar)), which would change how the text around it is shown; remove it",
                  line: number, column: valueStart + offset + (quoted ? 2 : 1))
            return
        }
        let valueLocation = location(number, valueStart < scalars.count ? valueStart + 1 : 1)
        entries.append(FrontMatter.Entry(key: key, value: value, location: valueLocation))
        warnIfUnknown(key, line: number)
        if key == "layout" {
            if let known = FrontMatter.Layout(rawValue: value) {
                layout = known
            } else {
                error("unknown layout `\(value)`; use `numerator` or `denominator`", line: number, column: valueStart + 1)
            }
        }
    }

    /// A key calcbook does not read is probably a typo of one it does (`titel`); it is kept
    /// (templates can show it) and warned about, with the nearest known key when plausible.
    private mutating func warnIfUnknown(_ key: String, line: Int) {
        guard !FrontMatter.knownKeys.contains(key), !FrontMatter.toleratedKeys.contains(key) else { return }
        let known = FrontMatter.knownKeys.sorted()
        var diagnostic = Diagnostic(
            id: FrontMatterParser.unknownKeyID, severity: .warning,
            message: "unknown front-matter key `\(key)`; calcbook reads " + known.map { "`\($0)`" }.joined(separator: ", "),
            location: location(line, 1))
        if let nearest = NameSuggestion.nearest(to: key, among: known) {
            diagnostic.message = "unknown front-matter key `\(key)`; did you mean `\(nearest)`?"
            diagnostic.fixIts = [Diagnostic.FixIt(
                "rename the key",
                range: SourceRange(start: location(line, 1), end: location(line, key.unicodeScalars.count + 1)),
                replacement: nearest)]
        }
        diagnostics.append(diagnostic)
    }

    private func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
    }

    /// The value from `start`: a quoted string, or plain text up to a ` #` comment. `nil` after
    /// reporting a malformed value.
    private mutating func parseValue(_ scalars: [Unicode.Scalar], from start: Int, line: Int) -> String? {
        guard start < scalars.count else { return "" }
        let quote = scalars[start]
        guard quote == "\"" || quote == "'" else {
            var end = scalars.count
            for index in start..<scalars.count where scalars[index] == "#" && (scalars[index - 1] == " " || scalars[index - 1] == "\t") {
                end = index
                break
            }
            while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
            return String(String.UnicodeScalarView(scalars[start..<end]))
        }
        var value = String.UnicodeScalarView()
        var index = start + 1
        var closed = false
        while index < scalars.count {
            let scalar = scalars[index]
            if quote == "'", scalar == "'" {
                if index + 1 < scalars.count, scalars[index + 1] == "'" {
                    value.append("'")
                    index += 2
                    continue
                }
                closed = true
                break
            }
            if quote == "\"", scalar == "\"" {
                closed = true
                break
            }
            if quote == "\"", scalar == "\\" {
                guard index + 1 < scalars.count else { break }
                let escaped = scalars[index + 1]
                switch escaped {
                case "\"", "\\", "/": value.append(escaped)
                case "n": value.append("\n")
                case "t": value.append("\t")
                default:
                    error("unknown escape `\\\(escaped)` in a quoted value; write `\\\\` for a backslash",
                          line: line, column: index + 1)
                    return nil
                }
                index += 2
                continue
            }
            value.append(scalar)
            index += 1
        }
        guard closed else {
            error("the quoted value is not closed: add a \(quote == "\"" ? "`\"`" : "`'`") at its end", line: line, column: start + 1)
            return nil
        }
        // After the closing quote, only spaces and a comment may follow.
        var rest = index + 1
        while rest < scalars.count, scalars[rest] == " " || scalars[rest] == "\t" { rest += 1 }
        if rest < scalars.count, scalars[rest] != "#" {
            error("unexpected text after the quoted value", line: line, column: rest + 1)
            return nil
        }
        return String(value)
    }
}

