/// Unicode Mathematical Alphanumeric Symbols for the two styles the writers need.
///
/// MathML Core honours only `mathvariant="normal"`, so a bold vector is written with the bold
/// code points themselves (𝐱 is U+1D431), and a multi-letter italic name with the italic ones
/// (a single-letter `<mi>` is italic by itself). Characters without a styled form are kept.
enum MathAlphabet {
    /// Upright bold: Latin letters, digits and Greek letters (𝐱, 𝐀, 𝟏, 𝛉).
    static func bold(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { boldScalar($0) ?? $0 }))
    }

    /// Italic Latin letters (𝑙𝑜𝑠𝑠); ℎ has its own code point outside the block.
    static func italic(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { italicScalar($0) ?? $0 }))
    }

    private static func boldScalar(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = s.value
        switch v {
        case 0x41...0x5A: return Unicode.Scalar(0x1D400 + v - 0x41)
        case 0x61...0x7A: return Unicode.Scalar(0x1D41A + v - 0x61)
        case 0x30...0x39: return Unicode.Scalar(0x1D7CE + v - 0x30)
        case 0x391...0x3A9 where v != 0x3A2: return Unicode.Scalar(0x1D6A8 + v - 0x391)
        case 0x3B1...0x3C9: return Unicode.Scalar(0x1D6C2 + v - 0x3B1)
        default: return nil
        }
    }

    private static func italicScalar(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        let v = s.value
        switch v {
        case 0x68: return Unicode.Scalar(0x210E)
        case 0x41...0x5A: return Unicode.Scalar(0x1D434 + v - 0x41)
        case 0x61...0x7A: return Unicode.Scalar(0x1D44E + v - 0x61)
        default: return nil
        }
    }
}
