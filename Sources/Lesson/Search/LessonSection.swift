import Diagnostics
import Markdown

/// A part of a lesson for full-text search: the text before the first heading, or a heading
/// and what follows it up to the next one, as plain words (prose, code, the TeX of formulas
/// and the text of cell outputs).
public struct LessonSection: Hashable, Sendable, Codable {
    /// The heading's text; `nil` for the text before the first heading.
    public var heading: String?
    /// The heading's `id` in the page, without `#`.
    public var anchor: String?
    public var level: Int
    public var text: String

    public init(heading: String?, anchor: String?, level: Int, text: String) {
        self.heading = heading
        self.anchor = anchor
        self.level = level
        self.text = text
    }
}

/// Collects a rendered document's sections in page order.
enum LessonSectionCollector {
    static func collect(_ document: MarkdownNode, lesson: ParsedLesson) -> [LessonSection] {
        let cellsByLine = Dictionary(
            lesson.notebookRecord.cells.map { ($0.span.start.line, $0.content) }, uniquingKeysWith: { first, _ in first })
        let lines = linesSplitAtNewlines(lesson.body)
        // A formula written many times is turned into words once.
        var wordsOfTeX: [String: String] = [:]
        func fromTeX(_ tex: String) -> String {
            if let known = wordsOfTeX[tex] { return known }
            let words = SearchText.fromTeX(tex)
            wordsOfTeX[tex] = words
            return words
        }
        var sections: [LessonSection] = []
        var current = LessonSection(heading: nil, anchor: nil, level: 0, text: "")
        var words: [String] = []
        func finish() {
            current.text = SearchText.collapsingSpaces(words.joined())
            if current.heading != nil || !current.text.isEmpty { sections.append(current) }
            words = []
        }
        var skippedDepth = 0
        document.walk { node, event, _ in
            // A heading's own text is its title, not part of the section's text.
            if case .heading = node.kind {
                skippedDepth += event == .enter ? 1 : -1
                guard event == .enter, case .heading(let level, let anchor) = node.kind else { return }
                finish()
                let text = node.plainText
                current = LessonSection(heading: text, anchor: anchor ?? HeadingSlugger.slug(text), level: level, text: "")
                return
            }
            guard event == .enter, skippedDepth == 0 else {
                if event == .exit, node.kind.isBlock { words.append(" ") }
                return
            }
            switch node.kind {
            case .text(let text), .code(let text):
                words.append(text)
            case .trustedHTMLInline(_, let text):
                words.append(" " + fromTeX(text) + " ")
            case .softBreak, .lineBreak, .figureCaption:
                // A caption follows an image's alt text: a space keeps their words apart.
                words.append(" ")
            case .codeBlock(let block):
                words.append(" " + block.code + " ")
            case .trustedHTMLBlock:
                guard let span = node.span else { break }
                switch cellsByLine[span.start.line] {
                case .code(let code):
                    words += [" ", code.source, " "] + code.outputs.map { $0.text + " " }
                    if let error = code.errorText { words.append(error + " ") }
                case .sample(let source):
                    words += [" ", source, " "]
                case nil:
                    // Display math: its TeX, from the lesson's lines.
                    let first = max(span.start.line, 1), last = min(span.end.line, lines.count)
                    if first <= last { words.append(" " + fromTeX(lines[(first - 1)...(last - 1)].joined(separator: " ")) + " ") }
                }
            default:
                break
            }
        }
        finish()
        return sections
    }
}

