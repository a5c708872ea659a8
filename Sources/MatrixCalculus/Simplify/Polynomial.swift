// Polynomials and rational functions over opaque scalar "atoms" (symbols, functions, 1×1 matrix
// chains, powers that are not integer powers of a sum): the normal form of the scalar parts of
// expressions. The builders use it to collect like terms across products of sums
// (a(b + 1) − ab − a = 0) and to cancel a denominator that divides its numerator
// ((x² − 1)/(x − 1) = x + 1); `checkEquality` uses it to decide identities of rational
// functions symbolically. Everything here is bounded (`maxTerms`): past the bound the answer is
// "not known" (nil), and the caller keeps the expression as it was.

/// A product of atoms raised to nonzero integer powers: the key of one term of a polynomial.
struct Monomial: Hashable {
    /// Atom → exponent (never 0). Negative exponents make a Laurent monomial (x·y⁻¹).
    private(set) var powers: [Expr: Int]

    static let one = Monomial(powers: [:])

    init(powers: [Expr: Int]) { self.powers = powers }

    init(atom: Expr, exponent: Int = 1) { powers = [atom: exponent] }

    func times(_ other: Monomial) -> Monomial {
        var result = powers
        for (atom, exponent) in other.powers {
            let sum = (result[atom] ?? 0) + exponent
            result[atom] = sum == 0 ? nil : sum
        }
        return Monomial(powers: result)
    }

    /// Every exponent positive: an ordinary monomial, so division by it is defined termwise.
    var isPolynomial: Bool { powers.values.allSatisfy { $0 > 0 } }

    /// `self / other` when every exponent of `other` is at most the one here.
    func divided(by other: Monomial) -> Monomial? {
        var result = powers
        for (atom, exponent) in other.powers {
            guard let mine = result[atom], mine >= exponent else { return nil }
            result[atom] = mine == exponent ? nil : mine - exponent
        }
        return Monomial(powers: result)
    }

    /// The atoms in the engine's canonical order, for a deterministic lexicographic order.
    var sortedAtoms: [Expr] { powers.keys.sorted(by: Ordering.factorPrecedes) }

    /// The monomial as an expression (coefficient 1).
    func expression() throws(EngineError) -> Expr {
        var operands: [Expr] = []
        for atom in sortedAtoms {
            let exponent = powers[atom] ?? 1
            operands.append(exponent == 1 ? atom : try Expr.power(atom, exponent))
        }
        return try Expr.product(operands)
    }
}

/// A finite sum of rational multiples of monomials.
struct Polynomial: Equatable {
    /// Past this many terms (or this degree of an expanded power) the normal form is not
    /// attempted: a product of large sums would cost more than it is worth.
    static let maxTerms = 200
    static let maxExpandedExponent = 12

    private(set) var terms: [Monomial: Rational]

    static let zero = Polynomial(terms: [:])
    static let one = Polynomial(constant: .one)

    init(terms: [Monomial: Rational]) { self.terms = terms }

    init(constant: Rational) { terms = constant.isZero ? [:] : [.one: constant] }

    init(atom: Expr, exponent: Int = 1) { terms = [Monomial(atom: atom, exponent: exponent): .one] }

    var isZero: Bool { terms.isEmpty }
    var count: Int { terms.count }
    var isPolynomial: Bool { terms.keys.allSatisfy(\.isPolynomial) }

    var constantValue: Rational? {
        if terms.isEmpty { return .zero }
        if terms.count == 1, let c = terms[.one] { return c }
        return nil
    }

    static func + (a: Polynomial, b: Polynomial) -> Polynomial {
        var result = a.terms
        for (monomial, c) in b.terms {
            let sum = (result[monomial] ?? .zero) + c
            result[monomial] = sum.isZero ? nil : sum
        }
        return Polynomial(terms: result)
    }

    func scaled(by c: Rational) -> Polynomial {
        if c.isZero { return .zero }
        return Polynomial(terms: terms.mapValues { $0 * c })
    }

    static prefix func - (a: Polynomial) -> Polynomial { a.scaled(by: .minusOne) }

    static func - (a: Polynomial, b: Polynomial) -> Polynomial { a + (-b) }

