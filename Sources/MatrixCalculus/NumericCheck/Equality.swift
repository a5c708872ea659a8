// Equality of two expressions as functions — what `#expect(a == b)` and `calcbook check` ask.
// Symbolic first (equal canonical forms, or a difference that simplifies to zero), else at random
// points inside the assumptions across magnitudes (`PointSampler`), then on both sides of every
// piecewise boundary of either side (`BoundarySearch`), with a counterexample when the two
// sides differ — in value, or in domain (one side defined where the other is not).

/// A point where two expressions (or a claimed and a numeric derivative) differ.
public struct Counterexample: Hashable, Sendable, CustomStringConvertible {
    public let point: Point
    public let left: Value
    public let right: Value
    /// The two values as shown: the Double values, or the precise ones where high precision
    /// found the difference (`1.2e-6785`, `0.99999999999999999` beside `1`).
    public let leftText: String
    public let rightText: String

    public init(point: Point, left: Value, right: Value, leftText: String? = nil, rightText: String? = nil) {
        self.point = point
        self.left = left
        self.right = right
        self.leftText = leftText ?? left.description
        self.rightText = rightText ?? right.description
    }

    public var description: String { "at \(point): \(leftText) ≠ \(rightText)" }
}

/// A point where one side is defined and the other is not: the two sides have different domains
/// (`log(t^2)` and `2 * log(t)` at t = −1).
public struct DomainMismatch: Hashable, Sendable, CustomStringConvertible {
    public let point: Point
    /// True when the left side is the defined one.
    public let leftIsDefined: Bool
    /// The defined side's value.
    public let value: Value
    /// Why the other side is undefined (`log(-1) is undefined`).
    public let reason: String

    public var description: String {
        let (defined, undefined) = leftIsDefined ? ("left", "right") : ("right", "left")
        return "at \(point): the \(defined) side is \(value) but the \(undefined) side is undefined (\(reason))"
    }
}

/// The outcome of comparing two expressions.
public enum EqualityVerdict: Hashable, Sendable, CustomStringConvertible {
    /// Equal canonical forms (or their difference simplifies to 0).
    case equalSymbolically
    /// Equal at `points` random points within the tolerance.
    case equalNumerically(points: Int)
    /// The shapes differ, so the values cannot be equal.
    case differentShapes(left: Shape, right: Shape)
    /// Different values at a point.
    case different(Counterexample)
    /// One side defined and the other not, at a point.
    case differentDomains(DomainMismatch)

    public var isEqual: Bool {
        switch self {
        case .equalSymbolically, .equalNumerically: return true
        case .differentShapes, .different, .differentDomains: return false
        }
    }

    public var description: String {
        switch self {
        case .equalSymbolically: return "equal (symbolically)"
        case .equalNumerically(let points): return "equal at \(points) random points"
        case .differentShapes(let left, let right): return "different shapes: \(left) and \(right)"
        case .different(let counterexample): return "different \(counterexample)"
        case .differentDomains(let mismatch): return "different domains \(mismatch)"
        }
    }
}

