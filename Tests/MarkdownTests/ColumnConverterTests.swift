import Testing
@testable import Markdown

/// `ColumnConverter` finds line starts with `memchr` and counts scalars eight bytes at a time:
/// the same lines and columns as counting byte by byte.
@Suite struct ColumnConverterTests {
    /// Line starts as cmark ends lines: at `\n`, `\r\n` or a lone `\r`.
    static func referenceLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                starts.append(index + 1)
            } else if bytes[index] == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    /// Texts of every length up to a few checkpoint strides, of ASCII, two-, three- and
    /// four-byte characters and each line ending.
    static var texts: [String] {
        let pieces = ["a", "é", "∇", "𝑥", "\n", "\r\n", "\r", " ", "\u{E000}"]
        var texts = [""]
        for length in 1...100 {
            texts.append((0..<length).map { pieces[($0 * 7 + length) % pieces.count] }.joined())
            texts.append(String(repeating: "x", count: length) + "é")
            texts.append("é" + String(repeating: "x\n", count: length))
        }
        return texts
    }

    @Test func linesAndColumnsAsCountedByteByByte() {
        for text in Self.texts {
            let bytes = Array(text.utf8)
            let columns = ColumnConverter(text: text)
            let starts = Self.referenceLineStarts(bytes)
            #expect(columns.lineStarts == starts, "\(text.debugDescription)")
            for (line, start) in starts.enumerated() {
                let end = line + 1 < starts.count ? starts[line + 1] : bytes.count
                for byte in start..<end {
                    // The scalar holding `byte` is the last one starting at or before it.
                    let column = bytes[start...byte].filter { $0 & 0xC0 != 0x80 }.count
                    #expect(columns.position(line: line + 1, byteColumn: byte - start + 1) == TextPosition(line: line + 1, column: column),
                            "\(text.debugDescription) line \(line + 1) byte \(byte)")
                }
            }
        }
    }

    @Test func containsNULFindsAByteAnywhere() {
        #expect(!MarkdownParser.containsNUL(""))
        #expect(!MarkdownParser.containsNUL(String(repeating: "é x", count: 100)))
        #expect(MarkdownParser.containsNUL("\u{0}"))
        #expect(MarkdownParser.containsNUL(String(repeating: "é x", count: 100) + "\u{0}"))
    }
}
