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
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(original.count)
        write(for: span, number: number, original: original) { result.append($0) }
        return result
    }

    /// Hands the scalars of `text(for:number:original:)` to `emit` one by one, making no array:
    /// `MathProtection` encodes them straight into the protected text, and building each of the
    /// 10 MB lesson's 120,000 placeholders as arrays (its lines, their pieces) was a fifth of
    /// that copy.
    static func write(for span: MathSpan, number: Int, original: ArraySlice<Unicode.Scalar>, _ emit: (Unicode.Scalar) -> Void) {
        guard let numberScalar = numberCharacter(number) else {
            for scalar in original { emit(scalar) }
            return
        }
        // Line by line of the original, each as long as the line it replaces.
        var lineIndex = 0
        var lineStart = original.startIndex
        while true {
            let lineEnd = original[lineStart...].firstIndex(of: "\n") ?? original.endIndex
            let isLast = lineEnd == original.endIndex
            var written = 0
            if lineIndex == 0 {
                emit(start)
                emit(numberScalar)
                written = 2
            } else {
                emit("\n")
                if lineIndex - 1 < span.continuationPrefixes.count {
                    for scalar in span.continuationPrefixes[lineIndex - 1].unicodeScalars {
                        emit(scalar)
                        written += 1
                    }
                }
                emit(continuation)
                written += 1
            }
            let target = (lineEnd - lineStart) - (isLast ? 1 : 0)
            while written < target {
                emit(padding)
                written += 1
            }
            if isLast {
                emit(end)
                return
            }
            lineIndex += 1
            lineStart = lineEnd + 1
        }
    }

    /// Whether `scalar` belongs to a placeholder.
    static func isPlaceholderScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == start || scalar == end || scalar == continuation || scalar == padding || number(of: scalar) != nil
    }
}
