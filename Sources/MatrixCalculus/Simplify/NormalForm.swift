// The normal form of the scalar parts of expressions, applied by the sum and product builders
// where it makes the result shorter, and by `checkEquality` to decide identities. Vectors and
// matrices keep their matrix form: only their scalar coefficients are brought to normal form.
enum NormalForm {
    /// The terms of a scalar sum with products of sums expanded and like terms collected, when
    /// that leaves no more terms than there were (a(b + 1) − ab − a → 0, (x + 1)² − x² → 2x + 1;
    /// expanding a product of sums adds terms, so an equal count means some cancelled); nil
    /// otherwise, so a factored result a textbook prints (3(x + 1)² + y) stays factored.
    static func collectedScalarSum(_ terms: [Expr]) throws(EngineError) -> Expr? {
        var total = Polynomial.zero
        for term in terms {
            guard let p = PolynomialForm.of(term) else { return nil }
            total = total + p
            guard total.count <= Polynomial.maxTerms else { return nil }
        }
        guard total.count <= terms.count else { return nil }
        let expanded = try total.termExpressions()
        // Nothing changed (every term was already a monomial): no new sum to build.
        if expanded.count == terms.count, Set(expanded) == Set(terms) { return nil }
        return try Expr.sum(expanded)
    }

    /// Terms of a vector or matrix sum that share their matrix part (c·a·x and c·b·x share x)
    /// with their scalar parts collected, when the collected coefficient has no more terms than
    /// the group: a(b + 1)x − abx − ax → 0, and the gradient of logistic regression
    /// −(y − 1)σ(u)x − y(1 − σ(u))x → (σ(u) − y)x as a textbook prints it. A monomial common to
    /// every term of the coefficient stays a factor: (σ − σ²)xxᵀ is σ(1 − σ)xxᵀ. Nil when
    /// nothing collects.
    static func collectedByMatrixPart(_ terms: [Expr]) throws(EngineError) -> [Expr]? {
        var groups: [[Expr]: [Int]] = [:]
        var order: [[Expr]] = []
        for (index, term) in terms.enumerated() {
            guard let key = matrixPart(of: term) else { continue }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        var replaced: [Int: Expr] = [:]
        var dropped = Set<Int>()
        for key in order {
            guard let indices = groups[key], indices.count >= 2 else { continue }
            var coefficient = Polynomial.zero
            for index in indices {
                guard let p = PolynomialForm.of(try scalarPart(of: terms[index])) else { return nil }
                coefficient = coefficient + p
            }
            guard coefficient.count <= indices.count else { continue }
            replaced[indices[0]] = try Expr.product(try factoredCoefficient(coefficient) + key)
            dropped.formUnion(indices.dropFirst())
        }
        if replaced.isEmpty { return nil }
        var result: [Expr] = []
        for (index, term) in terms.enumerated() where !dropped.contains(index) {
            result.append(replaced[index] ?? term)
        }
        return result
    }

    /// A collected coefficient as the operands of a product: its monomial content apart when it
    /// has one (σ(1 − σ), not σ − σ²), else the sum itself.
    private static func factoredCoefficient(_ coefficient: Polynomial) throws(EngineError) -> [Expr] {
        if let (content, quotient) = coefficient.monomialContent(), quotient.isPolynomial {
            return [try content.expression(), try Expr.sum(try quotient.termExpressions())]
        }
        return [try Expr.sum(try coefficient.termExpressions())]
    }

    /// The ordered matrix factors of a non-scalar term (nil for a scalar term).
    private static func matrixPart(of term: Expr) -> [Expr]? {
        if term.shape.isScalar { return nil }
        if case .product(_, _, let factors) = term.kind, !factors.isEmpty { return factors }
        return [term]
    }

    /// The scalar coefficient of a non-scalar term: c·scalars of a product, else 1.
    private static func scalarPart(of term: Expr) throws(EngineError) -> Expr {
        if case .product(let c, let scalars, let factors) = term.kind, !factors.isEmpty {
            return try Expr.product(coefficient: c, scalars)
        }
        return Expr.one
    }

    /// Scalar factors of a product with a denominator that divides the numerator cancelled:
    /// (x² − 1)·(x − 1)⁻¹ → x + 1, and (x − 1)·(x² − 1)⁻¹ → (x + 1)⁻¹. Nil when nothing cancels.
    static func cancelledQuotient(_ scalars: [Expr]) throws(EngineError) -> [Expr]? {
        var numerators: [Int] = []
        var denominators: [(index: Int, base: Expr, exponent: Int)] = []
        for (index, scalar) in scalars.enumerated() {
            switch scalar.kind {
            case .sum:
                numerators.append(index)
            case .power(let base, let exponent):
                guard case .sum = base.kind, let p = exponent.numberValue, p.isInteger, let n = p.intValue else { continue }
                if n > 0 { numerators.append(index) } else { denominators.append((index, base, -n)) }
            default:
                continue
            }
        }
        guard !numerators.isEmpty, !denominators.isEmpty else { return nil }
        var numerator = Polynomial.one
        for index in numerators {
            guard let p = PolynomialForm.of(scalars[index]), let next = numerator.times(p) else { return nil }
            numerator = next
        }
        guard numerator.isPolynomial else { return nil }
        var remaining: [Int: Int] = [:]
        var cancelled = false
        for denominator in denominators {
            guard let divisor = PolynomialForm.of(denominator.base), divisor.isPolynomial,
                  divisor.constantValue == nil else { continue }
            var exponent = denominator.exponent
            while exponent > 0, let quotient = numerator.exactlyDivided(by: divisor) {
                numerator = quotient
                exponent -= 1
                cancelled = true
            }
            remaining[denominator.index] = exponent
        }
        if cancelled {
            var result: [Expr] = []
            let numeratorIndices = Set(numerators)
            for (index, scalar) in scalars.enumerated() where !numeratorIndices.contains(index) {
                if let exponent = remaining[index] {
                    if exponent > 0, case .power(let base, _) = scalar.kind { result.append(try Expr.power(base, -exponent)) }
                } else {
                    result.append(scalar)
                }
            }
            result.append(try Expr.sum(try numerator.termExpressions()))
            return result
        }
        // A numerator that divides a denominator: (x − 1)/(x² − 1) → 1/(x + 1).
        for numeratorIndex in numerators {
            guard case .sum = scalars[numeratorIndex].kind, let top = PolynomialForm.of(scalars[numeratorIndex]),
                  top.isPolynomial, top.constantValue == nil else { continue }
            for denominator in denominators where denominator.exponent == 1 {
                guard let bottom = PolynomialForm.of(denominator.base),
                      let quotient = bottom.exactlyDivided(by: top) else { continue }
                var result: [Expr] = []
                for (index, scalar) in scalars.enumerated() where index != numeratorIndex && index != denominator.index {
                    result.append(scalar)
                }
                result.append(try Expr.power(try Expr.sum(try quotient.termExpressions()), -1))
                return result
            }
        }
        return nil
    }

    /// Whether `e` is zero as a function because its scalar parts are zero as rational functions
    /// of independent atoms — a sufficient condition, so true is a proof and false says nothing.
    static func isZero(_ e: Expr) -> Bool {
        if e.isZero { return true }
        if e.shape.isScalar { return RationalFunction.of(e)?.isIdenticallyZero ?? false }
        guard case .sum(let terms) = e.kind, !terms.contains(where: \.shape.isScalar) else { return false }
        var groups: [[Expr]: RationalFunction] = [:]
        for term in terms {
            guard let key = matrixPart(of: term), let scalar = try? scalarPart(of: term),
                  let r = RationalFunction.of(scalar) else { return false }
            if let existing = groups[key] {
                guard let next = existing.plus(r) else { return false }
                groups[key] = next
            } else {
                groups[key] = r
            }
        }
        return groups.values.allSatisfy(\.isIdenticallyZero)
    }

    /// Whether `a` and `b` are equal case by case: one side is piecewise with cases on one
    /// boundary that together cover every sign of it, and in each case its value equals the other
    /// side simplified under that case's condition ({0 if z ≤ 0; 1 if z > 0} = step(z)).
    static func equalByCases(_ a: Expr, _ b: Expr) -> Bool {
        for (piecewise, other) in [(a, b), (b, a)] {
            guard case .piecewise(let cases) = piecewise.kind, coversEverySign(cases) else { continue }
            var equal = true
            for piece in cases {
                guard var refinement = try? ConditionRefinement(piece.condition),
                      let refined = try? refinement.refine(other),
                      let difference = try? Expr.subtract(piece.value, refined), isZero(difference) else {
                    equal = false
                    break
                }
            }
            if equal { return true }
        }
        return false
    }

    /// The conditions compare one difference d (or −d) with 0 and together allow every sign of d.
    private static func coversEverySign(_ cases: [PiecewiseCase]) -> Bool {
        guard let first = cases.first, let boundary = try? Expr.subtract(first.condition.lhs, first.condition.rhs),
              let negated = try? Expr.negate(boundary) else { return false }
        var covered: SignSet = []
        for piece in cases {
            guard let difference = try? Expr.subtract(piece.condition.lhs, piece.condition.rhs) else { return false }
            if difference == boundary {
                covered.formUnion(SignSet(piece.condition.relation))
            } else if difference == negated {
                covered.formUnion(SignSet(piece.condition.relation).negated)
            } else {
                return false
            }
        }
        return covered == [.negative, .zero, .positive]
    }
}
