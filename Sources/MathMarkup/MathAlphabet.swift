/// The math alphabets (TeX's font commands) and their Unicode Mathematical Alphanumeric Symbols,
/// the one table for prose math (`\mathbf{W}`) and the engine's outputs (a matrix `W`), so
/// that a symbol is the same code point wherever it appears on a page.
///
/// MathML Core honours only `mathvariant="normal"`, so bold, double-struck, calligraphic and
/// the like are written as the dedicated code points (U+1D400…), which every math font has.
/// A few letters live outside that block ("holes" such as ℝ or ℋ) and are mapped explicitly.
public enum MathAlphabet: Equatable, Sendable {
    case roman, bold, italic, boldItalic, doubleStruck, script, fraktur, sansSerif, monospace
    /// `\boldsymbol`: bold, keeping each symbol's usual slant.
    case boldSymbol

    /// Maps one character; `upright` says whether the character is upright without a font
    /// (capital Greek, ∂ and ∇ are; Latin and lower-case Greek letters are not).
    /// Returns the new text and whether it still needs `mathvariant="normal"`.
    public func map(_ scalar: Unicode.Scalar, upright: Bool) -> (text: String, upright: Bool) {
        switch self {
        case .roman:
            return (String(scalar), true)
        case .boldSymbol:
            if upright || isDigit(scalar) {
                return MathAlphabet.bold.map(scalar, upright: upright)
            }
            return MathAlphabet.boldItalic.map(scalar, upright: upright)
        default:
            if let mapped = mappedScalar(scalar) { return (String(mapped), false) }
            // No styled form (an operator, say): keep the character and its usual shape.
            return (String(scalar), upright)
        }
    }

    /// `text` in this alphabet, character by character (characters without a styled form are
    /// kept): the engine's bold vectors (𝐱) and italic long names (𝑙𝑜𝑠𝑠).
    public func styled(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if let mapped = mappedScalar(scalar) { result.unicodeScalars.append(mapped) } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    private func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }

    private func mappedScalar(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        if let hole = holes[s] { return hole }
        let v = s.value
        let latinBase: UInt32?
        let digitBase: UInt32?
        let greekBase: UInt32?
        switch self {
        case .bold: (latinBase, digitBase, greekBase) = (0x1D400, 0x1D7CE, 0x1D6A8)
        case .italic: (latinBase, digitBase, greekBase) = (0x1D434, nil, 0x1D6E2)
        case .boldItalic: (latinBase, digitBase, greekBase) = (0x1D468, 0x1D7CE, 0x1D71C)
        case .doubleStruck: (latinBase, digitBase, greekBase) = (0x1D538, 0x1D7D8, nil)
        case .script: (latinBase, digitBase, greekBase) = (0x1D49C, nil, nil)
        case .fraktur: (latinBase, digitBase, greekBase) = (0x1D504, nil, nil)
        case .sansSerif: (latinBase, digitBase, greekBase) = (0x1D5A0, 0x1D7E2, nil)
        case .monospace: (latinBase, digitBase, greekBase) = (0x1D670, 0x1D7F6, nil)
        case .roman, .boldSymbol: return nil
        }
        if let base = latinBase {
            if v >= 0x41, v <= 0x5A { return Unicode.Scalar(base + v - 0x41) }
            if v >= 0x61, v <= 0x7A { return Unicode.Scalar(base + 26 + v - 0x61) }
        }
        if let base = digitBase, v >= 0x30, v <= 0x39 { return Unicode.Scalar(base + v - 0x30) }
        if let base = greekBase {
            // Each Greek block: Α…Ω (with ϴ where U+03A2 would be), ∇, α…ω, ∂, ϵ ϑ ϰ ϕ ϱ ϖ.
            if v >= 0x391, v <= 0x3A9, v != 0x3A2 { return Unicode.Scalar(base + v - 0x391) }
            if v >= 0x3B1, v <= 0x3C9 { return Unicode.Scalar(base + 26 + v - 0x3B1) }
            if let offset = Self.greekTail[v] { return Unicode.Scalar(base + offset) }
        }
        return nil
    }

    /// Offsets in each Greek block after the capitals and small letters: ∇ ∂ ϵ ϑ ϰ ϕ ϱ ϖ.
    private static let greekTail: [UInt32: UInt32] = [0x2207: 25, 0x2202: 51, 0x3F5: 52, 0x3D1: 53, 0x3F0: 54,
                                                      0x3D5: 55, 0x3F1: 56, 0x3D6: 57]

    /// Letters that Unicode encoded in Letterlike Symbols before the mathematical block.
    private var holes: [Unicode.Scalar: Unicode.Scalar] {
        switch self {
        case .italic: Self.italicHoles
        case .script: Self.scriptHoles
        case .fraktur: Self.frakturHoles
        case .doubleStruck: Self.doubleStruckHoles
        default: [:]
        }
    }

    private static let italicHoles: [Unicode.Scalar: Unicode.Scalar] = ["h": "ℎ"]
    private static let scriptHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ", "e": "ℯ", "g": "ℊ", "o": "ℴ",
    ]
    private static let frakturHoles: [Unicode.Scalar: Unicode.Scalar] = ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"]
    private static let doubleStruckHoles: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ",
    ]

    /// The font commands, by name without `\`.
    public static let commands: [String: MathAlphabet] = [
        "mathrm": .roman, "mathbf": .bold, "mathit": .italic, "mathbb": .doubleStruck,
        "mathcal": .script, "mathscr": .script, "mathfrak": .fraktur, "mathsf": .sansSerif,
        "mathtt": .monospace, "boldsymbol": .boldSymbol, "bm": .boldSymbol, "mathbfit": .boldItalic,
    ]
}
