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
        var collection = SectionCollection(lesson: lesson, lines: LessonLines(lesson.body))
        document.walkEvents { node, event in collection.visit(node, event) }
        return collection.finished()
    }

    /// `collect`, the top-level blocks in two parts at once (`SideThread`) when a top-level
    /// heading past the middle can start the second: a section ends where a heading starts, so
    /// the sections of the parts, one after the other, are the document's. The 10 MB lesson's
    /// sections took longer than its notebook, made beside them, and ended on one core.
    static func collectInHalves(_ document: MarkdownNode, lesson: ParsedLesson) -> [LessonSection] {
        let blocks = document.children
        guard let cut = blocks.indices.dropFirst(blocks.count / 2).first(where: { if case .heading = blocks[$0].kind { true } else { false } }) else {
            return collect(document, lesson: lesson)
        }
        let lines = LessonLines(lesson.body)
        // The document's own events, which a walk of the whole gives around its blocks, are
        // a document node's: entering it before the first part, leaving it after the second.
        let (first, second) = SideThread.run({ () -> [LessonSection] in
            var collection = SectionCollection(lesson: lesson, lines: lines)
            MarkdownNode(.document).walkEvents { node, event in if event == .enter { collection.visit(node, event) } }
            for block in blocks[..<cut] { block.walkEvents { node, event in collection.visit(node, event) } }
            return collection.finished()
        }, beside: {
            var collection = SectionCollection(lesson: lesson, lines: lines)
            for block in blocks[cut...] { block.walkEvents { node, event in collection.visit(node, event) } }
            MarkdownNode(.document).walkEvents { node, event in if event == .exit { collection.visit(node, event) } }
            return collection.finished()
        })
        return first + second
    }
}

/// The sections met so far by a walk of a document (or of some of its blocks, in order).
private struct SectionCollection {
    let cellsByLine: [Int: NotebookRecord.RecordedCell.Content]
    /// The lesson's lines, for display math's TeX (offsets, not a string per line: the 10 MB
    /// lesson has 400,000 lines).
    let lines: LessonLines
    /// A formula written many times is turned into words once.
    var wordsOfTeX: [String: String] = [:]
    var sections: [LessonSection] = []
    var current = LessonSection(heading: nil, anchor: nil, level: 0, text: "")
    /// The section's words as written, appended to one string (an array of the pieces,
    /// joined at the end, was a copy of each and an allocation per piece).
    var words = ""
    var skippedDepth = 0

    init(lesson: ParsedLesson, lines: LessonLines) {
        cellsByLine = Dictionary(
            lesson.notebookRecord.cells.map { ($0.span.start.line, $0.content) }, uniquingKeysWith: { first, _ in first })
        self.lines = lines
    }

    /// The sections, the last one finished.
    mutating func finished() -> [LessonSection] {
        finish()
        return sections
    }

    mutating func fromTeX(_ tex: String) -> String {
        if let known = wordsOfTeX[tex] { return known }
        let words = SearchText.fromTeX(tex)
        wordsOfTeX[tex] = words
        return words
    }

    mutating func finish() {
        current.text = SearchText.collapsingSpaces(words)
        if current.heading != nil || !current.text.isEmpty { sections.append(current) }
        words.removeAll(keepingCapacity: true)
    }

    mutating func appendSpaced(_ text: String) {
        words += " "
        words += text
        words += " "
    }

    mutating func visit(_ node: borrowing VisitedNode, _ event: MarkdownNode.WalkEvent) {
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
            if event == .exit, node.kind.isBlock { words += " " }
            return
        }
        switch node.kind {
        case .text(let text), .code(let text):
            words += text
        case .trustedHTMLInline(_, let text):
            appendSpaced(fromTeX(text))
        case .softBreak, .lineBreak, .figureCaption:
            // A caption follows an image's alt text: a space keeps their words apart.
            words += " "
        case .codeBlock(let block):
            appendSpaced(block.code)
        case .trustedHTMLBlock:
            guard let span = node.span else { break }
            switch cellsByLine[span.start.line] {
            case .code(let code):
                appendSpaced(code.source)
                for output in code.outputs {
                    words += output.text
                    words += " "
                }
                if let error = code.errorText {
                    words += error
                    words += " "
                }
            case .sample(let source):
                appendSpaced(source)
            case nil:
                // Display math: its TeX, from the lesson's lines without their block quote
                // markers (a ```` ```math ```` block's without its fences either: neither is a
                // word of the formula).
                var first = max(span.start.line, 1), last = min(span.end.line, lines.count)
                if first <= last, lines.isFenceLine(first - 1) {
                    first += 1
                    if first <= last, lines.isFenceLine(last - 1) { last -= 1 }
                }
                if first <= last { appendSpaced(fromTeX(lines.textAfterContainers(ofLines: (first - 1)..<last, separator: " "))) }
            }
        default:
            break
        }
    }
}

