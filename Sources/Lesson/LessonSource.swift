#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lesson file as read from disk: where it is and what it says.
public struct LessonSource: Hashable, Sendable {
    /// Relative to the project root, e.g. `lessons/jacobian.md`; diagnostics use it as is.
    public var path: String
    /// The file's text with each carriage return that no line feed follows made a line feed
    /// (`lineEndsNormalized`).
    public private(set) var text: String
    /// How a page names the lesson in the diagnostics it shows (an `expect-error` cell's
    /// error): `path` when that is relative to the project, else the path inside the lessons
    /// folder — a reader never sees the author's absolute path.
    public var pagePath: String

    public init(path: String, text: String, pagePath: String? = nil) {
        self.path = path
        self.text = Self.lineEndsNormalized(text)
        self.pagePath = pagePath ?? path
    }

    /// `text` with every carriage return not followed by a line feed replaced by a line feed;
    /// CR LF stays. CommonMark ends a line at a lone carriage return as at a line feed, but the
    /// passes around cmark (the prose-math scanner, line numbers, quoted source lines, the
    /// notebook's lines) count line feeds: a lone carriage return made them disagree, and math
    /// they took for one line could reach cmark as two (its placeholder then showed on the page
    /// inside a `math` block or a fence's info string). The same text as every old-Mac line
    /// end read as a line end, as cmark and most editors read it.
    static func lineEndsNormalized(_ text: String) -> String {
        var text = text
        // Looked for with `memchr` (a lesson has none, or one before every line feed).
        let hasLoneCarriageReturn = text.withUTF8 { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index < bytes.count, let found = memchr(base + index, 0x0D, bytes.count - index) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if offset + 1 == bytes.count || bytes[offset + 1] != 0x0A { return true }
                index = offset + 2
            }
            return false
        }
        guard hasLoneCarriageReturn else { return text }
        var bytes = Array(text.utf8)
        for index in bytes.indices where bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A) {
            bytes[index] = 0x0A
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The file name without folder and extension: the title of last resort.
    public var baseName: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
