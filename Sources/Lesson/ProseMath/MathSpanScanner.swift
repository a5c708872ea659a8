import Markdown

/// Finds prose math in Markdown text, with the rules of Pandoc's `tex_math_dollars`:
///
/// - `$$…$$` is display math; it may span lines but not a blank line, and not into or out of
///   a heading or a thematic break.
/// - `$…$` is inline math when the opening `$` has a non-space right after it and the closing
///   `$` a non-space right before it and no digit right after it, so `$5 and $6` stays text.
///   Inline math cannot contain an unescaped `$`, nor a backtick (so `$5, or `$x$`` leaves the
///   code span alone).
/// - `\$` is a dollar sign, in math (TeX's) and outside it (Markdown's escape).
/// - `\(…\)` is inline and `\[…\]` display math, as in LaTeX and Jupyter, when the closing
///   delimiter comes before a blank line and something other than spaces is between them
///   (`\[not a link](/foo)` and `\(\)` stay Markdown's escaped brackets).
/// - Nothing inside code spans or fenced code blocks is math (a fenced ```` ```math ```` block
///   is display math by itself, handled after parsing).
///
/// A pure function of the text, so that it can run before cmark and be tested on its own.
///
/// It reads the text's UTF-8 bytes: every delimiter is ASCII, and no byte of a longer
/// scalar is ASCII, so a byte compares as its scalar would wherever the rules look; columns
/// are counted in scalars only where a span records a position. (Decoding the 10 MB lesson
/// into 40 MB of scalars first was half of protecting it.)
public enum MathSpanScanner {
    public static func spans(in markdown: String) -> [MathSpan] {
        var markdown = markdown
        return markdown.withUTF8 { scan($0).spans }
    }

    /// The spans of a text given as its UTF-8, the number of line feeds in it, and whether a
    /// fenced code block is still open at its end: text that follows a part without one, from
    /// a blank line on, is scanned alone as it is after that part (`MathProtection`, a large
    /// lesson in halves).
    static func scan(_ utf8: UnsafeBufferPointer<UInt8>) -> (spans: [MathSpan], lineFeeds: Int, endsInCodeFence: Bool) {
        var scanner = Scanner(utf8)
        return (scanner.scan(), scanner.lineStarts.count - 1, scanner.endsInCodeFence)
    }

    /// The scalars of valid UTF-8 (a whole String's, or a part of one cut between scalars),
    /// decoded through a pointer: `LessonLines` decodes a notebook cell's lines with it.
    static func scalars(ofUTF8 buffer: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(buffer.count)
        var index = 0
        while index < buffer.count {
            let (scalar, width) = UTF8Text.scalar(in: buffer, at: index)
            scalars.append(scalar)
            index += width
        }
        return scalars
    }

    /// ASCII bytes the rules name.
    private enum Byte {
        static let lineFeed = UInt8(ascii: "\n")
        static let carriageReturn = UInt8(ascii: "\r")
        static let space = UInt8(ascii: " ")
        static let tab = UInt8(ascii: "\t")
        static let backslash = UInt8(ascii: "\\")
        static let backtick = UInt8(ascii: "`")
        static let tilde = UInt8(ascii: "~")
        static let dollar = UInt8(ascii: "$")
        static let hash = UInt8(ascii: "#")
        static let greaterThan = UInt8(ascii: ">")
        static let openParenthesis = UInt8(ascii: "(")
        static let closeParenthesis = UInt8(ascii: ")")
        static let openBracket = UInt8(ascii: "[")
        static let closeBracket = UInt8(ascii: "]")
        static let openBrace = UInt8(ascii: "{")
        static let closeBrace = UInt8(ascii: "}")
        static let zero = UInt8(ascii: "0")
        static let nine = UInt8(ascii: "9")

        static func isSpaceOrTab(_ byte: UInt8) -> Bool {
            byte == space || byte == tab || byte == carriageReturn
        }
    }

    /// The scanner over one text's UTF-8, which the caller keeps alive while it runs.
    struct Scanner {
        typealias Line = Slice<UnsafeBufferPointer<UInt8>>

        let text: UnsafeBufferPointer<UInt8>
        /// Byte offset of the first byte of each line.
        let lineStarts: [Int]
        /// What each line (0-based) is, as bits: `codeLine`, `blankLine`, `singleLineBlock`.
        /// An array by line rather than sets of lines: hashing every line of a large lesson
        /// into sets was a visible part of the scan.
        let lineKinds: [UInt8]
        /// A line that belongs to a fenced code block, fences included.
        static let codeLine: UInt8 = 1
        /// A blank line (only spaces and tabs), which ends any paragraph.
        static let blankLine: UInt8 = 2
        /// An ATX heading, thematic break or setext underline: a one-line block (or block
        /// boundary) that math must not run into or out of, or Markdown's structure would change.
        static let singleLineBlock: UInt8 = 4
        /// A fenced code block is open at the end of the text.
        let endsInCodeFence: Bool

