// Transpose, pushed down to the leaves so that every value has one canonical form:
// (AB)ᵀ = BᵀAᵀ, (A + B)ᵀ = Aᵀ + Bᵀ, (Aᵀ)ᵀ = A, f(X)ᵀ = f(Xᵀ), sᵀ = s for a scalar, Wᵀ = W for a
// symmetric W, diag(u)ᵀ = diag(u), Iᵀ = I, (A⁻¹)ᵀ = (Aᵀ)⁻¹.
extension Expr {
    /// `a.T`.
    public static func transpose(_ a: Expr) throws(EngineError) -> Expr {
        if a.shape.isScalar { return a }
        switch a.kind {
        case .symbol(let symbol):
            return symbol.isSymmetric ? a : try node(.transpose(a), a.shape.transposed)
        case .transpose(let inner):
            return inner
        case .sum(let terms):
            var transposed: [Expr] = []
            for term in terms { transposed.append(try transpose(term)) }
            return try sum(transposed)
        case .product(let coefficient, let scalars, let factors):
            var transposed: [Expr] = []
            for factor in factors.reversed() { transposed.append(try transpose(factor)) }
            return try product(coefficient: coefficient, scalars + transposed)
        case .hadamard(let factors):
            var transposed: [Expr] = []
            for factor in factors { transposed.append(try transpose(factor)) }
            return try hadamard(transposed)
        case .power(let base, let exponent):
            return try power(try transpose(base), exponent)
        case .function(let function, let argument):
            return try apply(function, try transpose(argument))
        case .maximum(let x, let y):
            return try maximum(try transpose(x), try transpose(y))
        case .minimum(let x, let y):
            return try minimum(try transpose(x), try transpose(y))
        case .inverse(let inner):
            return try inverse(try transpose(inner))
        case .diag, .identity:
            return a
        case .ones(let shape):
            return ones(shape.transposed)
        case .zeros(let shape):
            return zeros(shape.transposed)
        case .matrix(let rows):
            guard let first = rows.first else { return a }
            let columns = first.indices.map { j in rows.map { $0[j] } }
            return try matrix(columns)
        case .piecewise(let cases):
            var transposed: [PiecewiseCase] = []
            for piece in cases { transposed.append(PiecewiseCase(piece.condition, try transpose(piece.value))) }
            return try piecewise(transposed)
        case .number, .size, .reduction, .component:
            // These are scalars, handled above.
            return a
        }
    }
}
