import BigInt

// Products: `*` (scalar multiplication and the matrix product) and `/` by a scalar.
// Canonical form: one numeric coefficient first; the scalar factors merged into powers
// (x·x → x²) and sorted; the ordered chain of matrix factors with I dropped, diag(u)·y → u ⊙ y,
// 1ᵀx → sum(x), A·A⁻¹ → I, products of literals and scalars times a literal written out
// entry by entry, and every 1×1 sub-chain (yᵀz inside x·yᵀ·z) pulled out as a scalar.
extension Expr {
    /// `a * b`: a scalar on either side scales; otherwise the matrix product of conformable
    /// shapes (row × column is a scalar, column × row an outer product).
    public static func multiply(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        if !a.shape.isScalar, !b.shape.isScalar, a.shape.cols != b.shape.rows {
            let bothVectors = (a.shape.isColumn && b.shape.isColumn) || (a.shape.isRow && b.shape.isRow)
            throw .shapeMismatch(
                operation: "*", left: a.shape, right: b.shape,
                suggestion: bothVectors ? "use • for the dot product or ⊙ for the element-wise product" : nil)
        }
        return try product([a, b])
    }

    /// The product of scalars, built at once: a written-out product of thousands of factors
    /// costs one pass instead of one per factor.
    public static func multiply(_ scalars: [Expr]) throws(EngineError) -> Expr {
        if let operand = scalars.first(where: { !$0.shape.isScalar }) {
            throw .invalidArgument("the n-ary product takes scalars, not \(operand.shape)")
        }
        return try product(scalars)
    }

    /// `a / b` for a scalar `b`.
    public static func divide(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        guard b.shape.isScalar else {
            throw .shapeMismatch(operation: "/", left: a.shape, right: b.shape,
                                 suggestion: "divide by a scalar, or use ⊘ for element-wise division")
        }
        if b.isZero { throw .divisionByZero }
        return try product([a, try power(b, minusOne)])
    }

    /// `c · e` for a constant c.
    public static func scale(_ e: Expr, by c: Rational) throws(EngineError) -> Expr {
        c.isOne ? e : try product(coefficient: c, [e])
    }

