import Foundation

/// The arithmetic the evaluator needs from a scalar type. One evaluator serves three number
/// types: `Number` (exact where possible), `Double` (fast sampling) and `Dual` (forward-mode
/// derivatives for the independent derivative check), so all three agree on every rule.
protocol EvaluationScalar: Sendable {
    static func constant(_ value: Rational) -> Self
    /// A floating-point constant (a `decimal(digits:)` value).
    static func constant(approximately value: Double) -> Self
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    func reciprocal() throws(EvaluationError) -> Self
    func raised(to exponent: Self) throws(EvaluationError) -> Self
    func applying(_ function: ElementwiseFunction) throws(EvaluationError) -> Self
    /// The value itself, without derivative parts: what comparisons, pivoting and piecewise
    /// conditions look at.
    var primal: Number { get }
    /// Zero including every derivative part (a constant exponent of a dual number).
    var isExactlyZero: Bool { get }
    /// −1, 0 or 1 as a comparison of a and b (max, min, piecewise conditions). By default their
    /// primal values; a type that knows more (`Ball`, whose primal is only a Double near it)
    /// throws where it cannot tell.
    static func order(_ a: Self, _ b: Self) throws(EvaluationError) -> Int
}

extension EvaluationScalar {
    static func order(_ a: Self, _ b: Self) throws(EvaluationError) -> Int { Number.compare(a.primal, b.primal) }

    static var zero: Self { constant(.zero) }
    static var one: Self { constant(.one) }

    func divided(by other: Self) throws(EvaluationError) -> Self {
        self * (try other.reciprocal())
    }
}

extension Double: EvaluationScalar {
    static func constant(_ value: Rational) -> Double { value.doubleValue }
    static func constant(approximately value: Double) -> Double { value }
    var primal: Number { .approximate(self) }
    var isExactlyZero: Bool { self == 0 }

    func reciprocal() throws(EvaluationError) -> Double { try RealFunctions.reciprocal(self) }

    func raised(to exponent: Double) throws(EvaluationError) -> Double {
        try RealFunctions.power(self, exponent)
    }

    func applying(_ function: ElementwiseFunction) throws(EvaluationError) -> Double {
        try RealFunctions.apply(function, self)
    }
}

/// The real functions in Double, with their domains checked: a value outside the domain or a
/// non-finite result is a typed error, never a NaN that silently poisons a comparison.
enum RealFunctions {
    static func reciprocal(_ x: Double) throws(EvaluationError) -> Double {
        guard x != 0 else { throw .divisionByZero }
        return try finite(1 / x, "1/\(x)")
    }

    static func power(_ base: Double, _ exponent: Double) throws(EvaluationError) -> Double {
        if base == 0 {
            if exponent < 0 { throw .divisionByZero }
            return exponent == 0 ? 1 : 0
        }
        if base < 0, exponent.rounded() != exponent {
            throw .outsideDomain("\(base)^\(exponent) (a negative number to a fractional power)")
        }
        let value = try finite(Foundation.pow(base, exponent), "\(base)^\(exponent)")
        // A nonzero base to a power that rounds to 0 has lost every digit: like an overflow, the
        // Double is not the value. As 0 it made x^(2⁶¹·sign(y)²) zero on both sides of
        // `#expect(x^n == 2 * x^n)` at every usable sample point, and the false identity held.
        try notUnderflowed(value, "\(base)^\(exponent)")
        return value
    }

    static func apply(_ function: ElementwiseFunction, _ x: Double) throws(EvaluationError) -> Double {
        let value: Double
        switch function {
        case .exp: value = Foundation.exp(x)
        case .log:
            guard x > 0 else { throw .outsideDomain("log(\(x))") }
            value = Foundation.log(x)
        case .sin: value = Foundation.sin(x)
        case .cos: value = Foundation.cos(x)
        case .tan: value = Foundation.tan(x)
        case .tanh: value = Foundation.tanh(x)
        case .sigmoid: value = x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
        case .abs: value = Swift.abs(x)
        case .step: value = x > 0 ? 1 : 0
        case .sign: value = x > 0 ? 1 : (x < 0 ? -1 : 0)
        }
        let result = try finite(value, "\(function.rawValue)(\(x))")
        // exp and σ are never 0: a result that rounds to 0 or to a subnormal has lost its digits,
        // and as 0 it made exp(−10⁶x²) equal to 2·exp(−10⁶x²) at every sample point.
        if function == .exp || function == .sigmoid { try notUnderflowed(result, "\(function.rawValue)(\(x))") }
        return result
    }

    /// Throws `underflow` for a value that rounded to 0 or to a subnormal Double, whose few
    /// remaining bits are not the value: only for results that are mathematically nonzero.
    static func notUnderflowed(_ value: Double, _ what: @autoclosure () -> String) throws(EvaluationError) {
        if value == 0 || value.isSubnormal { throw .underflow(what()) }
    }

    static func finite(_ value: Double, _ what: @autoclosure () -> String) throws(EvaluationError) -> Double {
        guard value.isFinite else { throw .notFinite(what()) }
        return value
    }
}
