/// A value of concrete size at a point: rows × cols scalars, row-major. A scalar is 1×1, a
/// column vector n×1, a row vector 1×n. Generic over the number type so that exact, Double and
/// dual-number evaluation share every rule.
struct NumericArray<S: EvaluationScalar>: Sendable {
    let rows: Int
    let cols: Int
    var entries: [S]

    init(rows: Int, cols: Int, entries: [S]) {
        self.rows = rows
        self.cols = cols
        self.entries = entries
    }

    init(scalar: S) { self.init(rows: 1, cols: 1, entries: [scalar]) }

    static func filled(_ value: S, rows: Int, cols: Int) -> NumericArray {
        NumericArray(rows: rows, cols: cols, entries: Array(repeating: value, count: rows * cols))
    }

    static func identity(_ n: Int) -> NumericArray {
        var result = filled(.zero, rows: n, cols: n)
        for i in 0..<n { result[i, i] = .one }
        return result
    }

    var isScalar: Bool { rows == 1 && cols == 1 }
    var scalar: S { entries[0] }

    subscript(i: Int, j: Int) -> S {
        get { entries[i * cols + j] }
        set { entries[i * cols + j] = newValue }
    }

    var transposed: NumericArray {
        if rows == 1 || cols == 1 { return NumericArray(rows: cols, cols: rows, entries: entries) }
        var result = self
        result.entries.removeAll(keepingCapacity: true)
        for j in 0..<cols { for i in 0..<rows { result.entries.append(self[i, j]) } }
        return NumericArray(rows: cols, cols: rows, entries: result.entries)
    }

    func map(_ transform: (S) throws(EvaluationError) -> S) throws(EvaluationError) -> NumericArray {
        var out: [S] = []
        out.reserveCapacity(entries.count)
        for entry in entries { out.append(try transform(entry)) }
        return NumericArray(rows: rows, cols: cols, entries: out)
    }

    /// Entry by entry; a 1×1 operand is expanded to the other's size (`x + z` means `x + z·1`).
    static func combine(
        _ a: NumericArray, _ b: NumericArray, _ operation: (S, S) throws(EvaluationError) -> S
    ) throws(EvaluationError) -> NumericArray {
        if a.isScalar && !b.isScalar { return try b.map { y throws(EvaluationError) in try operation(a.scalar, y) } }
        if b.isScalar && !a.isScalar { return try a.map { x throws(EvaluationError) in try operation(x, b.scalar) } }
        guard a.rows == b.rows, a.cols == b.cols else {
            throw .limitExceeded("internal: sizes \(a.rows)×\(a.cols) and \(b.rows)×\(b.cols) do not agree")
        }
        var out: [S] = []
        out.reserveCapacity(a.entries.count)
        for k in a.entries.indices { out.append(try operation(a.entries[k], b.entries[k])) }
        return NumericArray(rows: a.rows, cols: a.cols, entries: out)
    }

    /// The matrix product (a 1×1 operand scales).
    static func matrixProduct(_ a: NumericArray, _ b: NumericArray) throws(EvaluationError) -> NumericArray {
        if a.isScalar || b.isScalar { return try combine(a, b) { x, y in x * y } }
        guard a.cols == b.rows else {
            throw .limitExceeded("internal: cannot multiply \(a.rows)×\(a.cols) by \(b.rows)×\(b.cols)")
        }
        var out: [S] = []
        out.reserveCapacity(a.rows * b.cols)
        for i in 0..<a.rows {
            for j in 0..<b.cols {
                var total = a[i, 0] * b[0, j]
                for k in 1..<a.cols { total = total + a[i, k] * b[k, j] }
                out.append(total)
            }
        }
        return NumericArray(rows: a.rows, cols: b.cols, entries: out)
    }
}
