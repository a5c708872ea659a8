// Piecewise values, as derivatives of max, min and relu produce them. Canonical form: each case's
// value simplified under its own condition (`ConditionRefinement`: max(0, z) is z where z > 0),
// and a value whose cases all agree is that value.
extension Expr {
    /// A value by cases (`0 where z ≤ 0, 1 where z > 0`). All values share one shape; conditions
    /// compare scalars.
    public static func piecewise(_ cases: [PiecewiseCase]) throws(EngineError) -> Expr {
        guard let first = cases.first else { throw .invalidArgument("a piecewise value needs at least one case") }
        for piece in cases {
            guard piece.value.shape == first.value.shape else {
                throw .shapeMismatch(operation: "piecewise", left: first.value.shape, right: piece.value.shape, suggestion: nil)
            }
            guard piece.condition.lhs.shape.isScalar, piece.condition.rhs.shape.isScalar else {
                throw .invalidShape(operation: "a piecewise condition", shape: piece.condition.lhs.shape.isScalar ? piece.condition.rhs.shape : piece.condition.lhs.shape, expected: "scalars")
            }
        }
        var refined: [PiecewiseCase] = []
        refined.reserveCapacity(cases.count)
        for piece in cases {
            var refinement = try ConditionRefinement(piece.condition)
            refined.append(PiecewiseCase(piece.condition, try refinement.refine(piece.value)))
        }
        let value = refined[0].value
        if refined.allSatisfy({ $0.value == value }) { return value }
        return try node(.piecewise(refined), value.shape)
    }
}
