import Markdown
import Testing

/// `UTF8Text` reads valid UTF-8 as `String`'s own views do.
@Suite struct UTF8TextTests {
    @Test(arguments: ["", "a", "é∂😀\u{301}x", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"])
    func scalarsWidthsAndCountsAreTheStringsOwn(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(UTF8Text.scalarCount(bytes) == text.unicodeScalars.count)
        var decoded: [Unicode.Scalar] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let (scalar, width) = UTF8Text.scalar(in: buffer, at: index)
                #expect(width == UTF8Text.width(ofScalarStartingWith: buffer[index]))
                #expect(!UTF8Text.isContinuation(buffer[index]))
                decoded.append(scalar)
                index += width
            }
        }
        #expect(decoded == Array(text.unicodeScalars))
    }

    /// The word test finds a byte at each of the eight places, and no byte that is not there.
    @Test func aWordHoldsExactlyItsBytes() {
        for place in 0..<8 {
            for byte: UInt8 in [0x00, 0x24, 0x5C, 0x60, 0x7E, 0x80, 0xFF] {
                var bytes = [UInt8](repeating: 0x41, count: 8)
                bytes[place] = byte
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(UTF8Text.word(word, holds: byte))
                #expect(UTF8Text.word(word, holds: 0x41) == true)
                #expect(!UTF8Text.word(word, holds: 0x42))
                #expect(UTF8Text.word(word, holds: byte &+ 1) == (byte &+ 1 == 0x41))
            }
        }
    }
}
