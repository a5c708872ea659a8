/// A forward-mode dual number `value + tangent·ε` with ε² = 0: evaluating an expression on dual
/// numbers yields its directional derivative exactly up to rounding, *without* the symbolic
/// differentiator — which is what makes the derivative check independent. Nesting
/// (`DualNumber<DualNumber<Double>>`) gives second derivatives for Hessians.
struct DualNumber<Base: EvaluationScalar>: EvaluationScalar {
    var value: Base
    var tangent: Base

    init(_ value: Base, tangent: Base = .zero) {
        self.value = value
        self.tangent = tangent
    }

    static func constant(_ value: Rational) -> DualNumber { DualNumber(Base.constant(value)) }
    static func constant(approximately value: Double) -> DualNumber { DualNumber(Base.constant(approximately: value)) }

    var primal: Number { value.primal }
    var isExactlyZero: Bool { value.isExactlyZero && tangent.isExactlyZero }

    /// The order of the values as `Base` decides it: over balls, a comparison too close to
    /// call throws rather than trust the Double near the ball.
    static func order(_ a: DualNumber, _ b: DualNumber) throws(EvaluationError) -> Int {
        try Base.order(a.value, b.value)
    }

    static func + (a: DualNumber, b: DualNumber) -> DualNumber {
        DualNumber(a.value + b.value, tangent: a.tangent + b.tangent)
    }

    static func - (a: DualNumber, b: DualNumber) -> DualNumber {
        DualNumber(a.value - b.value, tangent: a.tangent - b.tangent)
    }

    static func * (a: DualNumber, b: DualNumber) -> DualNumber {
        DualNumber(a.value * b.value, tangent: a.tangent * b.value + a.value * b.tangent)
    }

    static prefix func - (a: DualNumber) -> DualNumber {
        DualNumber(-a.value, tangent: -a.tangent)
    }

    func reciprocal() throws(EvaluationError) -> DualNumber {
        let r = try value.reciprocal()
        return DualNumber(r, tangent: -(tangent * r * r))
    }

    func raised(to exponent: DualNumber) throws(EvaluationError) -> DualNumber {
        if exponent.tangent.isExactlyZero {
            // d(u^c) = c·u^(c−1)·du, valid for negative u when c is an integer.
            let c = exponent.value
            let result = try value.raised(to: c)
            if tangent.isExactlyZero || c.isExactlyZero { return DualNumber(result, tangent: .zero) }
            let slope = c * (try value.raised(to: c - .one))
            return DualNumber(result, tangent: slope * tangent)
        }
        // d(u^v) = u^v·(dv·log u + v·du/u), defined for u > 0.
        let result = try value.raised(to: exponent.value)
        let logValue = try value.applying(.log)
        let ratio = try tangent.divided(by: value)
        return DualNumber(result, tangent: result * (exponent.tangent * logValue + exponent.value * ratio))
    }

    func applying(_ function: ElementwiseFunction) throws(EvaluationError) -> DualNumber {
        let f = try value.applying(function)
        let slope: Base
        switch function {
        case .exp: slope = f
        case .log: slope = try value.reciprocal()
        case .sin: slope = try value.applying(.cos)
        case .cos: slope = -(try value.applying(.sin))
        case .tan: slope = .one + f * f
        case .tanh: slope = .one - f * f
        case .sigmoid: slope = f * (.one - f)
        case .abs: slope = try value.applying(.sign)
        case .step, .sign: slope = .zero
        }
        return DualNumber(f, tangent: slope * tangent)
    }
}

/// A dual number with one tangent per coordinate, `value + Σₖ tangents[k]·εₖ` (εᵢεⱼ = 0): one
/// evaluation gives every partial derivative, where `DualNumber` needs one evaluation per
/// coordinate. Each value — an exp, a sin, a matrix inverse — is computed once instead of once
/// per coordinate, which is what makes the ball-arithmetic confirmation of a gradient by a 5×5
/// matrix affordable. No tangents (`[]`) stands for all zero (constants).
struct MultiDual<Base: EvaluationScalar>: EvaluationScalar {
    var value: Base
    var tangents: [Base]

    init(_ value: Base, tangents: [Base] = []) {
        self.value = value
        self.tangents = tangents
    }

    static func constant(_ value: Rational) -> MultiDual { MultiDual(Base.constant(value)) }
    static func constant(approximately value: Double) -> MultiDual { MultiDual(Base.constant(approximately: value)) }

