// The independent derivative check: a claimed symbolic derivative is compared, at random points,
// with derivatives computed by forward-mode dual numbers over the evaluator — no symbolic
// differentiation involved, so a wrong rule in the differentiator cannot hide its own mistake.
import BigInt

/// Which calculus call produced the claimed value (lessons/reference/cell-language.md, Calculus).
public enum DerivativeOperation: String, Sendable, Hashable {
    case derivative, gradient, jacobian, hessian
}

/// The outcome of a derivative check.
public enum DerivativeVerdict: Hashable, Sendable, CustomStringConvertible {
    /// The claimed and numeric derivatives agree at `points` random points.
    case passed(points: Int)
    /// The claimed value has the wrong shape for this derivative and layout.
    case wrongShape(expected: Shape, claimed: Shape)
    /// They differ at a point: `left` is the claimed (symbolic) value, `right` the numeric one.
    case mismatch(Counterexample)

    public var passed: Bool {
        if case .passed = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .passed(let points): return "agrees with the numeric derivative at \(points) random points"
        case .wrongShape(let expected, let claimed): return "the derivative should be a \(expected), not a \(claimed)"
        case .mismatch(let c): return "at \(c.point) the symbolic derivative is \(c.left) but the numeric one is \(c.right)"
        }
    }
}

/// Checks `claimed` = operation(of: f, wrt: variables) in `layout`. `variables` is one symbol
/// (scalar, vector or matrix) or a list of scalar symbols, which stands for their vector.
public func checkDerivative(
    _ claimed: Expr, _ operation: DerivativeOperation, of f: Expr, wrt variables: [Expr],
    layout: Layout = .numerator, options: NumericCheckOptions = NumericCheckOptions()
) throws(NumericCheckError) -> DerivativeVerdict {
    let request = try DerivativeRequest(operation: operation, f: f, variables: variables, layout: layout)
    if claimed.shape != request.shape && !(claimed.shape.isScalar && request.shape.isScalar) {
        return .wrongShape(expected: request.shape, claimed: claimed.shape)
    }
    // Moderate magnitudes only: the dual numbers run in Double, and far from 1 (sin of an
    // argument near 10⁹, a derivative near a domain edge) rounding alone exceeds the tolerance.
    // A wrong rule is wrong at ordinary values; kinks are visited on both sides below.
    var sampler = PointSampler(FreeVariables([claimed, f] + variables), options: options, magnitudes: [.moderate])
    var agreeing = 0
    var attempts = 0
    var lastReason = "no point drawn"
    while agreeing < options.points {
        guard attempts < options.maxAttempts else {
            throw .noDefinedPoint(attempts: attempts, reason: lastReason)
        }
        attempts += 1
        let point: Point
        do { point = try sampler.draw() } catch { throw .evaluation(error) }
        switch try request.compare(claimed, at: point, options: options) {
        case .agree: agreeing += 1
        case .rejected(let reason): lastReason = reason
        case .mismatch(let counterexample): return .mismatch(counterexample)
        }
    }
    // Both sides of every kink and jump of f and of the claimed derivative.
    let search = BoundarySearch([f, claimed], domainEdges: false)
    var generator = sampler.split()
    for index in search.boundaries.indices {
        for start in 0..<options.boundaryStarts {
            let base: Point
            do { base = try sampler.draw() } catch { throw .evaluation(error) }
            for point in search.points(beside: index, from: base, alongAxis: start % 2 == 0, using: &generator) {
                if case .mismatch(let counterexample) = try request.compare(claimed, at: point, options: options) {
                    return .mismatch(counterexample)
                }
                agreeing += 1
            }
        }
    }
    return .passed(points: agreeing)
}

/// One symbol or a list of scalar symbols, the function, and the layout: the expected shape and
/// the numeric derivative at a point.
struct DerivativeRequest {
    enum Failure: Error {
        case rejected(String)
        case failed(NumericCheckError)
    }

    let operation: DerivativeOperation
    let f: Expr
    let symbols: [Symbol]
    let layout: Layout
    /// True for a single vector or matrix symbol; false for a scalar symbol or a list.
    let isList: Bool
    let shape: Shape

