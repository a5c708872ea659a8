/// The convention for the derivative of max and min at a tie (the cell language reference,
/// "Calculus"): max(u, v)′ is u′ where u ≥ v and v′ where u < v — at a tie the first argument
/// wins, so max(0, z)′ = 0 at z = 0 as in Parr & Howard — and min(u, v)′ is u′ where u ≤ v,
/// v′ where u > v. Scalar and element-wise forms follow the same rule; every differentiator
/// takes its cases and weights from here so that they cannot disagree.
enum ExtremumConvention {
    /// The two cases of a scalar max or min: where the first argument wins, then the second.
    static func conditions(_ a: Expr, _ b: Expr, isMaximum: Bool) -> (first: Condition, second: Condition) {
        isMaximum
            ? (Condition(b, .lessEqual, a), Condition(b, .greater, a))
            : (Condition(a, .lessEqual, b), Condition(a, .greater, b))
    }

    /// Element-wise 0/1 weights of the two arguments' derivatives, summing to 1 in every entry:
    /// the second argument's is step(b − a) for max (step(a − b) for min), which is 0 at a tie,
    /// and the first argument's is 1 minus it.
    static func weights(_ a: Expr, _ b: Expr, isMaximum: Bool) throws(EngineError) -> (first: Expr, second: Expr) {
        let second = try Expr.apply(.step, isMaximum ? try Expr.subtract(b, a) : try Expr.subtract(a, b))
        return (try Expr.subtract(Expr.one, second), second)
    }
}
