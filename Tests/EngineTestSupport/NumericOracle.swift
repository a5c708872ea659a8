import Foundation
import MatrixCalculus

/// A small, independent Double evaluator and central-difference derivative, for these tests
/// only: it lets a test check that a derivative rule is right at random points, not only that it
/// has the expected form. (The engine's real evaluator and numeric check live in Evaluation/ and
/// NumericCheck/.)
package struct NumericOracle {
    package typealias Value = [[Double]]
    package var dimensions: [String: Int] = [:]
    package var values: [Symbol: Value] = [:]
    package var generator = SplitMix(seed: 7)

    package init(symbolicSize: Int = 3) {
        defaultSize = symbolicSize
    }
    private let defaultSize: Int

    package func size(_ d: MatrixCalculus.Dimension) -> Int {
        switch d {
        case .concrete(let n): return n
        case .symbolic(let name): return dimensions[name] ?? defaultSize
        }
    }

    /// Random values for every symbol in `e` (positive where assumed, SPD/symmetric likewise).
    package mutating func assignRandomValues(_ exprs: [Expr]) {
        var stack = exprs
        var seen = Set<Expr>()
        while let e = stack.popLast() {
            guard seen.insert(e).inserted else { continue }
            if case .symbol(let s) = e.kind, values[s] == nil {
                let rows = size(s.shape.rows), cols = size(s.shape.cols)
                var m = (0..<rows).map { _ in (0..<cols).map { _ in generator.uniform(-1, 1) } }
                if s.assumptions.contains(.nonnegative) { m = m.map { $0.map { abs($0) + 0.1 } } }
                if s.assumptions.contains(.spd) {
                    m = add(multiply(m, transpose(m)), identity(rows, scale: Double(rows)))
                } else if s.assumptions.contains(.symmetric) {
                    m = add(m, transpose(m))
                } else if rows == cols && rows > 1 {
                    m = add(m, identity(rows, scale: 2)) // keep square matrices well conditioned
                }
                values[s] = m
            }
            stack += e.children
        }
    }

    package func evaluate(_ e: Expr) -> Value {
        switch e.kind {
        case .number(let q): return [[q.doubleValue]]
        case .decimal(let d): return [[d.value]]
        case .symbol(let s): return values[s] ?? [[.nan]]
        case .size(let d): return [[Double(size(d))]]
        case .sum(let terms):
            return terms.map(evaluate).reduce(zeros(e.shape)) { broadcast($0, $1, +) }
        case .product(let c, let scalars, let factors):
            let s = scalars.map { evaluate($0)[0][0] }.reduce(c.doubleValue, *)
            guard let first = factors.first else { return [[s]] }
            let chain = factors.dropFirst().reduce(evaluate(first)) { multiply($0, evaluate($1)) }
            return chain.map { $0.map { $0 * s } }
        case .hadamard(let factors):
            return factors.dropFirst().reduce(evaluate(factors[0])) { broadcast($0, evaluate($1), *) }
        case .power(let base, let exponent):
            let p = evaluate(exponent)[0][0]
            return evaluate(base).map { $0.map { Foundation.pow($0, p) } }
        case .function(let f, let argument):
            return evaluate(argument).map { $0.map { apply(f, $0) } }
        case .maximum(let a, let b):
            return broadcast(evaluate(a), evaluate(b), { Swift.max($0, $1) })
        case .minimum(let a, let b):
            return broadcast(evaluate(a), evaluate(b), { Swift.min($0, $1) })
        case .transpose(let a): return transpose(evaluate(a))
        case .reduction(let r, let a):
            let m = evaluate(a)
            switch r {
            case .sum: return [[m.flatMap { $0 }.reduce(0, +)]]
            case .norm: return [[m.flatMap { $0 }.map { $0 * $0 }.reduce(0, +).squareRoot()]]
            case .trace: return [[m.indices.map { m[$0][$0] }.reduce(0, +)]]
            case .det: return [[determinant(m)]]
            }
        case .inverse(let a): return inverse(evaluate(a))
        case .diag(let a):
            let v = evaluate(a).map { $0[0] }
            return v.indices.map { i in v.indices.map { j in i == j ? v[i] : 0 } }
        case .identity(let n): return identity(size(n), scale: 1)
        case .ones(let shape): return Array(repeating: Array(repeating: 1, count: size(shape.cols)), count: size(shape.rows))
        case .zeros(let shape): return zeros(shape)
        case .component(let a, let row, let column): return [[evaluate(a)[row][column]]]
        case .matrix(let rows): return rows.map { $0.map { evaluate($0)[0][0] } }
        case .piecewise(let cases):
            for piece in cases where holds(piece.condition) { return evaluate(piece.value) }
            return [[.nan]]
        }
    }

    package func holds(_ c: Condition) -> Bool {
        let l = evaluate(c.lhs)[0][0], r = evaluate(c.rhs)[0][0]
        switch c.relation {
        case .less: return l < r
        case .lessEqual: return l <= r
        case .greater: return l > r
        case .greaterEqual: return l >= r
        }
    }

    /// ∂f/∂x by central differences with step `h`, laid out as the engine's numerator layout.
    package func numericDerivative(of f: Expr, wrt x: Expr, step h: Double = 1e-6) -> Value {
        guard case .symbol(let s) = x.kind, let point = values[s] else { return [[.nan]] }
        var partials: [Value] = []
        var positions: [(Int, Int)] = []
        for i in point.indices {
            for j in point[i].indices {
                var plus = self, minus = self
                plus.values[s]![i][j] += h
                minus.values[s]![i][j] -= h
                let fp = plus.evaluate(f), fm = minus.evaluate(f)
                partials.append(zip(fp, fm).map { zip($0, $1).map { ($0 - $1) / (2 * h) } })
                positions.append((i, j))
            }
        }
        let fShape = evaluate(f)
        let isScalarF = fShape.count == 1 && fShape[0].count == 1
        if x.shape.isScalar { return partials[0] }
        if x.shape.isMatrix || (isScalarF && !x.shape.isColumn) {
            var result = point.map { $0.map { _ in 0.0 } }
            for (k, (i, j)) in positions.enumerated() { result[i][j] = partials[k][0][0] }
            return result
        }
        // Vector x: column k of the Jacobian is ∂f/∂x_k (f as a column).
        let column = fShape.count == 1 && !isScalarF ? partials.map { transpose($0) } : partials
        let m = column[0].count
        return (0..<m).map { i in column.indices.map { k in column[k][i][0] } }
    }

    /// The largest relative difference between two values of one shape (∞ if the shapes differ).
    package static func distance(_ a: Value, _ b: Value) -> Double {
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { return .infinity }
        var worst = 0.0
        for (x, y) in zip(a.flatMap { $0 }, b.flatMap { $0 }) {
            worst = Swift.max(worst, abs(x - y) / Swift.max(1, abs(x), abs(y)))
        }
        return worst
    }

    /// The largest relative difference between a claimed derivative and central differences,
    /// less what the differences themselves are known to be off by. A central difference with
    /// step h is off by its truncation (∝ h²) and its rounding (≈ ε·|f|/h, which for a degree-16
    /// matrix polynomial of 10¹² is 10² — more than an entry of the gradient near 1): both show
    /// as the change from step h to step 2h (rounding ×½, truncation ×4), so an entry may miss by
    /// 10 times that change; the rest counts, relative to max(1, |claimed|, |numeric|). A wrong
    /// derivative is off by far more than the differences move; where they move a lot (beside a
    /// kink), the dual-number check decides.
    package static func excessDistance(_ claimed: Value, _ numeric: Value, _ coarser: Value) -> Double {
        guard claimed.count == numeric.count, numeric.count == coarser.count,
              zip(claimed, numeric).allSatisfy({ $0.count == $1.count }),
              zip(numeric, coarser).allSatisfy({ $0.count == $1.count }) else { return .infinity }
        var worst = 0.0
        for ((x, y), z) in zip(zip(claimed.flatMap { $0 }, numeric.flatMap { $0 }), coarser.flatMap { $0 }) {
            let excess = Swift.max(0, abs(x - y) - 10 * abs(y - z))
            worst = Swift.max(worst, excess / Swift.max(1, abs(x), abs(y)))
        }
        return worst
    }

    private func zeros(_ shape: Shape) -> Value {
        Array(repeating: Array(repeating: 0, count: size(shape.cols)), count: size(shape.rows))
    }

    private func apply(_ f: ElementwiseFunction, _ v: Double) -> Double {
        switch f {
        case .exp: return Foundation.exp(v)
        case .log: return Foundation.log(v)
        case .sin: return Foundation.sin(v)
        case .cos: return Foundation.cos(v)
        case .tan: return Foundation.tan(v)
        case .tanh: return Foundation.tanh(v)
        case .sigmoid: return 1 / (1 + Foundation.exp(-v))
        case .abs: return Swift.abs(v)
        case .step: return v > 0 ? 1 : 0
        case .sign: return v > 0 ? 1 : (v < 0 ? -1 : 0)
        }
    }
}