    init(operation: DerivativeOperation, f: Expr, variables: [Expr], layout: Layout) throws(NumericCheckError) {
        guard !variables.isEmpty else { throw .invalidRequest("differentiate with respect to at least one symbol") }
        var symbols: [Symbol] = []
        for v in variables {
            guard let symbol = v.symbolValue else { throw .invalidRequest("\(v) is not a symbol") }
            symbols.append(symbol)
        }
        if symbols.count > 1, let nonScalar = symbols.first(where: { !$0.shape.isScalar }) {
            throw .invalidRequest("a list of variables must be scalars, but \(nonScalar.name) is a \(nonScalar.shape)")
        }
        self.operation = operation
        self.f = f
        self.symbols = symbols
        self.layout = layout
        isList = variables.count > 1
        let x: Shape = isList ? .column(.concrete(symbols.count)) : symbols[0].shape
        let byMatrix = !isList && symbols[0].isDeclaredMatrix && !x.isScalar && f.shape.isScalar
        let fs = f.shape
        switch operation {
        case .gradient, .hessian:
            guard fs.isScalar else { throw .invalidRequest("\(operation.rawValue) needs a scalar function, not a \(fs)") }
        case .derivative, .jacobian:
            break
        }
        if x.isRow && !byMatrix { throw .invalidRequest("differentiate with respect to a column vector, not a row vector") }
        var expected: Shape
        if byMatrix && operation != .hessian && operation != .jacobian {
            expected = x
        } else if operation == .hessian {
            guard x.isScalar || x.isColumn else { throw .invalidRequest("a Hessian is taken with respect to a scalar or a vector") }
            expected = .matrix(x.rows, x.rows)
        } else if x.isScalar {
            expected = fs
            if fs.isVector && layout == .denominator { expected = fs.transposed }
            if operation == .jacobian && fs.isRow { expected = fs.transposed }
            if operation == .jacobian && fs.isVector && layout == .denominator { expected = Shape.row(fs.isRow ? fs.cols : fs.rows) }
        } else if x.isColumn {
            guard !fs.isMatrix else { throw .invalidRequest("the derivative of a matrix by a vector is not a matrix") }
            let m = fs.isRow ? fs.cols : fs.rows
            expected = .matrix(m, x.rows)
            if layout == .denominator { expected = expected.transposed }
        } else {
            guard fs.isScalar else { throw .invalidRequest("only a scalar can be differentiated with respect to a matrix") }
            expected = x
        }
        shape = expected
    }

    enum PointComparison {
        case agree
        case rejected(String)
        case mismatch(Counterexample)
    }

    /// The claimed value against the dual-number derivative at one point: in Double, and where
    /// they differ again in exact arithmetic (`Number`), which settles what rounding blurs — a
    /// derivative that is exactly 0 beside a numeric 10⁻¹¹, the inverse of a matrix whose
    /// entries are polynomials of degree 8.
    ///
    /// Exact arithmetic has a bound (`EvaluationLimits.maxExactBits`): past it a value goes on in
    /// Double. At a boundary-search point (15 significant digits a coordinate) the exact dual
    /// numbers of trace((uᵀu + I)⁻¹), u of degree 3 in a 5×5 S, outgrow it (after minutes), go on
    /// in Double and, the function being ill-conditioned, miss by 10⁻⁸: a correct gradient was
    /// reported wrong. So a point with long coordinates is compared in Double, and where that
    /// fails, exactly at the nearby point whose coordinates are rounded to 8 significant bits (12
    /// if that one lies beside a kink), where exact arithmetic stays small and fast; only when
    /// neither can be used, exactly at the point itself.
    func compare(_ claimed: Expr, at point: Point, options: NumericCheckOptions) throws(NumericCheckError) -> PointComparison {
        let long = point.withShortCoordinates(bits: 12) != nil
        let comparison = try compareOnce(claimed, at: long ? point.inDouble : point, options: options, exactly: !long)
        guard case .mismatch(let counterexample) = comparison,
              !(counterexample.left.isExact && counterexample.right.isExact) else { return comparison }
        for bits in [8, 12] {
            guard let nearby = point.withShortCoordinates(bits: bits) else { break }
            switch try compareOnce(claimed, at: nearby, options: options, exactly: true) {
            case .agree: return .agree
            case .rejected: continue
            case .mismatch(let exact): return .mismatch(exact)
            }
        }
        return long ? try compareOnce(claimed, at: point, options: options, exactly: true) : comparison
    }

    /// `exactly`: where Double disagrees, compare again with exact dual numbers.
    private func compareOnce(_ claimed: Expr, at point: Point, options: NumericCheckOptions, exactly: Bool) throws(NumericCheckError) -> PointComparison {
        let symbolic: Value
        switch try NumericSample.values(of: [claimed, f], named: ["the derivative", "the function"], at: point, options: options, kinks: true) {
        case .rejected(let reason, _):
            return .rejected(reason)
        case .domainMismatch(_, _, let reason):
            return .rejected(reason)
        case .values(let values, _):
            symbolic = values[0]
        }
        var numeric: Value
        do {
            numeric = try numericDerivative(at: point, options: options) { DualNumber<Double>($0.doubleValue) }
            if exactly, !ValueComparison.agree(symbolic, numeric, options) {
                numeric = try numericDerivative(at: point, options: options) { DualNumber<Number>($0) }
            }
        } catch {
            switch error {
            case .rejected(let reason): return .rejected(reason)
            case .failed(let failure): throw failure
            }
        }
        if !ValueComparison.agree(symbolic, numeric, options) {
            return .mismatch(Counterexample(point: point, left: symbolic, right: numeric))
        }
        return .agree
    }

