// Reductions to a scalar: sum, mean, norm, dot, trace, det. Canonical form: linear reductions
// pulled through sums and scalar factors, sum(1) = n, trace(I) = n, trace cycled when a
// rotation makes it a scalar (trace(xyᵀ) = yᵀx) and otherwise to one canonical rotation of the
// chain or of its transpose (trace(BA) = trace(AB), trace(A⁻¹BA) = trace(B)), det(AB) = det(A)det(B), det(Aᵀ) = det(A),
// det(A⁻¹) = det(A)⁻¹, `dot(a, b)` is aᵀb and `mean(x)` is sum(x)/size.
extension Expr {
    /// `sum(x)`: the sum of all entries.
    public static func reduceSum(_ x: Expr) throws(EngineError) -> Expr {
        if x.shape.isScalar { return x }
        switch x.kind {
        case .ones(let shape):
            return try multiply(size(shape.rows), size(shape.cols))
        case .sum(let terms):
            var reduced: [Expr] = []
            for term in terms {
                // A scalar term of a vector sum stands for itself times the number of entries.
                reduced.append(term.shape.isScalar ? try product([term, size(x.shape.rows), size(x.shape.cols)]) : try reduceSum(term))
            }
            return try sum(reduced)
        case .product(let c, let scalars, let factors) where !scalars.isEmpty || !c.isOne:
            return try product(coefficient: c, scalars + [try reduceSum(try product(factors))])
        case .product(_, _, let factors) where factors.count >= 2:
            // sum(M) = 1ᵀM1: sum(Ax) = 1ᵀAx, sum(xyᵀ) = sum(x)·sum(y).
            var operands = factors
            if !x.shape.rows.isOne { operands.insert(ones(Shape.row(x.shape.rows)), at: 0) }
            if !x.shape.cols.isOne { operands.append(ones(Shape.column(x.shape.cols))) }
            return try product(operands)
        case .diag(let vector):
            return try reduceSum(vector)
        case .identity(let n):
            return size(n)
        case .transpose(let inner):
            return try reduceSum(inner)
        case .matrix(let rows):
            return try sum(rows.flatMap { $0 })
        default:
            return try node(.reduction(.sum, x), .scalar)
        }
    }

    /// `mean(x)` = sum(x) / (number of entries).
    public static func mean(_ x: Expr) throws(EngineError) -> Expr {
        let count = try multiply(size(x.shape.rows), size(x.shape.cols))
        return try divide(try reduceSum(x), count)
    }

    /// `a • b`, `dot(a, b)`: vectors of one length (either orientation) → aᵀb.
    public static func dot(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        let column = { (e: Expr) throws(EngineError) -> Expr in e.shape.isRow ? try transpose(e) : e }
        let (u, v) = (try column(a), try column(b))
        guard (u.shape.isColumn || u.shape.isScalar), u.shape == v.shape else {
            throw .shapeMismatch(operation: "•", left: a.shape, right: b.shape,
                                 suggestion: u.shape.isMatrix || v.shape.isMatrix ? "• takes two vectors; use * for a matrix product" : nil)
        }
        return try multiply(try transpose(u), v)
    }

    /// `norm(x)`: Euclidean for a vector, Frobenius for a matrix, |x| for a scalar.
    public static func norm(_ x: Expr) throws(EngineError) -> Expr {
        if x.shape.isScalar { return try apply(.abs, x) }
        switch x.kind {
        case .zeros:
            return zero
        case .transpose(let inner):
            return try norm(inner)
        case .product(let c, let scalars, let factors) where factors.count == 1 && (!c.isOne || !scalars.isEmpty):
            var magnitudes: [Expr] = [number(c.isNegative ? -c : c)]
            for s in scalars { magnitudes.append(try apply(.abs, s)) }
            return try product(magnitudes + [try norm(factors[0])])
        case .matrix(let rows):
            var squares: [Expr] = []
            for entry in rows.flatMap({ $0 }) { squares.append(try power(entry, 2)) }
            return try sqrt(try sum(squares))
        default:
            return try node(.reduction(.norm, x), .scalar)
        }
    }