    /// The product, or nil past `maxTerms`.
    func times(_ other: Polynomial) -> Polynomial? {
        guard terms.count * other.terms.count <= Self.maxTerms * 4 else { return nil }
        var result: [Monomial: Rational] = [:]
        for (m1, c1) in terms {
            for (m2, c2) in other.terms {
                let m = m1.times(m2)
                let sum = (result[m] ?? .zero) + c1 * c2
                result[m] = sum.isZero ? nil : sum
            }
        }
        guard result.count <= Self.maxTerms else { return nil }
        return Polynomial(terms: result)
    }

    func power(_ n: Int) -> Polynomial? {
        guard n >= 0 else { return nil }
        var result = Polynomial.one
        for _ in 0..<n {
            guard let next = result.times(self) else { return nil }
            result = next
        }
        return result
    }

    /// The terms as expressions, in no particular order (the sum builder sorts them).
    func termExpressions() throws(EngineError) -> [Expr] {
        var result: [Expr] = []
        for (monomial, c) in terms {
            result.append(try Expr.product(coefficient: c, [try monomial.expression()]))
        }
        return result
    }

    /// The largest monomial dividing every term (each atom at its least exponent, 1 when an
    /// atom is missing from a term), and the polynomial divided by it: σ − σ² is σ·(1 − σ).
    /// Nil when the content is 1 or the polynomial has fewer than two terms.
    func monomialContent() -> (content: Monomial, quotient: Polynomial)? {
        guard terms.count >= 2, let first = terms.keys.first else { return nil }
        var least = first.powers.filter { $0.value > 0 }
        for monomial in terms.keys {
            for (atom, exponent) in least {
                let mine = monomial.powers[atom] ?? 0
                if mine <= 0 { least[atom] = nil } else if mine < exponent { least[atom] = mine }
            }
        }
        guard !least.isEmpty else { return nil }
        let content = Monomial(powers: least)
        var quotient: [Monomial: Rational] = [:]
        for (monomial, c) in terms {
            guard let divided = monomial.divided(by: content) else { return nil }
            quotient[divided] = c
        }
        return (content, Polynomial(terms: quotient))
    }

    // MARK: Exact division

    /// The lexicographically largest monomial (atoms in canonical order), for division.
    private func leadingTerm(order: [Expr]) -> (Monomial, Rational)? {
        var best: (Monomial, Rational)? = nil
        for (monomial, c) in terms {
            guard let current = best else { best = (monomial, c); continue }
            if Self.lexGreater(monomial, current.0, order: order) { best = (monomial, c) }
        }
        return best
    }

    private static func lexGreater(_ a: Monomial, _ b: Monomial, order: [Expr]) -> Bool {
        for atom in order {
            let x = a.powers[atom] ?? 0, y = b.powers[atom] ?? 0
            if x != y { return x > y }
        }
        return false
    }

    /// `self / divisor` when the divisor divides exactly (both ordinary polynomials), else nil.
    /// A single divisor is a Gröbner basis of the ideal it generates, so the division algorithm
    /// leaves no remainder exactly when the division is exact.
    func exactlyDivided(by divisor: Polynomial) -> Polynomial? {
        guard isPolynomial, divisor.isPolynomial, !divisor.isZero else { return nil }
        var atoms = Set<Expr>()
        for m in terms.keys { atoms.formUnion(m.powers.keys) }
        for m in divisor.terms.keys { atoms.formUnion(m.powers.keys) }
        let order = atoms.sorted(by: Ordering.factorPrecedes)
        guard let (leadMonomial, leadCoefficient) = divisor.leadingTerm(order: order) else { return nil }
        var remainder = self
        var quotient = Polynomial.zero
        var steps = 0
        while let (monomial, c) = remainder.leadingTerm(order: order) {
            steps += 1
            guard steps <= Self.maxTerms, let factor = monomial.divided(by: leadMonomial),
                  let step = try? c.divided(by: leadCoefficient) else { return nil }
            let term = Polynomial(terms: [factor: step])
            guard let product = divisor.times(term) else { return nil }
            quotient = quotient + term
            remainder = remainder - product
        }
        return quotient
    }
}