    /// The derivative by dual numbers over `Base` (`primal` makes a point's number one), laid
    /// out like the symbolic one; rejected where it is not finite (an overflow in the tangents).
    func numericDerivative<Base: EvaluationScalar>(
        at point: Point, options: NumericCheckOptions, _ primal: (Number) -> DualNumber<Base>
    ) throws(Failure) -> Value {
        let value = try numericDerivativeValue(at: point, options: options, primal)
        guard value.entries.allSatisfy({ $0.doubleValue.isFinite }) else {
            throw .rejected("the numeric derivative overflows")
        }
        return value
    }

    private func numericDerivativeValue<Base: EvaluationScalar>(
        at point: Point, options: NumericCheckOptions, _ primal: (Number) -> DualNumber<Base>
    ) throws(Failure) -> Value {
        // The entries of the variable, in order: (symbol, entry index).
        var coordinates: [(Symbol, Int)] = []
        for symbol in symbols {
            let count = (point.values[symbol]?.entries.count) ?? 0
            for k in 0..<count { coordinates.append((symbol, k)) }
        }
        let fValue = try evaluate(point, options, primal) { _, _ in false }
        let fCount = fValue.entries.count
        var partials: [[Number]] = []  // partials[k] = ∂f/∂coordinate k, f's entries row-major
        if operation == .hessian {
            // H[i][j] = ∂²f/∂v_i∂v_j by nested dual numbers.
            let n = coordinates.count
            var h = [[Number]](repeating: [Number](repeating: Number(0), count: n), count: n)
            for i in 0..<n {
                for j in 0..<n {
                    let value = try evaluateNested(point, options, primal, coordinates[i], coordinates[j])
                    h[i][j] = value
                }
            }
            let rows = layout == .denominator ? transpose(h) : h
            return makeValue(rows)
        }
        for coordinate in coordinates {
            let result = try evaluate(point, options, primal) { symbol, k in
                symbol == coordinate.0 && k == coordinate.1
            }
            partials.append(result.entries.map { $0.tangent.primal })
        }
        let x = isList ? Shape.column(.concrete(symbols.count)) : symbols[0].shape
        if !isList, symbols[0].isDeclaredMatrix, !x.isScalar, f.shape.isScalar, operation != .jacobian {
            return try matrixShaped(partials.map { $0[0] }, point)
        }
        if x.isScalar {
            // Same shape as f (a column in numerator layout for a Jacobian of a row).
            let shape = try concrete(self.shape, point)
            return makeValue(rows: shape.rows, cols: shape.cols, partials[0])
        }
        if x.isColumn {
            // m×n: row i is the gradient of f's entry i.
            var rows = (0..<fCount).map { i in partials.map { $0[i] } }
            if layout == .denominator { rows = transpose(rows) }
            return makeValue(rows)
        }
        // Scalar by matrix: the matrix's shape, entry (i, j) = ∂f/∂X_ij.
        return try matrixShaped(partials.map { $0[0] }, point)
    }

    /// ∂f/∂X_ij in X's shape; for a symmetric X, symmetrised — (G + Gᵀ)/2 is the gradient
    /// along symmetric directions, the convention the symbolic gradient follows.
    private func matrixShaped(_ partials: [Number], _ point: Point) throws(Failure) -> Value {
        let shape = try concrete(symbols[0].shape, point)
        var entries = partials
        if symbols[0].isSymmetric, shape.rows == shape.cols {
            let n = shape.rows
            for i in 0..<n {
                for j in 0..<i {
                    let mean = (partials[i * n + j] + partials[j * n + i]) * .exact(Rational(reducing: 1, 2))
                    entries[i * n + j] = mean
                    entries[j * n + i] = mean
                }
            }
        }
        return makeValue(rows: shape.rows, cols: shape.cols, entries)
    }

    /// f on dual numbers whose tangent is 1 at the entries `seeded` picks and 0 elsewhere.
    private func evaluate<Base: EvaluationScalar>(
        _ point: Point, _ options: NumericCheckOptions, _ primal: (Number) -> DualNumber<Base>,
        seeded: (Symbol, Int) -> Bool
    ) throws(Failure) -> NumericArray<DualNumber<Base>> {
        var values: [Symbol: NumericArray<DualNumber<Base>>] = [:]
        for (symbol, value) in point.values {
            var k = -1
            values[symbol] = value.array { number in
                k += 1
                return DualNumber(primal(number).value, tangent: seeded(symbol, k) ? .one : .zero)
            }
        }
        var evaluator = Evaluator(values: values, sizes: point.sizes)
        return try run(&evaluator, options)
    }