    /// The product of operands in order (matrix factors must already be conformable).
    static func product(coefficient initial: Rational = .one, _ operands: [Expr]) throws(EngineError) -> Expr {
        var coefficient = initial
        var scalars: [Expr] = []
        var factors: [Expr] = []
        var anyZero = coefficient.isZero
        for operand in operands {
            if operand.isZero { anyZero = true }
            switch operand.kind {
            case .number(let value):
                coefficient = coefficient * value
            case .product(let c, let s, let f):
                coefficient = coefficient * c
                scalars += s
                if operand.shape.isScalar, !f.isEmpty {
                    scalars.append(try node(.product(coefficient: .one, scalars: [], factors: f), .scalar))
                } else {
                    factors += f
                }
            default:
                if operand.shape.isScalar { scalars.append(operand) } else { factors.append(operand) }
            }
        }
        // A sum among other factors gives up its numeric content: (2a + 2b)·c → 2(a + b)·c,
        // so the coefficient is found however the product was built.
        if scalars.count + factors.count > 1 {
            for index in scalars.indices {
                let (content, primitive) = try extractContent(scalars[index])
                coefficient = coefficient * content
                scalars[index] = primitive
            }
            for index in factors.indices {
                let (content, primitive) = try extractContent(factors[index])
                coefficient = coefficient * content
                factors[index] = primitive
            }
        }
        let shape = factors.isEmpty ? Shape.scalar
            : Shape(rows: factors[0].shape.rows, cols: factors[factors.count - 1].shape.cols)
        if anyZero { return zeros(shape) }

        // A piecewise factor makes the whole product piecewise: c·{a if p; b if q} = {c·a if p; c·b if q}.
        let isPiecewise = { (e: Expr) -> Bool in if case .piecewise = e.kind { true } else { false } }
        if scalars.contains(where: isPiecewise) || factors.contains(where: isPiecewise) {
            let everything = scalars + factors
            if let index = everything.firstIndex(where: isPiecewise), case .piecewise(let cases) = everything[index].kind {
                var newCases: [PiecewiseCase] = []
                for piece in cases {
                    var replaced = everything
                    replaced[index] = piece.value
                    newCases.append(PiecewiseCase(piece.condition, try product(coefficient: coefficient, replaced)))
                }
                return try piecewise(newCases)
            }
        }

        switch try simplifyChain(factors) {
        case .rewritten(let newOperands):
            return try product(coefficient: coefficient, scalars + newOperands)
        case .zero:
            return zeros(shape)
        case .unchanged:
            break
        }

        let merged = try mergePowers(scalars)
        coefficient = coefficient * merged.coefficient
        scalars = merged.scalars
        if coefficient.isZero { return zeros(shape) }
        if let absorbed = try absorbedSign(scalars) {
            return try product(coefficient: coefficient, absorbed + factors)
        }
        // A denominator that divides its numerator cancels; exp(u)/(1 + exp(u)) is σ(u).
        if scalars.count >= 2, let cancelled = try NormalForm.cancelledQuotient(scalars) {
            return try product(coefficient: coefficient, cancelled + factors)
        }
        if let folded = try NamedForms.foldSigmoid(scalars) {
            return try product(coefficient: coefficient, folded + factors)
        }

        // A lone 1×1 chain among the scalars becomes the product's own chain: 2·(xᵀAx).
        if factors.isEmpty, scalars.contains(where: \.isScalarChain) {
            let chains = scalars.indices.filter { scalars[$0].isScalarChain }
            if chains.count == 1, case .product(_, _, let f) = scalars[chains[0]].kind {
                factors = f
                scalars.remove(at: chains[0])
            }
        }
        // Scalars times a lone literal go into its entries: 2·[1, x] → [2, 2x], t·[1, 2] → [t, 2t].
        if factors.count == 1, !coefficient.isOne || !scalars.isEmpty, factors[0].literalRows != nil {
            let scale = [number(coefficient)] + scalars
            return try entrywise([factors[0]], shape: shape) { x throws(EngineError) in try product(scale + [x[0]]) }
        }
        // A numeric coefficient of a lone sum is distributed: 2(x + y) → 2x + 2y.
        if scalars.count + factors.count == 1, !coefficient.isOne, case .sum(let terms) = (scalars + factors)[0].kind {
            var scaled: [Expr] = []
            for term in terms { scaled.append(try scale(term, by: coefficient)) }
            return try sum(scaled)
        }
        // …and of a lone transposed sum: 2(Ax + b)ᵀ → (2Ax + 2b)ᵀ, as transposing 2(Ax + b) gives.
        if scalars.isEmpty, factors.count == 1, !coefficient.isOne, case .transpose(let inner) = factors[0].kind,
           case .sum = inner.kind {
            return try transpose(try scale(inner, by: coefficient))
        }
        // Scalars go inside a lone diag: z·diag(u) → diag(z·u), so diagonals merge in sums.
        if factors.count == 1, case .diag(let vector) = factors[0].kind, !coefficient.isOne || !scalars.isEmpty {
            return try diag(try product(coefficient: coefficient, scalars + [vector]))
        }
        scalars.sort(by: Ordering.factorPrecedes)
        if shape.isScalar, factors.count >= 2 {
            factors = try canonicalOrientation(of: factors)
        }
        if scalars.isEmpty, factors.isEmpty { return number(coefficient) }
        if coefficient.isOne, scalars.count + factors.count == 1 { return (scalars + factors)[0] }
        return try node(.product(coefficient: coefficient, scalars: scalars, factors: factors), shape)
    }

    /// A sum as (content, primitive sum): the content is the rational that divides every
    /// coefficient, signed so that the primitive sum has more positive terms than negative ones
    /// (its first term positive on a tie), as the textbook pulls a minus sign out.
    /// Anything else is (1, itself).
    static func extractContent(_ e: Expr) throws(EngineError) -> (Rational, Expr) {
        if case .transpose(let inner) = e.kind, case .sum = inner.kind {
            let (content, primitive) = try extractContent(inner)
            return (content, try transpose(primitive))
        }
        guard case .sum(let terms) = e.kind else { return (.one, e) }
        var numerator = BigInt(0)
        var denominator = BigInt(1)
        for term in terms {
            let c = coefficientOf(term)
            numerator = numerator.greatestCommonDivisor(with: c.numerator)
            denominator = denominator / denominator.greatestCommonDivisor(with: c.denominator) * c.denominator
        }
        // The sign that leaves more positive than negative terms (−2(y − a − b) → 2(a + b − y)),
        // on a tie the one that makes positive the term that comes first regardless of sign — so
        // a sum and its negation share one primitive form (y − m and m − y both give y − m).
        let negatives = terms.count { coefficientOf($0).isNegative }
        let positives = terms.count - negatives
        var content = try Rational(numerator, denominator)
        if negatives > positives || (negatives == positives && coefficientOf(leadingIgnoringSign(terms)).isNegative) { content = -content }
        if content.isOne || content.isZero { return (.one, e) }
        let reciprocal = try content.reciprocal
        var divided: [Expr] = []
        for term in terms { divided.append(try scale(term, by: reciprocal)) }
        return (content, try sum(divided))
    }

