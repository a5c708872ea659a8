import Markdown

/// Cuts a lesson into notebook cells: the Markdown between its cells, as written, becomes
/// Markdown cells (one per top-level heading's section), and each cell that ran a code cell.
///
/// The Markdown is the author's own text, so everything Jupyter's Markdown understands stays
/// as written; only what Jupyter cannot know is changed: an inline value becomes its value in
/// `$…$`, a ```` ```math ```` block becomes `$$…$$`, a link to a lesson's `.md` file points to
/// that lesson's notebook, TeX commands MathJax lacks become ones it has (`JupyterTeX`), and
/// callouts and figure captions become Markdown Jupyter shows (`NotebookBlocks`).
public enum NotebookAssembler {
    /// Raw HTML where the site does not trust its authors (`raw-html = false`): shown as the
    /// text the author wrote, as on the page, or left out if it is a comment.
    public struct RawHTML: Sendable, Equatable {
        /// Where cmark says it starts. Its end is not used: cmark ends a one-line HTML block on
        /// the line before, and without `CMARK_OPT_SOURCEPOS` an inline node after a line
        /// break inside another inline node is placed lines too early. The text is what
        /// locates it (`rawHTMLEdits`).
        public var start: TextPosition
        public var html: String
        public var isComment: Bool

        public init(start: TextPosition, html: String, isComment: Bool) {
            self.start = start
            self.html = html
            self.isComment = isComment
        }
    }

    /// `inHalves` writes the Markdown cells two at a time (`SideThread`), for a large lesson:
    /// each cell's text depends on its own lines and the lesson-wide tables only.
    public static func assemble(
        _ lesson: ParsedLesson, headings: [LessonHeading], links: [LessonLink], rawHTML: [RawHTML] = [], inHalves: Bool = false
    ) -> LessonNotebook {
        let lines = LessonLines(lesson.body)
        let cells = lesson.notebookRecord.cells.sorted { $0.span.start < $1.span.start }
        let inlines = lesson.notebookRecord.inlineValues.sorted { $0.span.start < $1.span.start }
        // A section starts at each heading that begins its line (not one inside a list item).
        let sectionStarts = Set(headings.filter { $0.location.column == 1 }.map(\.location.line))
        let rewrites = linkByteRewrites(links)
        let blocks = NotebookBlocks(lesson.document, lines: lines)
        let htmlEdits = rawHTMLEdits(rawHTML, lines: lines)

        var notebook = LessonNotebook()
        // The cells in order, the Markdown ones as their lines: written below, all at once.
        var parts: [Part] = []
        var markdown: [MarkdownLine] = []
        var markdownFirstLine = 1
        func flush() {
            if !markdown.isEmpty { parts.append(.markdown(lines: markdown, firstLine: markdownFirstLine)) }
            markdown = []
        }
        var line = 1
        var cellIndex = 0
        while line <= lines.count {
            if cellIndex < cells.count, cells[cellIndex].span.start.line == line {
                let cell = cells[cellIndex]
                cellIndex += 1
                let end = max(min(cell.span.end.line, lines.count), line)
                switch cell.content {
                case .code(let code):
                    flush()
                    parts.append(.code(code))
                case .sample(let source):
                    // A code sample reads as one in Jupyter too: a fenced block in the prose.
                    if markdown.isEmpty { markdownFirstLine = line }
                    let fence = Array((source.contains("```") ? "~~~~" : "```").unicodeScalars)
                    markdown.append(.text(fence + Array("swift".unicodeScalars)))
                    markdown += source.split(separator: "\n", omittingEmptySubsequences: false).map { .text(Array($0.unicodeScalars)) }
                    markdown.append(.text(fence))
                    // Keep later lines at their own numbers for the inline values' spans.
                    markdown += Array(
                        repeating: .text([]),
                        count: max(end - line + 1 - (source.split(separator: "\n", omittingEmptySubsequences: false).count + 2), 0))
                }
                line = end + 1
                continue
            }
            if sectionStarts.contains(line), !markdown.isEmpty { flush() }
            if markdown.isEmpty { markdownFirstLine = line }
            markdown.append(.lesson(line - 1))
            line += 1
        }
        flush()
        let citations = lesson.notebookRecord.citations
        let write = { @Sendable (part: Part) -> LessonNotebook.Cell? in
            switch part {
            case .code(let code):
                return .code(code)
            case .markdown(let cellLines, let firstLine):
                if let text = unchangedText(
                    cellLines, of: lines, firstLine: firstLine, inlines: inlines, htmlEdits: htmlEdits, blocks: blocks,
                    citations: citations) {
                    let finished = finishedText(text, rewrites: rewrites)
                    return finished.isEmpty ? nil : .markdown(finished)
                }
                // The cell's lines of the lesson decoded now, a cell at a time.
                let decoded = cellLines.map { line -> [Unicode.Scalar] in
                    switch line {
                    case .lesson(let index): lines[index]
                    case .text(let text): text
                    }
                }
                let text = markdownText(
                    decoded, firstLine: firstLine, inlines: inlines, htmlEdits: htmlEdits, rewrites: rewrites,
                    blocks: blocks, citations: citations)
                return text.isEmpty ? nil : .markdown(text)
            }
        }
        let finished = parts
        let written = inHalves ? SideThread.map(finished.count) { write(finished[$0]) } : finished.map(write)
        notebook.cells = written.compactMap { $0 }
        // The project's macro file, first, so that Jupyter's MathJax knows `\R` and the like
        // in every later cell (its definitions are global, as in the site).
        let preamble = lesson.projectMacros.source.trimmingCharacters(in: .whitespacesAndNewlines)
        if !preamble.isEmpty {
            notebook.cells.insert(.markdown("$$\n" + preamble + "\n$$"), at: 0)
        }
        if !lesson.notebookRecord.references.isEmpty {
            notebook.cells.append(.markdown("## References\n\n" + lesson.notebookRecord.references.map { "- " + $0 }.joined(separator: "\n")))
        }
        return notebook
    }