    private func evaluateNested<Base: EvaluationScalar>(
        _ point: Point, _ options: NumericCheckOptions, _ primal: (Number) -> DualNumber<Base>,
        _ first: (Symbol, Int), _ second: (Symbol, Int)
    ) throws(Failure) -> Number {
        typealias Inner = DualNumber<Base>
        var values: [Symbol: NumericArray<DualNumber<Inner>>] = [:]
        for (symbol, value) in point.values {
            var k = -1
            values[symbol] = value.array { number in
                k += 1
                let d1: Base = symbol == first.0 && k == first.1 ? .one : .zero
                let d2: Base = symbol == second.0 && k == second.1 ? .one : .zero
                return DualNumber(Inner(primal(number).value, tangent: d1), tangent: Inner(d2))
            }
        }
        var evaluator = Evaluator(values: values, sizes: point.sizes)
        return try run(&evaluator, options).entries[0].tangent.tangent.primal
    }

    private func run<S>(_ evaluator: inout Evaluator<S>, _ options: NumericCheckOptions) throws(Failure) -> NumericArray<S> {
        let result: NumericArray<S>
        do {
            result = try evaluator.evaluate(f)
        } catch where error.isUndefinedAtPoint {
            throw .rejected("the numeric derivative: \(error)")
        } catch {
            throw .failed(.evaluation(error))
        }
        let boundary = Swift.min(evaluator.boundaryDistance, evaluator.kinkDistance)
        if let reason = NumericSample.rejection(boundary: boundary, pivots: evaluator.pivotRatio, options: options) {
            throw .rejected(reason)
        }
        return result
    }

    private func concrete(_ shape: Shape, _ point: Point) throws(Failure) -> (rows: Int, cols: Int) {
        do {
            return try Evaluator<Double>(values: [:], sizes: point.sizes).concreteShape(shape)
        } catch {
            throw .failed(.evaluation(error))
        }
    }

    private func transpose(_ rows: [[Number]]) -> [[Number]] {
        guard let first = rows.first else { return rows }
        return first.indices.map { j in rows.map { $0[j] } }
    }

    private func makeValue(_ rows: [[Number]]) -> Value {
        makeValue(rows: rows.count, cols: rows.first?.count ?? 0, rows.flatMap { $0 })
    }

    private func makeValue(rows: Int, cols: Int, _ entries: [Number]) -> Value {
        Value(NumericArray(rows: rows, cols: cols, entries: entries))
    }
}

extension Point {
    /// The point with each long exact coordinate rounded to `bits` significant bits (a dyadic
    /// rational of the same sign), so that exact arithmetic on it stays small; short ones (the
    /// sampler's k/8), SPD symbols (which rounding could take out of their domain) and Double
    /// coordinates are kept. nil when nothing changes.
    func withShortCoordinates(bits: Int) -> Point? {
        var values = self.values
        var changed = false
        for (symbol, value) in self.values where !symbol.assumptions.contains(.spd) {
            let entries = value.entries.map { number -> Number in
                guard case .exact(let x) = number, x.bitWidth > 24 else { return number }
                let rounded = Point.shortDyadic(x.doubleValue, bits: bits)
                if rounded != x { changed = true }
                return .exact(rounded)
            }
            let rows = (0..<value.rows).map { i in Array(entries[(i * value.cols)..<((i + 1) * value.cols)]) }
            guard let shortened = try? Value(rows: rows) else { return nil }
            values[symbol] = shortened
        }
        guard changed else { return nil }
        return try? Point(values: values, sizes: sizes)
    }

    /// The point with every coordinate a Double (the check's first, fast comparison).
    var inDouble: Point {
        var values = self.values
        for (symbol, value) in self.values {
            let rows = (0..<value.rows).map { i in (0..<value.cols).map { j in Number.approximate(value[i, j].doubleValue) } }
            if let approximate = try? Value(rows: rows) { values[symbol] = approximate }
        }
        return (try? Point(values: values, sizes: sizes)) ?? self
    }

    /// x to the nearest m·2ᵏ with |m| < 2^bits, exactly; 0 stays 0.
    private static func shortDyadic(_ x: Double, bits: Int) -> Rational {
        guard x.isFinite, x != 0 else { return .zero }
        let k = Int(x.exponent) - (bits - 1)
        let m = BigInt(Int((x * Double(sign: .plus, exponent: -k, significand: 1)).rounded()))
        return k >= 0 ? Rational(reducing: m * BigInt(2).power(k), BigInt(1)) : Rational(reducing: m, BigInt(2).power(-k))
    }
}
