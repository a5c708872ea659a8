/// How a link in a lesson becomes a link in the site: a relative link to a `.md` file points
/// to the page that file becomes (`jacobian.md#shape` → `jacobian.html#shape`). Absolute
/// URLs (`https:`, `mailto:`, `/x.md`, `//host/x.md`), fragments alone and other files are
/// left as written.
public enum LessonLinkRewriting {
    public static func rewrite(_ destination: String) -> String {
        rewriteASCII(destination) ?? rewriteCharacterWise(destination)
    }

    /// `rewrite` for any text, read `Character` by `Character`.
    static func rewriteCharacterWise(_ destination: String) -> String {
        guard isRelativePath(destination) else { return destination }
        // The path ends where the query or the fragment starts.
        let pathEnd = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
        let path = destination[..<pathEnd]
        guard path.hasSuffix(".md"), path.count > 3, !path.hasSuffix("/.md") else { return destination }
        return path.dropLast(3) + ".html" + destination[pathEnd...]
    }

    /// `rewrite` for an all-ASCII destination (almost every link), read as bytes; `nil` for any
    /// other. Why: `rewrite` runs three times per link (page, notebook, link check), and
    /// searching its `Character`s for `:`, `?` and `#` cost more than the rest of the link's
    /// writing. Sound because in ASCII text each of those is a `Character` of its own (the only
    /// multi-scalar ASCII character is CRLF) and the scheme's letters are A–Z and a–z, so the
    /// byte search finds what the `Character` search finds.
    static func rewriteASCII(_ destination: String) -> String? {
        let bytes = destination.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard let first = bytes.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "#"), first != UInt8(ascii: "?") else {
            return destination
        }
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), isASCIIScheme(bytes[..<colon]) { return destination }
        let pathEnd = bytes.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.endIndex
        let path = bytes[..<pathEnd]
        guard path.count > 3, path.reversed().starts(with: ".md".utf8.reversed()), !path.reversed().starts(with: "/.md".utf8.reversed()) else {
            return destination
        }
        let stem = path.dropLast(3)
        return String(decoding: stem, as: UTF8.self) + ".html" + String(decoding: bytes[pathEnd...], as: UTF8.self)
    }

    /// `hasScheme`'s test of the text before the first `:`, on ASCII bytes.
    private static func isASCIIScheme(_ scheme: Substring.UTF8View) -> Bool {
        func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
        guard let first = scheme.first, isLetter(first) else { return false }
        return scheme.allSatisfy { byte in
            isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// Whether `destination` is a path relative to the lesson: not empty, no scheme, not
    /// starting with `/` or `#`.
    public static func isRelativePath(_ destination: String) -> Bool {
        guard let first = destination.first, first != "/", first != "#", first != "?" else { return false }
        return !hasScheme(destination)
    }

    /// `scheme:` as in RFC 3986: a letter, then letters, digits, `+`, `-`, `.`, then `:`.
    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
        return scheme.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar))
        }
    }
}
