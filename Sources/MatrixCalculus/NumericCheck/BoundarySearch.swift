import Foundation

/// Points on both sides of every piecewise boundary of a set of expressions — where a piecewise
/// condition, a max or min, |u|, step(u) or sign(u) switches, and where log or a fractional or
/// negative power meets the edge of its domain. Random points alone rarely land beside a
/// breakpoint at 3 (`relu(t − 3)`), so a check that only drew them would accept
/// `derivative(of: relu(t - 3), wrt: t) == 0`.
///
/// Each boundary g = 0 (g = lhs − rhs of the comparison, one entry of it for a vector) is found
/// along a random line through a random point: a sign change of g is bracketed over distances
/// 10⁻²…10³ and bisected, and the two points at a small distance on either side of the root are
/// returned (rounded to exact rationals). Only the coordinates g depends on move (x₁ alone for a
/// boundary in x[0]: moving the others too can overflow the rest of the expression). Positive and
/// nonnegative symbols stay in their domain; symmetric ones move along symmetric directions; SPD
/// symbols are not moved.
struct BoundarySearch {
    /// Boundaries looked at per check: the first ones in the expressions' order.
    static let maxBoundaries = 12

    /// Each boundary as the two sides of its comparison (`lhs` = `rhs` on the boundary).
    let boundaries: [(lhs: Expr, rhs: Expr)]

    /// `domainEdges`: also where log and fractional or negative powers meet the edge of their
    /// domain (for equality, where one side may be defined beside an edge and the other not).
    init(_ expressions: [Expr], domainEdges: Bool = true) {
        var collector = BoundaryCollector(domainEdges: domainEdges)
        for e in expressions { collector.visit(e) }
        boundaries = collector.found
    }

    /// The points beside boundary `index`, starting from `base`; empty when no sign change is
    /// found along the line (the boundary is never crossed, or not near this point).
    /// `alongAxis`: move one coordinate only (the others keep their values, so a boundary in x₁
    /// is not reached through overflowing values of x₂); else all of them, in a random direction.
    /// `close`: also points within 10⁻⁹ and 10⁻⁷ (relatively) of the boundary — where a narrow
    /// feature (a bump 10⁻³ wide at 500) shows, and where only a check that does not reject
    /// points beside kinks can use them.
    func points(beside index: Int, from base: Point, alongAxis: Bool, close: Bool = false, using generator: inout SeededGenerator) -> [Point] {
        let (lhs, rhs) = boundaries[index]
        let dependence = CoordinateDependence([lhs, rhs])
        let symbols = FreeVariables([lhs, rhs]).sortedSymbols.filter { !$0.assumptions.contains(.spd) }
        guard !symbols.isEmpty else { return [] }
        var direction: [Symbol: [Double]] = [:]
        for symbol in symbols {
            guard let value = base.values[symbol] else { return [] }
            var d = value.doubleValues.map { x in Double.random(in: -1...1, using: &generator) * Swift.max(1, Swift.abs(x)) }
            if symbol.isSymmetric, value.rows == value.cols {
                let n = value.rows
                for i in 0..<n { for j in 0..<i { d[i * n + j] = d[j * n + i] } }
            }
            if let used = dependence.entries(of: symbol, rows: value.rows, cols: value.cols) {
                for k in d.indices where !used.contains(k) { d[k] = 0 }
            }
            direction[symbol] = d
        }
        if alongAxis {
            let coordinates = symbols.flatMap { symbol in
                (direction[symbol] ?? []).indices.filter { direction[symbol]?[$0] != 0 }.map { (symbol, $0) }
            }
            guard let (chosen, k) = coordinates.randomElement(using: &generator) else { return [] }
            for symbol in symbols {
                direction[symbol] = (direction[symbol] ?? []).indices.map { i in
                    symbol == chosen && i == k ? (direction[symbol]?[i] ?? 1) : 0
                }
            }
            if chosen.isSymmetric, let value = base.values[chosen], value.rows == value.cols {
                let n = value.rows, (i, j) = (k / n, k % n)
                let value = direction[chosen]?[k] ?? 0
                direction[chosen]?[j * n + i] = value
            }
        }
        let shape = lhs.shape.isScalar ? rhs.shape : lhs.shape
        let entryCount = (try? Evaluator<Double>(values: [:], sizes: base.sizes).concreteShape(shape)).map { $0.rows * $0.cols } ?? 1
        let entry = Int.random(in: 0..<Swift.max(1, entryCount), using: &generator)
        let line = Line(base: base, direction: direction, lhs: lhs, rhs: rhs, entry: entry)
        guard let root = line.root() else { return [] }
        var result: [Point] = []
        // Farther points on each side too: a ramp that starts at the boundary (relu(t − 500))
        // is too small to see right beside it, next to a large value.
        for side in [-1.0, 1.0] {
            for relative in close ? [1e-9, 1e-7, 1e-2, 1.0] : [1e-2, 1.0] {
                let s = root + side * relative * Swift.max(1, Swift.abs(root))
                if let point = line.exactPoint(at: s) { result.append(point) }
            }
        }
        for side in [-1.0, 1.0] {
            // The nearest point whose relative distance to the boundary is ten times the margin
            // at which the checks reject a point: as close as a narrow feature (a bump 10⁻³
            // wide) needs, far enough that rounding cannot put it on the other side.
            var offset = 1e-10
            while offset <= 1e-1 {
                let s = root + side * offset * Swift.max(1, Swift.abs(root))
                offset *= 4
                guard let point = line.exactPoint(at: s), let distance = line.relativeDistance(at: point), distance >= 1e-5 else { continue }
                result.append(point)
                break
            }
        }
        return result
    }
}

