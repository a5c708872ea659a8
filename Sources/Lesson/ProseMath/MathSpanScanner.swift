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
public enum MathSpanScanner {
    public static func spans(in markdown: String) -> [MathSpan] {
        spans(inScalars: scalars(of: markdown))
    }

    /// The spans of text given as its Unicode scalars (``scalars(of:)``).
    static func spans(inScalars scalars: [Unicode.Scalar]) -> [MathSpan] {
        scan(scalars).spans
    }

    /// The spans of text given as its Unicode scalars, the number of line feeds in it, and
    /// whether a fenced code block is still open at its end: text that follows a part without
    /// one, from a blank line on, is scanned alone as it is after that part
    /// (`MathProtection`, a large lesson in halves).
    static func scan(_ scalars: [Unicode.Scalar]) -> (spans: [MathSpan], lineFeeds: Int, endsInCodeFence: Bool) {
        var scanner = Scanner(scalars)
        return (scanner.scan(), scanner.lineStarts.count - 1, scanner.endsInCodeFence)
    }

    /// `Array(text.unicodeScalars)`, decoded from the UTF-8 through a pointer, one byte at a
    /// time for ASCII: the generic copy counted the scalars first and was a third of the scan.
    static func scalars(of text: String) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { scalars(ofUTF8: $0) }
    }

    /// The scalars of valid UTF-8 (a whole String's, or a part of one cut between scalars).
    static func scalars(ofUTF8 buffer: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        guard let bytes = buffer.baseAddress else { return [] }
        let count = buffer.count
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(count)
        var index = 0
        while index < count {
            let lead = UInt32(bytes[index])
            var value: UInt32
            // The String's bytes are valid UTF-8, so a lead byte says how many follow.
            switch lead {
            case ..<0x80:
                value = lead
                index += 1
            case 0xF0...:
                value = (lead & 0x07) << 18 | (UInt32(bytes[index + 1]) & 0x3F) << 12
                    | (UInt32(bytes[index + 2]) & 0x3F) << 6 | (UInt32(bytes[index + 3]) & 0x3F)
                index += 4
            case 0xE0...:
                value = (lead & 0x0F) << 12 | (UInt32(bytes[index + 1]) & 0x3F) << 6 | (UInt32(bytes[index + 2]) & 0x3F)
                index += 3
            default:
                value = (lead & 0x1F) << 6 | (UInt32(bytes[index + 1]) & 0x3F)
                index += 2
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return scalars
    }

    struct Scanner {
        let text: [Unicode.Scalar]
        /// Offset of the first scalar of each line.
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

        init(_ text: [Unicode.Scalar]) {
            self.text = text
            var starts = [0]
            for (index, scalar) in text.enumerated() where scalar == "\n" { starts.append(index + 1) }
            lineStarts = starts
            var kinds = [UInt8](repeating: 0, count: starts.count)
            var openFence: (character: Unicode.Scalar, length: Int)?
            for line in starts.indices {
                let content = Self.lineContent(text, starts, line)
                if content.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { kinds[line] |= Self.blankLine }
                let afterContainers = Self.strippingContainers(content, keepIndentation: false).rest
                if Self.isSingleLineBlock(afterContainers) { kinds[line] |= Self.singleLineBlock }
                let fence = Self.fenceRun(afterContainers)
                if let open = openFence {
                    kinds[line] |= Self.codeLine
                    if let fence, fence.character == open.character, fence.length >= open.length,
                       afterContainers.dropFirst(fence.length).allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                        openFence = nil
                    }
                } else if let fence {
                    let info = afterContainers.dropFirst(fence.length)
                    if fence.character == "~" || !info.contains("`") {
                        openFence = fence
                        kinds[line] |= Self.codeLine
                    }
                }
            }
            lineKinds = kinds
            endsInCodeFence = openFence != nil
        }

        /// `# Heading`, `***`, `- - -`, `===`: lines that are a block of their own.
        static func isSingleLineBlock(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
            let hashes = text.prefix { $0 == "#" }.count
            if hashes >= 1, hashes <= 6 {
                let after = text.dropFirst(hashes)
                if after.isEmpty || after.first == " " || after.first == "\t" || after.first == "\r" { return true }
            }
            // Its marks (what is not a space), counted without collecting them: this runs on every line.
            var mark: Unicode.Scalar?
            var marks = 0
            for scalar in text where scalar != " " && scalar != "\t" && scalar != "\r" {
                if let mark, scalar != mark { return false }
                if mark == nil {
                    guard scalar == "-" || scalar == "*" || scalar == "_" || scalar == "=" else { return false }
                    mark = scalar
                }
                marks += 1
            }
            guard let mark else { return false }
            return mark == "=" || marks >= 3
        }

        static func lineContent(_ text: [Unicode.Scalar], _ starts: [Int], _ line: Int) -> ArraySlice<Unicode.Scalar> {
            let start = starts[line]
            let end = line + 1 < starts.count ? starts[line + 1] - 1 : text.count
            return text[start..<max(start, end)]
        }

        /// Splits a line into its container prefix (block quote markers, list markers,
        /// indentation) and the rest. With `keepIndentation`, list markers are not stripped
        /// (a continuation line has none) and only `quoteDepth` `>` markers are.
        static func strippingContainers(
            _ line: ArraySlice<Unicode.Scalar>, keepIndentation: Bool, quoteDepth: Int = .max
        ) -> (prefixLength: Int, quotes: Int, rest: ArraySlice<Unicode.Scalar>) {
            var index = line.startIndex
            var quotes = 0
            while true {
                while index < line.endIndex, line[index] == " " || line[index] == "\t" { index += 1 }
                if index < line.endIndex, line[index] == ">", quotes < quoteDepth {
                    quotes += 1
                    index += 1
                    if index < line.endIndex, line[index] == " " { index += 1 }
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
        static func listMarkerLength(_ text: ArraySlice<Unicode.Scalar>) -> Int? {
            guard let first = text.first else { return nil }
            var index = text.startIndex
            if first == "-" || first == "*" || first == "+" {
                index += 1
            } else {
                while index < text.endIndex, text[index] >= "0" && text[index] <= "9", index - text.startIndex < 9 {
                    index += 1
                }
                guard index > text.startIndex, index < text.endIndex, text[index] == "." || text[index] == ")" else {
                    return nil
                }
                index += 1
            }
            guard index < text.endIndex, text[index] == " " || text[index] == "\t" else { return nil }
            return index + 1 - text.startIndex
        }

        /// A run of three or more backticks or tildes opening a line.
        static func fenceRun(_ text: ArraySlice<Unicode.Scalar>) -> (character: Unicode.Scalar, length: Int)? {
            guard let first = text.first, first == "`" || first == "~" else { return nil }
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

        /// The offset just past `line`'s last scalar (its newline included).
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

        /// The line and column of `offset`, on line `known` or a later one.
        func position(of offset: Int, from known: Int) -> TextPosition {
            let line = line(of: offset, from: known)
            return TextPosition(line: line + 1, column: offset - lineStarts[line] + 1)
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
                    index = lineNumber + 1 < lineStarts.count ? lineStarts[lineNumber + 1] : text.count
                    continue
                }
                switch text[index] {
                case "\\":
                    if let span = bracketedMathSpan(at: index, line: lineNumber) ?? referenceSpan(at: index, line: lineNumber) {
                        spans.append(span)
                        index = span.range.upperBound
                    } else {
                        index += 2
                    }
                case "`":
                    index = skipCodeSpan(at: index, line: lineNumber)
                case "$":
                    if let span = mathSpan(at: index, line: lineNumber) {
                        spans.append(span)
                        index = span.range.upperBound
                    } else {
                        index += index + 1 < text.count && text[index + 1] == "$" ? 2 : 1
                    }
                default:
                    index += 1
                }
            }
            return spans
        }

        /// After a code span opening at `start`, or past the backticks if none closes.
        func skipCodeSpan(at start: Int, line startLine: Int) -> Int {
            var length = 0
            while start + length < text.count, text[start + length] == "`" { length += 1 }
            var lineEnd = end(ofLine: startLine)
            var index = start + length
            while index < text.count, mayContinue(at: index, from: startLine, lineEnd: &lineEnd) {
                if text[index] == "`" {
                    var run = 0
                    while index + run < text.count, text[index + run] == "`" { run += 1 }
                    if run == length { return index + run }
                    index += run
                } else {
                    index += 1
                }
            }
            return start + length
        }

        func mathSpan(at start: Int, line startLine: Int) -> MathSpan? {
            let display = start + 1 < text.count && text[start + 1] == "$"
            let contentStart = start + (display ? 2 : 1)
            if !display {
                guard contentStart < text.count, !isSpace(text[contentStart]) else { return nil }
            }
            var lineEnd = end(ofLine: startLine)
            var index = contentStart
            while index < text.count, mayContinue(at: index, from: startLine, lineEnd: &lineEnd) {
                switch text[index] {
                case "\\":
                    index += 2
                    continue
                case "`" where !display:
                    return nil
                case "$":
                    if display {
                        guard index + 1 < text.count, text[index + 1] == "$" else { return nil }
                        return makeSpan(start: start, line: startLine, contentStart: contentStart, contentEnd: index,
                                        end: index + 2, display: true)
                    }
                    let closes = !isSpace(text[index - 1])
                        && !(index + 1 < text.count && text[index + 1] >= "0" && text[index + 1] <= "9")
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
            guard start + 1 < text.count, text[start + 1] == "(" || text[start + 1] == "[" else { return nil }
            let display = text[start + 1] == "["
            let closing: Unicode.Scalar = display ? "]" : ")"
            let contentStart = start + 2
            var lineEnd = end(ofLine: startLine)
            var index = contentStart
            var hasContent = false
            while index < text.count, mayContinue(at: index, from: startLine, lineEnd: &lineEnd) {
                switch text[index] {
                case "\\":
                    if index + 1 < text.count, text[index + 1] == closing {
                        guard hasContent else { return nil }
                        return makeSpan(start: start, line: startLine, contentStart: contentStart, contentEnd: index,
                                        end: index + 2, display: display)
                    }
                    hasContent = true
                    index += 2
                case "`" where !display:
                    return nil
                case let scalar:
                    if !isSpace(scalar) { hasContent = true }
                    index += 1
                }
            }
            return nil
        }

        /// `\eqref{eq:name}` or `\ref{eq:name}` in prose (as MathJax reads them in Jupyter's
        /// Markdown): a reference to an equation, on one line, the name made of label characters.
        func referenceSpan(at start: Int, line startLine: Int) -> MathSpan? {
            for command in ["eqref", "ref"] {
                let name = Array(command.unicodeScalars)
                let open = start + 1 + name.count
                guard open < text.count, Array(text[(start + 1)..<open]) == name, text[open] == "{" else { continue }
                var index = open + 1
                while index < text.count, Self.isLabelCharacter(text[index]) { index += 1 }
                guard index < text.count, text[index] == "}", index > open + 1 else { return nil }
                var label = ""
                label.unicodeScalars.append(contentsOf: text[(open + 1)..<index])
                var span = makeSpan(start: start, line: startLine, contentStart: open + 1, contentEnd: index, end: index + 1, display: false)
                span.tex = label
                span.isReference = true
                return span
            }
            return nil
        }

        static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || ":_-./+'".unicodeScalars.contains(scalar)
        }

        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
        }

        /// Builds the span, taking the container prefixes out of continuation lines.
        func makeSpan(start: Int, line startLine: Int, contentStart: Int, contentEnd: Int, end: Int, display: Bool) -> MathSpan {
            let quoteDepth = Self.strippingContainers(
                Self.lineContent(text, lineStarts, startLine), keepIndentation: false).quotes
            // The TeX as UTF-8, converted once: appending to a String scalar by scalar was slow.
            var tex: [UInt8] = []
            tex.reserveCapacity(contentEnd - contentStart)
            var texCount = 0
            var origins = [MathSpan.LineOrigin(texOffset: 0, position: position(of: contentStart, from: startLine))]
            var prefixes: [String] = []
            var index = contentStart
            var currentLine = startLine
            while index < contentEnd {
                let scalar = text[index]
                if scalar.isASCII { tex.append(UInt8(truncatingIfNeeded: scalar.value)) } else { UTF8.encode(scalar) { tex.append($0) } }
                texCount += 1
                index += 1
                if scalar == "\n", index <= contentEnd {
                    currentLine = line(of: index, from: currentLine)
                    let lineEnd = min(contentEnd, currentLine + 1 < lineStarts.count ? lineStarts[currentLine + 1] : text.count)
                    let stripped = Self.strippingContainers(text[index..<lineEnd], keepIndentation: true, quoteDepth: quoteDepth)
                    var prefix = ""
                    prefix.unicodeScalars.append(contentsOf: text[index..<(index + stripped.prefixLength)])
                    prefixes.append(prefix)
                    index += stripped.prefixLength
                    origins.append(MathSpan.LineOrigin(texOffset: texCount, position: position(of: index, from: currentLine)))
                }
            }
            return MathSpan(isDisplay: display, range: start..<end, tex: String(decoding: tex, as: UTF8.self), lineOrigins: origins,
                            continuationPrefixes: prefixes)
        }
    }
}