    var primal: Number { value.primal }
    var isExactlyZero: Bool { value.isExactlyZero && hasZeroTangents }
    var hasZeroTangents: Bool { tangents.allSatisfy(\.isExactlyZero) }

    static func order(_ a: MultiDual, _ b: MultiDual) throws(EvaluationError) -> Int {
        try Base.order(a.value, b.value)
    }

    /// Tangents a·s + b·t entry by entry (a missing list or factor: zero, one). Exact zeros
    /// (most tangents, while a seed has not spread through the expression) are not multiplied.
    private static func combine(_ s: [Base], _ a: Base?, _ t: [Base], _ b: Base?) -> [Base] {
        if t.isEmpty { return scaled(s, a) }
        if s.isEmpty { return scaled(t, b) }
        return (0..<Swift.max(s.count, t.count)).map { k in
            let u = k < s.count && !s[k].isExactlyZero ? (a.map { $0 * s[k] } ?? s[k]) : nil
            let v = k < t.count && !t[k].isExactlyZero ? (b.map { $0 * t[k] } ?? t[k]) : nil
            switch (u, v) {
            case let (u?, v?): return u + v
            case let (u?, nil): return u
            case let (nil, v?): return v
            case (nil, nil): return k < s.count ? s[k] : t[k]
            }
        }
    }

    private static func scaled(_ list: [Base], _ factor: Base?) -> [Base] {
        guard let factor else { return list }
        return list.map { $0.isExactlyZero ? $0 : factor * $0 }
    }

    func scaled(by factor: Base) -> [Base] { MultiDual.scaled(tangents, factor) }

    static func + (a: MultiDual, b: MultiDual) -> MultiDual {
        MultiDual(a.value + b.value, tangents: combine(a.tangents, nil, b.tangents, nil))
    }

    static func - (a: MultiDual, b: MultiDual) -> MultiDual { a + (-b) }

    static func * (a: MultiDual, b: MultiDual) -> MultiDual {
        MultiDual(a.value * b.value, tangents: combine(a.tangents, b.value, b.tangents, a.value))
    }

    static prefix func - (a: MultiDual) -> MultiDual {
        MultiDual(-a.value, tangents: a.tangents.map { -$0 })
    }

    func reciprocal() throws(EvaluationError) -> MultiDual {
        let r = try value.reciprocal()
        return MultiDual(r, tangents: scaled(by: -(r * r)))
    }

    func raised(to exponent: MultiDual) throws(EvaluationError) -> MultiDual {
        if exponent.hasZeroTangents {
            // d(u^c) = c·u^(c−1)·du, valid for negative u when c is an integer.
            let c = exponent.value
            let result = try value.raised(to: c)
            if hasZeroTangents || c.isExactlyZero { return MultiDual(result) }
            // u^(c−1) as u^c / u where u ≠ 0: over balls a fractional power is a log and an
            // exp, a division much less (√u's slope was 12% of a corpus build's time).
            let lower: Base
            if !value.isExactlyZero, let quotient = try? result.divided(by: value) {
                lower = quotient
            } else {
                lower = try value.raised(to: c - .one)
            }
            return MultiDual(result, tangents: scaled(by: c * lower))
        }
        // d(u^v) = u^v·(dv·log u + v·du/u), defined for u > 0.
        let result = try value.raised(to: exponent.value)
        let logValue = try value.applying(.log)
        let ratio = try exponent.value.divided(by: value)
        return MultiDual(result, tangents: MultiDual.combine(exponent.tangents, result * logValue, tangents, result * ratio))
    }

    func applying(_ function: ElementwiseFunction) throws(EvaluationError) -> MultiDual {
        let f = try value.applying(function)
        if hasZeroTangents { return MultiDual(f) }
        let slope: Base
        switch function {
        case .exp: slope = f
        case .log: slope = try value.reciprocal()
        case .sin: slope = try value.applying(.cos)
        case .cos: slope = -(try value.applying(.sin))
        case .tan: slope = .one + f * f
        case .tanh: slope = .one - f * f
        case .sigmoid: slope = f * (.one - f)
        case .abs: slope = try value.applying(.sign)
        case .step, .sign: slope = .zero
        }
        return MultiDual(f, tangents: scaled(by: slope))
    }
}
