/// The escapes cmark-gfm's HTML renderer applies, reproduced byte for byte so our output
/// matches it exactly.
enum HTMLEscaping {
    /// Text and attribute values: `"`, `&`, `<`, `>` (cmark leaves `'` and `/` alone).
    static func appendEscapedHTML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Most text needs no escaping: copy it in one go. The test is written out rather
            // than read from a table: a static table is a lazily made global, and reading it
            // calls swift_once for every byte of every text node (0.3% of a build's CPU).
            guard bytes.contains(where: { $0 <= UInt8(ascii: ">") && needsEscape($0) }) else {
                out.append(contentsOf: bytes)
                return
            }
            appendEscapedHTML(bytes, to: &out)
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
    }

    static func appendEscapedHTML(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: quot)
            case UInt8(ascii: "&"): out.append(contentsOf: amp)
            case UInt8(ascii: "<"): out.append(contentsOf: lt)
            case UInt8(ascii: ">"): out.append(contentsOf: gt)
            default: out.append(byte)
            }
        }
    }

    /// URLs in `href` and `src`: URL-safe ASCII kept, `&` and `'` as entities, everything else
    /// percent-encoded (upper-case hex), as cmark's `houdini_escape_href`.
    static func appendEscapedHref(_ text: String, to out: inout [UInt8]) {
        // Read once, not once per byte (a static table's every read is a swift_once call).
        let hrefSafe = Self.hrefSafe
        for byte in text.utf8 {
            if hrefSafe[Int(byte)] {
                out.append(byte)
            } else if byte == UInt8(ascii: "&") {
                out.append(contentsOf: amp)
            } else if byte == UInt8(ascii: "'") {
                out.append(contentsOf: apos)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    /// Whether a URL would run script or read local files (`javascript:`, `vbscript:`,
    /// `file:`, and `data:` unless it is a PNG, GIF, JPEG or WebP image); safe mode empties those.
    static func isDangerousURL(_ url: String) -> Bool {
        let lower = url.utf8.prefix(16).map { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
        func hasPrefix(_ prefix: String) -> Bool { lower.starts(with: prefix.utf8) }
        if hasPrefix("data:image/png") || hasPrefix("data:image/gif")
            || hasPrefix("data:image/jpeg") || hasPrefix("data:image/webp") {
            return false
        }
        return hasPrefix("javascript:") || hasPrefix("vbscript:") || hasPrefix("file:") || hasPrefix("data:")
    }

    private static let quot = Array("&quot;".utf8)
    private static let amp = Array("&amp;".utf8)
    private static let lt = Array("&lt;".utf8)
    private static let gt = Array("&gt;".utf8)
    private static let apos = Array("&#x27;".utf8)
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static let hrefSafe: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        let safe = "-_.+!*(),%#@?=;:/$~" + "abcdefghijklmnopqrstuvwxyz" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "0123456789"
        for byte in safe.utf8 { table[Int(byte)] = true }
        return table
    }()
}

/// GFM's tagfilter: when raw HTML is let through, these tags still are not, because they
/// change how the rest of the page parses. Their `<` is written as `&lt;`.
enum TagFilter {
    private static let disallowed: [[UInt8]] = [
        "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
    ].map { Array($0.utf8) }

    /// Whether the HTML starting at `start` opens or closes a disallowed tag.
    static func isDisallowedTag(_ bytes: [UInt8], at start: Int) -> Bool {
        disallowed.contains { matches(bytes, at: start, name: $0) }
    }

    private static func matches(_ bytes: [UInt8], at start: Int, name: [UInt8]) -> Bool {
        guard bytes.count - start >= 3, bytes[start] == UInt8(ascii: "<") else { return false }
        var index = start + 1
        if bytes[index] == UInt8(ascii: "/") { index += 1 }
        for letter in name {
            guard index < bytes.count else { return false }
            let byte = bytes[index]
            let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
            guard lower == letter else { return false }
            index += 1
        }
        guard index < bytes.count else { return false }
        let next = bytes[index]
        if [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, UInt8(ascii: ">")].contains(next) { return true }
        return next == UInt8(ascii: "/") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: ">")
    }

    /// An inline HTML tag; only its own opening `<` is checked, as cmark does.
    static func appendFilteredInline(_ html: String, to out: inout [UInt8]) {
        let bytes = Array(html.utf8)
        if isDisallowedTag(bytes, at: 0) {
            out.append(contentsOf: "&lt;".utf8)
            out.append(contentsOf: bytes.dropFirst())
        } else {
            out.append(contentsOf: bytes)
        }
    }

    /// An HTML block with the `<` of every disallowed tag in it escaped.
    static func appendFilteredBlock(_ html: String, to out: inout [UInt8]) {
        let bytes = Array(html.utf8)
        for index in bytes.indices {
            if bytes[index] == UInt8(ascii: "<"), isDisallowedTag(bytes, at: index) {
                out.append(contentsOf: "&lt;".utf8)
            } else {
                out.append(bytes[index])
            }
        }
    }
}
