// inverse and diag. Canonical form: (A⁻¹)⁻¹ = A, I⁻¹ = I, (cA)⁻¹ = c⁻¹A⁻¹,
// (AB)⁻¹ = B⁻¹A⁻¹ for square factors, diag(u)⁻¹ = diag(u⁻¹), the inverse of a scalar is a power;
// diag(1) = I, diag(0) = 0.
extension Expr {
    /// `inverse(A)` of a square matrix (a scalar's reciprocal for a scalar).
    public static func inverse(_ a: Expr) throws(EngineError) -> Expr {
        guard a.shape.isSquare else { throw .invalidShape(operation: "inverse", shape: a.shape, expected: "a square matrix") }
        if a.shape.isScalar {
            if a.isZero { throw .divisionByZero }
            return try power(a, minusOne)
        }
        switch a.kind {
        case .inverse(let inner):
            return inner
        case .identity:
            return a
        case .zeros:
            throw .divisionByZero
        case .diag(let vector):
            return try diag(try power(vector, minusOne))
        case .matrix(let rows) where rows.count <= Limits.maxSymbolicDeterminantSize
                && rows.allSatisfy({ $0.allSatisfy { $0.numberValue != nil } }):
            // A matrix of numbers has an exact inverse to show: [[2, 1], [1, 1]]⁻¹ is [[1, −1], [−1, 2]].
            return try Components.inverse(of: a)
        case .product(let c, let scalars, let factors) where factors.allSatisfy({ $0.shape.isSquare }):
            var operands: [Expr] = []
            if !c.isOne || !scalars.isEmpty {
                operands.append(try power(try product(coefficient: c, scalars), minusOne))
            }
            for factor in factors.reversed() { operands.append(try inverse(factor)) }
            return try product(operands)
        default:
            return try node(.inverse(a), a.shape)
        }
    }

    /// `diag(x)`: the square matrix with the entries of the vector x on its diagonal.
    public static func diag(_ x: Expr) throws(EngineError) -> Expr {
        if x.shape.isScalar { return x }
        guard x.shape.isVector else { throw .invalidShape(operation: "diag", shape: x.shape, expected: "a vector") }
        let vector = x.shape.isRow ? try transpose(x) : x
        switch vector.kind {
        case .ones:
            return identity(vector.shape.rows)
        case .zeros:
            return zeros(Shape(rows: vector.shape.rows, cols: vector.shape.rows))
        case .matrix(let rows):
            let n = rows.count
            guard n <= Limits.maxComponents / n else {
                throw .limitExceeded("more than \(Limits.maxComponents) entries")
            }
            return try matrix((0..<n).map { i in (0..<n).map { j in i == j ? rows[i][0] : zero } })
        default:
            return try node(.diag(vector), Shape(rows: vector.shape.rows, cols: vector.shape.rows))
        }
    }
}
