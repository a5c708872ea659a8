import Markdown

/// The lines of a lesson's text, cut at each `\n` (a `\r` before it stays in its line), each
/// decoded into Unicode scalars only when it is read: the notebook of the 10 MB lesson held
/// every line at once (40 MB of scalars, and a copy of the whole text's scalars while they
/// were cut), where now each Markdown cell decodes its own lines as it is written.
struct LessonLines: RandomAccessCollection, Sendable {
    let text: String
    /// The UTF-8 offset at which each line starts.
    private let starts: [Int]

    init(_ text: String) {
        var text = text
        var starts = [0]
        text.withUTF8 { bytes in
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") { starts.append(index + 1) }
        }
        self.text = text
        self.starts = starts
    }

    var startIndex: Int { 0 }
    var endIndex: Int { starts.count }

    /// Lines `lines` (0-based) as the text they are in the lesson, joined by their `\n`s,
    /// without the blank lines (spaces, tabs and carriage returns only) at either end: what
    /// joining the lines one by one would give, cut from the lesson's UTF-8 in one piece.
    func text(ofLines lines: Range<Int>) -> String {
        var first = lines.lowerBound, last = lines.upperBound - 1
        while first <= last, isBlank(first) { first += 1 }
        while last >= first, isBlank(last) { last -= 1 }
        guard first <= last else { return "" }
        return String(text.utf8[byteRange(ofLine: first).lowerBound..<byteRange(ofLine: last).upperBound]) ?? ""
    }

    /// Lines `lines` (0-based) joined by `separator`, each without its `\n` (a carriage return
    /// before it stays) and without its container prefix (spaces, tabs, `>`).
    func textAfterContainers(ofLines lines: Range<Int>, separator: String) -> String {
        var joined = ""
        for index in lines {
            if index > lines.lowerBound { joined += separator }
            let line = text[byteRange(ofLine: index)]
            joined += line.drop { $0 == " " || $0 == "\t" || $0 == ">" }
        }
        return joined
    }

    /// Whether line `index` (0-based) is a code fence: after its container prefix (spaces,
    /// tabs, `>`), three or more backticks or tildes.
    func isFenceLine(_ index: Int) -> Bool {
        let line = text.utf8[byteRange(ofLine: index)]
        let rest = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">") }
        guard let mark = rest.first, mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~") else { return false }
        return rest.prefix(3).elementsEqual(repeatElement(mark, count: 3))
    }

    /// Whether any of `lines` holds three backticks or tildes in a row: only such a line can be
    /// a code fence (the test is coarser than the fence rule, and errs toward "may be one").
    /// Through a pointer, eight bytes at a time while none is a backtick or tilde: this runs
    /// over every cell's text, the whole lesson.
    func mayHoldACodeFence(_ lines: Range<Int>) -> Bool {
        guard !lines.isEmpty else { return false }
        let start = starts[lines.lowerBound]
        let end = lines.upperBound < starts.count ? starts[lines.upperBound] : text.utf8.count
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            Self.holdsThreeInARow(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<end]))
        } ?? Array(text.utf8)[start..<end].withUnsafeBytes { Self.holdsThreeInARow($0) }
    }

    /// Whether `bytes` holds three backticks or three tildes in a row.
    private static func holdsThreeInARow(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        var run = 0
        var runByte: UInt8 = 0
        while index < bytes.count {
            if run == 0, index + 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if !UTF8Text.word(word, holds: UInt8(ascii: "`")), !UTF8Text.word(word, holds: UInt8(ascii: "~")) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "`") || byte == UInt8(ascii: "~") {
                run = byte == runByte ? run + 1 : 1
                runByte = byte
                if run == 3 { return true }
            } else {
                run = 0
            }
            index += 1
        }
        return false
    }

    /// The UTF-8 range of line `index`, without its `\n`.
    private func byteRange(ofLine index: Int) -> Range<String.Index> {
        let utf8 = text.utf8
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : utf8.count
        return utf8.index(utf8.startIndex, offsetBy: starts[index])..<utf8.index(utf8.startIndex, offsetBy: end)
    }

    private func isBlank(_ index: Int) -> Bool {
        text.utf8[byteRange(ofLine: index)].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }

    /// Line `index` (0-based) without its `\n`.
    subscript(index: Int) -> [Unicode.Scalar] {
        let start = starts[index]
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : text.utf8.count
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            MathSpanScanner.scalars(ofUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        } ?? Array(String(decoding: Array(text.utf8)[start..<end], as: UTF8.self).unicodeScalars)
    }
}
