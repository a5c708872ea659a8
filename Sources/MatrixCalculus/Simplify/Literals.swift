// Vector and matrix literals with scalar entries, components (`x[i]`, `A[i, j]`), and the
// entry-by-entry combination of literals used by the other builders.
extension Expr {
    /// `[a, b, c]`: a column vector of scalars (a single entry is that scalar).
    public static func vector(_ entries: [Expr]) throws(EngineError) -> Expr {
        try matrix(entries.map { [$0] })
    }

    /// `[[a, b], [c, d]]`: a matrix given by rows of scalars. All zeros is `zeros(m, n)`.
    public static func matrix(_ rows: [[Expr]]) throws(EngineError) -> Expr {
        guard let first = rows.first, !first.isEmpty else { throw .invalidArgument("a vector or matrix literal needs at least one entry") }
        guard rows.allSatisfy({ $0.count == first.count }) else {
            throw .invalidArgument("the rows of a matrix literal must have the same length")
        }
        guard rows.count <= Limits.maxComponents, first.count <= Limits.maxComponents / rows.count else {
            throw .limitExceeded("a literal with more than \(Limits.maxComponents) entries")
        }
        for entry in rows.flatMap({ $0 }) where !entry.shape.isScalar {
            throw .invalidShape(operation: "a matrix literal entry", shape: entry.shape, expected: "a scalar")
        }
        let shape = Shape(rows: .concrete(rows.count), cols: .concrete(first.count))
        if shape.isScalar { return first[0] }
        if rows.allSatisfy({ $0.allSatisfy(\.isZero) }) { return zeros(shape) }
        return try node(.matrix(rows), shape)
    }

    /// `x[i]`: component i (from 0) of a vector.
    public static func component(_ x: Expr, _ i: Int) throws(EngineError) -> Expr {
        if x.shape.isRow { return try entry(x, 0, i) }
        guard x.shape.isColumn || x.shape.isScalar else {
            throw .invalidShape(operation: "a single index", shape: x.shape, expected: "a vector (use A[i, j] for a matrix)")
        }
        return try entry(x, i, 0)
    }

    /// `A[i, j]`: the entry in row i, column j (from 0).
    public static func entry(_ x: Expr, _ i: Int, _ j: Int) throws(EngineError) -> Expr {
        let inRange = { (index: Int, dimension: Dimension) in
            index >= 0 && (dimension.concreteValue.map { index < $0 } ?? true)
        }
        guard inRange(i, x.shape.rows), inRange(j, x.shape.cols) else {
            throw .indexOutOfRange(index: x.shape.isColumn ? [i] : [i, j], shape: x.shape)
        }
        if x.shape.isScalar { return x }
        switch x.kind {
        case .matrix(let rows):
            return rows[i][j]
        case .identity:
            return i == j ? one : zero
        case .ones:
            return one
        case .zeros:
            return zero
        case .diag(let vector):
            return i == j ? try entry(vector, i, 0) : zero
        case .transpose(let inner):
            return try entry(inner, j, i)
        case .sum(let terms):
            var entries: [Expr] = []
            for term in terms { entries.append(term.shape.isScalar ? term : try entry(term, i, j)) }
            return try sum(entries)
        case .hadamard(let factors):
            var entries: [Expr] = []
            for factor in factors { entries.append(try entry(factor, i, j)) }
            return try product(entries)
        case .power(let base, let exponent):
            return try power(try entry(base, i, j), exponent)
        case .function(let function, let argument):
            return try apply(function, try entry(argument, i, j))
        case .maximum(let a, let b):
            return try maximum(a.shape.isScalar ? a : try entry(a, i, j), b.shape.isScalar ? b : try entry(b, i, j))
        case .minimum(let a, let b):
            return try minimum(a.shape.isScalar ? a : try entry(a, i, j), b.shape.isScalar ? b : try entry(b, i, j))
        case .product(let c, let scalars, let factors) where factors.count == 1:
            return try product(coefficient: c, scalars + [try entry(factors[0], i, j)])
        case .piecewise(let cases):
            var entries: [PiecewiseCase] = []
            for piece in cases { entries.append(PiecewiseCase(piece.condition, try entry(piece.value, i, j))) }
            return try piecewise(entries)
        default:
            return try node(.component(x, row: i, column: j), .scalar)
        }
    }

    /// The rows of a literal, or nil.
    var literalRows: [[Expr]]? {
        if case .matrix(let rows) = kind { return rows }
        return nil
    }

    /// Combines operands entry by entry into a literal of a concrete shape; scalar operands are
    /// used as they are for every entry.
    static func entrywise(
        _ operands: [Expr], shape: Shape, _ combine: ([Expr]) throws(EngineError) -> Expr
    ) throws(EngineError) -> Expr {
        guard let size = shape.concreteSize else {
            throw .symbolicSize(operation: "an entry-by-entry operation", shape: shape)
        }
        guard shape.entryCount(atMost: Limits.maxComponents) != nil else {
            throw .limitExceeded("more than \(Limits.maxComponents) entries")
        }
        var rows: [[Expr]] = []
        for i in 0..<size.rows {
            var row: [Expr] = []
            for j in 0..<size.cols {
                var entries: [Expr] = []
                for operand in operands { entries.append(operand.shape.isScalar ? operand : try entry(operand, i, j)) }
                row.append(try combine(entries))
            }
            rows.append(row)
        }
        return try matrix(rows)
    }
}
