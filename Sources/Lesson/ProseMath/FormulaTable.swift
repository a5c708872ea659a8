/// Values by `ProseMathRenderer.FormulaKey`: a span's in an array by its number, a math
/// block's in a dictionary. Every formula is looked up several times between reading and
/// writing, and hashing its key was a visible part of a large lesson's build (45,000 sections,
/// three formulas each).
struct FormulaTable<Value> {
    private var spans: [Value?]
    /// Math blocks (few), and any span number beyond `spans`.
    private var others: [ProseMathRenderer.FormulaKey: Value] = [:]

    init(spanCount: Int) {
        spans = Array(repeating: nil, count: spanCount)
    }

    subscript(key: ProseMathRenderer.FormulaKey) -> Value? {
        get {
            if case .span(let number) = key, spans.indices.contains(number) { return spans[number] }
            return others[key]
        }
        set {
            if case .span(let number) = key, spans.indices.contains(number) {
                spans[number] = newValue
            } else {
                others[key] = newValue
            }
        }
    }
}
