// Sums of piecewise values. Piecewise values come from the derivatives of max, min and |·|,
// which are continuous: a sum of such derivatives that takes one value on both sides of their
// common boundary is that value everywhere — at the boundary too, since a continuous function
// whose derivative has the same limit from both sides is differentiable there with that
// derivative. So d/dt (max(0, t) − max(0, −t)) is 1, and complementary cases fold.
extension Expr {
    /// The terms with their piecewise terms (all on one boundary, conditions on ±d) replaced by
    /// their common value, when they have one on both sides of d = 0; nil otherwise.
    static func foldedPiecewiseTerms(_ terms: [Expr]) throws(EngineError) -> [Expr]? {
        var pieces: [Int] = []
        for (index, term) in terms.enumerated() {
            if case .piecewise = term.kind { pieces.append(index) }
        }
        guard pieces.count >= 2, case .piecewise(let cases) = terms[pieces[0]].kind, let first = cases.first else { return nil }
        let boundary = try subtract(first.condition.lhs, first.condition.rhs)
        var sides: [Expr] = []
        for relation in [Relation.less, .greater] {
            var refinement = try ConditionRefinement(Condition(boundary, relation, zero))
            var parts: [Expr] = []
            for index in pieces {
                let decided = try refinement.refine(terms[index])
                if case .piecewise = decided.kind { return nil }
                parts.append(decided)
            }
            sides.append(try sum(parts))
        }
        guard sides[0] == sides[1] else { return nil }
        var result: [Expr] = []
        for (index, term) in terms.enumerated() where !pieces.contains(index) { result.append(term) }
        result.append(sides[0])
        return result
    }
}
