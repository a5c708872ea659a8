// Equality of two expressions as functions — what `#expect(a == b)` and `calcbook check` ask.
// Symbolic first (equal canonical forms, or a difference that simplifies to zero), else at random
// points inside the assumptions, away from piecewise boundaries, with a counterexample when the
// two sides differ.

/// A point where two expressions (or a claimed and a numeric derivative) differ.
public struct Counterexample: Hashable, Sendable, CustomStringConvertible {
    public let point: Point
    public let left: Value
    public let right: Value

    public var description: String { "at \(point): \(left) ≠ \(right)" }
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

    public var isEqual: Bool {
        switch self {
        case .equalSymbolically, .equalNumerically: return true
        case .differentShapes, .different: return false
        }
    }

    public var description: String {
        switch self {
        case .equalSymbolically: return "equal (symbolically)"
        case .equalNumerically(let points): return "equal at \(points) random points"
        case .differentShapes(let left, let right): return "different shapes: \(left) and \(right)"
        case .different(let counterexample): return "different \(counterexample)"
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
        switch try NumericSample.values(of: [a, b], at: point, options: options) {
        case .rejected(let reason):
            lastReason = reason
        case .values(let values):
            if !ValueComparison.agree(values[0], values[1], options) {
                return .different(Counterexample(point: point, left: values[0], right: values[1]))
            }
            agreeing += 1
        }
    }
    return .equalNumerically(points: agreeing)
}

/// Evaluating expressions at a random point, with the point rejected where any is undefined,
/// near a boundary or near a singular matrix.
enum NumericSample {
    enum Outcome {
        case values([Value])
        case rejected(String)
    }

    static func values(of expressions: [Expr], at point: Point, options: NumericCheckOptions) throws(NumericCheckError) -> Outcome {
        var evaluator = Evaluator<Number>(values: point.values.mapValues { $0.array { $0 } }, sizes: point.sizes)
        var values: [Value] = []
        for e in expressions {
            do {
                values.append(Value(try evaluator.evaluate(e)))
            } catch where error.isUndefinedAtPoint {
                return .rejected("\(error) at \(point)")
            } catch {
                throw .evaluation(error)
            }
        }
        if let reason = rejection(boundary: evaluator.boundaryDistance, pivots: evaluator.pivotRatio, options: options) {
            return .rejected("\(reason) at \(point)")
        }
        return .values(values)
    }

    static func rejection(boundary: Double, pivots: Double, options: NumericCheckOptions) -> String? {
        if boundary < options.boundaryMargin { return "too close to a piecewise boundary" }
        if pivots < options.conditioningMargin { return "a matrix is (nearly) singular" }
        return nil
    }
}