    /// A cell of the notebook before its Markdown is written.
    private enum Part: Sendable {
        case markdown(lines: [MarkdownLine], firstLine: Int)
        case code(LessonNotebook.Code)
    }

    /// A line of a Markdown cell before it is written: a line of the lesson (0-based), decoded
    /// only when its cell is written, or text of its own (a code sample's fence).
    private enum MarkdownLine: Sendable {
        case lesson(Int)
        case text([Unicode.Scalar])
    }

    // MARK: Markdown cells

    /// The text of a Markdown cell made of lesson lines only, none of which anything changes
    /// (no inline value, raw HTML, citation, callout, caption or code fence in them): its
    /// lines as they are in the lesson, cut out in one piece; `nil` for any other cell, which
    /// `markdownText` writes line by line. Most cells of most lessons are such text, and
    /// decoding every line of the 10 MB lesson into scalars to join them again was a third of
    /// its notebook's assembly.
    private static func unchangedText(
        _ cellLines: [MarkdownLine], of lines: LessonLines, firstLine: Int, inlines: [NotebookRecord.RecordedInline],
        htmlEdits: [Edit], blocks: NotebookBlocks, citations: [NotebookRecord.RecordedCitation]
    ) -> String? {
        guard case .lesson(let first)? = cellLines.first, case .lesson(let last)? = cellLines.last,
              last - first + 1 == cellLines.count, first + 1 == firstLine else { return nil }
        // Every line is the lesson's own, in order (no code sample's fence among them).
        for case .text in cellLines { return nil }
        let numbers = firstLine...(firstLine + cellLines.count - 1)
        guard !inlines.contains(where: { numbers.contains($0.span.start.line) }),
              !htmlEdits.contains(where: { numbers.contains($0.line) }),
              !citations.contains(where: { numbers.contains($0.position.line) }),
              !blocks.changesAny(of: numbers),
              !lines.mayHoldACodeFence(first..<(last + 1)) else { return nil }
        return lines.text(ofLines: first..<(last + 1))
    }

    /// A change within one line of a Markdown cell: `range` (scalar offsets) becomes `replacement`.
    typealias Edit = (line: Int, range: Range<Int>, replacement: [Unicode.Scalar])

