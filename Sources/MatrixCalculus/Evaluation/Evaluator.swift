/// The numeric evaluation pass: an expression at a point (values for its symbols, sizes for its
/// symbolic dimensions) → a `NumericArray`. Memoised over the DAG, so a shared subexpression is
/// computed once; recursion is bounded by `Limits.maxDepth`, which the builders enforce.
///
/// Besides the value it records how close the point came to a jump (piecewise conditions, step,
/// sign), to a kink (max, min, abs) and to a singular matrix, so that random sampling can stay
/// away from boundaries, where two correct expressions may legitimately disagree: beside a jump
/// rounding can pick the other side and change a value by the jump's height; beside a kink only
/// by the rounding itself (the function is continuous there), though its derivative jumps.
struct Evaluator<S: EvaluationScalar> {
    let values: [Symbol: NumericArray<S>]
    let sizes: [String: Int]
    private var memo = ExprMemo<NumericArray<S>>()
    /// The smallest relative distance |a − b| / max(1, |a|, |b|) seen at a comparison where the
    /// value may jump (a piecewise condition, step, sign).
    private(set) var boundaryDistance = Double.infinity
    /// The same at a kink, where the value is continuous (max, min, abs, the norm of a scalar).
    private(set) var kinkDistance = Double.infinity
    /// The smallest pivot ratio of any LU decomposition (see `LUDecomposition.pivotRatio`).
    private(set) var pivotRatio = Double.infinity

    init(values: [Symbol: NumericArray<S>], sizes: [String: Int]) {
        self.values = values
        self.sizes = sizes
    }

    mutating func evaluate(_ e: Expr) throws(EvaluationError) -> NumericArray<S> {
        if let done = memo[e] { return done }
        do { try EngineBudget.step() } catch { throw .engine(error) }
        let result = try evaluateUncached(e)
        memo.set(result, for: e)
        return result
    }

    func size(_ dimension: Dimension) throws(EvaluationError) -> Int {
        switch dimension {
        case .concrete(let value): return value
        case .symbolic(let name):
            guard let value = sizes[name] else { throw .unboundSize(name) }
            return value
        }
    }

    func concreteShape(_ shape: Shape) throws(EvaluationError) -> (rows: Int, cols: Int) {
        let rows = try size(shape.rows), cols = try size(shape.cols)
        guard rows >= 1, cols >= 1 else { throw .invalidBinding("a size must be at least 1, not \(Swift.min(rows, cols))") }
        guard rows.multipliedReportingOverflow(by: cols).partialValue <= EvaluationLimits.maxEntries,
              rows <= EvaluationLimits.maxEntries, cols <= EvaluationLimits.maxEntries else {
            throw .limitExceeded("a value with more than \(EvaluationLimits.maxEntries) entries (\(rows)×\(cols))")
        }
        return (rows, cols)
    }