        func line(_ line: Int, is kind: UInt8) -> Bool {
            lineKinds[line] & kind != 0
        }

        init(_ text: UnsafeBufferPointer<UInt8>) {
            self.text = text
            var starts = [0]
            starts.reserveCapacity(text.count / 32)
            for index in text.indices where text[index] == Byte.lineFeed { starts.append(index + 1) }
            lineStarts = starts
            var kinds = [UInt8](repeating: 0, count: starts.count)
            var openFence: OpenFence?
            for line in starts.indices {
                let content = Self.lineContent(text, starts, line)
                let isBlank = content.allSatisfy(Byte.isSpaceOrTab)
                if isBlank { kinds[line] |= Self.blankLine }
                let afterContainers = Self.strippingContainers(content, keepIndentation: false).rest
                if Self.isSingleLineBlock(afterContainers) { kinds[line] |= Self.singleLineBlock }
                let fence = Self.fenceRun(afterContainers)
                let quoted = Self.quotesAndIndentation(content)
                if let open = openFence, open.isLeft(byLineWith: quoted, isBlank: isBlank) {
                    // Its container ended, and with it the code block (cmark closes it there).
                    openFence = nil
                }
                if let open = openFence {
                    kinds[line] |= Self.codeLine
                    if let fence, fence.character == open.character, fence.length >= open.length,
                       afterContainers.dropFirst(fence.length).allSatisfy(Byte.isSpaceOrTab) {
                        openFence = nil
                    }
                } else if let fence {
                    let info = afterContainers.dropFirst(fence.length)
                    if fence.character == Byte.tilde || !info.contains(Byte.backtick) {
                        // Where the fence starts after the quote markers; a list marker before
                        // it on its line makes that the list item's content column.
                        let column = afterContainers.startIndex - content.startIndex - quoted.prefixLength
                        let hasListMarker = column > quoted.indentation
                        openFence = OpenFence(
                            character: fence.character, length: fence.length, quotes: quoted.quotes,
                            leastIndentation: hasListMarker ? column : max(quoted.indentation - 3, 0))
                        kinds[line] |= Self.codeLine
                    }
                }
            }
            lineKinds = kinds
            endsInCodeFence = openFence != nil
        }

        /// A fenced code block not yet closed, and what of its container the scanner knows.
        struct OpenFence {
            var character: UInt8
            var length: Int
            /// The block quotes it is in.
            var quotes: Int
            /// The indentation (after the quote markers) below which a line that is not blank
            /// is outside its list item: the item's content column when its fence line began
            /// the item, else 0 (a fence at the top level, or one whose item is not known).
            var leastIndentation: Int

            /// Whether a line leaves the fence's container, which closes the fence as cmark
            /// closes it: fewer quote markers (a blank line has none), or, not blank, less
            /// indentation than its list item's content.
            func isLeft(byLineWith line: (prefixLength: Int, quotes: Int, indentation: Int), isBlank: Bool) -> Bool {
                line.quotes < quotes || (!isBlank && line.indentation < leastIndentation)
            }
        }

        /// A line's block quote markers: how many, the length of the prefix they and the spaces
        /// around them take, and the spaces (and tabs) after the last one.
        static func quotesAndIndentation(_ line: Line) -> (prefixLength: Int, quotes: Int, indentation: Int) {
            var index = line.startIndex
            var quotes = 0
            var indentation = 0
            while true {
                let spacesStart = index
                while index < line.endIndex, line[index] == Byte.space || line[index] == Byte.tab { index += 1 }
                indentation = index - spacesStart
                guard index < line.endIndex, line[index] == Byte.greaterThan else { break }
                quotes += 1
                index += 1
                if index < line.endIndex, line[index] == Byte.space { index += 1 }
            }
            return (index - line.startIndex - indentation, quotes, indentation)
        }

        /// `# Heading`, `***`, `- - -`, `===`: lines that are a block of their own.
        static func isSingleLineBlock(_ text: Line) -> Bool {
            let hashes = text.prefix { $0 == Byte.hash }.count
            if hashes >= 1, hashes <= 6 {
                let after = text.dropFirst(hashes)
                if after.isEmpty || after.first.map(Byte.isSpaceOrTab) == true { return true }
            }
            // Its marks (what is not a space), counted without collecting them: this runs on every line.
            var mark: UInt8?
            var marks = 0
            for byte in text where !Byte.isSpaceOrTab(byte) {
                if let mark, byte != mark { return false }
                if mark == nil {
                    guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_")
                        || byte == UInt8(ascii: "=") else { return false }
                    mark = byte
                }
                marks += 1
            }
            guard let mark else { return false }
            return mark == UInt8(ascii: "=") || marks >= 3
        }

