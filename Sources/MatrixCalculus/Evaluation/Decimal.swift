import Foundation

/// A number computed in floating point, shown rounded to `digits` significant digits: what
/// `decimal(digits:)` makes of exp(1), σ(½) or 282542481/3200000000. Never negative (the builder
/// writes a negative value as −1 times its magnitude, so that sums show subtraction).
public struct DecimalNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: Double
    public let digits: Int

    init(value: Double, digits: Int) {
        self.value = value
        self.digits = digits
    }

    /// The rounded value as a mantissa and, for very large or very small values, a power of ten:
    /// ("2.718", nil), ("0.08829", nil), ("1.235", 7) for 1.235·10⁷. Trailing zeros are kept, so
    /// every entry shows the digits asked for (0.5000 beside 0.2689 with digits: 4, as a table
    /// of values in a textbook): a shorter decimal would claim less precision than was computed.
    public var rounded: (mantissa: String, exponent: Int?) {
        if value == 0 { return ("0", nil) }
        let scientific = String(format: "%.\(max(digits - 1, 0))e", value)
        guard let marker = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: marker)...]) else {
            return (scientific, nil)
        }
        if exponent >= -4 && exponent < max(digits, 6) {
            let decimals = max(digits - 1 - exponent, 0)
            return (String(format: "%.\(decimals)f", value), nil)
        }
        return (String(scientific[..<marker]), exponent)
    }

    public var description: String {
        let (mantissa, exponent) = rounded
        return exponent.map { "\(mantissa)e\($0)" } ?? mantissa
    }
}

extension Expr {
    /// A floating-point value shown with `digits` significant digits; an integer value stays an
    /// exact integer.
    public static func decimal(_ value: Double, digits: Int) throws(EngineError) -> Expr {
        guard value.isFinite else { throw .invalidArgument("the value is not a finite number (\(value))") }
        if value == value.rounded(), abs(value) < 1e15 { return integer(Int(value)) }
        let magnitude = leaf(.decimal(DecimalNumber(value: abs(value), digits: digits)), .scalar)
        return value < 0 ? try negate(magnitude) : magnitude
    }

    /// This value with every closed part (no symbols, no symbolic sizes) evaluated in floating
    /// point and shown with `digits` significant digits — exp(1) is 2.718, ½x is 0.5x. Symbols
    /// stay symbols, integers stay integers, exponents stay exact (x² is not x^2.0).
    public func decimal(digits: Int) throws(EvaluationError) -> Expr {
        guard (1...17).contains(digits) else {
            throw .invalidBinding("digits: takes 1 to 17 significant digits, not \(digits)")
        }
        var pass = DecimalPass(digits: digits)
        return try pass.rewrite(self)
    }
}

/// The `decimal(digits:)` pass, memoised over the DAG.
private struct DecimalPass {
    let digits: Int
    private var memo: [Expr: Expr] = [:]
    private var closed = ClosedSubexpressions()

    init(digits: Int) { self.digits = digits }

    mutating func rewrite(_ e: Expr) throws(EvaluationError) -> Expr {
        if let done = memo[e] { return done }
        let result = try rewriteUncached(e)
        memo[e] = result
        return result
    }

    private mutating func rewriteUncached(_ e: Expr) throws(EvaluationError) -> Expr {
        let digits = self.digits
        switch e.kind {
        case .decimal, .symbol, .size, .identity, .ones, .zeros:
            return e
        case .number(let value):
            return value.isInteger ? e : try engine { () throws(EngineError) in try Expr.decimal(value.doubleValue, digits: digits) }
        default:
            break
        }
        if isClosed(e) { return try numeric(e) }
        switch e.kind {
        case .power(let base, let exponent):
            let newBase = try rewrite(base)
            return try engine { () throws(EngineError) in try Expr.power(newBase, exponent) }
        case .product(let c, let scalars, let factors) where !c.isInteger:
            var operands: [Expr] = [try engine { () throws(EngineError) in try Expr.decimal(c.doubleValue, digits: digits) }]
            for operand in scalars + factors { operands.append(try rewrite(operand)) }
            return try engine { () throws(EngineError) in try Expr.product(operands) }
        default:
            var failure: EvaluationError? = nil
            do throws(EngineError) {
                return try Expr.rebuilt(e) { (child: Expr) throws(EngineError) -> Expr in
                    do throws(EvaluationError) { return try rewrite(child) } catch {
                        failure = error
                        throw EngineError.invalidArgument("decimal")
                    }
                }
            } catch {
                throw failure ?? .engine(error)
            }
        }
    }

    private func engine<T>(_ body: () throws(EngineError) -> T) throws(EvaluationError) -> T {
        do { return try body() } catch { throw .engine(error) }
    }

    /// The value of a closed expression, entry by entry.
    private func numeric(_ e: Expr) throws(EvaluationError) -> Expr {
        var evaluator = Evaluator<Number>(values: [:], sizes: [:])
        let value = try evaluator.evaluate(e)
        do {
            if e.shape.isScalar { return try entry(value.scalar) }
            var rows: [[Expr]] = []
            for i in 0..<value.rows {
                var row: [Expr] = []
                for j in 0..<value.cols { row.append(try entry(value.entries[i * value.cols + j])) }
                rows.append(row)
            }
            let literal = try Expr.matrix(rows)
            return e.shape.isRow ? try Expr.transpose(try Expr.matrix(rows.first.map { $0.map { [$0] } } ?? [])) : literal
        } catch {
            throw .engine(error)
        }
    }

    private func entry(_ number: Number) throws(EngineError) -> Expr {
        if let exact = number.exactValue, exact.isInteger { return Expr.number(exact) }
        return try Expr.decimal(number.doubleValue, digits: digits)
    }

    private mutating func isClosed(_ e: Expr) -> Bool { closed.contains(e) }
}
