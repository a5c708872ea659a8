// `components(e)`: a value of concrete size written out entry by entry, as literals of scalar
// expressions (diag(w) for w: Vector<3> → the 3×3 matrix with w₁, w₂, w₃ on its diagonal).
extension Expr {
    /// Writes every vector or matrix inside `e` out entry by entry. Symbolic sizes are an error.
    public static func components(_ e: Expr) throws(EngineError) -> Expr {
        var expander = Components()
        return try expander.expand(e)
    }
}

/// The components pass, memoised over the DAG.
struct Components {
    private var memo: [Expr: Expr] = [:]

    mutating func expand(_ e: Expr) throws(EngineError) -> Expr {
        if let done = memo[e] { return done }
        let result = try expandUncached(e)
        memo[e] = result
        return result
    }

    private mutating func expandUncached(_ e: Expr) throws(EngineError) -> Expr {
        if !e.shape.isScalar, e.shape.concreteSize == nil {
            throw .symbolicSize(operation: "components", shape: e.shape)
        }
        switch e.kind {
        case .number, .decimal, .size:
            return e
        case .symbol:
            return e.shape.isScalar ? e : try Expr.entrywise([e], shape: e.shape) { x throws(EngineError) in x[0] }
        case .identity, .ones, .zeros:
            return try Expr.entrywise([e], shape: e.shape) { x throws(EngineError) in x[0] }
        case .sum(let terms):
            return try Expr.sum(try expandAll(terms))
        case .product(let c, let scalars, let factors):
            var result = try Expr.product(coefficient: c, try expandAll(scalars))
            var chain: [[Expr]]? = nil
            for factor in factors {
                let rows = try Components.rows(of: try expand(factor))
                chain = try chain.map { left throws(EngineError) in try Components.multiply(left, rows) } ?? rows
            }
            if let chain {
                let literal = try Expr.matrix(chain)
                result = literal.shape.isScalar ? try Expr.multiply(result, literal)
                    : try Expr.entrywise([literal], shape: literal.shape) { x throws(EngineError) in try Expr.multiply(result, x[0]) }
            }
            return result
        case .hadamard(let factors):
            return try literalize(try Expr.hadamard(try expandAll(factors)))
        case .power(let base, let exponent):
            let b = try expand(base), p = try expand(exponent)
            if b.shape.isScalar { return try Expr.power(b, p) }
            return try Expr.entrywise([b], shape: b.shape) { x throws(EngineError) in try Expr.power(x[0], p) }
        case .function(let function, let argument):
            return try Expr.apply(function, try expand(argument))
        case .maximum(let a, let b):
            return try Expr.maximum(try expand(a), try expand(b))
        case .minimum(let a, let b):
            return try Expr.minimum(try expand(a), try expand(b))
        case .transpose(let argument):
            return try Expr.transpose(try expand(argument))
        case .reduction(let reduction, let argument):
            let expanded = try expand(argument)
            switch reduction {
            case .sum: return try Expr.reduceSum(expanded)
            case .norm: return try Expr.norm(expanded)
            case .trace: return try Expr.trace(expanded)
            case .det: return try Components.determinant(of: expanded)
            }
        case .inverse(let argument):
            return try Components.inverse(of: try expand(argument))
        case .diag(let argument):
            return try Expr.diag(try expand(argument))
        case .component(let argument, let row, let column):
            return try Expr.entry(try expand(argument), row, column)
        case .matrix(let rows):
            var expanded: [[Expr]] = []
            for row in rows { expanded.append(try expandAll(row)) }
            return try Expr.matrix(expanded)
        case .piecewise(let cases):
            var expanded: [PiecewiseCase] = []
            for piece in cases {
                let condition = Condition(try expand(piece.condition.lhs), piece.condition.relation, try expand(piece.condition.rhs))
                expanded.append(PiecewiseCase(condition, try expand(piece.value)))
            }
            return try Expr.piecewise(expanded)
        }
    }

