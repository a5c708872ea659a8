import Foundation

/// Small facts about a link destination as written in Markdown.
enum LinkTarget {
    /// `https:`, `mailto:`, `data:`…: a destination with a URL scheme is not a file of the site.
    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// The file part: without `#fragment` or `?query`, percent-escapes decoded.
    static func pathPart(of destination: String) -> String {
        let end = destination.firstIndex { $0 == "#" || $0 == "?" } ?? destination.endIndex
        let path = String(destination[..<end])
        // Foundation's decoding copies the text through a CFString even when it holds no
        // escape, which is nearly every link.
        guard path.utf8.contains(UInt8(ascii: "%")) else { return path }
        return path.removingPercentEncoding ?? path
    }

    /// Whether the destination names a file relative to the page (not a web address, not
    /// site-absolute, not only a `#fragment`).
    static func isRelativeFile(_ destination: String) -> Bool {
        !destination.isEmpty && !hasScheme(destination) && !destination.hasPrefix("/")
            && !destination.hasPrefix("#") && !destination.hasPrefix("?")
    }
}
