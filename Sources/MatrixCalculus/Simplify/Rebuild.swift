// Rebuilding a node from new children through the builders, so that a pass which changes a few
// leaves (a refinement under a condition, a substitution) gets the canonical form back.
extension Expr {
    /// `e` with each direct child replaced by `transform(child)`, re-canonicalised by the
    /// builders. Conditions of a piecewise value are transformed like any other child.
    static func rebuilt(_ e: Expr, _ transform: (Expr) throws(EngineError) -> Expr) throws(EngineError) -> Expr {
        func all(_ list: [Expr]) throws(EngineError) -> [Expr] {
            var result: [Expr] = []
            result.reserveCapacity(list.count)
            for child in list { result.append(try transform(child)) }
            return result
        }
        switch e.kind {
        case .number, .decimal, .symbol, .size, .identity, .ones, .zeros:
            return e
        case .sum(let terms):
            return try sum(try all(terms))
        case .product(let coefficient, let scalars, let factors):
            return try product(coefficient: coefficient, try all(scalars) + (try all(factors)))
        case .hadamard(let factors):
            return try hadamard(try all(factors))
        case .power(let base, let exponent):
            return try power(try transform(base), try transform(exponent))
        case .function(let function, let argument):
            return try apply(function, try transform(argument))
        case .maximum(let a, let b):
            return try maximum(try transform(a), try transform(b))
        case .minimum(let a, let b):
            return try minimum(try transform(a), try transform(b))
        case .transpose(let argument):
            return try transpose(try transform(argument))
        case .reduction(let reduction, let argument):
            let x = try transform(argument)
            switch reduction {
            case .sum: return try reduceSum(x)
            case .norm: return try norm(x)
            case .trace: return try trace(x)
            case .det: return try det(x)
            }
        case .inverse(let argument):
            return try inverse(try transform(argument))
        case .diag(let argument):
            return try diag(try transform(argument))
        case .component(let argument, let row, let column):
            return try entry(try transform(argument), row, column)
        case .matrix(let rows):
            var result: [[Expr]] = []
            for row in rows { result.append(try all(row)) }
            return try matrix(result)
        case .piecewise(let cases):
            var result: [PiecewiseCase] = []
            for piece in cases {
                let condition = Condition(try transform(piece.condition.lhs), piece.condition.relation,
                                          try transform(piece.condition.rhs))
                result.append(PiecewiseCase(condition, try transform(piece.value)))
            }
            return try piecewise(result)
        }
    }
}
