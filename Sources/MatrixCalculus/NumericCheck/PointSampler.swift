import BigInt

/// Draws random points for the numeric checks, inside the declared assumptions: positive and
/// nonnegative values are drawn positive, symmetric matrices as B + Bᵀ, SPD matrices as
/// BᵀB + nI, invertible ones as B + nI with entries of B in [−1, 1] (diagonally dominant, so
/// well conditioned). Values are exact rationals on a grid of eighths, so that rational
/// expressions are compared exactly; symbolic dimensions get sizes from `options.sizes`.
struct PointSampler {
    let variables: FreeVariables
    let options: NumericCheckOptions
    private var generator: SeededGenerator

    init(_ variables: FreeVariables, options: NumericCheckOptions) {
        self.variables = variables
        self.options = options
        generator = SeededGenerator(seed: options.seed)
    }

    mutating func draw() throws(EvaluationError) -> Point {
        var sizes: [String: Int] = [:]
        for (name, minimum) in variables.minimumSizes.sorted(by: { $0.key < $1.key }) {
            let low = max(minimum, options.sizes.lowerBound)
            let high = max(low, options.sizes.upperBound)
            sizes[name] = Int.random(in: low...high, using: &generator)
        }
        var values: [Symbol: Value] = [:]
        for symbol in variables.sortedSymbols {
            values[symbol] = try draw(symbol, sizes: sizes)
        }
        return try Point(values: values, sizes: sizes)
    }

    private mutating func draw(_ symbol: Symbol, sizes: [String: Int]) throws(EvaluationError) -> Value {
        func size(_ d: Dimension) throws(EvaluationError) -> Int {
            switch d {
            case .concrete(let value): return value
            case .symbolic(let name):
                guard let value = sizes[name] else { throw .unboundSize(name) }
                return value
            }
        }
        let rows = try size(symbol.shape.rows), cols = try size(symbol.shape.cols)
        guard rows * cols <= EvaluationLimits.maxEntries else {
            throw .limitExceeded("a random value with \(rows * cols) entries")
        }
        let assumptions = symbol.assumptions
        var grid: [[Rational]]
        if assumptions.contains(.spd), rows == cols {
            let b = randomGrid(rows, cols, range: -16...16)
            grid = (0..<rows).map { i in
                (0..<cols).map { j in
                    (0..<rows).reduce(Rational(i == j ? rows : 0)) { $0 + b[$1][i] * b[$1][j] }
                }
            }
        } else if assumptions.contains(.positive) || assumptions.contains(.nonnegative) {
            grid = randomGrid(rows, cols, range: 1...24)
            if assumptions.contains(.symmetric) { grid = symmetrized(grid) }
            if assumptions.contains(.invertible), rows == cols {
                for i in 0..<rows { grid[i][i] = grid[i][i] + Rational(3 * rows) }
            }
        } else if assumptions.contains(.invertible), rows == cols {
            grid = randomGrid(rows, cols, range: -8...8)
            if assumptions.contains(.symmetric) { grid = symmetrized(grid) }
            for i in 0..<rows { grid[i][i] = grid[i][i] + Rational(rows + 1) }
        } else {
            grid = randomGrid(rows, cols, range: -24...24)
            if assumptions.contains(.symmetric), rows == cols { grid = symmetrized(grid) }
        }
        return try Value(rows: grid.map { $0.map(Number.exact) })
    }

    /// Entries k/8 with k drawn from `range`, never 0 (zero is where many functions have a
    /// boundary: log, 1/x, |x|).
    private mutating func randomGrid(_ rows: Int, _ cols: Int, range: ClosedRange<Int>) -> [[Rational]] {
        (0..<rows).map { _ in
            (0..<cols).map { _ in
                var k = 0
                while k == 0 { k = Int.random(in: range, using: &generator) }
                return Rational(reducing: BigInt(k), 8)
            }
        }
    }

    private func symmetrized(_ grid: [[Rational]]) -> [[Rational]] {
        let n = grid.count
        return (0..<n).map { i in (0..<n).map { j in i <= j ? grid[i][j] : grid[j][i] } }
    }
}
