// Powers: `^` and `pow(x, p)`, `sqrt` (the power ½). Canonical form: constants folded exactly,
// x⁰ = 1, x¹ = x, (xᵃ)ᵇ = xᵃᵇ where valid (always for an integer b; for a nonnegative x; and
// √(x²) = |x| otherwise), integer powers distributed over scalar products and Hadamard products.
extension Expr {
    /// `base ^ exponent`: a scalar base, or a vector/matrix base with a scalar exponent
    /// (element-wise).
    public static func power(_ base: Expr, _ exponent: Expr) throws(EngineError) -> Expr {
        guard exponent.shape.isScalar else {
            throw .shapeMismatch(operation: "^", left: base.shape, right: exponent.shape,
                                 suggestion: "the exponent must be a scalar")
        }
        if !base.shape.isScalar, let transposed = try transposedOperands([base], shape: base.shape) {
            return try transpose(try power(transposed[0], exponent))
        }
        if let p = exponent.numberValue {
            guard let parts = p.smallParts, parts.numerator.magnitude <= Limits.maxExponent else {
                throw .limitExceeded("an exponent larger than \(Limits.maxExponent)")
            }
            // x^(1e-5) is x^(1/100000): small, but its denominator is what is over the limit.
            guard parts.denominator <= Limits.maxExponent else {
                throw .limitExceeded("an exponent whose denominator is larger than \(Limits.maxExponent) (\(p))")
            }
            return try constantPower(base, p)
        }
        if base.isZero || base.isOne { return base }
        if case .ones = base.kind { return base }
        if case .power(let inner, let e) = base.kind, inner.isNonnegative {
            return try power(inner, try multiply(e, exponent))
        }
        return try node(.power(base: base, exponent: exponent), base.shape)
    }

    /// `x ^ n` for an integer n.
    public static func power(_ base: Expr, _ n: Int) throws(EngineError) -> Expr {
        try power(base, integer(n))
    }

    /// `sqrt(x)`, element-wise: the power ½.
    public static func sqrt(_ x: Expr) throws(EngineError) -> Expr {
        try power(x, number(try Rational(1, 2)))
    }

    private static func constantPower(_ base: Expr, _ p: Rational) throws(EngineError) -> Expr {
        if p.isZero { return ones(base.shape) }
        if p.isOne { return base }
        switch base.kind {
        case .number(let value):
            if value.isZero {
                if p.isNegative { throw .divisionByZero }
                return zero
            }
            if p.isInteger, let n = p.intValue { return number(try value.power(n)) }
            if let parts = p.smallParts, parts.denominator == 2, let root = value.exactSquareRoot {
                let n = parts.numerator
                return number(try root.power(n))
            }
        case .zeros:
            if p.isNegative { throw .divisionByZero }
            return base
        case .ones:
            return base
        case .power(let inner, let e):
            if let q = e.numberValue {
                if p.isInteger || inner.isNonnegative {
                    return try power(inner, number(q * p))
                }
                // √(x²) = |x|: an even integer power under a fractional one.
                if q.isInteger, let qi = q.intValue, qi % 2 == 0 {
                    return try power(try apply(.abs, inner), number(q * p))
                }
            } else if p.isInteger || inner.isNonnegative {
                return try power(inner, try scale(e, by: p))
            }
        case .product(let c, let scalars, let factors) where p.isInteger || (c.isPositive && scalars.allSatisfy(\.isNonnegative) && factors.isEmpty):
            // (c·s·F)^p = c^p·s^p·F^p, element-wise for a single non-scalar factor F.
            if factors.count <= 1 {
                var operands: [Expr] = []
                for s in scalars { operands.append(try power(s, number(p))) }
                for f in factors { operands.append(try power(f, number(p))) }
                let cp: Expr = p.isInteger ? number(try c.power(p.intValue ?? 0)) : try power(number(c), number(p))
                return try product([cp] + operands)
            }
        case .hadamard(let factors) where p.isInteger:
            var powered: [Expr] = []
            for f in factors { powered.append(try power(f, number(p))) }
            return try hadamard(powered)
        case .function(.abs, let inner) where p.isInteger && (p.intValue ?? 1) % 2 == 0:
            return try power(inner, number(p))
        case .diag(let u) where p.isPositive:
            return try diag(try power(u, number(p)))
        case .matrix:
            return try entrywise([base], shape: base.shape) { entries throws(EngineError) in try power(entries[0], number(p)) }
        default:
            break
        }
        return try node(.power(base: base, exponent: number(p)), base.shape)
    }
}