    /// A chain that multiplies out to a scalar equals its transpose (uᵀv = vᵀu,
    /// xᵀAx = xᵀAᵀx); of the two orientations, the canonical one is the smaller in `Ordering`.
    private static func canonicalOrientation(of factors: [Expr]) throws(EngineError) -> [Expr] {
        var reversed: [Expr] = []
        for factor in factors.reversed() { reversed.append(try transpose(factor)) }
        for (a, b) in zip(factors, reversed) where a != b {
            return Ordering.factorPrecedes(b, a) ? reversed : factors
        }
        return factors
    }

    /// The term that sorts first when signs are ignored (the tie-break of `extractContent`); a
    /// constant among functions comes first, as in 1 − σ(x) and 1 − tanh(x)², otherwise the
    /// constant comes last (x − 1).
    private static func leadingIgnoringSign(_ terms: [Expr]) -> Expr {
        if let constant = terms.first(where: { $0.numberValue != nil }),
           terms.allSatisfy({ $0.numberValue != nil || isFunctionLike($0) }) {
            return constant
        }
        func magnitude(_ term: Expr) -> Expr {
            if case .product(let c, let scalars, let factors) = term.kind, c.isNegative,
               let positive = try? product(coefficient: -c, scalars + factors) {
                return positive
            }
            if let value = term.numberValue, value.isNegative { return number(-value) }
            return term
        }
        let candidates = terms.filter { $0.numberValue == nil }
        guard var best = candidates.first else { return terms[0] }
        var bestMagnitude = magnitude(best)
        for term in candidates.dropFirst() {
            let m = magnitude(term)
            if Ordering.termPrecedes(m, bestMagnitude) { (best, bestMagnitude) = (term, m) }
        }
        return best
    }

    /// A function value, a power of one, or a multiple of either (σ(x), tanh(x)², 2exp(x)).
    private static func isFunctionLike(_ term: Expr) -> Bool {
        switch term.kind {
        case .function: return true
        case .power(let base, _): return isFunctionLike(base)
        case .product(_, let scalars, let factors): return scalars.count + factors.count == 1 && isFunctionLike((scalars + factors)[0])
        default: return false
        }
    }

    /// The numeric coefficient of a term (a number is its own coefficient).
    private static func coefficientOf(_ term: Expr) -> Rational {
        if let value = term.numberValue { return value }
        if case .product(let coefficient, _, _) = term.kind { return coefficient }
        return .one
    }

    /// A product node made only of a matrix chain that multiplies out to 1×1 (xᵀAx).
    var isScalarChain: Bool {
        if case .product(let c, let s, let f) = kind, c.isOne, s.isEmpty, !f.isEmpty { return true }
        return false
    }

    private enum ChainResult {
        case unchanged
        case zero
        /// The chain changed: multiply these operands (in order) instead.
        case rewritten([Expr])
    }

    /// One pass of the matrix-chain identities; a rewrite restarts the product.
    private static func simplifyChain(_ factors: [Expr]) throws(EngineError) -> ChainResult {
        if factors.count >= 2, let index = factors.firstIndex(where: \.isIdentity) {
            var rest = factors
            rest.remove(at: index)
            return .rewritten(rest)
        }
        if factors.contains(where: \.isZero) { return .zero }
        // diag(u) at an end of a chain that multiplies out to a vector: diag(u)·A·b → u ⊙ (Ab),
        // aᵀ·A·diag(u) → (u ⊙ Aᵀa)ᵀ.
        if factors.count >= 3, case .diag(let u) = factors[0].kind, factors[factors.count - 1].shape.cols.isOne {
            return .rewritten([try hadamard(u, try product(Array(factors.dropFirst())))])
        }
        if factors.count >= 3, case .diag(let u) = factors[factors.count - 1].kind, factors[0].shape.rows.isOne {
            let rest = try transpose(try product(Array(factors.dropLast())))
            return .rewritten([try transpose(try hadamard(u, rest))])
        }
        for i in 0..<max(0, factors.count - 1) {
            let a = factors[i], b = factors[i + 1]
            if let replacement = try simplifyPair(a, b) {
                return .rewritten(Array(factors[..<i]) + replacement + Array(factors[(i + 2)...]))
            }
        }
        // Pull out 1×1 sub-chains that are not the whole chain: x·yᵀ·z → (yᵀz)·x.
        for i in factors.indices where factors[i].shape.rows.isOne {
            guard let j = factors[i...].firstIndex(where: { $0.shape.cols.isOne }) else { break }
            if i == 0 && j == factors.count - 1 { break }
            let inner = try product(Array(factors[i...j]))
            return .rewritten([inner] + Array(factors[..<i]) + Array(factors[(j + 1)...]))
        }
        return .unchanged
    }