    /// `trace(A)` of a square matrix.
    public static func trace(_ a: Expr) throws(EngineError) -> Expr {
        guard a.shape.isSquare else { throw .invalidShape(operation: "trace", shape: a.shape, expected: "a square matrix") }
        if a.shape.isScalar { return a }
        switch a.kind {
        case .identity(let n):
            return size(n)
        case .ones(let shape):
            return size(shape.rows)
        case .zeros:
            return zero
        case .diag(let vector):
            return try reduceSum(vector)
        case .transpose(let inner):
            return try trace(inner)
        case .sum(let terms):
            var traces: [Expr] = []
            for term in terms {
                traces.append(term.shape.isScalar ? try multiply(term, size(a.shape.rows)) : try trace(term))
            }
            return try sum(traces)
        case .product(let c, let scalars, let factors) where !scalars.isEmpty || !c.isOne:
            return try product(coefficient: c, scalars + [try trace(try product(factors))])
        case .product(_, _, let factors) where factors.count >= 2 && factors[0].shape.isColumn:
            // trace(x·…) = trace(…·x): cycling a column to the end leaves a scalar.
            return try product(Array(factors.dropFirst()) + [factors[0]])
        case .product(_, _, let factors) where factors.count >= 2:
            // tr(AB) = tr(BA) and tr(M) = tr(Mᵀ): one canonical rotation of the chain or of its
            // transpose, so that tr(AB) − tr(BA) is 0 and tr(A⁻¹BA) meets A⁻¹A and is tr(B).
            let canonical = try canonicalTraceChain(factors)
            if canonical == factors { return try node(.reduction(.trace, a), .scalar) }
            let rotated = try product(canonical)
            // The rotation is already canonical when the product keeps it as it is (nothing
            // cancelled, no column in front): its trace is final without a second search.
            if case .product(let c, let scalars, let kept) = rotated.kind, c.isOne, scalars.isEmpty, kept == canonical,
               !canonical[0].shape.isColumn, !hasCancellingNeighbours(canonical) {
                return try node(.reduction(.trace, rotated), .scalar)
            }
            return try trace(rotated)
        case .matrix(let rows):
            return try sum(rows.indices.map { rows[$0][$0] })
        default:
            return try node(.reduction(.trace, a), .scalar)
        }
    }

    /// The least, in `Ordering`, of the cyclic rotations of a chain and of its transpose
    /// (factors compared one by one), a rotation that cancels (A⁻¹ next to A) preferred.
    /// Rotations are compared in place, by index, since every trace of a product comes here.
    private static func canonicalTraceChain(_ factors: [Expr]) throws(EngineError) -> [Expr] {
        let n = factors.count
        // A rotation by `shift` has every cyclic neighbour pair inside it but (shift − 1, shift):
        // the first shift ≥ 1 that keeps a cancelling pair inside.
        var cancelling = 0, first = 0
        for i in 0..<n where cancels(factors[i], factors[(i + 1) % n]) {
            if cancelling == 0 { first = i }
            cancelling += 1
        }
        if cancelling > 0 {
            let shift = cancelling > 1 || first != 0 ? 1 : 2
            if shift < n { return Array(factors[shift...] + factors[..<shift]) }
        }
        // A chain of plain symbols never loses to its transpose: each factor of that is a
        // transpose, which `Ordering` puts after every symbol. Such chains skip building it.
        var chains = [factors]
        if !factors.allSatisfy(transposesToANode) {
            var transposed: [Expr] = []
            transposed.reserveCapacity(n)
            for factor in factors.reversed() { transposed.append(try transpose(factor)) }
            chains.append(transposed)
        }
        var best = (chain: 0, shift: 0)
        for chain in chains.indices {
            for shift in 0..<n where rotation(chains[chain], shift, precedes: chains[best.chain], best.shift) {
                best = (chain, shift)
            }
        }
        if best == (0, 0) { return factors }
        let winner = chains[best.chain]
        return Array(winner[best.shift...] + winner[..<best.shift])
    }

    /// A symbol whose transpose is a `.transpose` node (not symmetric, not a scalar).
    private static func transposesToANode(_ e: Expr) -> Bool {
        if case .symbol(let symbol) = e.kind { return !symbol.isSymmetric && !e.shape.isScalar }
        return false
    }

    /// Whether two neighbours of a chain (not counting the last and the first) cancel.
    private static func hasCancellingNeighbours(_ factors: [Expr]) -> Bool {
        zip(factors, factors.dropFirst()).contains(where: cancels)
    }

    private static func cancels(_ a: Expr, _ b: Expr) -> Bool {
        if case .inverse(let m) = a.kind, m == b { return true }
        if case .inverse(let m) = b.kind, m == a { return true }
        return false
    }

    /// Whether `xs` rotated by `i` comes before `ys` rotated by `j`, factor by factor.
    private static func rotation(_ xs: [Expr], _ i: Int, precedes ys: [Expr], _ j: Int) -> Bool {
        let n = xs.count
        for k in 0..<n {
            let x = xs[(i + k) % n], y = ys[(j + k) % n]
            if x != y { return Ordering.factorPrecedes(x, y) }
        }
        return false
    }

    /// `det(A)` of a square matrix.
    public static func det(_ a: Expr) throws(EngineError) -> Expr {
        guard a.shape.isSquare else { throw .invalidShape(operation: "det", shape: a.shape, expected: "a square matrix") }
        if a.shape.isScalar { return a }
        switch a.kind {
        case .identity:
            return one
        case .zeros:
            return zero
        case .transpose(let inner):
            return try det(inner)
        case .inverse(let inner):
            return try power(try det(inner), minusOne)
        case .product(let c, let scalars, let factors) where factors.allSatisfy({ $0.shape.isSquare }):
            var operands: [Expr] = []
            if !c.isOne || !scalars.isEmpty {
                operands.append(try power(try product(coefficient: c, scalars), size(a.shape.rows)))
            }
            for factor in factors { operands.append(try det(factor)) }
            return try product(operands)
        case .matrix:
            if let size = a.shape.concreteSize, size.rows <= Limits.maxSymbolicDeterminantSize {
                return try Components.determinant(of: a)
            }
            return try node(.reduction(.det, a), .scalar)
        default:
            return try node(.reduction(.det, a), .scalar)
        }
    }
}
