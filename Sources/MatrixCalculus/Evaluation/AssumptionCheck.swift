/// Whether a value given to a symbol keeps the symbol's declared assumptions — `evaluated(at:)`
/// with a negative value for a `@positive` symbol, or a non-symmetric matrix for a `@symmetric`
/// one, is an error that names the assumption, never a silently wrong value (the simplifier has
/// already used the assumption: √(s²) became s, Wᵀ − W became 0).
enum AssumptionCheck {
    /// Throws `.assumptionViolated` when `value` (the numbers given to `symbol`) breaks one of
    /// its assumptions.
    static func check(_ value: Value, for symbol: Symbol) throws(EvaluationError) {
        let assumptions = symbol.assumptions
        guard !assumptions.isEmpty else { return }
        func violated(_ name: String, _ detail: String) -> EvaluationError {
            .assumptionViolated(symbol: symbol.name, assumption: name, detail: detail)
        }
        let entries = value.entries
        if assumptions.contains(.positive), let bad = entries.first(where: { Number.compare($0, .exact(.zero)) <= 0 }) {
            throw violated("positive", "\(bad) is not positive")
        }
        if assumptions.contains(.nonnegative), let bad = entries.first(where: { Number.compare($0, .exact(.zero)) < 0 }) {
            throw violated("nonnegative", "\(bad) is negative")
        }
        let n = value.rows
        guard value.rows == value.cols, n > 1 else { return }
        let strongest = assumptions.contains(.spd) ? "spd" : "symmetric"
        if assumptions.contains(.symmetric) {
            for i in 0..<n {
                for j in 0..<i where !agree(value[i, j], value[j, i]) {
                    throw violated(strongest, "entry (\(i + 1), \(j + 1)) is \(value[i, j]) but entry (\(j + 1), \(i + 1)) is \(value[j, i])")
                }
            }
        }
        if assumptions.contains(.spd), !pivots(value, exchangingRows: false).allSatisfy({ $0 > 0 }) {
            throw violated("spd", "the matrix is not positive definite")
        }
        if assumptions.contains(.invertible), pivots(value, exchangingRows: true).contains(0) {
            throw violated("invertible", "the matrix is singular")
        }
    }

    private static func agree(_ a: Number, _ b: Number) -> Bool {
        if case .exact(let x) = a, case .exact(let y) = b { return x == y }
        let u = a.doubleValue, v = b.doubleValue
        return Swift.abs(u - v) <= 1e-12 * Swift.max(1, Swift.abs(u), Swift.abs(v))
    }

    /// The pivots of Gaussian elimination, a pivot below 10⁻¹² of the largest entry counted as 0.
    /// Without row exchanges, all are positive exactly when a symmetric matrix is positive
    /// definite (Sylvester's criterion); with partial pivoting, a zero pivot means singular.
    private static func pivots(_ value: Value, exchangingRows: Bool) -> [Double] {
        let n = value.rows
        var a = (0..<n).map { i in (0..<n).map { j in value[i, j].doubleValue } }
        let tiny = 1e-12 * value.doubleValues.reduce(0) { Swift.max($0, Swift.abs($1)) }
        var result: [Double] = []
        for k in 0..<n {
            if exchangingRows, let row = (k..<n).max(by: { Swift.abs(a[$0][k]) < Swift.abs(a[$1][k]) }) {
                a.swapAt(k, row)
            }
            let pivot = a[k][k]
            guard Swift.abs(pivot) > tiny else {
                result.append(0)
                continue
            }
            result.append(pivot)
            for i in (k + 1)..<n {
                let factor = a[i][k] / pivot
                for j in k..<n { a[i][j] -= factor * a[k][j] }
            }
        }
        return result
    }
}