/// g(base + s·direction) = lhs − rhs, one entry of it, in Double.
private struct Line {
    let base: Point
    let direction: [Symbol: [Double]]
    let lhs: Expr
    let rhs: Expr
    let entry: Int

    func values(at s: Double) -> [Symbol: NumericArray<Double>] {
        var values: [Symbol: NumericArray<Double>] = [:]
        for (symbol, value) in base.values {
            var entries = value.doubleValues
            if let d = direction[symbol] {
                for k in entries.indices { entries[k] += s * d[k] }
            }
            values[symbol] = NumericArray(rows: value.rows, cols: value.cols, entries: entries)
        }
        return values
    }

    func g(_ s: Double) -> Double? {
        sides(values(at: s)).map { $0 - $1 }
    }

    /// The two sides at the entry (a scalar side is expanded).
    private func sides(_ values: [Symbol: NumericArray<Double>]) -> (Double, Double)? {
        var evaluator = Evaluator<Double>(values: values, sizes: base.sizes)
        guard let l = try? evaluator.evaluate(lhs), let r = try? evaluator.evaluate(rhs) else { return nil }
        func at(_ a: NumericArray<Double>) -> Double? {
            a.entries.count == 1 ? a.entries[0] : entry < a.entries.count ? a.entries[entry] : nil
        }
        guard let x = at(l), let y = at(r) else { return nil }
        return (x, y)
    }

    /// |lhs − rhs| / max(1, |lhs|, |rhs|) at a point: what the checks compare with their margin.
    func relativeDistance(at point: Point) -> Double? {
        guard let (x, y) = sides(point.values.mapValues { $0.array { $0.doubleValue } }) else { return nil }
        return Swift.abs(x - y) / Swift.max(1, Swift.abs(x), Swift.abs(y))
    }

