/// Escapes text for HTML content and double-quoted attribute values (`"`, `&`, `<`, `>`), the
/// same escapes the renderer applies; every stage that writes markup of its own uses this one.
public func escapeHTML(_ text: String) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    HTMLEscaping.appendEscapedHTML(text, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// `escapeHTML(text)` appended to `bytes`: for writers that build markup as bytes, without a
/// string per escaped piece.
public func appendEscapedHTML(_ text: String, to bytes: inout [UInt8]) {
    HTMLEscaping.appendEscapedHTML(text, to: &bytes)
}
