/// Functions applied entry by entry. `sqrt` is kept as the power ½ and `relu` as `max(0, ·)`,
/// so that power and max rules (√(s²) = s, the piecewise derivative) apply to them uniformly.
public enum ElementwiseFunction: String, Hashable, Sendable, CaseIterable {
    case exp, log, sin, cos, tan, tanh, sigmoid, abs
    /// Heaviside: 0 where x ≤ 0, 1 where x > 0.
    case step
    /// −1, 0 or 1.
    case sign
}

/// Reductions of a vector or matrix to a scalar. (`mean` is `sum/size`, `dot(a, b)` is `aᵀb`.)
public enum Reduction: String, Hashable, Sendable, CaseIterable {
    /// The sum of all entries.
    case sum
    /// Euclidean norm of a vector, Frobenius norm of a matrix.
    case norm
    case trace
    case det
}

/// A comparison in a piecewise condition.
public enum Relation: String, Hashable, Sendable {
    case less = "<"
    case lessEqual = "≤"
    case greater = ">"
    case greaterEqual = "≥"
}

/// `lhs relation rhs` between two scalars, e.g. `w•x + b ≤ 0`.
public struct Condition: Hashable, Sendable {
    public let lhs: Expr
    public let relation: Relation
    public let rhs: Expr

    public init(_ lhs: Expr, _ relation: Relation, _ rhs: Expr) {
        self.lhs = lhs
        self.relation = relation
        self.rhs = rhs
    }
}

/// One branch of a piecewise value: `value` where `condition` holds.
public struct PiecewiseCase: Hashable, Sendable {
    public let condition: Condition
    public let value: Expr

    public init(_ condition: Condition, _ value: Expr) {
        self.condition = condition
        self.value = value
    }
}