    /// The lines of one Markdown cell (starting at lesson line `firstLine`) with inline values
    /// replaced, raw HTML escaped, math fences turned into `$$`, TeX made MathJax's and lesson
    /// links rewritten; blank lines at either end trimmed.
    static func markdownText(
        _ lines: [[Unicode.Scalar]], firstLine: Int, inlines: [NotebookRecord.RecordedInline], htmlEdits: [Edit] = [],
        rewrites: ByteRewrites,
        blocks: NotebookBlocks? = nil, citations: [NotebookRecord.RecordedCitation] = []
    ) -> String {
        guard !lines.isEmpty else { return "" }
        var lines = lines
        let lastLine = firstLine + lines.count - 1
        // Edits within lines, by line and then last first so that earlier columns stay valid.
        var edits: [Edit] = []
        // Inline values: only those within one line (one split over lines keeps its code span).
        for inline in inlines where inline.span.start.line >= firstLine && inline.span.start.line <= lastLine {
            let index = inline.span.start.line - firstLine
            guard inline.span.start.line == inline.span.end.line else { continue }
            guard let range = codeSpanRange(in: lines[index], contentStart: inline.span.start.column - 1, contentEnd: inline.span.end.column)
            else { continue }
            let replacement = inline.latex.map { "$" + $0 + "$" } ?? "`" + inline.expression + "`"
            edits.append((index, range, Array(replacement.unicodeScalars)))
        }
        for edit in htmlEdits where edit.line >= firstLine && edit.line <= lastLine {
            edits.append((edit.line - firstLine, edit.range, edit.replacement))
        }
        // Citations as the page shows them, where the written key is still at its recorded place.
        for citation in citations {
            let index = citation.position.line - firstLine, start = citation.position.column - 1
            let written = Array(citation.written.unicodeScalars)
            guard index >= 0, index < lines.count, start >= 0, start + written.count <= lines[index].count,
                  Array(lines[index][start..<(start + written.count)]) == written else { continue }
            edits.append((index, start..<(start + written.count), Array(citation.text.unicodeScalars)))
        }
        edits.sort { ($0.line, $0.range.lowerBound) > ($1.line, $1.range.lowerBound) }
        var editedLine = -1, editedFrom = Int.max
        for edit in edits {
            if edit.line != editedLine { editedLine = edit.line; editedFrom = Int.max }
            // Spans do not overlap; if they ever did, the later edit would be the one kept.
            guard edit.range.upperBound <= editedFrom else { continue }
            lines[edit.line].replaceSubrange(edit.range, with: edit.replacement)
            editedFrom = edit.range.lowerBound
        }
        // Callouts and captions last: they add lines, which the inline values' spans do not know.
        if let blocks { lines = blocks.apply(to: lines, firstLine: firstLine) }
        lines = mathFencesAsDisplayMath(lines)
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        return finishedText(joinedLines(lines), rewrites: rewrites)
    }

    /// A Markdown cell's joined lines with TeX made MathJax's and lesson links rewritten.
    private static func finishedText(_ joined: String, rewrites: ByteRewrites) -> String {
        var text = JupyterTeX.normalizingMath(in: joined)
        guard !rewrites.isEmpty else { return text }
        // A reference definition may end the text: give it the line end the patterns expect.
        text += "\n"
        var bytes = rewrites.applied(to: text)
        // Without the line end added above (a `\r` before it went with it: `\r\n` is one Character).
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `text`'s lines (split at `\n` only, as the lesson's line numbers count them), as scalars.
    static func scalarLines(_ text: String) -> [[Unicode.Scalar]] {
        Array(LessonLines(text))
    }

