/// Whether a subexpression depends on the variable, memoised over the DAG so that the
/// differentiators skip constant subtrees in O(1) after the first visit.
struct Dependence {
    let variable: Expr
    private var memo: [Expr: Bool] = [:]

    init(on variable: Expr) { self.variable = variable }

    mutating func check(_ e: Expr) -> Bool {
        if e == variable { return true }
        if let known = memo[e] { return known }
        var result = false
        for child in e.children where check(child) {
            result = true
            break
        }
        memo[e] = result
        return result
    }
}