    private mutating func evaluateUncached(_ e: Expr) throws(EvaluationError) -> NumericArray<S> {
        switch e.kind {
        case .number(let value):
            return NumericArray(scalar: .constant(value))
        case .decimal(let value):
            return NumericArray(scalar: .constant(approximately: value.value))
        case .symbol(let symbol):
            guard let value = values[symbol] else { throw .unboundSymbol(symbol.name) }
            let shape = try concreteShape(symbol.shape)
            guard value.rows == shape.rows, value.cols == shape.cols else {
                throw .valueShape(symbol: symbol.name, expected: "\(shape.rows)×\(shape.cols) value", got: "\(value.rows)×\(value.cols) value")
            }
            return value
        case .size(let dimension):
            return NumericArray(scalar: .constant(Rational(try size(dimension))))
        case .sum(let terms):
            var total = try evaluate(terms[0])
            for term in terms.dropFirst() {
                total = try NumericArray.combine(total, try evaluate(term)) { a, b in a + b }
            }
            return try expanded(total, to: e.shape)
        case .product(let coefficient, let scalars, let factors):
            var scale = S.constant(coefficient)
            for s in scalars { scale = scale * (try evaluate(s)).scalar }
            guard let first = factors.first else { return NumericArray(scalar: scale) }
            var chain = try evaluate(first)
            for factor in factors.dropFirst() { chain = try NumericArray.matrixProduct(chain, try evaluate(factor)) }
            return try chain.map { x in scale * x }
        case .hadamard(let factors):
            var result = try evaluate(factors[0])
            for factor in factors.dropFirst() {
                result = try NumericArray.combine(result, try evaluate(factor)) { a, b in a * b }
            }
            return result
        case .power(let base, let exponent):
            let p = try evaluate(exponent).scalar
            return try evaluate(base).map { x throws(EvaluationError) in try x.raised(to: p) }
        case .function(let function, let argument):
            if function == .log, case .reduction(.sum, let inner) = argument.kind, case .function(.exp, let u) = inner.kind {
                return NumericArray(scalar: try logSumExp(try evaluate(u)))
            }
            if function == .log, case .function(.sigmoid, let v) = argument.kind {
                return try evaluate(v).map { u throws(EvaluationError) in try Self.logSigmoid(u) }
            }
            if function == .log, let v = Self.oneMinusSigmoidArgument(argument) {
                // log(1 − σ(u)) = log σ(−u): 1 − σ(38) already rounds to 0, whose log is undefined.
                return try evaluate(v).map { u throws(EvaluationError) in try Self.logSigmoid(-u) }
            }
            let x = try evaluate(argument)
            if function == .abs || function == .step || function == .sign {
                for entry in x.entries { noteComparison(entry.primal, .exact(.zero), kink: function == .abs) }
            }
            return try x.map { v throws(EvaluationError) in try v.applying(function) }
        case .maximum(let a, let b), .minimum(let a, let b):
            var isMaximum = false
            if case .maximum = e.kind { isMaximum = true }
            let x = try evaluate(a), y = try evaluate(b)
            return try NumericArray.combine(x, y) { u, v throws(EvaluationError) in
                let order = try S.order(u, v)
                noteComparison(u.primal, v.primal, kink: true)
                // At a tie the first argument, whose derivative the convention takes.
                return (isMaximum ? order >= 0 : order <= 0) ? u : v
            }
        case .transpose(let argument):
            return try evaluate(argument).transposed
        case .reduction(let reduction, let argument):
            let x = try evaluate(argument)
            return NumericArray(scalar: try reduce(reduction, x))
        case .inverse(let argument):
            let x = try evaluate(argument)
            if x.isScalar { return NumericArray(scalar: try x.scalar.reciprocal()) }
            let lu = try LUDecomposition(x)
            pivotRatio = Swift.min(pivotRatio, lu.pivotRatio)
            return try lu.inverse()
        case .diag(let argument):
            let x = try evaluate(argument)
            let n = x.entries.count
            var result = NumericArray<S>.filled(.zero, rows: n, cols: n)
            for i in 0..<n { result[i, i] = x.entries[i] }
            return result
        case .identity(let dimension):
            let n = try concreteShape(.matrix(dimension, dimension)).rows
            return NumericArray.identity(n)
        case .ones(let shape):
            let size = try concreteShape(shape)
            return NumericArray.filled(.one, rows: size.rows, cols: size.cols)
        case .zeros(let shape):
            let size = try concreteShape(shape)
            return NumericArray.filled(.zero, rows: size.rows, cols: size.cols)
        case .component(let argument, let row, let column):
            let x = try evaluate(argument)
            guard row < x.rows, column < x.cols else {
                throw .engine(.indexOutOfRange(index: argument.shape.isColumn ? [row] : [row, column], shape: Shape.matrix(.concrete(x.rows), .concrete(x.cols))))
            }
            return NumericArray(scalar: x[row, column])
        case .matrix(let rows):
            var entries: [S] = []
            for row in rows { for entry in row { entries.append(try evaluate(entry).scalar) } }
            return NumericArray(rows: rows.count, cols: rows[0].count, entries: entries)
        case .piecewise(let cases):
            for piece in cases {
                let lhs = try evaluate(piece.condition.lhs).scalar
                let rhs = try evaluate(piece.condition.rhs).scalar
                noteComparison(lhs.primal, rhs.primal, kink: false)
                let order = try S.order(lhs, rhs)
                let holds: Bool
                switch piece.condition.relation {
                case .less: holds = order < 0
                case .lessEqual: holds = order <= 0
                case .greater: holds = order > 0
                case .greaterEqual: holds = order >= 0
                }
                if holds { return try evaluate(piece.value) }
            }
            throw .noCaseApplies
        }
    }

    /// A scalar-valued sum whose node is a vector or matrix (all terms were scalars is
    /// impossible, but a sum may start with a scalar term): expand to the node's shape.
    private func expanded(_ value: NumericArray<S>, to shape: Shape) throws(EvaluationError) -> NumericArray<S> {
        guard value.isScalar, !shape.isScalar else { return value }
        let size = try concreteShape(shape)
        return NumericArray.filled(value.scalar, rows: size.rows, cols: size.cols)
    }

