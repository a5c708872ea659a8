import Markdown

/// `ProseMath.protect`'s work on a lesson's UTF-8: find the math spans, then copy the text
/// with each span replaced by its placeholder. A large lesson is done in two halves at once
/// (`SideThread`), cut at a blank line: protecting the 10 MB lesson took 0.25 s on one core.
///
/// Math never runs over a blank line (nor does a code span), and the scanner carries nothing
/// from line to line but whether a fenced code block is open: so the text from a blank line
/// that no fence holds open scans alone exactly as it does after the text before it, with
/// offsets and lines counted from the cut. Both halves are scanned at once; when the first
/// ends inside a fence, the whole is scanned again as one. Both are then copied at once, the
/// second numbering its placeholders from the first's count.
///
/// Unchecked `Sendable`: it holds a pointer to the lesson's UTF-8, which the caller's
/// `withUTF8` keeps alive until `protect` returns (the side thread is done by then), and which
/// nothing writes to.
struct MathProtection: @unchecked Sendable {
    let source: UnsafeBufferPointer<UInt8>

    /// A part of the text with its math found: offsets and lines count from the part's start.
    struct ScannedPart: Sendable {
        var bytes: Range<Int>
        var spans: [MathSpan]
        var lineFeeds: Int
        var endsInCodeFence: Bool
    }

    /// A part's text with its spans replaced by placeholders, the spans replaced (up to
    /// `MathPlaceholder.maximumSpans` in the whole text) and their original text.
    struct CopiedPart: Sendable {
        var text: String
        var originals: [String]
        var kept: [MathSpan]
    }

    /// The protected text; `nil` when it has no math.
    func protect(inHalves: Bool) -> ProtectedMarkdown? {
        let parts = scannedParts(inHalves: inHalves)
        guard parts.contains(where: { !$0.spans.isEmpty }) else { return nil }
        guard parts.count == 2 else {
            let copied = copy(parts[0], firstNumber: 0)
            return ProtectedMarkdown(text: copied.text, spans: copied.kept, originals: copied.originals)
        }
        let secondNumber = min(parts[0].spans.count, MathPlaceholder.maximumSpans)
        let shift = (bytes: parts[0].bytes.count, lines: parts[0].lineFeeds)
        let (copied, second) = SideThread.run({ copy(parts[0], firstNumber: 0) }, beside: { [self] in
            copy(parts[1], firstNumber: secondNumber, shift: shift)
        })
        var first = copied
        first.text += second.text
        first.kept += second.kept
        first.originals += second.originals
        return ProtectedMarkdown(text: first.text, spans: first.kept, originals: first.originals)
    }

    /// The whole text scanned, or its two halves when `inHalves` and they scan as the whole.
    func scannedParts(inHalves: Bool) -> [ScannedPart] {
        let whole = 0..<source.count
        guard inHalves, let cut = blankLine(from: source.count / 2) else { return [scan(whole)] }
        let (first, second) = SideThread.run({ scan(0..<cut) }, beside: { [self] in scan(cut..<source.count) })
        return first.endsInCodeFence ? [scan(whole)] : [first, second]
    }

    /// The byte offset of the first blank line (spaces, tabs and a carriage return at most,
    /// ended by a line feed) that starts after `start`; `nil` when none does.
    func blankLine(from start: Int) -> Int? {
        var index = start
        while index < source.count {
            guard let lineFeed = source[index...].firstIndex(of: 0x0A) else { return nil }
            var end = lineFeed + 1
            while end < source.count, source[end] == 0x20 || source[end] == 0x09 || source[end] == 0x0D { end += 1 }
            if end < source.count, source[end] == 0x0A { return lineFeed + 1 }
            index = lineFeed + 1
        }
        return nil
    }

    func scan(_ bytes: Range<Int>) -> ScannedPart {
        let scanned = MathSpanScanner.scan(UnsafeBufferPointer(rebasing: source[bytes]))
        return ScannedPart(bytes: bytes, spans: scanned.spans, lineFeeds: scanned.lineFeeds, endsInCodeFence: scanned.endsInCodeFence)
    }

    /// The part's text with its spans replaced, numbered from `firstNumber`, and the spans
    /// moved by `shift` (bytes and lines: where the part starts in the whole). The text between
    /// spans is copied as UTF-8 slices of the original; only the placeholders are written
    /// scalar by scalar.
    func copy(_ part: ScannedPart, firstNumber: Int, shift: (bytes: Int, lines: Int) = (0, 0)) -> CopiedPart {
        let source = UnsafeBufferPointer(rebasing: self.source[part.bytes])
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count + part.spans.count * 8)
        var originals: [String] = []
        var kept: [MathSpan] = []
        var copied = 0
        for span in part.spans where firstNumber + kept.count < MathPlaceholder.maximumSpans {
            let original = UnsafeBufferPointer(rebasing: source[span.range])
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<span.range.lowerBound]))
            copied = span.range.upperBound
            MathPlaceholder.write(for: span, number: firstNumber + kept.count, original: original) { scalar in
                if scalar.isASCII { bytes.append(UInt8(truncatingIfNeeded: scalar.value)) } else { UTF8.encode(scalar) { bytes.append($0) } }
            }
            originals.append(String(decoding: original, as: UTF8.self))
            var span = span
            if shift != (0, 0) {
                span.range = (span.range.lowerBound + shift.bytes)..<(span.range.upperBound + shift.bytes)
                for index in span.lineOrigins.indices { span.lineOrigins[index].position.line += shift.lines }
            }
            kept.append(span)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
        return CopiedPart(text: String(decoding: bytes, as: UTF8.self), originals: originals, kept: kept)
    }
}
