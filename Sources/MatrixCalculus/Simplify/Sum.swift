// Sums: `+`, `-`, negation. Canonical form: flattened, zeros dropped, constants folded, like
// terms collected (x + 2x → 3x), diagonal matrices merged (diag(u) + diag(v) → diag(u + v)),
// a common left or right matrix factor pulled out of a vector or matrix sum
// (xᵀA + xᵀAᵀ → xᵀ(A + Aᵀ)), terms sorted.
extension Expr {
    /// `a + b`, element-wise; a scalar operand is expanded to the other operand's shape.
    public static func add(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        _ = try elementwiseShape(a.shape, b.shape, operation: "+")
        return try sum([a, b])
    }

    /// `a - b`, element-wise; a scalar operand is expanded to the other operand's shape.
    public static func subtract(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        _ = try elementwiseShape(a.shape, b.shape, operation: "-")
        return try sum([a, try negate(b)])
    }

    /// `-a`: the product with the coefficient −1.
    public static func negate(_ a: Expr) throws(EngineError) -> Expr {
        try scale(a, by: .minusOne)
    }

    /// The sum of any number of terms (0 for none); shapes must agree up to scalar expansion.
    public static func sum(_ input: [Expr]) throws(EngineError) -> Expr {
        guard let first = input.first else { return zero }
        var shape = first.shape
        for term in input.dropFirst() {
            shape = try elementwiseShape(shape, term.shape, operation: "+")
        }
        if shape.isRow {
            var transposed: [Expr] = []
            for term in input { transposed.append(try transpose(term)) }
            return try transpose(try sum(transposed))
        }
        var flat: [Expr] = []
        for term in input {
            if case .sum(let terms) = term.kind { flat += terms } else { flat.append(term) }
        }
        if let literal = try addLiterals(flat, shape: shape) { return literal }

        var constant = Rational.zero
        var order: [Expr] = []
        var coefficients: [Expr: Rational] = [:]
        for term in flat where !term.isZero {
            if let value = term.numberValue {
                constant = constant + value
                continue
            }
            let (coefficient, rest) = try splitCoefficient(term)
            if let existing = coefficients[rest] {
                coefficients[rest] = existing + coefficient
            } else {
                coefficients[rest] = coefficient
                order.append(rest)
            }
        }
        var terms: [Expr] = []
        for rest in order {
            guard let coefficient = coefficients[rest], !coefficient.isZero else { continue }
            terms.append(try scale(rest, by: coefficient))
        }
        terms = try mergeDiagonals(terms)
        if !constant.isZero { terms.append(number(constant)) }
        if terms.isEmpty { return zeros(shape) }
        if terms.count == 1 {
            let single = terms[0]
            return single.shape == shape ? single : try product([single, ones(shape)])
        }
        if !shape.isScalar, let factored = try factorCommonFactor(terms) { return factored }
        terms.sort(by: Ordering.termPrecedes)
        return try node(.sum(terms), shape)
    }

    /// The shape of an element-wise operation: equal shapes, or a scalar expanded to the other.
    static func elementwiseShape(_ a: Shape, _ b: Shape, operation: String) throws(EngineError) -> Shape {
        if a == b || b.isScalar { return a }
        if a.isScalar { return b }
        throw .shapeMismatch(operation: operation, left: a, right: b, suggestion: nil)
    }

    /// A term as (numeric coefficient, the rest).
    static func splitCoefficient(_ term: Expr) throws(EngineError) -> (Rational, Expr) {
        guard case .product(let coefficient, let scalars, let factors) = term.kind, !coefficient.isOne else {
            return (.one, term)
        }
        let operands = scalars + factors
        if operands.count == 1 { return (coefficient, operands[0]) }
        return (coefficient, try node(.product(coefficient: .one, scalars: scalars, factors: factors), term.shape))
    }

    /// diag(u) + diag(v) → diag(u + v), so Jacobians of element-wise operations stay one diag.
    private static func mergeDiagonals(_ terms: [Expr]) throws(EngineError) -> [Expr] {
        var diagonals: [Expr] = []
        var others: [Expr] = []
        for term in terms {
            if case .diag(let vector) = term.kind { diagonals.append(vector) } else { others.append(term) }
        }
        guard diagonals.count >= 2 else { return terms }
        return others + [try diag(try sum(diagonals))]
    }

    /// Pulls a matrix factor shared by the left (or right) end of every term out of a
    /// non-scalar sum: the derivative of xᵀAx comes out as xᵀ(A + Aᵀ).
    private static func factorCommonFactor(_ terms: [Expr]) throws(EngineError) -> Expr? {
        var parts: [(Rational, [Expr], [Expr])] = []
        for term in terms {
            guard case .product(let coefficient, let scalars, let factors) = term.kind, factors.count >= 2 else {
                return nil
            }
            parts.append((coefficient, scalars, factors))
        }
        let left = parts[0].2[0]
        if parts.allSatisfy({ $0.2[0] == left }) {
            var rests: [Expr] = []
            for (coefficient, scalars, factors) in parts {
                rests.append(try product(coefficient: coefficient, scalars + Array(factors.dropFirst())))
            }
            return try product([left, try sum(rests)])
        }
        let right = parts[0].2[parts[0].2.count - 1]
        if parts.allSatisfy({ $0.2[$0.2.count - 1] == right }) {
            var rests: [Expr] = []
            for (coefficient, scalars, factors) in parts {
                rests.append(try product(coefficient: coefficient, scalars + Array(factors.dropLast())))
            }
            return try product([try sum(rests), right])
        }
        return nil
    }

    /// Sums whose non-scalar terms are all literals are added entry by entry.
    private static func addLiterals(_ terms: [Expr], shape: Shape) throws(EngineError) -> Expr? {
        guard !shape.isScalar, terms.contains(where: { $0.literalRows != nil }),
              terms.allSatisfy({ $0.shape.isScalar || $0.literalRows != nil }) else { return nil }
        return try entrywise(terms, shape: shape) { entries throws(EngineError) in try sum(entries) }
    }
}