    private mutating func reduce(_ reduction: Reduction, _ x: NumericArray<S>) throws(EvaluationError) -> S {
        switch reduction {
        case .sum:
            return x.entries.dropFirst().reduce(x.entries[0], +)
        case .norm:
            if x.isScalar {
                noteComparison(x.scalar.primal, .exact(.zero), kink: true)
                return try x.scalar.applying(.abs)
            }
            let squares = x.entries.dropFirst().reduce(x.entries[0] * x.entries[0]) { $0 + $1 * $1 }
            return try squares.raised(to: .constant(Rational(reducing: 1, 2)))
        case .trace:
            guard x.rows == x.cols else { throw .engine(.invalidShape(operation: "trace", shape: .matrix(.concrete(x.rows), .concrete(x.cols)), expected: "a square matrix")) }
            var total = S.zero
            for i in 0..<x.rows { total = total + x[i, i] }
            return total
        case .det:
            guard x.rows == x.cols else { throw .engine(.invalidShape(operation: "det", shape: .matrix(.concrete(x.rows), .concrete(x.cols)), expected: "a square matrix")) }
            if x.isScalar { return x.scalar }
            let lu = try LUDecomposition(x)
            pivotRatio = Swift.min(pivotRatio, lu.pivotRatio)
            return lu.determinant
        }
    }

    /// log(sum(exp(x))) as m + log(sum(exp(x − m))) with m the largest entry: defined wherever
    /// the function is, where the direct form overflows (an entry near 710) or underflows to
    /// log(0) (every entry below −745). The shift is a constant, so dual numbers keep the slope.
    private func logSumExp(_ x: NumericArray<S>) throws(EvaluationError) -> S {
        let m = x.entries.map { $0.primal.doubleValue }.max() ?? 0
        let shift: S = m.isFinite && m != 0 ? .constant(approximately: m) : .zero
        var total = S.zero
        for v in x.entries { total = total + (try Self.expBesideOne(v - shift)) }
        return shift + (try total.applying(.log))
    }

    /// eᵘ where it is added to 1 or more (the largest entry's e⁰ in `logSumExp`, the 1 of
    /// `logSigmoid`): an eᵘ that underflows Double (not a value on its own) is then below the
    /// sum's last digit, and 0 is that term to every digit of the sum.
    private static func expBesideOne(_ u: S) throws(EvaluationError) -> S {
        do {
            return try u.applying(.exp)
        } catch {
            // A Double 0, not an exact one: an exact 0 made log σ(1000 + x²) exactly 0, and
            // #expect(log(sigmoid(1000 + x^2)) == 0) was decided by exact comparison.
            if case .underflow = error { return .constant(approximately: 0) }
            throw error
        }
    }

    /// log σ(u) as u − log(1 + eᵘ) for u < 0 and −log(1 + e⁻ᵘ) otherwise: σ(−744) is a
    /// subnormal Double whose log is off by 0.2, and the exponential here never overflows.
    private static func logSigmoid(_ u: S) throws(EvaluationError) -> S {
        if u.primal.doubleValue < 0 {
            return u - (try (S.one + (try expBesideOne(u))).applying(.log))
        }
        return -(try (S.one + (try expBesideOne(-u))).applying(.log))
    }

    /// u when `e` is 1 − σ(u) (a scalar, or a vector or matrix with the 1 expanded), else nil.
    private static func oneMinusSigmoidArgument(_ e: Expr) -> Expr? {
        guard case .sum(let terms) = e.kind, terms.count == 2 else { return nil }
        for (one, other) in [(terms[0], terms[1]), (terms[1], terms[0])] {
            let isOne: Bool
            switch one.kind {
            case .number(let value): isOne = value.isOne
            case .ones: isOne = true
            default: isOne = false
            }
            guard isOne, case .product(let coefficient, let scalars, let factors) = other.kind,
                  coefficient == Rational(-1), scalars.count + factors.count == 1,
                  let sigmoid = scalars.first ?? factors.first,
                  case .function(.sigmoid, let u) = sigmoid.kind else { continue }
            return u
        }
        return nil
    }

    private mutating func noteComparison(_ a: Number, _ b: Number, kink: Bool) {
        // Exact operands compare exactly: no rounding can put them on the wrong side.
        if a.isExact && b.isExact { return }
        let x = a.doubleValue, y = b.doubleValue
        let distance = Swift.abs(x - y) / Swift.max(1, Swift.abs(x), Swift.abs(y))
        if kink {
            kinkDistance = Swift.min(kinkDistance, distance)
        } else {
            boundaryDistance = Swift.min(boundaryDistance, distance)
        }
    }
}
