@testable import TeXMath

/// The presentation markup of a formula, without the `<math>`/`<semantics>` wrapper and the
/// annotation, so construct tests read as the MathML they expect.
func presentation(_ tex: String, display: Bool = false) throws -> String {
    let full = try TeXToMathML.convert(tex, display: display)
    // Inline is MathML's default display, written without the attribute.
    let prefix = display ? "<math display=\"block\"><semantics>" : "<math><semantics>"
    let parts = full.split(separator: "<annotation", maxSplits: 1)
    guard full.hasPrefix(prefix), parts.count == 2 else { return full }
    return String(parts[0].dropFirst(prefix.count))
}

/// The error a formula fails with, or `nil` if it converts.
func conversionError(_ tex: String) -> TeXError? {
    do {
        _ = try TeXToMathML.convert(tex, display: false)
        return nil
    } catch {
        return error
    }
}