/// Text for the search index.
public enum SearchText {
    /// TeX as words a reader might search for: `\frac{\partial f}{\partial x}` → `partial f
    /// partial x`, `\mathbf{f}(\mathbf{x})` → `f(x)`; layout commands (`\frac`, `\mathbf`,
    /// `\left`), environment names, braces and script marks dropped.
    public static func fromTeX(_ tex: String) -> String {
        // On the UTF-8 bytes, through a pointer (a buffer's generic accessors are slow in a
        // debug build): everything looked for is ASCII, and no byte of a longer scalar's
        // encoding is, so other scalars are copied through byte by byte.
        var tex = tex
        let words = tex.withUTF8 { buffer -> [UInt8] in
            guard let source = buffer.baseAddress else { return [] }
            let count = buffer.count
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count + 8)
            func appendSpace() { bytes.append(UInt8(ascii: " ")) }
            func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
            var index = 0
            while index < count {
                let byte = source[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\\"):
                    var nameEnd = index
                    while nameEnd < count, isASCIILetter(source[nameEnd]) { nameEnd += 1 }
                    if nameEnd == index {
                        // `\{` is a brace to show; `\,` `\\` and the like are spacing.
                        guard index < count else { continue }
                        let escaped = source[index]
                        index += UTF8Text.width(ofScalarStartingWith: escaped)
                        switch escaped {
                        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                             UInt8(ascii: "#"), UInt8(ascii: "_"):
                            bytes.append(escaped)
                        default:
                            appendSpace()
                        }
                        continue
                    }
                    let word = String(decoding: UnsafeBufferPointer(start: source + index, count: nameEnd - index), as: UTF8.self)
                    index = nameEnd
                    if word == "begin" || word == "end", index < count, source[index] == UInt8(ascii: "{") {
                        // The environment's name is no word of the formula.
                        while index < count, source[index] != UInt8(ascii: "}") { index += 1 }
                        if index < count { index += 1 }
                    }
                    if layoutCommands.contains(word) {
                        // `\mathbf{x}` is the letter x; `\quad` is a space.
                        if index == count || source[index] != UInt8(ascii: "{") { appendSpace() }
                    } else {
                        appendSpace()
                        bytes += word.utf8
                        appendSpace()
                    }
                case UInt8(ascii: "}"):
                    // `\frac{a}{b}`: two groups side by side are two words.
                    if index < count, source[index] == UInt8(ascii: "{") { appendSpace() }
                case UInt8(ascii: "{"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                    break
                case UInt8(ascii: "&"), UInt8(ascii: "$"):
                    appendSpace()
                default:
                    bytes.append(byte)
                }
            }
            return bytes
        }
        return collapsingSpaces(String(decoding: words, as: UTF8.self))
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
        // On the UTF-8 bytes, through a pointer (splitting into Characters, then going scalar
        // by scalar, was slow), with the result of splitting at the Characters " ", "\n", "\t"
        // and "\r": `\r\n` is one Character and no separator, and a space joined into a
        // Character with its neighbour (a combining mark after it, a prepended mark before it)
        // is none either. The separators are ASCII, and an ASCII byte is always a whole scalar.
        // Written straight into the new string's storage: it is never longer than the text.
        var text = text
        return text.withUTF8 { buffer in
            String(unsafeUninitializedCapacity: buffer.count) { output in
                guard let source = buffer.baseAddress, let target = output.baseAddress else { return 0 }
                let count = buffer.count
                var written = 0
                var pendingSpace = false
                var index = 0
                while index < count {
                    let byte = source[index]
                    let isSeparator = switch byte {
                    case UInt8(ascii: "\r"): index + 1 == count || source[index + 1] != UInt8(ascii: "\n")
                    case UInt8(ascii: "\n"): index == 0 || source[index - 1] != UInt8(ascii: "\r")
                    case UInt8(ascii: "\t"): true
                    case UInt8(ascii: " "):
                        (index == 0 || source[index - 1] < 0x80) && (index + 1 == count || source[index + 1] < 0x80)
                            || spaceStandsAlone(at: index, in: buffer)
                    default: false
                    }
                    if isSeparator {
                        pendingSpace = written > 0
                    } else {
                        if pendingSpace {
                            target[written] = UInt8(ascii: " ")
                            written += 1
                        }
                        pendingSpace = false
                        target[written] = byte
                        written += 1
                    }
                    index += 1
                }
                return written
            }
        }
    }

    /// ``spaceStandsAlone(after:before:)`` for the space at byte `index` of `source`, given the
    /// scalars around it.
    private static func spaceStandsAlone(at index: Int, in source: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: Unicode.Scalar?
        if index > 0 {
            var start = index - 1
            while start > 0, UTF8Text.isContinuation(source[start]) { start -= 1 }
            previous = String(decoding: UnsafeBufferPointer(rebasing: source[start..<index]), as: UTF8.self).unicodeScalars.first
        }
        var next: Unicode.Scalar?
        if index + 1 < source.count {
            let end = min(index + 1 + UTF8Text.width(ofScalarStartingWith: source[index + 1]), source.count)
            next = String(decoding: UnsafeBufferPointer(rebasing: source[(index + 1)..<end]), as: UTF8.self).unicodeScalars.first
        }
        return spaceStandsAlone(after: previous, before: next)
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
