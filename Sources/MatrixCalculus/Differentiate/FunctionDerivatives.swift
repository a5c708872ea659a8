/// f′(u) for each element-wise function, as an expression of u's shape — the outer factor of
/// the chain rule. For a scalar u, abs′ is the piecewise value −1 where u < 0, 1 where u > 0,
/// with no case at the kink u = 0, where |u| has no derivative (as the textbook writes it; an
/// evaluation there is an error, not a made-up 0). Entry-wise on a vector or matrix, where a
/// piecewise value cannot hold one condition per entry, it is sign(u). step′ and sign′ are 0
/// away from the jump.
enum FunctionDerivatives {
    static func derivative(of function: ElementwiseFunction, at u: Expr) throws(EngineError) -> Expr {
        switch function {
        case .exp:
            return try Expr.exp(u)
        case .log:
            return try Expr.power(u, Expr.minusOne)
        case .sin:
            return try Expr.cos(u)
        case .cos:
            return try Expr.negate(try Expr.sin(u))
        case .tan:
            // 1/cos²(u)
            return try Expr.power(try Expr.cos(u), -2)
        case .tanh:
            return try Expr.subtract(Expr.one, try Expr.power(try Expr.apply(.tanh, u), 2))
        case .sigmoid:
            let s = try Expr.sigmoid(u)
            return try Expr.hadamard(s, try Expr.subtract(Expr.one, s))
        case .abs where u.shape.isScalar:
            return try Expr.piecewise([
                PiecewiseCase(Condition(u, .less, Expr.zero), Expr.minusOne),
                PiecewiseCase(Condition(u, .greater, Expr.zero), Expr.one),
            ])
        case .abs:
            return try Expr.apply(.sign, u)
        case .step, .sign:
            return Expr.zeros(u.shape)
        }
    }
}
