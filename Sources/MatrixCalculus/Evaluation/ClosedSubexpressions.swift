/// Which subexpressions are closed — no symbols and no symbolic sizes anywhere below them — so
/// they have one numeric value. Memoised per node, because substitution and `decimal(digits:)`
/// ask it of every node of a DAG whose parts are shared.
struct ClosedSubexpressions {
    private var known: [Expr: Bool] = [:]

    mutating func contains(_ e: Expr) -> Bool {
        if let answer = known[e] { return answer }
        var result: Bool
        switch e.kind {
        case .symbol: result = false
        case .size(let dimension): result = dimension.concreteValue != nil
        default: result = e.shape.concreteSize != nil
        }
        if result {
            for child in e.children where !contains(child) {
                result = false
                break
            }
        }
        known[e] = result
        return result
    }
}
