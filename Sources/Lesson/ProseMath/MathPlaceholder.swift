/// The text that stands for a math span while cmark parses the lesson.
///
/// Made of private-use characters, which Markdown treats like letters (no emphasis, no
/// escapes, no autolinks), so cmark passes them through as text. Each line of the placeholder
/// is exactly as long (in Unicode scalars) as the line of math it replaces, and continuation
/// lines keep their block-quote or list prefix, so every position cmark reports for the rest
/// of the lesson is the position in the file.
///
/// Layout: `start`, the span's number as one character, then `padding` up to the line's
/// length; each continuation line: its prefix, `continuation`, padding; `end` last.
enum MathPlaceholder {
    static let start: Unicode.Scalar = "\u{E000}"
    static let end: Unicode.Scalar = "\u{E001}"
    static let continuation: Unicode.Scalar = "\u{E002}"
    static let padding: Unicode.Scalar = "\u{E003}"
    /// Span numbers are characters from Supplementary Private Use Area-A onwards.
    static let firstNumber: UInt32 = 0xF0000
    static let maximumSpans = (0xFFFFD - 0xF0000 + 1) + (0x10FFFD - 0x100000 + 1)

    static func numberCharacter(_ number: Int) -> Unicode.Scalar? {
        let area = 0xFFFFD - 0xF0000 + 1
        let value = number < area ? 0xF0000 + number : 0x100000 + number - area
        return Unicode.Scalar(UInt32(value))
    }

    static func number(of scalar: Unicode.Scalar) -> Int? {
        let value = Int(scalar.value)
        let area = 0xFFFFD - 0xF0000 + 1
        if value >= 0xF0000, value <= 0xFFFFD { return value - 0xF0000 }
        if value >= 0x100000, value <= 0x10FFFD { return value - 0x100000 + area }
        return nil
    }

    /// The placeholder for `span` (number `number`) whose source text is `original`.
    static func text(for span: MathSpan, number: Int, original: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        guard let numberScalar = numberCharacter(number) else { return Array(original) }
        // The original's lines, to match their lengths.
        var lines: [ArraySlice<Unicode.Scalar>] = []
        var lineStart = original.startIndex
        for index in original.indices where original[index] == "\n" {
            lines.append(original[lineStart..<index])
            lineStart = index + 1
        }
        lines.append(original[lineStart...])
        var result: [Unicode.Scalar] = []
        for (lineIndex, line) in lines.enumerated() {
            var piece: [Unicode.Scalar]
            if lineIndex == 0 {
                piece = [start, numberScalar]
            } else {
                if lineIndex - 1 < span.continuationPrefixes.count {
                    piece = Array(span.continuationPrefixes[lineIndex - 1].unicodeScalars)
                } else {
                    piece = []
                }
                result.append("\n")
                piece.append(continuation)
            }
            let isLast = lineIndex == lines.count - 1
            let target = line.count - (isLast ? 1 : 0)
            while piece.count < target { piece.append(padding) }
            if isLast { piece.append(end) }
            result.append(contentsOf: piece)
        }
        return result
    }

    /// Whether `scalar` belongs to a placeholder.
    static func isPlaceholderScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == start || scalar == end || scalar == continuation || scalar == padding || number(of: scalar) != nil
    }
}
