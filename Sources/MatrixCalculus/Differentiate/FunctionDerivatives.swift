/// f′(u) for each element-wise function, as an expression of u's shape — the outer factor of
/// the chain rule. abs′ is sign(u), with sign(0) = 0 (the convention of the reference's rule
/// page, for scalars and entry-wise alike), so that a function differentiable at the kink
/// (|t|·t) has its derivative there. step′ and sign′ are 0 away from the jump.
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
        case .abs:
            return try Expr.apply(.sign, u)
        case .step, .sign:
            return Expr.zeros(u.shape)
        }
    }
}