        static func lineContent(_ text: UnsafeBufferPointer<UInt8>, _ starts: [Int], _ line: Int) -> Line {
            let start = starts[line]
            let end = line + 1 < starts.count ? starts[line + 1] - 1 : text.count
            return text[start..<max(start, end)]
        }

        /// Splits a line into its container prefix (block quote markers, list markers,
        /// indentation) and the rest. With `keepIndentation`, list markers are not stripped
        /// (a continuation line has none) and only `quoteDepth` `>` markers are.
        static func strippingContainers(
            _ line: Line, keepIndentation: Bool, quoteDepth: Int = .max
        ) -> (prefixLength: Int, quotes: Int, rest: Line) {
            var index = line.startIndex
            var quotes = 0
            while true {
                while index < line.endIndex, line[index] == Byte.space || line[index] == Byte.tab { index += 1 }
                if index < line.endIndex, line[index] == Byte.greaterThan, quotes < quoteDepth {
                    quotes += 1
                    index += 1
                    if index < line.endIndex, line[index] == Byte.space { index += 1 }
                    continue
                }
                if !keepIndentation, let marker = listMarkerLength(line[index...]) {
                    index += marker
                    continue
                }
                break
            }
            return (index - line.startIndex, quotes, line[index...])
        }

        /// `- `, `* `, `+ `, `1. `, `1) ` at the start of `text`: the marker's length with its space.
        static func listMarkerLength(_ text: Line) -> Int? {
            guard let first = text.first else { return nil }
            var index = text.startIndex
            if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
                index += 1
            } else {
                while index < text.endIndex, text[index] >= Byte.zero && text[index] <= Byte.nine, index - text.startIndex < 9 {
                    index += 1
                }
                guard index > text.startIndex, index < text.endIndex,
                      text[index] == UInt8(ascii: ".") || text[index] == Byte.closeParenthesis else {
                    return nil
                }
                index += 1
            }
            guard index < text.endIndex, text[index] == Byte.space || text[index] == Byte.tab else { return nil }
            return index + 1 - text.startIndex
        }

        /// A run of three or more backticks or tildes opening a line.
        static func fenceRun(_ text: Line) -> (character: UInt8, length: Int)? {
            guard let first = text.first, first == Byte.backtick || first == Byte.tilde else { return nil }
            let length = text.prefix { $0 == first }.count
            return length >= 3 ? (first, length) : nil
        }

        func line(of offset: Int) -> Int {
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return low
        }

        /// The offset just past `line`'s last byte (its newline included).
        func end(ofLine line: Int) -> Int {
            line + 1 < lineStarts.count ? lineStarts[line + 1] : text.count
        }

        /// Whether a search that started on `startLine` may go on at `offset`, asked once per
        /// line: `lineEnd` is where the line of the last offset asked about ends, and is moved
        /// to the end of `offset`'s line when `offset` is past it. (``mayContinue(at:from:)``
        /// depends on the line only, and it was this scan's cost when asked per scalar.)
        func mayContinue(at offset: Int, from startLine: Int, lineEnd: inout Int) -> Bool {
            guard offset >= lineEnd else { return true }
            guard mayContinue(at: offset, from: startLine) else { return false }
            lineEnd = end(ofLine: line(of: offset))
            return true
        }

        /// The line of `offset`, known to be `known` or a later one: found by stepping forward
        /// from `known`, for offsets that follow one another (the scan's, a span's), where a
        /// binary search per span was a tenth of the scan of a lesson with much math.
        func line(of offset: Int, from known: Int) -> Int {
            var line = known
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset { line += 1 }
            return line
        }

        /// The line and column of `offset`, on line `known` or a later one; the column counts
        /// Unicode scalars, as every position calcbook reports does.
        func position(of offset: Int, from known: Int) -> TextPosition {
            let line = line(of: offset, from: known)
            return TextPosition(line: line + 1, column: UTF8Text.scalarCount(text[lineStarts[line]..<offset]) + 1)
        }

        /// Whether a search that started on `startLine` may go on at `offset`: not past a blank
        /// line or into a code block.
        func mayContinue(at offset: Int, from startLine: Int) -> Bool {
            let line = line(of: offset)
            if line == startLine { return true }
            return lineKinds[line] & (Self.blankLine | Self.codeLine | Self.singleLineBlock) == 0 && !self.line(startLine, is: Self.singleLineBlock)
        }