    /// Identities of two adjacent matrix factors; nil when none applies.
    private static func simplifyPair(_ a: Expr, _ b: Expr) throws(EngineError) -> [Expr]? {
        // A row times a matrix sum with a term that absorbs it (I, diag, 𝟏·…) is distributed:
        // yᵀ(𝟏sᵀ − I) → sum(y)sᵀ − yᵀ; and alike for a matrix sum times a column.
        if a.shape.rows.isOne, case .sum(let terms) = b.kind, terms.contains(where: { absorbs($0, fromLeft: true) }) {
            var distributed: [Expr] = []
            for term in terms { distributed.append(try product([a, term])) }
            return [try sum(distributed)]
        }
        if b.shape.cols.isOne, case .sum(let terms) = a.kind, terms.contains(where: { absorbs($0, fromLeft: false) }) {
            var distributed: [Expr] = []
            for term in terms { distributed.append(try product([term, b])) }
            return [try sum(distributed)]
        }
        // aᵀb where a ⊙ b cancels: (y ⊘ s)ᵀs = sum(y), as the chain rule through a softmax meets it.
        if a.shape.isRow, b.shape.isColumn, let sum = try cancellingDot(a, b) { return [sum] }
        switch (a.kind, b.kind) {
        case (.diag(let u), .diag(let v)):
            return [try diag(try hadamard(u, v))]
        case (.diag(let u), _) where b.shape.isColumn:
            return [try hadamard(u, b)]
        case (_, .diag(let u)) where a.shape.isRow:
            return [try transpose(try hadamard(try transpose(a), u))]
        case (.ones, _) where a.shape.isRow && b.shape.isColumn:
            return [try reduceSum(b)]
        case (_, .ones) where a.shape.isRow && b.shape.isColumn:
            return [try reduceSum(a)]
        case (.ones, .ones) where a.shape.isColumn && b.shape.isRow:
            return [ones(Shape(rows: a.shape.rows, cols: b.shape.cols))]
        case (.matrix(let left), .matrix(let right)):
            // Explicit entries on both sides: the product is written out ([1, 1]ᵀ[1, 2t] is a 2×2 literal).
            return [try matrix(try Components.multiply(left, right))]
        case (.inverse(let m), _) where m == b:
            return [identity(b.shape.cols)]
        case (_, .inverse(let m)) where m == a:
            return [identity(a.shape.rows)]
        default:
            return nil
        }
    }

