/// How random-point checks (equality, derivatives) sample and compare. The defaults are what
/// `#expect` and `calcbook check` use.
public struct NumericCheckOptions: Sendable {
    /// Points at which both sides must agree.
    public var points = 6
    /// Draws allowed (in total) to find those points; beyond it the check is an error.
    public var maxAttempts = 300
    /// Entries agree when |a − b| ≤ relativeTolerance · max(|A|, |B|) + absoluteTolerance, where
    /// |A| and |B| are the largest entries of the two values. The small absolute part keeps a
    /// rounding residue (sin²x + cos²x − 1 ≈ 1e-16) from failing an identity whose value is 0.
    public var relativeTolerance = 1e-9
    public var absoluteTolerance = 1e-12
    /// Sizes drawn for symbolic dimensions.
    public var sizes = 2...5
    /// Points closer than this (relatively) to a piecewise boundary or kink are drawn again.
    public var boundaryMargin = 1e-6
    /// Points where a matrix to invert or factor is this close to singular are drawn again.
    public var conditioningMargin = 1e-8
    /// Random starting points from which each piecewise boundary is searched for (each search
    /// that finds it adds a point on either side).
    public var boundaryStarts = 2
    /// The seed of the deterministic generator.
    public var seed: UInt64 = 0x5EED_CA1C_B00C

    public init() {}
}

/// Why a numeric check could not reach a verdict.
public enum NumericCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Evaluation failed for a reason no other point would fix (an unbound size, a limit).
    case evaluation(EvaluationError)
    /// The symbolic derivative itself could not be formed or the request makes no sense.
    case invalidRequest(String)
    /// Every point drawn was undefined for one side (or on a boundary); `reason` is the last one.
    case noDefinedPoint(attempts: Int, reason: String)

    public var description: String {
        switch self {
        case .evaluation(let error): return error.description
        case .invalidRequest(let what): return what
        case .noDefinedPoint(let attempts, let reason):
            return "no point found where both sides are defined after \(attempts) random draws (last: \(reason))"
        }
    }
}

/// Tolerant comparison of two values of one size.
enum ValueComparison {
    static func agree(_ a: Value, _ b: Value, _ options: NumericCheckOptions) -> Bool {
        guard a.rows == b.rows, a.cols == b.cols else { return false }
        if a.isExact && b.isExact { return a.entries == b.entries }
        let x = a.doubleValues, y = b.doubleValues
        let allowed = allowed(a, b, options)
        for (u, v) in zip(x, y) where !(abs(u - v) <= allowed) { return false }
        return true
    }

    /// The largest difference of two entries that counts as agreement.
    static func allowed(_ a: Value, _ b: Value, _ options: NumericCheckOptions) -> Double {
        let scale = (a.doubleValues + b.doubleValues).reduce(0) { max($0, abs($1)) }
        return options.relativeTolerance * scale + options.absoluteTolerance
    }
}