    /// A root of g along the line: a bracketed sign change, bisected.
    func root() -> Double? {
        guard let g0 = g(0), g0 != 0 else { return g(0) == 0 ? 0 : nil }
        var near = 0.0
        var far: Double?
        outer: for magnitude in [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10000] {
            for s in [magnitude, -magnitude] {
                guard let value = g(s) else { continue }
                if (value > 0) != (g0 > 0) || value == 0 {
                    far = s
                    // The last point on g0's side in this direction (0 when none was seen).
                    near = s > 0 ? Swift.max(0, s / 3.2) : Swift.min(0, s / 3.2)
                    if let v = g(near), (v > 0) != (g0 > 0) { near = 0 }
                    break outer
                }
            }
        }
        guard var hi = far else { return nil }
        var lo = near
        guard let glo = g(lo) else { return nil }
        let loPositive = glo > 0
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            guard mid != lo, mid != hi, let value = g(mid) else { break }
            if value == 0 { return mid }
            if (value > 0) == loPositive { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// The point at s with each coordinate rounded to 15 significant digits, as an exact
    /// rational; nil when it leaves a positive or nonnegative symbol's domain.
    func exactPoint(at s: Double) -> Point? {
        var values: [Symbol: Value] = [:]
        for (symbol, array) in self.values(at: s) {
            var numbers: [Number] = []
            for x in array.entries {
                guard x.isFinite else { return nil }
                if symbol.isPositive && x <= 0 { return nil }
                if symbol.isNonnegative && x < 0 { return nil }
                guard let rounded = Double(String(format: "%.14e", x)),
                      let exact = try? Value.decimal(rounded) else { return nil }
                numbers.append(.exact(exact))
            }
            let rows = (0..<array.rows).map { i in Array(numbers[(i * array.cols)..<((i + 1) * array.cols)]) }
            guard let value = try? Value(rows: rows) else { return nil }
            values[symbol] = value
        }
        return try? Point(values: values, sizes: base.sizes)
    }
}

/// Which entries of each symbol an expression depends on: those picked by `x[i]` / `A[i, j]` when
/// the symbol appears only that way, else all of them.
private struct CoordinateDependence {
    /// nil: every entry; else the (row, column) pairs used.
    private var used: [Symbol: Set<[Int]>?] = [:]

    init(_ expressions: [Expr]) {
        var visited: Set<Expr> = []
        var stack = expressions
        while let e = stack.popLast() {
            guard visited.insert(e).inserted else { continue }
            switch e.kind {
            case .component(let argument, let row, let column):
                if let symbol = argument.symbolValue {
                    if case .some(.some(var set)) = used[symbol] {
                        set.insert([row, column])
                        used[symbol] = .some(set)
                    } else if used[symbol] == nil {
                        used[symbol] = .some([[row, column]])
                    }
                    continue
                }
            case .symbol(let symbol):
                used[symbol] = .some(nil)
                continue
            default:
                break
            }
            stack += e.children
        }
    }

    /// The row-major indices of the entries of `symbol` used; nil for all of them.
    func entries(of symbol: Symbol, rows: Int, cols: Int) -> Set<Int>? {
        guard case .some(.some(let pairs)) = used[symbol] else { return nil }
        var indices: Set<Int> = []
        for pair in pairs where pair[0] < rows && pair[1] < cols {
            indices.insert(pair[0] * cols + pair[1])
            // A symmetric matrix moves its mirrored entry with it.
            if symbol.isSymmetric, rows == cols { indices.insert(pair[1] * cols + pair[0]) }
        }
        return indices
    }
}

/// The boundary expressions g (g = 0 at the boundary) of a DAG, in a fixed order.
private struct BoundaryCollector {
    let domainEdges: Bool
    private(set) var found: [(lhs: Expr, rhs: Expr)] = []
    private var seen: Set<[Expr]> = []
    private var visited: Set<Expr> = []

    init(domainEdges: Bool) {
        self.domainEdges = domainEdges
    }

    mutating func visit(_ e: Expr) {
        guard found.count < BoundarySearch.maxBoundaries, visited.insert(e).inserted else { return }
        switch e.kind {
        case .piecewise(let cases):
            for piece in cases { add(piece.condition.lhs, piece.condition.rhs) }
        case .maximum(let a, let b), .minimum(let a, let b):
            add(a, b)
        case .function(let function, let argument):
            switch function {
            case .abs, .step, .sign: add(argument, Expr.zero)
            case .log where domainEdges: add(argument, Expr.zero)
            default: break
            }
        case .reduction(.norm, let argument) where argument.shape.isScalar:
            add(argument, Expr.zero)
        case .power(let base, let exponent) where domainEdges:
            if let p = exponent.numberValue, p.isInteger, p >= .zero { break }
            add(base, Expr.zero)
        default:
            break
        }
        for child in e.children { visit(child) }
    }

    private mutating func add(_ lhs: Expr, _ rhs: Expr) {
        guard found.count < BoundarySearch.maxBoundaries, lhs.numberValue == nil || rhs.numberValue == nil,
              seen.insert([lhs, rhs]).inserted else { return }
        found.append((lhs, rhs))
    }
}
