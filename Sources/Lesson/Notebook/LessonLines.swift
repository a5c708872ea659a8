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

    /// Line `index` (0-based) without its `\n`.
    subscript(index: Int) -> [Unicode.Scalar] {
        let start = starts[index]
        let end = index + 1 < starts.count ? starts[index + 1] - 1 : text.utf8.count
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            MathSpanScanner.scalars(ofUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        } ?? Array(String(decoding: Array(text.utf8)[start..<end], as: UTF8.self).unicodeScalars)
    }
}
