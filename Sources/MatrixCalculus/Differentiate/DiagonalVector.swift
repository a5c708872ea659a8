/// The diagonal of a square matrix X as a column, (X ⊙ I)·1 — what the adjoint of diag(u)
/// produces — rewritten without X where X's structure allows, so that its Jacobian needs no
/// third-order tensor: the diagonal of an outer product p·qᵀ is p ⊙ q, of L·diag(u)·R it is
/// (L ⊙ Rᵀ)·u, and the diagonal is linear over sums and ignores a transpose.
enum DiagonalVector {
    /// For the factors of a product [X ⊙ I, 1]: the diagonal of X rewritten, or nil.
    static func rewrite(_ factors: [Expr]) throws(EngineError) -> Expr? {
        guard factors.count == 2, case .ones = factors[1].kind, case .hadamard(let parts) = factors[0].kind,
              parts.count == 2 else { return nil }
        let matrices = parts.filter { if case .identity = $0.kind { false } else { true } }
        guard matrices.count == 1 else { return nil }
        return try diagonal(of: matrices[0])
    }

    /// u for a diagonal matrix diag(u), or for Y ⊙ I (u the diagonal of Y); nil otherwise.
    private static func diagonalOfDiagonalMatrix(_ x: Expr) throws(EngineError) -> Expr? {
        if case .diag(let u) = x.kind { return u }
        guard case .hadamard(let parts) = x.kind, parts.count == 2 else { return nil }
        let matrices = parts.filter { if case .identity = $0.kind { false } else { true } }
        guard matrices.count == 1 else { return nil }
        return try diagonal(of: matrices[0])
    }

    static func diagonal(of x: Expr) throws(EngineError) -> Expr? {
        switch x.kind {
        case .sum(let terms):
            var parts: [Expr] = []
            for term in terms {
                guard let part = try diagonal(of: term) else { return nil }
                parts.append(part)
            }
            return try Expr.sum(parts)
        case .transpose(let inner):
            return try diagonal(of: inner)
        case .diag, .hadamard:
            return try diagonalOfDiagonalMatrix(x)
        case .identity(let n):
            return Expr.ones(n)
        case .product(let coefficient, let scalars, let factors) where !factors.isEmpty:
            let scale = try Expr.product(coefficient: coefficient, scalars)
            // An outer product: (F₁⋯Fⱼ) a column times (Fⱼ₊₁⋯Fᵣ) a row.
            for j in 1..<factors.count {
                let left = try Expr.product(Array(factors[..<j])), right = try Expr.product(Array(factors[j...]))
                if left.shape.isColumn && right.shape.isRow {
                    return try Expr.multiply(scale, try Expr.hadamard(left, try Expr.transpose(right)))
                }
            }
            // L·diag(u)·R, where diag(u) may also be written (Y ⊙ I).
            for (j, factor) in factors.enumerated() {
                guard let u = try diagonalOfDiagonalMatrix(factor) else { continue }
                let n = u.shape.rows
                let left = j == 0 ? Expr.identity(n) : try Expr.product(Array(factors[..<j]))
                let right = j == factors.count - 1 ? Expr.identity(n) : try Expr.product(Array(factors[(j + 1)...]))
                let weights = try Expr.hadamard(left, try Expr.transpose(right))
                return try Expr.multiply(scale, try Expr.multiply(weights, u))
            }
            return nil
        default:
            return nil
        }
    }
}
