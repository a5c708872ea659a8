// Element-wise functions and max/min. Canonical form: constants folded where the value is
// exact (exp 0 = 1, log 1 = 0, sin 0 = 0, σ(0) = ½, |−3| = 3, step, sign), log(exp u) = u,
// exp(log u) = u, |u| = u for a nonnegative u, relu(z) = max(0, z), constants first in max/min.
extension Expr {
    /// `f(x)`, entry by entry.
    public static func apply(_ function: ElementwiseFunction, _ x: Expr) throws(EngineError) -> Expr {
        if let value = x.numberValue, let folded = try fold(function, value) { return folded }
        if let transposed = try transposedOperands([x], shape: x.shape) {
            return try transpose(try apply(function, transposed[0]))
        }
        switch (function, x.kind) {
        case (.log, .function(.exp, let inner)), (.exp, .function(.log, let inner)):
            return inner
        case (.abs, .function(.abs, _)):
            return x
        case (.log, .power(let base, let exponent)) where base.isPositive && exponent.numberValue != nil:
            // log(uᵖ) = p·log(u) for a positive u: log(sum(exp(z))⁻¹) = −logsumexp(z).
            return try multiply(exponent, try apply(.log, base))
        case (.log, .product):
            if let split = try NamedForms.splitLogarithm(of: x) { return split }
        case (.abs, _) where x.isNonnegative:
            return x
        case (.step, _) where x.isPositive, (.sign, _) where x.isPositive:
            return ones(x.shape)
        case (_, .zeros(let shape)):
            guard let value = try fold(function, .zero) else { break }
            return try product([value, ones(shape)])
        case (_, .matrix):
            return try entrywise([x], shape: x.shape) { entries throws(EngineError) in try apply(function, entries[0]) }
        case (.abs, .product(let c, let scalars, let factors)) where c.isNegative:
            return try apply(.abs, try product(coefficient: -c, scalars + factors))
        default:
            break
        }
        return try node(.function(function, x), x.shape)
    }

    public static func exp(_ x: Expr) throws(EngineError) -> Expr { try apply(.exp, x) }
    public static func log(_ x: Expr) throws(EngineError) -> Expr { try apply(.log, x) }
    public static func sin(_ x: Expr) throws(EngineError) -> Expr { try apply(.sin, x) }
    public static func cos(_ x: Expr) throws(EngineError) -> Expr { try apply(.cos, x) }
    public static func sigmoid(_ x: Expr) throws(EngineError) -> Expr { try apply(.sigmoid, x) }

    /// `relu(z)` = `max(0, z)`.
    public static func relu(_ x: Expr) throws(EngineError) -> Expr { try maximum(zero, x) }

    /// Element-wise maximum; a scalar argument is expanded.
    public static func maximum(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        try extremum(a, b, isMaximum: true)
    }

    /// Element-wise minimum; a scalar argument is expanded.
    public static func minimum(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        try extremum(a, b, isMaximum: false)
    }

    private static func extremum(_ a: Expr, _ b: Expr, isMaximum: Bool) throws(EngineError) -> Expr {
        let shape = try elementwiseShape(a.shape, b.shape, operation: isMaximum ? "max" : "min")
        if a == b { return a }
        if let x = a.numberValue, let y = b.numberValue {
            return number(isMaximum ? max(x, y) : min(x, y))
        }
        if a.literalRows != nil || b.literalRows != nil, shape.concreteSize != nil,
           (a.literalRows != nil || a.shape.isScalar), (b.literalRows != nil || b.shape.isScalar) {
            return try entrywise([a, b], shape: shape) { e throws(EngineError) in try extremum(e[0], e[1], isMaximum: isMaximum) }
        }
        if let transposed = try transposedOperands([a, b], shape: shape) {
            return try transpose(try extremum(transposed[0], transposed[1], isMaximum: isMaximum))
        }
        if let absorbed = absorbed(a, b, isMaximum: isMaximum) { return absorbed }
        // The arguments keep their order: at a tie the derivative is the first argument's
        // (`ExtremumConvention`), so max(0, z) and max(z, 0) are different nodes.
        return try node(isMaximum ? .maximum(a, b) : .minimum(a, b), shape)
    }

    /// max(u, max(u, v)) = max(u, v), and max(max(u, v), u) = max(max(v, u), u) = the inner
    /// max (min alike): relu(relu(z)) is relu(z). Only the forms whose derivative agrees
    /// everywhere under the tie convention (the first argument's at a tie): in max(u, max(v, u))
    /// at v = u the outer max takes u′ and the inner one v′, so that form stays as written.
    private static func absorbed(_ a: Expr, _ b: Expr, isMaximum: Bool) -> Expr? {
        func arguments(_ e: Expr) -> (Expr, Expr)? {
            switch e.kind {
            case .maximum(let first, let second) where isMaximum: (first, second)
            case .minimum(let first, let second) where !isMaximum: (first, second)
            default: nil
            }
        }
        if let (first, _) = arguments(b), first == a { return b }
        if let (first, second) = arguments(a), first == b || second == b { return a }
        return nil
    }

    private static func fold(_ function: ElementwiseFunction, _ value: Rational) throws(EngineError) -> Expr? {
        switch function {
        case .exp: return value.isZero ? one : nil
        case .log:
            if value.isOne { return zero }
            if value.isZero { throw .invalidArgument("log(0) is undefined") }
            return nil
        case .sin, .tan, .tanh: return value.isZero ? zero : nil
        case .cos: return value.isZero ? one : nil
        case .sigmoid: return value.isZero ? number(try Rational(1, 2)) : nil
        case .abs: return number(value.isNegative ? -value : value)
        case .step: return value.isPositive ? one : zero
        case .sign: return value.isPositive ? one : (value.isZero ? zero : minusOne)
        }
    }
}
