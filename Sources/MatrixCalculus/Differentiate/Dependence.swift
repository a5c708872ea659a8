/// Whether a subexpression depends on the variable. The symbol signature answers "no" in O(1)
/// for almost every subexpression that does not contain the variable; the rest are looked at
/// child by child, memoised over the DAG so that each shared node is visited once.
struct Dependence {
    let variable: Expr
    private var memo: [Expr: Bool] = [:]

    init(on variable: Expr) { self.variable = variable }

    mutating func check(_ e: Expr) -> Bool {
        if e == variable { return true }
        if !e.symbolSignature.mayContain(variable.symbolSignature) || e.depth == 1 { return false }
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