    /// sum(p ⊙ b) for a row a = pᵀ and a column b when a reciprocal cancels in p ⊙ b, leaving
    /// fewer operands than the longer of the two (or 𝟏); nil otherwise.
    private static func cancellingDot(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr? {
        func operands(_ e: Expr) -> Int {
            if case .hadamard(let list) = e.kind { return list.count }
            return 1
        }
        func hasReciprocal(_ e: Expr) -> Bool {
            let list: [Expr]
            if case .hadamard(let operands) = e.kind { list = operands } else { list = [e] }
            return list.contains { if case .power(_, let p) = $0.kind, p.numberValue?.isNegative == true { true } else { false } }
        }
        guard case .transpose(let p) = a.kind, p.shape.isColumn, hasReciprocal(p) || hasReciprocal(b) else { return nil }
        let elementwise = try hadamard(p, b)
        if case .ones = elementwise.kind {} else {
            guard operands(elementwise) < max(operands(p), operands(b)) else { return nil }
        }
        return try reduceSum(elementwise)
    }

    /// A matrix term that a vector multiplied on its `fromLeft` side simplifies with: I, diag(u),
    /// or a product whose end there is I, diag or 𝟏.
    private static func absorbs(_ term: Expr, fromLeft: Bool) -> Bool {
        guard term.shape.isMatrix else { return false }
        let end: Expr
        if case .product(_, _, let factors) = term.kind, let edge = fromLeft ? factors.first : factors.last { end = edge } else { end = term }
        switch end.kind {
        case .identity, .diag, .ones: return true
        default: return false
        }
    }

    /// Whether two factors share a base (x and x², or x and x⁻¹): pairwise, since products are
    /// short and this runs for every product built.
    private static func hasRepeatedBase(_ factors: [Expr]) -> Bool {
        func base(_ e: Expr) -> Expr {
            if case .power(let b, _) = e.kind { return b }
            return e
        }
        for i in factors.indices {
            let bi = base(factors[i])
            for j in factors.indices where j > i && base(factors[j]) == bi { return true }
        }
        return false
    }

    /// A sign beside its own argument's power, as the textbook writes it: sign(u)·u = |u|,
    /// sign(u)·|u| = u, and for an integer k ≠ 0, sign(u)·uᵏ = |u|ᵏ (k odd), |u|·uᵏ⁻¹ (k even
    /// and positive: x²·sign(x) = x|x|), |u|⁻¹·uᵏ⁺¹ (k even and negative), sign(u)·|u|ᵏ = uᵏ
    /// (k odd), u·|u|ᵏ⁻¹ (k even). Each side is 0 where u = 0 (or undefined there alike, for a
    /// negative k), so the identity holds everywhere. The factors without the sign, or `nil`
    /// when no factor is the sign of another's base.
    private static func absorbedSign(_ scalars: [Expr]) throws(EngineError) -> [Expr]? {
        guard scalars.count >= 2 else { return nil }
        for (signIndex, factor) in scalars.enumerated() {
            guard case .function(.sign, let u) = factor.kind else { continue }
            for (index, other) in scalars.enumerated() where index != signIndex {
                let (base, exponent): (Expr, Expr)
                if case .power(let b, let e) = other.kind { (base, exponent) = (b, e) } else { (base, exponent) = (other, one) }
                guard let k = exponent.numberValue, k.isInteger, !k.isZero else { continue }
                let kIsOdd = !k.numerator.isMultiple(of: 2)
                let rewritten: [Expr]
                if base == u {
                    let absolute = try apply(.abs, u)
                    if kIsOdd {
                        rewritten = [try power(absolute, exponent)]
                    } else if k.isNegative {
                        rewritten = [try power(absolute, number(.minusOne)), try power(u, number(k + .one))]
                    } else {
                        rewritten = [absolute, try power(u, number(k - .one))]
                    }
                } else if case .function(.abs, let inner) = base.kind, inner == u {
                    rewritten = kIsOdd ? [try power(u, exponent)] : [u, try power(base, number(k - .one))]
                } else {
                    continue
                }
                var rest = scalars
                rest[index] = try product(rewritten)
                rest.remove(at: signIndex)
                return rest
            }
        }
        return nil
    }

    /// Merges scalar factors with equal bases: x·x → x², x²·x⁻¹ → x. Numbers that appear are
    /// returned as a coefficient.
    private static func mergePowers(_ scalars: [Expr]) throws(EngineError) -> (coefficient: Rational, scalars: [Expr]) {
        // Nothing to merge in a product of one scalar factor — the common case, kept cheap.
        if scalars.count < 2 { return (.one, scalars) }
        if scalars.count <= 16, !hasRepeatedBase(scalars) { return (.one, scalars) }
        var order: [Expr] = []
        var exponents: [Expr: [Expr]] = [:]
        for factor in scalars {
            let (base, exponent): (Expr, Expr)
            if case .power(let b, let e) = factor.kind { (base, exponent) = (b, e) } else { (base, exponent) = (factor, one) }
            if exponents[base] == nil { order.append(base) }
            exponents[base, default: []].append(exponent)
        }
        var coefficient = Rational.one
        var result: [Expr] = []
        for base in order {
            guard let list = exponents[base] else { continue }
            let merged = list.count == 1 ? (list[0].isOne ? base : try power(base, list[0]))
                : try power(base, try sum(list))
            switch merged.kind {
            case .number(let value):
                coefficient = coefficient * value
            case .product(let c, let s, let f) where f.isEmpty:
                coefficient = coefficient * c
                result += s
            default:
                result.append(merged)
            }
        }
        return (coefficient, result)
    }
}
