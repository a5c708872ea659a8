import Foundation

/// A scalar value at a point: exact while the arithmetic is exact (+ − × ÷ and integer powers of
/// rationals), a Double once a function such as exp, log, sin or a non-square root is involved.
/// Lessons show `[12, 3]`, not `[12.0, 3.0]`, for the gradient of 3x²y at (1, 2).
public enum Number: Hashable, Sendable, CustomStringConvertible {
    case exact(Rational)
    case approximate(Double)

    public init(_ value: Int) { self = .exact(Rational(value)) }

    /// The value as a Double (exact values rounded).
    public var doubleValue: Double {
        switch self {
        case .exact(let value): return value.doubleValue
        case .approximate(let value): return value
        }
    }

    /// The exact value, if the arithmetic that produced it was exact.
    public var exactValue: Rational? {
        if case .exact(let value) = self { return value }
        return nil
    }

    public var isExact: Bool { exactValue != nil }

    public var isZero: Bool {
        switch self {
        case .exact(let value): return value.isZero
        case .approximate(let value): return value == 0
        }
    }

    public var description: String {
        switch self {
        case .exact(let value): return value.description
        case .approximate(let value): return value.description
        }
    }

    /// −1, 0 or 1 as a comparison of a and b, exact when both are exact.
    static func compare(_ a: Number, _ b: Number) -> Int {
        if case .exact(let x) = a, case .exact(let y) = b {
            return x == y ? 0 : (x < y ? -1 : 1)
        }
        let x = a.doubleValue, y = b.doubleValue
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// An exact result, or its Double value when it has grown past `EvaluationLimits.maxExactBits`.
    static func bounded(_ value: Rational) -> Number {
        value.bitWidth > EvaluationLimits.maxExactBits ? .approximate(value.doubleValue) : .exact(value)
    }
}

extension Number: EvaluationScalar {
    static func constant(_ value: Rational) -> Number { .exact(value) }
    static func constant(approximately value: Double) -> Number { .approximate(value) }

    var primal: Number { self }
    var isExactlyZero: Bool { isZero }

    static func + (a: Number, b: Number) -> Number {
        if case .exact(let x) = a, case .exact(let y) = b { return bounded(x + y) }
        return .approximate(a.doubleValue + b.doubleValue)
    }

    static func - (a: Number, b: Number) -> Number {
        if case .exact(let x) = a, case .exact(let y) = b { return bounded(x - y) }
        return .approximate(a.doubleValue - b.doubleValue)
    }

    static func * (a: Number, b: Number) -> Number {
        if case .exact(let x) = a, case .exact(let y) = b { return bounded(x * y) }
        return .approximate(a.doubleValue * b.doubleValue)
    }

    static prefix func - (a: Number) -> Number {
        switch a {
        case .exact(let x): return .exact(-x)
        case .approximate(let x): return .approximate(-x)
        }
    }

    func reciprocal() throws(EvaluationError) -> Number {
        switch self {
        case .exact(let x):
            guard !x.isZero else { throw .divisionByZero }
            return .exact(Rational(reducing: x.denominator, x.numerator))
        case .approximate(let x):
            return .approximate(try RealFunctions.reciprocal(x))
        }
    }

    func raised(to exponent: Number) throws(EvaluationError) -> Number {
        if case .exact(let base) = self, case .exact(let p) = exponent,
           let exact = try Number.exactPower(base, p) {
            return exact
        }
        return .approximate(try RealFunctions.power(doubleValue, exponent.doubleValue))
    }

    func applying(_ function: ElementwiseFunction) throws(EvaluationError) -> Number {
        if case .exact(let x) = self, let exact = try Number.exactFunction(function, x) {
            return .exact(exact)
        }
        return .approximate(try RealFunctions.apply(function, doubleValue))
    }

    /// base^p when the result is rational and small enough: integer powers, and square roots of
    /// perfect squares. nil means "compute in Double".
    private static func exactPower(_ base: Rational, _ p: Rational) throws(EvaluationError) -> Number? {
        if base.isZero {
            if p.isNegative { throw .divisionByZero }
            return .exact(p.isZero ? .one : .zero)
        }
        if p.isInteger {
            // The bound divided, not multiplied: an exponent near 2⁶¹ times a width of 6 bits
            // overflows an Int (a numeric check that samples x = 23/8 in x^(n·…)).
            guard let n = p.intValue, n.magnitude <= EvaluationLimits.maxExactBits / base.bitWidth else {
                // ±1 to a large power stays exact: a Double exponent past 2⁵³ is even, so
                // (−1)^(2⁶¹ − 1) would come out +1.
                if let n = p.intValue, base == .one || base == .minusOne {
                    return .exact(n.isMultiple(of: 2) ? .one : base)
                }
                return nil
            }
            do { return .exact(try base.power(n)) } catch { return nil }
        }
        guard p.denominator == 2 else { return nil }
        if base.isNegative { throw .outsideDomain("the square root of a negative number (\(base))") }
        guard let root = base.exactSquareRoot else { return nil }
        return try exactPower(root, Rational(p.numerator))
    }

    /// Exact values of functions at rational points where they are rational.
    private static func exactFunction(_ function: ElementwiseFunction, _ x: Rational) throws(EvaluationError) -> Rational? {
        switch function {
        case .exp: return x.isZero ? .one : nil
        case .log:
            if !x.isPositive { throw .outsideDomain("log(\(x))") }
            return x.isOne ? .zero : nil
        case .sin, .tan, .tanh: return x.isZero ? .zero : nil
        case .cos: return x.isZero ? .one : nil
        case .sigmoid: return x.isZero ? Rational(reducing: 1, 2) : nil
        case .abs: return x.isNegative ? -x : x
        case .step: return x.isPositive ? .one : .zero
        case .sign: return x.isPositive ? .one : (x.isZero ? .zero : .minusOne)
        }
    }
}