    /// `lines` joined with `\n`, encoded straight into one UTF-8 buffer.
    static func joinedLines(_ lines: [[Unicode.Scalar]]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines.reduce(lines.count) { $0 + $1.count })
        for (index, line) in lines.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\n")) }
            for scalar in line {
                if scalar.isASCII {
                    bytes.append(UInt8(scalar.value))
                } else {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Each `from` of `rewrites` replaced by its `to`, in one pass over the UTF-8 (a pattern
    /// that starts where an earlier one matched is not looked for inside the replacement).
    /// The result is what applying them one after another gives for the link patterns of
    /// ``linkByteRewrites(_:)``, whose matches cannot overlap, in time linear in the text.
    static func replacingAll(_ rewrites: [(String, String)], in text: String) -> String {
        String(decoding: replacingAllBytes(rewrites, in: text), as: UTF8.self)
    }

    /// ``replacingAll(_:in:)``'s result as UTF-8.
    static func replacingAllBytes(_ rewrites: [(String, String)], in text: String) -> [UInt8] {
        ByteRewrites(rewrites).applied(to: text)
    }

    /// What the notebook's Markdown shows of each raw HTML, as edits of the lesson's lines
    /// (`line` is the lesson's line number): the text with every ASCII punctuation character
    /// backslash-escaped, so that Jupyter's Markdown shows it as written (no tag, entity,
    /// emphasis or link forms from it); nothing for a comment.
    ///
    /// Each is found by its text, searched from where cmark says it starts (or after the one
    /// before, if that is later): its first line there, each later line after the line's
    /// container prefix (`>`, spaces). What cannot be found that way is escaped from its start
    /// to the end of that line, so raw HTML never reaches the notebook as HTML.
    static func rawHTMLEdits(_ found: [RawHTML], lines: LessonLines) -> [Edit] {
        var edits: [Edit] = []
        var cursor = (line: 1, column: 0)
        func replacement(_ text: ArraySlice<Unicode.Scalar>, isComment: Bool) -> [Unicode.Scalar] {
            guard !isComment else { return [] }
            var escaped: [Unicode.Scalar] = []
            for scalar in text {
                if scalar.isASCII, markdownPunctuation.contains(UInt8(scalar.value)) { escaped.append("\\") }
                escaped.append(scalar)
            }
            return escaped
        }
        for html in found {
            var pieces = html.html.split(separator: "\n", omittingEmptySubsequences: false).map { piece in
                Array(piece.unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == "\r" }.reversed())
            }
            if pieces.count > 1, pieces.last?.isEmpty == true { pieces.removeLast() }
            guard let first = pieces.first, !first.isEmpty else { continue }
            // The first line: from the later of cmark's start and the cursor, on to the lesson's end.
            let reported = (line: html.start.line, column: Swift.max(html.start.column - 1, 0))
            let from = reported.line > cursor.line || (reported.line == cursor.line && reported.column > cursor.column) ? reported : cursor
            var located: (line: Int, column: Int)?
            var line = Swift.max(from.line, 1)
            while located == nil, line <= lines.count {
                let start = line == from.line ? from.column : 0
                located = firstIndex(of: first, in: lines[line - 1], from: start).map { (line, $0) }
                line += 1
            }
            guard let located else {
                // Not found as written: escape from its start to the end of its line.
                guard reported.line >= 1, reported.line <= lines.count, reported.column < lines[reported.line - 1].count else { continue }
                let range = reported.column..<lines[reported.line - 1].count
                edits.append((reported.line, range, replacement(lines[reported.line - 1][range], isComment: html.isComment)))
                continue
            }
            let (firstLine, firstColumn) = located
            edits.append((firstLine, firstColumn..<firstColumn + first.count,
                          replacement(lines[firstLine - 1][firstColumn..<firstColumn + first.count], isComment: html.isComment)))
            cursor = (firstLine, firstColumn + first.count)
            for (offset, piece) in pieces.enumerated().dropFirst() where firstLine + offset <= lines.count {
                let lineNumber = firstLine + offset
                let text = lines[lineNumber - 1]
                let prefix = text.prefix { $0 == " " || $0 == "\t" || $0 == ">" }.count
                // The leftmost place after nothing but prefix characters where the piece is.
                let column = (0...prefix).first { text[$0...].starts(with: piece) }
                let range = column.map { $0..<$0 + piece.count } ?? prefix..<text.count
                if !range.isEmpty { edits.append((lineNumber, range, replacement(text[range], isComment: html.isComment))) }
                cursor = (lineNumber, range.upperBound)
            }
        }
        return edits
    }

    /// Where `needle` first occurs in `line` at or after `start`.
    private static func firstIndex(of needle: [Unicode.Scalar], in line: [Unicode.Scalar], from start: Int) -> Int? {
        guard !needle.isEmpty, start <= line.count - needle.count else { return nil }
        return (start...(line.count - needle.count)).first { line[$0...].starts(with: needle) }
    }

    /// CommonMark lets a backslash escape exactly these.
    static let markdownPunctuation = Set(Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8))

    /// cmark's span of a code span covers its content; the backticks (and the one space
    /// Markdown allows inside each) are around it.
    static func codeSpanRange(in line: [Unicode.Scalar], contentStart: Int, contentEnd: Int) -> Range<Int>? {
        guard contentStart >= 0, contentEnd <= line.count, contentStart < contentEnd else { return nil }
        var start = contentStart, end = contentEnd
        if start >= 2, line[start - 1] == " ", line[start - 2] == "`" { start -= 1 }
        if end + 1 < line.count, line[end] == " ", line[end + 1] == "`" { end += 1 }
        let opening = line[..<start].reversed().prefix { $0 == "`" }.count
        let closing = line[end...].prefix { $0 == "`" }.count
        guard opening > 0, opening == closing else { return contentStart..<contentEnd }
        return (start - opening)..<(end + closing)
    }

    /// ```` ```math ```` … ```` ``` ```` → `$$` … `$$`, keeping each line's container prefix.
    static func mathFencesAsDisplayMath(_ lines: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
        var result = lines
        var open: (character: Unicode.Scalar, length: Int, isMath: Bool)?
        for (index, line) in lines.enumerated() {
            let prefixLength = line.prefix { $0 == " " || $0 == ">" || $0 == "\t" }.count
            let rest = line[prefixLength...]
            let runCharacter = rest.first
            let runLength = rest.prefix { $0 == runCharacter }.count
            let isFence = (runCharacter == "`" || runCharacter == "~") && runLength >= 3
            if let current = open {
                if isFence, runCharacter == current.character, runLength >= current.length,
                   rest.dropFirst(runLength).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    if current.isMath { result[index] = Array(line[..<prefixLength]) + Array("$$".unicodeScalars) }
                    open = nil
                }
            } else if isFence, let character = runCharacter {
                let info = String(String.UnicodeScalarView(rest.dropFirst(runLength))).trimmingSpaces()
                let isMath = info == "math"
                if isMath { result[index] = Array(line[..<prefixLength]) + Array("$$".unicodeScalars) }
                open = (character, runLength, isMath)
            }
        }
        return result
    }