/// Reading an expression as a polynomial in its atoms.
enum PolynomialForm {
    /// `e` as a polynomial, products of sums and small integer powers of sums expanded; nil
    /// when `e` is not scalar or the expansion would be too large.
    static func of(_ e: Expr) -> Polynomial? {
        guard e.shape.isScalar else { return nil }
        switch e.kind {
        case .number(let value):
            return Polynomial(constant: value)
        case .sum(let terms):
            var result = Polynomial.zero
            for term in terms {
                guard let p = of(term) else { return nil }
                result = result + p
                guard result.count <= Polynomial.maxTerms else { return nil }
            }
            return result
        case .product(let c, let scalars, let factors):
            var result = Polynomial(constant: c)
            for scalar in scalars {
                guard let p = of(scalar), let next = result.times(p) else { return nil }
                result = next
            }
            if !factors.isEmpty {
                guard let chain = try? Expr.product(factors), let next = result.times(Polynomial(atom: chain)) else { return nil }
                result = next
            }
            return result
        case .power(let base, let exponent):
            guard let p = exponent.numberValue, p.isInteger, let n = p.intValue else { return Polynomial(atom: e) }
            if case .sum = base.kind {
                guard n > 0, n <= Polynomial.maxExpandedExponent else { return Polynomial(atom: e) }
                // Too large to expand is "not known", never an atom that would be expanded again.
                guard let inner = of(base) else { return nil }
                return inner.power(n)
            }
            return Polynomial(atom: base, exponent: n)
        default:
            return Polynomial(atom: e)
        }
    }

    /// Whether `e` has a product of sums or a power of a sum worth expanding.
    static func hasExpandableProduct(_ e: Expr) -> Bool {
        func isSumPower(_ s: Expr) -> Bool {
            if case .sum = s.kind { return true }
            if case .power(let base, let exponent) = s.kind, case .sum = base.kind,
               let p = exponent.numberValue, p.isInteger, p.isPositive,
               let n = p.intValue, n <= Polynomial.maxExpandedExponent { return true }
            return false
        }
        switch e.kind {
        case .product(_, let scalars, _): return scalars.contains(where: isSumPower)
        case .power: return isSumPower(e)
        default: return false
        }
    }
}

/// A quotient of two polynomials: the normal form `checkEquality` compares.
struct RationalFunction {
    var numerator: Polynomial
    var denominator: Polynomial

    init(_ numerator: Polynomial, _ denominator: Polynomial = .one) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// `e` as a quotient of polynomials in its atoms; nil when not scalar or too large.
    static func of(_ e: Expr) -> RationalFunction? {
        guard e.shape.isScalar else { return nil }
        switch e.kind {
        case .number(let value):
            return RationalFunction(Polynomial(constant: value))
        case .sum(let terms):
            var result = RationalFunction(.zero)
            for term in terms {
                guard let r = of(term), let next = result.plus(r) else { return nil }
                result = next
            }
            return result
        case .product(let c, let scalars, let factors):
            var result = RationalFunction(Polynomial(constant: c))
            for scalar in scalars {
                guard let r = of(scalar), let next = result.times(r) else { return nil }
                result = next
            }
            if !factors.isEmpty {
                guard let chain = try? Expr.product(factors), let next = result.times(RationalFunction(Polynomial(atom: chain))) else { return nil }
                result = next
            }
            return result
        case .power(let base, let exponent):
            guard let p = exponent.numberValue, p.isInteger, let n = p.intValue,
                  n.magnitude <= UInt(Polynomial.maxExpandedExponent), case .sum = base.kind else {
                return RationalFunction(PolynomialForm.of(e) ?? Polynomial(atom: e))
            }
            guard let inner = of(base) else { return nil }
            let raised = n >= 0 ? inner : RationalFunction(inner.denominator, inner.numerator)
            guard let numerator = raised.numerator.power(abs(n)), let denominator = raised.denominator.power(abs(n)) else { return nil }
            return RationalFunction(numerator, denominator)
        default:
            return RationalFunction(Polynomial(atom: e))
        }
    }

    func plus(_ other: RationalFunction) -> RationalFunction? {
        if denominator == other.denominator { return RationalFunction(numerator + other.numerator, denominator) }
        guard let a = numerator.times(other.denominator), let b = other.numerator.times(denominator),
              let d = denominator.times(other.denominator) else { return nil }
        return RationalFunction(a + b, d)
    }

    func times(_ other: RationalFunction) -> RationalFunction? {
        guard let n = numerator.times(other.numerator), let d = denominator.times(other.denominator) else { return nil }
        return RationalFunction(n, d)
    }

    /// Zero as a rational function of independent atoms — hence zero wherever it is defined,
    /// whatever relations hold between the atoms. (Not zero here says nothing.)
    var isIdenticallyZero: Bool { numerator.isZero }
}
