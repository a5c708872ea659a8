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
    var request = try DerivativeRequest(operation: operation, f: f, variables: variables, layout: layout)
    request.literalBits = PreciseComparison.literalBits(for: [claimed, f])
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
                switch try request.compare(claimed, at: point, options: options) {
                case .agree: agreeing += 1
                case .rejected: break
                case .mismatch(let counterexample): return .mismatch(counterexample)
                }
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
    /// The bits the literals of the claim and of f need (`PreciseComparison.literalBits`),
    /// counted once for all points; nil counts them at each point.
    var literalBits: Int?
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
    ///
    /// Double is a filter here, as in `checkEquality`: where it agrees within its tolerance the
    /// point agrees only if ball arithmetic confirms it (`preciseComparison`), since a wrong
    /// derivative off by less than the tolerance (a factor 1 + 10⁻¹², a dropped 10⁻¹³·x) agreed
    /// in Double at every point and was reported verified. Where Double (and exact arithmetic,
    /// which is rigorous) disagree, the balls settle whether rounding alone made the difference.
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
        let agrees = ValueComparison.agree(symbolic, numeric, options)
        // Exact values were compared exactly.
        if symbolic.isExact && numeric.isExact {
            return agrees ? .agree : .mismatch(Counterexample(point: point, left: symbolic, right: numeric))
        }
        switch try preciseComparison(claimed, at: point, allowed: ValueComparison.allowed(symbolic, numeric, options), options: options) {
        case .agree:
            return .agree
        case .differ(let left, let right):
            return .mismatch(Counterexample(point: point, left: symbolic, right: numeric, leftText: left, rightText: right))
        case .undecided(let reason):
            return agrees ? .rejected(reason) : .mismatch(Counterexample(point: point, left: symbolic, right: numeric))
        }
    }

    enum PreciseOutcome {
        case agree
        /// The precise values, entry by entry (`PreciseComparison.text`).
        case differ(left: String, right: String)
        case undecided(String)
    }

    private enum PreciseStep {
        case agree, differ(left: String, right: String), undecided(String), moreBits(Int)
    }

    /// The claimed value against the dual-number derivative over `Ball` at the same exact point,
    /// with `PreciseComparison`'s precision (128 bits plus what the literals and coordinates
    /// need), up to its cap. Dual numbers over balls enclose the true derivative of `f`, as the
    /// balls of the claimed expression enclose its value: balls that do not overlap prove the
    /// claim wrong at the point. Balls that overlap agree only when they pin the difference
    /// down to 2⁻⁶⁴ of Double's tolerance (`allowed`), so an agreement never rests on the
    /// tolerance itself; wider ones are computed again with more bits. A point the balls cannot
    /// settle (a kink too close to call, a power beyond the exponent range) is undecided.
    func preciseComparison(_ claimed: Expr, at point: Point, allowed: Double, options: NumericCheckOptions) throws(NumericCheckError) -> PreciseOutcome {
        let limit = allowed * 0x1p-64
        var bits = PreciseComparison.precision(literalBits: literalBits ?? PreciseComparison.literalBits(for: [claimed, f]), at: point)
        for _ in 0..<4 {
            guard bits <= PreciseComparison.maxPrecision else {
                return .undecided("the derivative needs more than \(PreciseComparison.maxPrecision) bits of precision at \(point)")
            }
            let step: PreciseStep
            do {
                step = try Ball.precisely(bits) { () throws(EvaluationError) -> PreciseStep in
                    var evaluator = Evaluator<Ball>(values: point.values.mapValues { $0.array(Ball.init(number:)) }, sizes: point.sizes)
                    let symbolic = try evaluator.evaluate(claimed)
                    let numeric: NumericArray<Ball>
                    do throws(Failure) {
                        numeric = try preciseDerivativeEntries(at: point, options: options)
                    } catch {
                        switch error {
                        case .rejected(let reason): return .undecided(reason)
                        case .failed(.evaluation(let failure)): throw failure
                        case .failed(let failure): return .undecided(failure.description)
                        }
                    }
                    guard symbolic.entries.count == numeric.entries.count || symbolic.isScalar && numeric.isScalar else {
                        return .undecided("values of different sizes")
                    }
                    let missing = (symbolic.entries + numeric.entries).map(\.missingBits).max() ?? 0
                    if missing > 0 { return .moreBits(missing) }
                    var radius = 0.0
                    for (u, v) in zip(symbolic.entries, numeric.entries) {
                        let d = u - v
                        if d.isCertainlyNonzero {
                            let (left, right) = (PreciseComparison.text(symbolic), PreciseComparison.text(numeric))
                            return .differ(left: left, right: left == right ? "\(right) (they differ by \(d.mid.decimalDescription(digits: 3)))" : right)
                        }
                        radius = Swift.max(radius, d.radius.doubleValue.nextUp)
                    }
                    // Twice the bits make the balls about 2^bits times narrower.
                    return radius <= limit ? .agree : .moreBits(bits)
                }
            } catch {
                if case .engine(.timeLimitExceeded) = error { throw .evaluation(error) }
                return .undecided("\(error) at \(point) (at \(bits) bits)")
            }
            switch step {
            case .agree: return .agree
            case .differ(let left, let right): return .differ(left: left, right: right)
            case .undecided(let reason): return .undecided("\(reason) at \(point)")
            case .moreBits(let missing): bits += missing + 32
            }
        }
        return .undecided("the derivative needs ever more bits of precision at \(point)")
    }

    /// The derivative by dual numbers over `Base` (`primal` makes a point's number one), laid
    /// out like the symbolic one; rejected where it is not finite (an overflow in the tangents).
    func numericDerivative<Base: EvaluationScalar>(
        at point: Point, options: NumericCheckOptions, _ primal: (Number) -> DualNumber<Base>
    ) throws(Failure) -> Value {
        let value = try numericDerivativeEntries(at: point, options: options, primal)
        let entries = value.entries.map(\.primal)
        guard entries.allSatisfy({ $0.doubleValue.isFinite }) else {
            throw .rejected("the numeric derivative overflows")
        }
        return Value(NumericArray(rows: value.rows, cols: value.cols, entries: entries))
    }

    /// The derivative's entries over `Base` itself, laid out like the symbolic derivative.
    func numericDerivativeEntries<Base: EvaluationScalar>(
        at point: Point, options: NumericCheckOptions, _ primal: (Number) -> DualNumber<Base>
    ) throws(Failure) -> NumericArray<Base> {
        let coordinates = coordinates(of: point)
        if operation == .hessian {
            // H[i][j] = ∂²f/∂v_i∂v_j by nested dual numbers.
            let n = coordinates.count
            var h = [[Base]](repeating: [Base](repeating: .zero, count: n), count: n)
            for i in 0..<n {
                for j in 0..<n {
                    let value = try evaluateNested(point, options, primal, coordinates[i], coordinates[j])
                    h[i][j] = value
                }
            }
            return makeArray(layout == .denominator ? transpose(h) : h)
        }
        let fValue = try evaluate(point, options, primal) { _, _ in false }
        var partials: [[Base]] = []  // partials[k] = ∂f/∂coordinate k, f's entries row-major
        for coordinate in coordinates {
            let result = try evaluate(point, options, primal) { symbol, k in
                symbol == coordinate.0 && k == coordinate.1
            }
            partials.append(result.entries.map(\.tangent))
        }
        return try layOut(partials, count: fValue.entries.count, point)
    }

    /// The derivative over balls: what `numericDerivativeEntries` computes, with every partial
    /// derivative from one evaluation on `MultiDual` (a Hessian: one per coordinate, nested),
    /// so each ball function value is computed once, not once per coordinate.
    func preciseDerivativeEntries(at point: Point, options: NumericCheckOptions) throws(Failure) -> NumericArray<Ball> {
        typealias Multi = MultiDual<Ball>
        let coordinates = coordinates(of: point)
        let n = coordinates.count
        var offsets: [Symbol: Int] = [:]
        for (index, coordinate) in coordinates.enumerated() where offsets[coordinate.0] == nil { offsets[coordinate.0] = index }
        /// The coordinate's number with tangent 1 in its own direction (none for a constant).
        func seeded(_ values: [Symbol: Value]) -> [Symbol: NumericArray<Multi>] {
            var seeded: [Symbol: NumericArray<Multi>] = [:]
            for (symbol, value) in values {
                var k = -1
                seeded[symbol] = value.array { number in
                    k += 1
                    guard let offset = offsets[symbol] else { return Multi(Ball(number: number)) }
                    var tangents = [Ball](repeating: .zero, count: n)
                    tangents[offset + k] = .one
                    return Multi(Ball(number: number), tangents: tangents)
                }
            }
            return seeded
        }
        func tangent(_ m: Multi, _ k: Int) -> Ball { k < m.tangents.count ? m.tangents[k] : .zero }
        let inner = seeded(point.values)
        if operation == .hessian {
            var h = [[Ball]](repeating: [Ball](repeating: .zero, count: n), count: n)
            for i in 0..<n {
                var values: [Symbol: NumericArray<DualNumber<Multi>>] = [:]
                for (symbol, array) in inner {
                    var k = -1
                    values[symbol] = NumericArray(rows: array.rows, cols: array.cols, entries: array.entries.map { m in
                        k += 1
                        let isI = symbol == coordinates[i].0 && k == coordinates[i].1
                        return DualNumber(m, tangent: isI ? .one : .zero)
                    })
                }
                var evaluator = Evaluator(values: values, sizes: point.sizes)
                let result = try run(&evaluator, options).entries[0].tangent
                for j in 0..<n { h[i][j] = tangent(result, j) }
            }
            return makeArray(layout == .denominator ? transpose(h) : h)
        }
        var evaluator = Evaluator(values: inner, sizes: point.sizes)
        let result = try run(&evaluator, options)
        let partials = (0..<n).map { k in result.entries.map { tangent($0, k) } }
        return try layOut(partials, count: result.entries.count, point)
    }

    /// The entries of the variables, in order: (symbol, entry index).
    private func coordinates(of point: Point) -> [(Symbol, Int)] {
        var coordinates: [(Symbol, Int)] = []
        for symbol in symbols {
            let count = (point.values[symbol]?.entries.count) ?? 0
            for k in 0..<count { coordinates.append((symbol, k)) }
        }
        return coordinates
    }

    /// The partial derivatives (`partials[k]`: of f's `count` entries, row-major, by
    /// coordinate k) laid out like the symbolic derivative.
    private func layOut<Base: EvaluationScalar>(_ partials: [[Base]], count fCount: Int, _ point: Point) throws(Failure) -> NumericArray<Base> {
        let x = isList ? Shape.column(.concrete(symbols.count)) : symbols[0].shape
        if !isList, symbols[0].isDeclaredMatrix, !x.isScalar, f.shape.isScalar, operation != .jacobian {
            return try matrixShaped(partials.map { $0[0] }, point)
        }
        if x.isScalar {
            // Same shape as f (a column in numerator layout for a Jacobian of a row).
            let shape = try concrete(self.shape, point)
            return NumericArray(rows: shape.rows, cols: shape.cols, entries: partials[0])
        }
        if x.isColumn {
            // m×n: row i is the gradient of f's entry i.
            var rows = (0..<fCount).map { i in partials.map { $0[i] } }
            if layout == .denominator { rows = transpose(rows) }
            return makeArray(rows)
        }
        // Scalar by matrix: the matrix's shape, entry (i, j) = ∂f/∂X_ij.
        return try matrixShaped(partials.map { $0[0] }, point)
    }

    /// ∂f/∂X_ij in X's shape; for a symmetric X, symmetrised — (G + Gᵀ)/2 is the gradient
    /// along symmetric directions, the convention the symbolic gradient follows.
    private func matrixShaped<Base: EvaluationScalar>(_ partials: [Base], _ point: Point) throws(Failure) -> NumericArray<Base> {
        let shape = try concrete(symbols[0].shape, point)
        var entries = partials
        if symbols[0].isSymmetric, shape.rows == shape.cols {
            let n = shape.rows
            let half = Base.constant(Rational(reducing: 1, 2))
            for i in 0..<n {
                for j in 0..<i {
                    let mean = (partials[i * n + j] + partials[j * n + i]) * half
                    entries[i * n + j] = mean
                    entries[j * n + i] = mean
                }
            }
        }
        return NumericArray(rows: shape.rows, cols: shape.cols, entries: entries)
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
    ) throws(Failure) -> Base {
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
        return try run(&evaluator, options).entries[0].tangent.tangent
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

    private func transpose<T>(_ rows: [[T]]) -> [[T]] {
        guard let first = rows.first else { return rows }
        return first.indices.map { j in rows.map { $0[j] } }
    }

    private func makeArray<Base: EvaluationScalar>(_ rows: [[Base]]) -> NumericArray<Base> {
        NumericArray(rows: rows.count, cols: rows.first?.count ?? 0, entries: rows.flatMap { $0 })
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