/// Are `a` and `b` the same function? See `NumericCheckOptions` for how points are drawn.
public func checkEquality(_ a: Expr, _ b: Expr, options: NumericCheckOptions = NumericCheckOptions()) throws(NumericCheckError) -> EqualityVerdict {
    guard a.shape == b.shape else { return .differentShapes(left: a.shape, right: b.shape) }
    if a == b { return .equalSymbolically }
    // Equal when the difference is zero, as built or as a rational function of its atoms.
    if let difference = try? Expr.subtract(a, b), NormalForm.isZero(difference) { return .equalSymbolically }
    if NormalForm.equalByCases(a, b) { return .equalSymbolically }

    // The difference as the simplifier forms it: where it evaluates exactly to a nonzero value,
    // the sides differ however large they are (a ramp of 5 beside a value of 10⁴⁶), and its
    // piecewise boundaries are where a perturbation of one side starts.
    let difference = try? Expr.subtract(a, b)
    let literalBits = PreciseComparison.literalBits(for: [a, b])
    var sampler = PointSampler(FreeVariables([a, b]), options: options)
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
        switch try compare(a, b, difference, at: point, options: options, literalBits: literalBits) {
        case .agree: agreeing += 1
        case .rejected(let reason): lastReason = reason
        case .differ(let verdict): return verdict
        }
    }
    // Both sides of every boundary of the difference, then of either side, from a few random
    // starting points each. A boundary of the difference (where a perturbation of one side
    // lives) is also searched along one axis from a small and a moderate point: a bump 10⁻³ high
    // at x₁ = −619 is invisible (relatively) in a value near 10¹⁴ that large other coordinates
    // make, and stands out when they are small — when the simplifier did not cancel the two
    // sides, the difference is known only to Double rounding.
    let differenceBoundaries = difference.map { BoundarySearch([$0]).boundaries.count } ?? 0
    let search = BoundarySearch((difference.map { [$0] } ?? []) + [a, b])
    var generator = sampler.split()
    for index in search.boundaries.indices {
        let extra: [PointSampler.Magnitude] = index < differenceBoundaries ? [.small, .moderate] : []
        for start in 0..<(options.boundaryStarts + extra.count) {
            let base: Point
            let alongAxis = start >= options.boundaryStarts || start % 2 == 0
            do {
                base = start < options.boundaryStarts ? try sampler.draw() : try sampler.draw(magnitude: extra[start - options.boundaryStarts])
            } catch { throw .evaluation(error) }
            for point in search.points(beside: index, from: base, alongAxis: alongAxis, close: true, using: &generator) {
                if case .differ(let verdict) = try compare(a, b, difference, at: point, options: options, literalBits: literalBits) { return verdict }
                agreeing += 1
            }
        }
    }
    return .equalNumerically(points: agreeing)
}

private enum PointComparison {
    case agree
    case rejected(String)
    case differ(EqualityVerdict)
}

private func compare(_ a: Expr, _ b: Expr, _ difference: Expr?, at point: Point, options: NumericCheckOptions, literalBits: Int) throws(NumericCheckError) -> PointComparison {
    switch try NumericSample.values(of: [a, b], named: ["the left side", "the right side"], at: point, options: options, kinks: false, difference: difference) {
    case .rejected(let reason, let preciseMayDecide):
        // A value Double cannot hold (an underflow, an overflow) may still be compared precisely.
        guard preciseMayDecide else { return .rejected(reason) }
        switch try PreciseComparison.compare(a, b, at: point, literalBits: literalBits) {
        case .agree: return .agree
        case .undecided: return .rejected(reason)
        case .differ(let left, let right):
            return .differ(.different(Counterexample(point: point, left: try preciseValue(a, point), right: try preciseValue(b, point), leftText: left, rightText: right)))
        }
    case .domainMismatch(let definedIndex, let value, let reason):
        return .differ(.differentDomains(DomainMismatch(point: point, leftIsDefined: definedIndex == 0, value: value, reason: reason)))
    case .values(let values, let difference):
        if let difference, difference.isExact, difference.entries.contains(where: { !$0.isZero }) {
            return .differ(.different(Counterexample(point: point, left: values[0], right: values[1])))
        }
        // Exact values were compared exactly. Otherwise Double is a filter: where it agrees, high
        // precision must confirm it; where it does not, high precision may show that rounding
        // alone made the difference (exp(x)² − exp(2x) is 6·10⁻⁸, not 0, at x = 10 in Double)
        // and otherwise shows the precise values.
        let doubleAgrees = ValueComparison.agree(values[0], values[1], options)
        if values[0].isExact && values[1].isExact {
            return doubleAgrees ? .agree : .differ(.different(Counterexample(point: point, left: values[0], right: values[1])))
        }
        switch try PreciseComparison.compare(a, b, at: point, literalBits: literalBits) {
        case .agree(let radius):
            // An agreement looser than the Double check's own tolerance would confirm nothing.
            if radius <= ValueComparison.allowed(values[0], values[1], options) { return .agree }
            return doubleAgrees ? .rejected("the precise values are not precise enough at \(point)") : .differ(.different(Counterexample(point: point, left: values[0], right: values[1])))
        case .undecided(let reason):
            return doubleAgrees ? .rejected(reason) : .differ(.different(Counterexample(point: point, left: values[0], right: values[1])))
        case .differ(let left, let right):
            return .differ(.different(Counterexample(point: point, left: values[0], right: values[1], leftText: left, rightText: right)))
        }
    }
}

