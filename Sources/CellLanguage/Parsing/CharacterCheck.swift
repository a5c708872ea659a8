/// Characters a cell may not contain, refused with their location before the text reaches
/// swift-syntax.
///
/// - Bidirectional controls (U+202A–202E, U+2066–2069, U+200E/F, U+061C) reorder how text is
///   shown without changing what is parsed: they are how "Trojan Source" attacks make code read
///   differently from what runs.
/// - Other invisible format characters (zero-width spaces and joiners, U+FEFF, U+2060–2064, …)
///   and spaces other than the ordinary one (U+00A0, U+2000–200A, U+2028/9, U+202F, U+205F,
///   U+3000, …) look like nothing or like a space but are not one to the parser.
/// - U+FFFD (what invalid UTF-8 becomes) and control characters other than tab and line breaks.
///
/// Besides being misleading, all of these crash swift-syntax's fix-it code in some positions
/// (`x` U+200E `= 1`), so the check runs before the parser's diagnostics are ever asked for.
enum CharacterCheck {
    static func firstRefused(in text: String) -> CellError? {
        var offset = 0
        for scalar in text.unicodeScalars {
            let length = UTF8.width(scalar)
            if let kind = refusal(scalar) {
                let span = CellSpan(offset, offset + length)
                let shown = "U+" + hex(scalar.value)
                let message: String
                let replacement: String
                switch kind {
                case .bidirectional:
                    message = "the cell contains the invisible bidirectional control \(shown), which can make code read differently from what runs"
                    replacement = ""
                case .invisible:
                    message = "the cell contains the invisible character \(shown), which is not allowed here"
                    replacement = ""
                case .space:
                    message = "the cell contains the space character \(shown), which is not an ordinary space"
                    replacement = " "
                case .invalid:
                    message = "the cell contains the character \(scalar == "\u{FFFD}" ? "U+FFFD (invalid UTF-8)" : shown), which is not allowed here"
                    replacement = ""
                }
                return CellError(
                    id: .invalidCharacter,
                    message: message,
                    span: span,
                    fixIts: [.init(message: replacement.isEmpty ? "remove it" : "use an ordinary space", span: span, replacement: replacement)]
                )
            }
            offset += length
        }
        return nil
    }

    enum Refusal { case bidirectional, invisible, space, invalid }

    static func refusal(_ scalar: Unicode.Scalar) -> Refusal? {
        switch scalar.value {
        // Printable ASCII, nearly every character of a cell, needs no look-up of its category.
        case 0x09, 0x0A, 0x0D, 0x20...0x7E: return nil
        case 0xFFFD, 0x00..<0x20, 0x7F..<0xA0: return .invalid
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return .bidirectional
        default: break
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return .space
        case .format, .control: return .invisible
        default: return nil
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
