// Transpose, pushed down through sums and products so that every value has one canonical form:
// (AB)ᵀ = BᵀAᵀ, (A + B)ᵀ = Aᵀ + Bᵀ, (Aᵀ)ᵀ = A, sᵀ = s for a scalar, Wᵀ = W for a symmetric W,
// diag(u)ᵀ = diag(u), Iᵀ = I, (A⁻¹)ᵀ = (Aᵀ)⁻¹. Element-wise operations and sums of column
// vectors are the exception: they are built on columns and transposed as a whole, f(Xᵀ) = f(X)ᵀ,
// so the textbook's exp(x)ᵀ, (u ⊙ v)ᵀ and (Ax + b)ᵀ are the canonical forms.
extension Expr {
    /// `a.T`.
    public static func transpose(_ a: Expr) throws(EngineError) -> Expr {
        if a.shape.isScalar { return a }
        switch a.kind {
        case .symbol(let symbol):
            return symbol.isSymmetric ? a : try node(.transpose(a), a.shape.transposed)
        case .transpose(let inner):
            return inner
        case .sum where a.shape.isColumn:
            // A row-shaped sum is the transpose of a column sum: (Ax + b)ᵀ.
            return try node(.transpose(a), a.shape.transposed)
        case .sum(let terms):
            var transposed: [Expr] = []
            for term in terms { transposed.append(try transpose(term)) }
            return try sum(transposed)
        case .product(let coefficient, let scalars, let factors):
            var transposed: [Expr] = []
            for factor in factors.reversed() { transposed.append(try transpose(factor)) }
            return try product(coefficient: coefficient, scalars + transposed)
        case .hadamard, .power, .function, .maximum, .minimum:
            // Element-wise operations keep their transpose outside: exp(x)ᵀ, (u ⊙ v)ᵀ.
            return try node(.transpose(a), a.shape.transposed)
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
        case .number, .decimal, .size, .reduction, .component:
            // These are scalars, handled above.
            return a
        }
    }
}

extension Expr {
    /// For an element-wise operation of this shape: the operands to build it on, transposed,
    /// when the canonical form is the transpose of the operation (a row-shaped result, or every
    /// non-scalar operand a transpose); nil when it is built as it is.
    static func transposedOperands(_ operands: [Expr], shape: Shape) throws(EngineError) -> [Expr]? {
        let nonScalar = operands.filter { !$0.shape.isScalar }
        let allTransposed = !nonScalar.isEmpty && nonScalar.allSatisfy {
            if case .transpose = $0.kind { true } else { false }
        }
        guard shape.isRow || (shape.isMatrix && allTransposed) else { return nil }
        var transposed: [Expr] = []
        for operand in operands { transposed.append(try transpose(operand)) }
        return transposed
    }
}