        mutating func scan() -> [MathSpan] {
            var spans: [MathSpan] = []
            var index = 0
            // The line of `index`, followed forward (the scan never goes back), and whether it
            // is code: looked up once per line rather than once per character.
            var lineNumber = -1
            var lineEnd = 0
            var inCode = false
            while index < text.count {
                if index >= lineEnd || lineNumber < 0 {
                    lineNumber = line(of: index, from: max(lineNumber, 0))
                    lineEnd = lineNumber + 1 < lineStarts.count ? lineStarts[lineNumber + 1] : text.count
                    inCode = line(lineNumber, is: Self.codeLine)
                }
                if inCode {
                    index = lineEnd
                    continue
                }
                switch text[index] {
                case Byte.backslash:
                    if let span = bracketedMathSpan(at: index, line: lineNumber) ?? referenceSpan(at: index, line: lineNumber) {
                        spans.append(span)
                        index = span.range.upperBound
                    } else {
                        // Past the escaped character, all of it.
                        index += 1
                        if index < text.count { index += UTF8Text.width(ofScalarStartingWith: text[index]) }
                    }
                case Byte.backtick:
                    index = skipCodeSpan(at: index, line: lineNumber)
                case Byte.dollar:
                    if let span = mathSpan(at: index, line: lineNumber) {
                        spans.append(span)
                        index = span.range.upperBound
                    } else {
                        index += index + 1 < text.count && text[index + 1] == Byte.dollar ? 2 : 1
                    }
                default:
                    index = nextDelimiter(from: index + 1, before: lineEnd)
                }
            }
            return spans
        }

