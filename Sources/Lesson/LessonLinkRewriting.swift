/// How a link in a lesson becomes a link in the site: a relative link to a `.md` file points
/// to the page that file becomes (`jacobian.md#shape` → `jacobian.html#shape`). Absolute
/// URLs (`https:`, `mailto:`, `/x.md`, `//host/x.md`), fragments alone and other files are
/// left as written.
public enum LessonLinkRewriting {
    public static func rewrite(_ destination: String) -> String {
        guard isRelativePath(destination) else { return destination }
        // The path ends where the query or the fragment starts.
        let pathEnd = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
        let path = destination[..<pathEnd]
        guard path.hasSuffix(".md"), path.count > 3, !path.hasSuffix("/.md") else { return destination }
        return path.dropLast(3) + ".html" + destination[pathEnd...]
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
