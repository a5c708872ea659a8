/// Characters that change how the text around them is displayed without being seen
/// themselves: the bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069),
/// and the C0/C1 control characters.
///
/// In a title, a front-matter value or a setting they have no use, and they are how "Trojan
/// Source" text hides what it says (U+202E turns `txt.exe` into `exe.txt` on screen), so such
/// values are refused with the character's position instead of reaching a page.
public enum InvisibleControls {
    /// The first such character in `text` (tab allowed) and its 0-based offset in scalars.
    public static func first(in text: some StringProtocol) -> (scalar: Unicode.Scalar, offset: Int)? {
        for (offset, scalar) in text.unicodeScalars.enumerated() where isRefused(scalar) {
            return (scalar, offset)
        }
        return nil
    }

    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` without them.
    public static func removing(from text: String) -> String {
        guard first(in: text) != nil else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isRefused($0) }))
    }

    /// `U+202E (RIGHT-TO-LEFT OVERRIDE)`, for messages.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        guard let name = scalar.properties.name ?? scalar.properties.nameAlias else {
            return code + " (a control character)"
        }
        return code + " (" + name + ")"
    }
}