        /// The offset of the first `\`, `` ` `` or `$` at or after `start` and before `end`,
        /// else `end`: eight bytes at a time while none of them holds one (most of a lesson is
        /// prose between delimiters).
        func nextDelimiter(from start: Int, before end: Int) -> Int {
            let raw = UnsafeRawBufferPointer(text)
            var index = start
            while index + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if UTF8Text.word(word, holds: Byte.backslash) || UTF8Text.word(word, holds: Byte.backtick)
                    || UTF8Text.word(word, holds: Byte.dollar) { break }
                index += 8
            }
            while index < end {
                let byte = text[index]
                if byte == Byte.backslash || byte == Byte.backtick || byte == Byte.dollar { return index }
                index += 1
            }
            return end
        }

        /// After a code span opening at `start`, or past the backticks if none closes.
        func skipCodeSpan(at start: Int, line startLine: Int) -> Int {
            var length = 0
            while start + length < text.count, text[start + length] == Byte.backtick { length += 1 }
            var lineEnd = end(ofLine: startLine)
            var index = start + length
            while index < text.count, mayContinue(at: index, from: startLine, lineEnd: &lineEnd) {
                if text[index] == Byte.backtick {
                    var run = 0
                    while index + run < text.count, text[index + run] == Byte.backtick { run += 1 }
                    if run == length { return index + run }
                    index += run
                } else {
                    index += 1
                }
            }
            return start + length
        }

        func mathSpan(at start: Int, line startLine: Int) -> MathSpan? {
            let display = start + 1 < text.count && text[start + 1] == Byte.dollar
            let contentStart = start + (display ? 2 : 1)
            if !display {
                guard contentStart < text.count, !isSpace(text[contentStart]) else { return nil }
            }
            var lineEnd = end(ofLine: startLine)
            var index = contentStart
            while index < text.count, mayContinue(at: index, from: startLine, lineEnd: &lineEnd) {
                switch text[index] {
                case Byte.backslash:
                    index += 2
                    continue
                case Byte.backtick where !display:
                    return nil
                case Byte.dollar:
                    if display {
                        guard index + 1 < text.count, text[index + 1] == Byte.dollar else { return nil }
                        return makeSpan(start: start, line: startLine, contentStart: contentStart, contentEnd: index,
                                        end: index + 2, display: true)
                    }
                    let closes = !isSpace(text[index - 1])
                        && !(index + 1 < text.count && text[index + 1] >= Byte.zero && text[index + 1] <= Byte.nine)
                    guard closes, index > contentStart else { return nil }
                    return makeSpan(start: start, line: startLine, contentStart: contentStart, contentEnd: index,
                                    end: index + 1, display: false)
                default:
                    index += 1
                }
            }
            return nil
        }

        /// `\(…\)` (inline) or `\[…\]` (display) starting at `start`, the LaTeX delimiters
        /// Jupyter accepts too. In Markdown `\(` and `\[` are escaped brackets, so these count as
        /// math only when the closing delimiter follows in the same paragraph with something
        /// other than spaces in between: `\[not a link](/foo)` stays a bracket. Inline math may
        /// not hold a backtick (a code span would be cut), as with `$`.
        func bracketedMathSpan(at start: Int, line startLine: Int) -> MathSpan? {
            guard start + 1 < text.count, text[start + 1] == Byte.openParenthesis || text[start + 1] == Byte.openBracket else {
                return nil
            }
            let display = text[start + 1] == Byte.openBracket
            let closing = display ? Byte.closeBracket : Byte.closeParenthesis
            let contentStart = start + 2
            var lineEnd = end(ofLine: startLine)
            var index = contentStart
            var hasContent = false
            while index < text.count, mayContinue(at: index, from: startLine, lineEnd: &lineEnd) {
                switch text[index] {
                case Byte.backslash:
                    if index + 1 < text.count, text[index + 1] == closing {
                        guard hasContent else { return nil }
                        return makeSpan(start: start, line: startLine, contentStart: contentStart, contentEnd: index,
                                        end: index + 2, display: display)
                    }
                    hasContent = true
                    index += 2
                case Byte.backtick where !display:
                    return nil
                case let byte:
                    if !isSpace(byte) { hasContent = true }
                    index += 1
                }
            }
            return nil
        }

        /// `\eqref{eq:name}` or `\ref{eq:name}` in prose (as MathJax reads them in Jupyter's
        /// Markdown): a reference to an equation, on one line, the name made of label characters.
        func referenceSpan(at start: Int, line startLine: Int) -> MathSpan? {
            for command in ["eqref", "ref"] {
                let name = Array(command.utf8)
                let open = start + 1 + name.count
                guard open < text.count, text[(start + 1)..<open].elementsEqual(name), text[open] == Byte.openBrace else { continue }
                var index = open + 1
                while index < text.count {
                    let (scalar, width) = UTF8Text.scalar(in: text, at: index)
                    guard Self.isLabelCharacter(scalar) else { break }
                    index += width
                }
                guard index < text.count, text[index] == Byte.closeBrace, index > open + 1 else { return nil }
                var span = makeSpan(start: start, line: startLine, contentStart: open + 1, contentEnd: index, end: index + 1, display: false)
                span.tex = String(decoding: text[(open + 1)..<index], as: UTF8.self)
                span.isReference = true
                return span
            }
            return nil
        }

        static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || ":_-./+'".unicodeScalars.contains(scalar)
        }

        func isSpace(_ byte: UInt8) -> Bool {
            byte == Byte.space || byte == Byte.tab || byte == Byte.lineFeed || byte == Byte.carriageReturn
        }

        /// Builds the span, taking the container prefixes out of continuation lines.
        func makeSpan(start: Int, line startLine: Int, contentStart: Int, contentEnd: Int, end: Int, display: Bool) -> MathSpan {
            let quoteDepth = Self.strippingContainers(
                Self.lineContent(text, lineStarts, startLine), keepIndentation: false).quotes
            var tex: [UInt8] = []
            tex.reserveCapacity(contentEnd - contentStart)
            // The TeX's length so far in scalars, for the offsets of its lines.
            var texCount = 0
            var origins = [MathSpan.LineOrigin(texOffset: 0, position: position(of: contentStart, from: startLine))]
            var prefixes: [String] = []
            var index = contentStart
            var currentLine = startLine
            while index < contentEnd {
                let byte = text[index]
                tex.append(byte)
                if !UTF8Text.isContinuation(byte) { texCount += 1 }
                index += 1
                if byte == Byte.lineFeed, index <= contentEnd {
                    currentLine = line(of: index, from: currentLine)
                    let lineEnd = min(contentEnd, currentLine + 1 < lineStarts.count ? lineStarts[currentLine + 1] : text.count)
                    let stripped = Self.strippingContainers(text[index..<lineEnd], keepIndentation: true, quoteDepth: quoteDepth)
                    // The prefix is spaces, tabs and `>`: ASCII, so its bytes are its scalars.
                    prefixes.append(String(decoding: text[index..<(index + stripped.prefixLength)], as: UTF8.self))
                    index += stripped.prefixLength
                    origins.append(MathSpan.LineOrigin(texOffset: texCount, position: position(of: index, from: currentLine)))
                }
            }
            return MathSpan(isDisplay: display, range: start..<end, tex: String(decoding: tex, as: UTF8.self), lineOrigins: origins,
                            continuationPrefixes: prefixes)
        }
    }
}