/// Text for the search index.
public enum SearchText {
    /// TeX as words a reader might search for: `\frac{\partial f}{\partial x}` → `partial f
    /// partial x`, `\mathbf{f}(\mathbf{x})` → `f(x)`; layout commands (`\frac`, `\mathbf`,
    /// `\left`), environment names, braces and script marks dropped.
    public static func fromTeX(_ tex: String) -> String {
        // Built as UTF-8 bytes: appending to a String scalar by scalar is slow.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tex.utf8.count + 8)
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { bytes.append($0) } }
        }
        func appendSpace() { bytes.append(UInt8(ascii: " ")) }
        var scalars = Array(tex.unicodeScalars)[...]
        while let scalar = scalars.first {
            scalars.removeFirst()
            switch scalar {
            case "\\":
                let name = scalars.prefix { $0.isASCII && $0.properties.isAlphabetic }
                if name.isEmpty {
                    // `\{` is a brace to show; `\,` `\\` and the like are spacing.
                    if let escaped = scalars.first {
                        scalars.removeFirst()
                        if "{}$%&#_".unicodeScalars.contains(escaped) { append(escaped) } else { appendSpace() }
                    }
                    continue
                }
                scalars.removeFirst(name.count)
                let word = String(String.UnicodeScalarView(name))
                if word == "begin" || word == "end", scalars.first == "{" {
                    // The environment's name is no word of the formula.
                    scalars = scalars.drop { $0 != "}" }.dropFirst()
                }
                if layoutCommands.contains(word) {
                    // `\mathbf{x}` is the letter x; `\quad` is a space.
                    if scalars.first != "{" { appendSpace() }
                } else {
                    appendSpace()
                    bytes += word.utf8
                    appendSpace()
                }
            case "}":
                // `\frac{a}{b}`: two groups side by side are two words.
                if scalars.first == "{" { appendSpace() }
            case "{", "^", "_":
                break
            case "&", "$":
                appendSpace()
            default:
                append(scalar)
            }
        }
        return collapsingSpaces(String(decoding: bytes, as: UTF8.self))
    }

    /// Commands that shape a formula but are not words of it.
    static let layoutCommands: Set<String> = [
        "frac", "dfrac", "tfrac", "cfrac", "sqrt", "left", "right", "middle", "big", "Big", "bigg", "Bigg",
        "mathbf", "boldsymbol", "bm", "mathbb", "mathcal", "mathscr", "mathfrak", "mathrm", "mathit", "mathsf",
        "mathtt", "mathbfit", "text", "textrm", "textnormal", "textup", "mbox", "operatorname", "begin", "end",
        "quad", "qquad", "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle", "limits", "nolimits",
        "bmatrix", "pmatrix", "matrix", "vmatrix", "Vmatrix", "Bmatrix", "smallmatrix", "cases", "aligned", "gathered",
        "thinspace", "medspace", "thickspace", "enspace", "negthinspace", "mathsf", "overset", "underset", "stackrel",
    ]

    /// Runs of whitespace as one space, none at either end.
    public static func collapsingSpaces(_ text: String) -> String {
        // Scalar by scalar into UTF-8 (splitting into Characters was slow), with the result of
        // splitting at the Characters " ", "\n", "\t" and "\r": `\r\n` is one Character and no
        // separator, and a space joined into a Character with its neighbour (a combining mark
        // after it, a prepended mark before it) is none either.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var previous: Unicode.Scalar?
        var scalars = text.unicodeScalars.makeIterator()
        var current = scalars.next()
        while let scalar = current {
            let next = scalars.next()
            let isSeparator = switch scalar {
            case "\r": next != "\n"
            case "\n": previous != "\r"
            case "\t": true
            case " ": spaceStandsAlone(after: previous, before: next)
            default: false
            }
            if isSeparator {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(UInt8(ascii: " ")) }
                pendingSpace = false
                if scalar.isASCII { bytes.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { bytes.append($0) } }
            }
            previous = scalar
            current = next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether a space between these scalars is a Character of its own. Only its neighbours
    /// decide (a prepended mark before it, an extending or spacing mark after it), and next to
    /// ASCII it always is.
    private static func spaceStandsAlone(after previous: Unicode.Scalar?, before next: Unicode.Scalar?) -> Bool {
        if previous?.isASCII ?? true, next?.isASCII ?? true { return true }
        var scalars = String.UnicodeScalarView()
        if let previous { scalars.append(previous) }
        scalars.append(" ")
        if let next { scalars.append(next) }
        return String(scalars).count == scalars.count
    }
}