    /// `](jacobian.md#shape)` → `](jacobian.ipynb#shape)` for every link to a lesson, and the
    /// same for reference definitions (`]: jacobian.md`); each pattern's bytes are written
    /// straight into the rewrites, not joined into strings first.
    static func linkByteRewrites(_ links: [LessonLink]) -> ByteRewrites {
        var rewrites = ByteRewrites()
        for form in linkRewriteForms(links) {
            rewrites.append(form.from, form.to, between: form.open, and: form.close)
        }
        return rewrites
    }

    /// The pieces of ``linkByteRewrites(_:)``: `open + from + close` becomes `open + to + close`.
    private static func linkRewriteForms(_ links: [LessonLink]) -> [(open: String, from: String, to: String, close: String)] {
        var seen: Set<String> = []
        var forms: [(open: String, from: String, to: String, close: String)] = []
        for link in links where !link.isImage && link.rewrittenDestination != link.destination {
            guard seen.insert(link.destination).inserted else { continue }
            // A link's page destination is `LessonLinkRewriting.rewrite(destination)` already.
            let notebook = notebookDestination(page: link.rewrittenDestination)
            for (open, close) in [("](", ")"), ("](", " "), ("](<", ">"), ("]: ", "\n"), ("]: ", " ")] {
                forms.append((open, link.destination, notebook, close))
            }
        }
        return forms
    }

    /// `jacobian.html#shape` (the page destination of a link to `jacobian.md#shape`) →
    /// `jacobian.ipynb#shape`: a lesson's notebook beside its page.
    static func notebookDestination(page: String) -> String {
        let pathEnd = page.firstIndex { $0 == "?" || $0 == "#" } ?? page.endIndex
        let path = page[..<pathEnd]
        guard path.hasSuffix(".html") else { return page }
        return path.dropLast(".html".count) + ".ipynb" + page[pathEnd...]
    }