    private mutating func expandAll(_ list: [Expr]) throws(EngineError) -> [Expr] {
        var result: [Expr] = []
        for e in list { result.append(try expand(e)) }
        return result
    }

    /// A scalar multiple of a literal becomes one literal.
    private func literalize(_ e: Expr) throws(EngineError) -> Expr {
        if e.shape.isScalar || e.literalRows != nil { return e }
        return try Expr.matrix(try Components.rows(of: e))
    }

    /// The rows of an expanded non-scalar value.
    static func rows(of e: Expr) throws(EngineError) -> [[Expr]] {
        if e.shape.isScalar { return [[e]] }
        if let rows = e.literalRows { return rows }
        guard let size = e.shape.concreteSize else { throw .symbolicSize(operation: "components", shape: e.shape) }
        guard e.shape.entryCount(atMost: Limits.maxComponents) != nil else {
            throw .limitExceeded("more than \(Limits.maxComponents) entries")
        }
        var rows: [[Expr]] = []
        for i in 0..<size.rows {
            var row: [Expr] = []
            for j in 0..<size.cols { row.append(try Expr.entry(e, i, j)) }
            rows.append(row)
        }
        return rows
    }

    static func multiply(_ a: [[Expr]], _ b: [[Expr]]) throws(EngineError) -> [[Expr]] {
        var result: [[Expr]] = []
        for row in a {
            var out: [Expr] = []
            for j in b[0].indices {
                var terms: [Expr] = []
                for k in row.indices { terms.append(try Expr.multiply(row[k], b[k][j])) }
                out.append(try Expr.sum(terms))
            }
            result.append(out)
        }
        return result
    }

    /// Cofactor expansion along the first row (sizes up to `Limits.maxSymbolicDeterminantSize`).
    static func determinant(of e: Expr) throws(EngineError) -> Expr {
        let m = try rows(of: e)
        guard m.count <= Limits.maxSymbolicDeterminantSize else {
            throw .limitExceeded("a symbolic determinant larger than \(Limits.maxSymbolicDeterminantSize)×\(Limits.maxSymbolicDeterminantSize)")
        }
        return try determinant(m)
    }

    private static func determinant(_ m: [[Expr]]) throws(EngineError) -> Expr {
        if m.count == 1 { return m[0][0] }
        var terms: [Expr] = []
        for j in m.indices where !m[0][j].isZero {
            let minor = m.dropFirst().map { row in row.enumerated().filter { $0.offset != j }.map(\.element) }
            let signed = try Expr.scale(m[0][j], by: j % 2 == 0 ? .one : .minusOne)
            terms.append(try Expr.multiply(signed, try determinant(minor)))
        }
        return try Expr.sum(terms)
    }

    /// The inverse by the adjugate: adj(A)/det(A).
    static func inverse(of e: Expr) throws(EngineError) -> Expr {
        let m = try rows(of: e)
        let n = m.count
        guard n <= Limits.maxSymbolicDeterminantSize else {
            throw .limitExceeded("a symbolic inverse larger than \(Limits.maxSymbolicDeterminantSize)×\(Limits.maxSymbolicDeterminantSize)")
        }
        let d = try determinant(m)
        if d.isZero { throw .divisionByZero }
        if n == 1 { return try Expr.power(m[0][0], Expr.minusOne) }
        var rows: [[Expr]] = []
        for i in 0..<n {
            var row: [Expr] = []
            for j in 0..<n {
                // Entry (i, j) of the adjugate is the cofactor (j, i).
                let minor = m.enumerated().filter { $0.offset != j }.map { $0.element.enumerated().filter { $0.offset != i }.map(\.element) }
                let cofactor = try Expr.scale(try determinant(minor), by: (i + j) % 2 == 0 ? .one : .minusOne)
                row.append(try Expr.divide(cofactor, d))
            }
            rows.append(row)
        }
        return try Expr.matrix(rows)
    }
}
