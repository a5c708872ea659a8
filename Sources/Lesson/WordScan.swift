#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a lesson's text may hold something a pass looks for, found by bytes before the pass
/// walks the lesson's tree: most lessons have no cells and cite nothing, and walking a 10 MB
/// lesson's million nodes to find none took a tenth of a second per pass.
enum WordScan {
    /// Whether `text` contains `word` or an `&` (a character reference, `&#115;`, is decoded
    /// by cmark in a fence's info string and in text, so it could spell any word).
    ///
    /// Two `memchr` scans (`containsSyntax`): byte by byte, the scans of the 10 MB lesson by the
    /// notebook and citation passes took 25 ms on one core before its page could be made.
    static func mayContain(_ text: String, _ word: String) -> Bool {
        word.isEmpty || containsSyntax(text, word) || containsSyntax(text, "&")
    }

    /// Whether `text` may hold an `@` once cmark has decoded it: an `@` itself, a numeric
    /// character reference (`&#64;`, `&#x40;`) or `&commat;`, the one named reference that
    /// HTML (and cmark's table) decodes to `@`. Narrower than `mayContain(text, "@")`, which
    /// takes any `&`: TeX's alignment `&` is in most lessons with matrices (890 of the
    /// 1000-lesson corpus), and the citation pass walked each of their trees for nothing.
    static func mayContainAtSign(_ text: String) -> Bool {
        containsSyntax(text, "@") || containsSyntax(text, "&#") || containsSyntax(text, "&commat;")
    }

    /// Whether `text`'s bytes contain `word`'s, for Markdown syntax that no character reference
    /// can spell: cmark reads `&#33;[` as text, never as the start of an image. The first byte
    /// is looked for with `memchr`: each final rewrite scans a lesson so, and byte by byte the
    /// scans of the 10 MB lesson took 50 ms on one core.
    static func containsSyntax(_ text: String, _ word: String) -> Bool {
        let word = Array(word.utf8)
        guard let first = word.first else { return true }
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let base = bytes.baseAddress else { return false }
            var index = 0
            while index + word.count <= bytes.count,
                  let hit = memchr(base + index, Int32(first), bytes.count - index) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                guard offset + word.count <= bytes.count else { return false }
                if UnsafeBufferPointer(rebasing: bytes[offset..<(offset + word.count)]).elementsEqual(word) { return true }
                index = offset + 1
            }
            return false
        }
        return found ?? true
    }
}