/// The Double value of a side for a counterexample found precisely where Double could not
/// evaluate it (its text is the precise value); 0 stands for what underflowed or overflowed.
private func preciseValue(_ e: Expr, _ point: Point) throws(NumericCheckError) -> Value {
    if let value = try? e.value(at: point) { return value }
    let evaluator = Evaluator<Double>(values: point.values.mapValues { $0.array { _ in 0.0 } }, sizes: point.sizes)
    guard let shape = try? evaluator.concreteShape(e.shape) else { return Value(0) }
    return (try? Value(rows: Array(repeating: Array(repeating: Number(0), count: shape.cols), count: shape.rows))) ?? Value(0)
}

/// Evaluating expressions at a random point, with the point rejected where any is undefined or
/// not finite (an overflow), near a jump (near a kink too when `kinks`: for derivatives, which
/// jump there) or near a singular matrix.
enum NumericSample {
    enum Outcome {
        /// The values, and the difference's value when it was asked for and is defined.
        case values([Value], difference: Value?)
        /// `preciseMayDecide` when the only trouble was a value Double cannot hold (underflow,
        /// overflow), far from boundaries: high precision can still compare the sides there.
        case rejected(String, preciseMayDecide: Bool)
        /// Expression `defined` has `value`; another is outside its domain (`reason`).
        case domainMismatch(defined: Int, value: Value, reason: String)
    }

    /// A point whose entries are all at most this large in magnitude can show a domain mismatch:
    /// at larger values, overflow and underflow (1 − σ(800) = 0) can make a side look undefined.
    static let domainCheckMagnitude = 10.0

    /// `names` say which expression overflowed ("the left side"): a rejected point is described
    /// at every draw, and rendering the expression there (a 10⁴-digit literal, a large tree) cost
    /// far more than evaluating it, past the cell's time limit (issue #17).
    static func values(
        of expressions: [Expr], named names: [String], at point: Point, options: NumericCheckOptions, kinks: Bool,
        difference: Expr? = nil
    ) throws(NumericCheckError) -> Outcome {
        var evaluator = Evaluator<Number>(values: point.values.mapValues { $0.array { $0 } }, sizes: point.sizes)
        var values: [Value?] = []
        var undefined: EvaluationError?
        var domainError: EvaluationError?
        // Every undefined value so far is one Double cannot hold (underflow, overflow).
        var unrepresentable = true
        for (index, e) in expressions.enumerated() {
            do throws(EvaluationError) {
                let value = try evaluator.evaluate(e)
                // Arithmetic past the largest Double (an overflowing product) is not a value.
                guard value.entries.allSatisfy({ $0.doubleValue.isFinite }) else {
                    throw EvaluationError.notFinite(index < names.count ? names[index] : "a value")
                }
                values.append(Value(value))
            } catch where error.isUndefinedAtPoint {
                values.append(nil)
                undefined = undefined ?? error
                if case .underflow = error {} else if case .notFinite = error {} else { unrepresentable = false }
                if error.isOutsideDomain { domainError = domainError ?? error }
            } catch {
                throw .evaluation(error)
            }
        }
        let boundary = Swift.min(evaluator.boundaryDistance, kinks ? evaluator.kinkDistance : .infinity)
        if let reason = rejection(boundary: boundary, pivots: evaluator.pivotRatio, options: options) {
            return .rejected("\(reason) at \(point)", preciseMayDecide: false)
        }
        if let undefined {
            if let domainError, let defined = values.firstIndex(where: { $0 != nil }), let value = values[defined],
               point.values.values.allSatisfy({ $0.doubleValues.allSatisfy { Swift.abs($0) <= domainCheckMagnitude } }) {
                return .domainMismatch(defined: defined, value: value, reason: domainError.description)
            }
            return .rejected("\(undefined) at \(point)", preciseMayDecide: domainError == nil && unrepresentable)
        }
        let differenceValue = difference.flatMap { d in (try? evaluator.evaluate(d)).map { Value($0) } }
        return .values(values.compactMap { $0 }, difference: differenceValue)
    }

    static func rejection(boundary: Double, pivots: Double, options: NumericCheckOptions) -> String? {
        if boundary < options.boundaryMargin { return "too close to a piecewise boundary" }
        if pivots < options.conditioningMargin { return "a matrix is (nearly) singular" }
        return nil
    }
}