private func broadcast(_ a: [[Double]], _ b: [[Double]], _ op: (Double, Double) -> Double) -> [[Double]] {
    if a.count == 1 && a[0].count == 1 { return b.map { $0.map { op(a[0][0], $0) } } }
    if b.count == 1 && b[0].count == 1 { return a.map { $0.map { op($0, b[0][0]) } } }
    return zip(a, b).map { zip($0, $1).map(op) }
}
private func add(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] { broadcast(a, b, +) }
private func transpose(_ a: [[Double]]) -> [[Double]] {
    guard let first = a.first else { return a }
    return first.indices.map { j in a.map { $0[j] } }
}
private func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    a.map { row in b[0].indices.map { j in row.indices.map { row[$0] * b[$0][j] }.reduce(0, +) } }
}
private func identity(_ n: Int, scale: Double) -> [[Double]] {
    (0..<n).map { i in (0..<n).map { j in i == j ? scale : 0 } }
}
private func determinant(_ a: [[Double]]) -> Double {
    var m = a, det = 1.0
    let n = m.count
    for col in 0..<n {
        guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), m[pivot][col] != 0 else { return 0 }
        if pivot != col { m.swapAt(pivot, col); det = -det }
        det *= m[col][col]
        for r in (col + 1)..<n {
            let factor = m[r][col] / m[col][col]
            for c in col..<n { m[r][c] -= factor * m[col][c] }
        }
    }
    return det
}
private func inverse(_ a: [[Double]]) -> [[Double]] {
    let n = a.count
    var m = a.enumerated().map { i, row in row + (0..<n).map { $0 == i ? 1.0 : 0.0 } }
    for col in 0..<n {
        guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }) else { continue }
        m.swapAt(pivot, col)
        let p = m[col][col]
        m[col] = m[col].map { $0 / p }
        for r in 0..<n where r != col {
            let factor = m[r][col]
            m[r] = zip(m[r], m[col]).map { $0 - factor * $1 }
        }
    }
    return m.map { Array($0[n...]) }
}

/// A tiny deterministic random generator, so failures reproduce.
package struct SplitMix {
    package var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    package mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * Double(next() >> 11) / Double(1 << 53)
    }
}

/// Checks `derivative(of: f, wrt: x)` against central differences at a few random points.
/// Returns the worst relative difference.
package func numericDerivativeError(of f: Expr, wrt x: Expr, points: Int = 3) throws -> Double {
    let symbolic = try derivative(of: f, wrt: x)
    var worst = 0.0
    for seed in 0..<points {
        var oracle = NumericOracle()
        oracle.generator = SplitMix(seed: UInt64(seed + 1))
        oracle.assignRandomValues([f, x, symbolic])
        let exact = oracle.evaluate(symbolic)
        let numeric = oracle.numericDerivative(of: f, wrt: x)
        worst = max(worst, NumericOracle.distance(exact, numeric))
    }
    return worst
}
