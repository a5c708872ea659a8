/// The lines of `text` as calcbook numbers them, as cmark does: cut at each line feed, a
/// carriage return right before it (a CR LF line end) left out of the line. Found by bytes,
/// through a pointer: a line feed byte is always a whole scalar, and the grapheme-wise
/// `split(separator: "\n")` this replaced was slow on a large lesson and cut no CR LF at all (a
/// Windows file was one line to it, so its diagnostics quoted no line).
public func linesSplitAtNewlines(_ text: String) -> [Substring] {
    var contiguous = text
    // Per line, the UTF-8 offsets of its start and of its end (before a CR LF or LF).
    let bounds = contiguous.withUTF8 { bytes -> [(start: Int, end: Int)] in
        var bounds: [(start: Int, end: Int)] = []
        guard let base = bytes.baseAddress else { return [(0, 0)] }
        var start = 0
        for offset in 0..<bytes.count where base[offset] == UInt8(ascii: "\n") {
            let end = offset > start && base[offset - 1] == UInt8(ascii: "\r") ? offset - 1 : offset
            bounds.append((start, end))
            start = offset + 1
        }
        bounds.append((start, bytes.count))
        return bounds
    }
    let utf8 = text.utf8
    var lines: [Substring] = []
    lines.reserveCapacity(bounds.count)
    for line in bounds {
        lines.append(text[utf8.index(utf8.startIndex, offsetBy: line.start)..<utf8.index(utf8.startIndex, offsetBy: line.end)])
    }
    return lines
}
