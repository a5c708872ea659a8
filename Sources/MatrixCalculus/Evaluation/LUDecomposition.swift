/// LU decomposition with partial pivoting (PA = LU) of a square matrix of concrete size: the
/// numeric determinant and inverse. Pivots are chosen by the magnitude of their primal value, so
/// the same code serves exact rationals (where any nonzero pivot is exact), Doubles and dual
/// numbers (whose tangents then carry d det and d A⁻¹ through the elimination).
struct LUDecomposition<S: EvaluationScalar> {
    /// Below a pivot of this size relative to the largest entry, a Double matrix is treated as
    /// singular: its inverse would be dominated by rounding.
    static var singularityThreshold: Double { 1e-13 }

    private(set) var lu: NumericArray<S>
    private(set) var permutation: [Int]
    private(set) var permutationSign = 1
    /// True when some pivot is exactly zero (or negligible, for Doubles).
    private(set) var isSingular = false
    /// The smallest ratio of a pivot's magnitude to the largest entry of its row in the matrix:
    /// near 0 means ill-conditioned. Random sampling uses it to avoid points where rounding
    /// dominates. Per row, not over the whole matrix, so that scaling a row does not change it:
    /// P + diag(x²) with x₁ = 628 has a 10¹¹ beside entries near 1 and is perfectly conditioned
    /// for log det, yet a whole-matrix ratio of 10⁻¹² rejected every point beside x₁ = 628.
    private(set) var pivotRatio = Double.infinity
    /// Every entry exact (and so every step of the elimination): no rounding to be dominated by,
    /// however small a pivot, so the pivot ratio stays infinite and only an exact zero is singular.
    let isFullyExact: Bool

    init(_ matrix: NumericArray<S>) throws(EvaluationError) {
        let n = matrix.rows
        lu = matrix
        permutation = Array(0..<n)
        isFullyExact = matrix.entries.allSatisfy { $0.primal.isExact }
        // The largest magnitude in each row (0 for an exact matrix: no ratio is needed).
        let rowScales = (0..<n).map { i in
            isFullyExact ? 0 : (0..<n).reduce(0.0) { Swift.max($0, Swift.abs(matrix[i, $1].primal.doubleValue)) }
        }
        for k in 0..<n {
            var pivotRow = k
            var best = Swift.abs(lu[k, k].primal.doubleValue)
            for i in (k + 1)..<Swift.max(k + 1, n) where Swift.abs(lu[i, k].primal.doubleValue) > best {
                best = Swift.abs(lu[i, k].primal.doubleValue)
                pivotRow = i
            }
            if best == 0 || lu[pivotRow, k].primal.isZero {
                // An exact zero can hide behind a Double rounding to 0; look for an exact nonzero.
                if let exact = (k..<n).first(where: { !lu[$0, k].primal.isZero }) {
                    pivotRow = exact
                } else {
                    isSingular = true
                    pivotRatio = 0
                    continue
                }
            }
            if pivotRow != k {
                for j in 0..<n {
                    let t = lu[k, j]
                    lu[k, j] = lu[pivotRow, j]
                    lu[pivotRow, j] = t
                }
                permutation.swapAt(k, pivotRow)
                permutationSign = -permutationSign
            }
            let pivot = lu[k, k]
            let scale = rowScales[permutation[k]]
            if scale > 0 {
                let ratio = Swift.abs(pivot.primal.doubleValue) / scale
                pivotRatio = Swift.min(pivotRatio, ratio)
                if !pivot.primal.isExact, ratio < Self.singularityThreshold { isSingular = true }
            }
            let inversePivot = try pivot.reciprocal()
            for i in (k + 1)..<Swift.max(k + 1, n) {
                let factor = lu[i, k] * inversePivot
                lu[i, k] = factor
                if factor.isExactlyZero { continue }
                for j in (k + 1)..<n { lu[i, j] = lu[i, j] - factor * lu[k, j] }
            }
        }
    }

    /// det A: the product of the pivots with the permutation's sign.
    var determinant: S {
        let n = lu.rows
        var result = permutationSign < 0 ? -S.one : S.one
        for k in 0..<n { result = result * lu[k, k] }
        return result
    }

    /// A⁻¹ by forward and back substitution on each column of the identity.
    func inverse() throws(EvaluationError) -> NumericArray<S> {
        guard !isSingular else { throw .singularMatrix }
        let n = lu.rows
        var result = NumericArray<S>.filled(.zero, rows: n, cols: n)
        for column in 0..<n {
            var y = [S](repeating: .zero, count: n)
            for i in 0..<n {
                var total: S = permutation[i] == column ? .one : .zero
                for j in 0..<i { total = total - lu[i, j] * y[j] }
                y[i] = total
            }
            for i in stride(from: n - 1, through: 0, by: -1) {
                var total = y[i]
                for j in (i + 1)..<n { total = total - lu[i, j] * y[j] }
                y[i] = try total.divided(by: lu[i, i])
            }
            for i in 0..<n { result[i, column] = y[i] }
        }
        return result
    }
}