    private static func isBlank(_ line: [Unicode.Scalar]) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// Byte patterns and their replacements, prepared once for all the Markdown cells of a lesson
/// and applied in one pass over a text's UTF-8 (``NotebookAssembler/replacingAll(_:in:)``).
///
/// Why: preparing the patterns for each cell (two arrays per pattern, five patterns per link)
/// and comparing through arrays of arrays (a retain and a release of each pattern at every `]`
/// of the text) was 3% of the CPU of a 1000-lesson build. Here all the bytes sit in one array
/// and a pattern is a pair of ranges into it, compared through pointers.
struct ByteRewrites: Sendable {
    /// The patterns' and replacements' bytes, one after another.
    private var bytes: [UInt8] = []
    /// Per rewrite, in the order given: where its pattern and its replacement are in `bytes`.
    private var rewrites: [(from: Range<Int>, to: Range<Int>)] = []
    /// Which bytes start a pattern (a set lookup per byte of the text was slow).
    private var startsPattern = [Bool](repeating: false, count: 256)
    /// Whether no rewrite was given.
    private(set) var isEmpty = true

    init() {}

    /// `rewrites` as (pattern, replacement) pairs; an empty pattern is ignored.
    init(_ rewrites: [(String, String)]) {
        for (from, to) in rewrites { append(from, to, between: "", and: "") }
    }

    /// Adds the rewrite of `prefix + from + suffix` into `prefix + to + suffix` (ignored when
    /// that pattern is empty).
    mutating func append(_ from: String, _ to: String, between prefix: String, and suffix: String) {
        isEmpty = false
        let fromStart = bytes.count
        bytes.append(contentsOf: prefix.utf8)
        bytes.append(contentsOf: from.utf8)
        bytes.append(contentsOf: suffix.utf8)
        let toStart = bytes.count
        guard toStart > fromStart else { return }
        bytes.append(contentsOf: prefix.utf8)
        bytes.append(contentsOf: to.utf8)
        bytes.append(contentsOf: suffix.utf8)
        rewrites.append((fromStart..<toStart, toStart..<bytes.count))
        startsPattern[Int(bytes[fromStart])] = true
    }

    /// `text` with each pattern replaced by its replacement, left to right; where several match
    /// at one place the first given wins, and the search goes on after the replaced pattern.
    func applied(to text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { buffer in
            bytes.withUnsafeBufferPointer { stored in
                rewrites.withUnsafeBufferPointer { rewrites in
                    startsPattern.withUnsafeBufferPointer { startsPattern in
                        Self.replacing(rewrites, stored: stored, startsPattern: startsPattern, in: buffer)
                    }
                }
            }
        }
    }

    private static func replacing(
        _ rewrites: UnsafeBufferPointer<(from: Range<Int>, to: Range<Int>)>, stored: UnsafeBufferPointer<UInt8>,
        startsPattern: UnsafeBufferPointer<Bool>, in text: UnsafeBufferPointer<UInt8>
    ) -> [UInt8] {
        guard let bytes = text.baseAddress else { return [] }
        // No pattern (none given, or only empty ones): the text as it is.
        guard let storedBase = stored.baseAddress, !rewrites.isEmpty else { return Array(text) }
        let count = text.count
        var result: [UInt8] = []
        result.reserveCapacity(count)
        // The bytes up to a match are copied in one piece (appending byte by byte was slow).
        var copied = 0
        var index = 0
        outer: while index < count {
            if startsPattern[Int(bytes[index])] {
                for rewrite in rewrites where count - index >= rewrite.from.count {
                    if Self.equal(bytes + index, storedBase + rewrite.from.lowerBound, count: rewrite.from.count) {
                        result.append(contentsOf: UnsafeBufferPointer(start: bytes + copied, count: index - copied))
                        result.append(contentsOf: UnsafeBufferPointer(rebasing: stored[rewrite.to]))
                        index += rewrite.from.count
                        copied = index
                        continue outer
                    }
                }
            }
            index += 1
        }
        result.append(contentsOf: UnsafeBufferPointer(start: bytes + copied, count: count - copied))
        return result
    }

    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        for offset in 0..<count where a[offset] != b[offset] { return false }
        return true
    }
}
