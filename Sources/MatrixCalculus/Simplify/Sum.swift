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
        if let folded = try foldRectifierPairs(flat) { return try sum(folded) }

        // Collect like terms by their non-numeric part. A term met once is kept as it is; only
        // merged terms are rebuilt, so a sum of n distinct terms costs n hash look-ups.
        var constant = Rational.zero
        var order: [LikeTerm] = []
        var collected: [LikeTerm: (coefficient: Rational, term: Expr, count: Int)] = [:]
        for term in flat where !term.isZero {
            if let value = term.numberValue {
                constant = constant + value
                continue
            }
            let (coefficient, like) = LikeTerm.split(term)
            if let existing = collected[like] {
                collected[like] = (existing.coefficient + coefficient, existing.term, existing.count + 1)
            } else {
                collected[like] = (coefficient, term, 1)
                order.append(like)
            }
        }
        var terms: [Expr] = []
        for like in order {
            guard let entry = collected[like], !entry.coefficient.isZero else { continue }
            terms.append(entry.count == 1 ? entry.term : try scale(try like.expression(shape: entry.term.shape), by: entry.coefficient))
        }
        terms = try mergeDiagonals(terms, shape: shape)
        if !constant.isZero { terms.append(number(constant)) }
        if terms.count >= 2 {
            // The normal form of the scalar parts, where it leaves fewer terms (NormalForm).
            if shape.isScalar, terms.contains(where: PolynomialForm.hasExpandableProduct),
               let collected = try NormalForm.collectedScalarSum(terms) {
                return collected
            }
            if !shape.isScalar, let collected = try NormalForm.collectedByMatrixPart(terms) {
                return try sum(collected)
            }
            if let folded = try foldedPiecewiseTerms(terms) { return try sum(folded) }
        }
        if terms.isEmpty { return zeros(shape) }
        if terms.count == 1 {
            let single = terms[0]
            return single.shape == shape ? single : try product([single, ones(shape)])
        }
        if !shape.isScalar, let factored = try factorCommonFactor(terms) { return factored }
        terms.sort(by: Ordering.termPrecedes)
        return try node(.sum(terms), shape)
    }

    /// c·max(0, u) − c·max(0, −u) = c·u: the two halves of a function written with rectifiers
    /// (a kink each) are the smooth function itself, so its derivative at 0 is u′, not the 0 that
    /// the tie convention would give each half. nil when no such pair is in the terms.
    private static func foldRectifierPairs(_ terms: [Expr]) throws(EngineError) -> [Expr]? {
        var rectified: [(index: Int, coefficient: Rational, argument: Expr)] = []
        for (index, term) in terms.enumerated() {
            let (coefficient, like) = LikeTerm.split(term)
            if let lone = like.lone, case .maximum(let zero, let u) = lone.kind, zero.isZero {
                rectified.append((index, coefficient, u))
            }
        }
        guard rectified.count >= 2 else { return nil }
        for i in rectified.indices {
            let negated = try negate(rectified[i].argument)
            for j in rectified.indices where j != i && rectified[j].argument == negated
                && rectified[j].coefficient == -rectified[i].coefficient {
                var result = terms
                result[rectified[i].index] = try scale(rectified[i].argument, by: rectified[i].coefficient)
                result.remove(at: rectified[j].index)
                return result
            }
        }
        return nil
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
    private static func mergeDiagonals(_ terms: [Expr], shape: Shape) throws(EngineError) -> [Expr] {
        guard shape.isMatrix else { return terms }
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

/// A term of a sum without its numeric coefficient, as the key that like terms share
/// (`2xy` and `-xy` both have `x·y`). Kept as the product's operands rather than as a node, so
/// that collecting the terms of a sum makes no new nodes.
private struct LikeTerm: Hashable {
    let scalars: [Expr]
    let factors: [Expr]

    /// (coefficient, key) of a term; the key of a product is its operands, of anything else
    /// the term itself (as the product's lone scalar or matrix operand).
    static func split(_ term: Expr) -> (Rational, LikeTerm) {
        if case .product(let coefficient, let scalars, let factors) = term.kind {
            if scalars.count + factors.count == 1 {
                return (coefficient, LikeTerm(lone: scalars.first ?? factors[0]))
            }
            return (coefficient, LikeTerm(scalars: scalars, factors: factors))
        }
        return (.one, LikeTerm(lone: term))
    }

    private init(scalars: [Expr], factors: [Expr]) {
        self.scalars = scalars
        self.factors = factors
    }

    private init(lone: Expr) {
        if lone.shape.isScalar { (scalars, factors) = ([lone], []) } else { (scalars, factors) = ([], [lone]) }
    }

    /// The one operand of a term that is a multiple of a single value.
    var lone: Expr? { scalars.count + factors.count == 1 ? scalars.first ?? factors[0] : nil }

    /// The key as an expression (the term with coefficient 1).
    func expression(shape: Shape) throws(EngineError) -> Expr {
        if scalars.count + factors.count == 1 { return scalars.first ?? factors[0] }
        return try Expr.node(.product(coefficient: .one, scalars: scalars, factors: factors), shape)
    }
}
