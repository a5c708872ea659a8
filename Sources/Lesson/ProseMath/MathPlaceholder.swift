import Markdown

/// The text that stands for a math span while cmark parses the lesson.
///
/// Its marks are private-use characters, which Markdown treats like letters (no emphasis, no
/// escapes, no autolinks), so cmark passes them through as text; between them it is padded
/// with the letter `x`, which is as inert, always follows a mark (so it never starts a task
/// item's `[x]` or an autolink's `www.`), and takes one byte where a private-use character
/// takes three: a lesson full of math gave cmark and every pass over the protected text half
/// as many bytes again as the lesson has. Each line of the placeholder is exactly as long (in
/// Unicode scalars) as the line of math it replaces, and continuation lines keep their
/// block-quote or list prefix, so every position cmark reports for the rest of the lesson is
/// the position in the file.
///
/// Layout: `start`, the span's number as one character, then `padding` up to the line's
/// length; each continuation line: its prefix, `continuation`, padding; `end` last.
enum MathPlaceholder {
    static let start: Unicode.Scalar = "\u{E000}"
    static let end: Unicode.Scalar = "\u{E001}"
    static let continuation: Unicode.Scalar = "\u{E002}"
    static let padding: Unicode.Scalar = "x"
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

    /// The placeholder for `span` (number `number`) whose source text is `original` (UTF-8).
    static func text(for span: MathSpan, number: Int, original: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(original.count)
        write(for: span, number: number, original: original) { result.append($0) }
        return result
    }

    /// Hands the scalars of `text(for:number:original:)` to `emit` one by one, making no array:
    /// `MathProtection` encodes them straight into the protected text, and building each of the
    /// 10 MB lesson's 120,000 placeholders as arrays (its lines, their pieces) was a fifth of
    /// that copy.
    static func write(for span: MathSpan, number: Int, original: UnsafeBufferPointer<UInt8>, _ emit: (Unicode.Scalar) -> Void) {
        guard let numberScalar = numberCharacter(number) else {
            var index = 0
            while index < original.count {
                let (scalar, width) = UTF8Text.scalar(in: original, at: index)
                emit(scalar)
                index += width
            }
            return
        }
        // Line by line of the original, each as long (in scalars) as the line it replaces.
        var lineIndex = 0
        var lineStart = 0
        while true {
            let lineEnd = original[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? original.count
            let isLast = lineEnd == original.count
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
            let target = UTF8Text.scalarCount(original[lineStart..<lineEnd]) - (isLast ? 1 : 0)
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

    /// Whether `scalar` is one of a placeholder's marks (its padding is an ordinary letter):
    /// any part of a placeholder left in text holds one.
    static func isPlaceholderScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == start || scalar == end || scalar == continuation || number(of: scalar) != nil
    }
}
