@testable import CellLanguage
import Diagnostics
import Testing

@Suite("Positions in the lesson file")
struct CellPositionMapTests {
    @Test("lines shift by the cell's first line; columns count scalars and shift on every line")
    func mapping() {
        let text = "let w, x: Vector<3>\nlet y = w ⊙ x"
        let map = CellPositionMap(CellSource(text: text, file: "lessons/a.md", line: 40, column: 4))
        #expect(map.location(0) == SourceLocation(file: "lessons/a.md", line: 40, column: 4))
        let secondLine = text.utf8.firstIndex(of: UInt8(ascii: "\n")).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) + 1 } ?? 0
        #expect(map.location(secondLine) == SourceLocation(file: "lessons/a.md", line: 41, column: 4))
        // "let y = w ⊙ x": ⊙ is three UTF-8 bytes but one column, so x is at column 13 of the line.
        let x = text.utf8.count - 1
        #expect(map.location(x) == SourceLocation(file: "lessons/a.md", line: 41, column: 4 + 12))
    }
}
