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

    /// Where `line(_:hasAt:anyOf:)` finds an opening at a byte, the search on the decoded line
    /// finds it at the column of that byte's character: the check it stands in for, on texts of
    /// links and images among characters of every width, at every byte of every line.
    @Test func anOpeningFoundAtAByteIsTheNearestOneAtItsColumn() {
        let pieces = ["[", "<", "![", "a", "é", "∇", "𝑥", " ", "\n", "\r\n", "!", "\u{E000}"]
        var texts = Self.texts
        for length in 1...60 { texts.append((0..<length).map { pieces[($0 * 5 + length) % pieces.count] }.joined()) }
        var found = 0
        for text in texts {
            let columns = ColumnConverter(text: text)
            for line in 1...columns.lineStarts.count {
                let start = columns.lineStarts[line - 1]
                let end = line < columns.lineStarts.count ? columns.lineStarts[line] : columns.bytes.count
                for byteColumn in 1...max(end - start, 1) {
                    for openings in [["[", "<"], ["!["]] as [[StaticString]] {
                        guard columns.line(line, hasAt: byteColumn, anyOf: openings) else { continue }
                        found += 1
                        let column = columns.position(line: line, byteColumn: byteColumn).column
                        let nearest = columns.nearestColumn(line: line, around: column, startingAnyOf: openings.map { "\($0)" })
                        #expect(nearest == column, "\(text.debugDescription) line \(line) byte \(byteColumn)")
                    }
                }
            }
        }
        #expect(found > 100)
    }

    @Test func containsNULFindsAByteAnywhere() {
        #expect(!MarkdownParser.containsNUL(""))
        #expect(!MarkdownParser.containsNUL(String(repeating: "é x", count: 100)))
        #expect(MarkdownParser.containsNUL("\u{0}"))
        #expect(MarkdownParser.containsNUL(String(repeating: "é x", count: 100) + "\u{0}"))
    }
}
