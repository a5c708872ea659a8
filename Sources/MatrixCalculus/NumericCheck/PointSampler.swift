import BigInt

/// Draws random points for the numeric checks, inside the declared assumptions: positive and
/// nonnegative values are drawn positive, symmetric matrices symmetrised, SPD matrices as
/// BᵀB + nI, invertible ones as B + nI with entries of B in [−1, 1] (diagonally dominant, so
/// well conditioned). Values are exact rationals, so that rational expressions are compared
/// exactly; symbolic dimensions get sizes from `options.sizes`.
///
/// Successive draws cycle through magnitudes (`Magnitude`), so that a difference that shows only
/// for small or large values (a breakpoint at 3, a term that matters below 10⁻²) is found:
/// moderate values on a grid of eighths in [−3, 3], then entries spread over 10⁻³…10³, then
/// small ones (10⁻³…10⁻¹), then large ones (10…10³). Matrices with a structural assumption
/// (SPD, invertible) are scaled as a whole, which keeps the assumption and the conditioning.
struct PointSampler {
    let variables: FreeVariables
    let options: NumericCheckOptions
    private var generator: SeededGenerator
    private var draws = 0
    /// The magnitudes drawn, in turn.
    let magnitudes: [Magnitude]

    /// The range of magnitudes of one draw.
    enum Magnitude: CaseIterable {
        case moderate, spread, small, large

        /// Powers of ten an entry (or a structured matrix's scale) is drawn with.
        var exponents: ClosedRange<Int> {
            switch self {
            case .moderate: return 0...0
            case .spread: return (-3)...2
            case .small: return (-3)...(-2)
            case .large: return 1...2
            }
        }
    }

    /// The magnitude of the next draw.
    var nextMagnitude: Magnitude { magnitudes[draws % magnitudes.count] }

    init(_ variables: FreeVariables, options: NumericCheckOptions, magnitudes: [Magnitude] = Magnitude.allCases) {
        self.variables = variables
        self.options = options
        self.magnitudes = magnitudes.isEmpty ? [.moderate] : magnitudes
        generator = SeededGenerator(seed: options.seed)
    }

    mutating func draw() throws(EvaluationError) -> Point {
        let magnitude = nextMagnitude
        draws += 1
        return try draw(magnitude: magnitude)
    }

    /// A point of the given magnitude (outside the cycle of `draw()`).
    mutating func draw(magnitude: Magnitude) throws(EvaluationError) -> Point {
        var sizes: [String: Int] = [:]
        for (name, minimum) in variables.minimumSizes.sorted(by: { $0.key < $1.key }) {
            let low = max(minimum, options.sizes.lowerBound)
            let high = max(low, options.sizes.upperBound)
            sizes[name] = Int.random(in: low...high, using: &generator)
        }
        var values: [Symbol: Value] = [:]
        for symbol in variables.sortedSymbols {
            values[symbol] = try draw(symbol, sizes: sizes, magnitude: magnitude)
        }
        return try Point(values: values, sizes: sizes)
    }

    /// A random generator derived from the sampler's, for searches that need their own draws.
    mutating func split() -> SeededGenerator { SeededGenerator(seed: generator.next()) }

    private mutating func draw(_ symbol: Symbol, sizes: [String: Int], magnitude: Magnitude) throws(EvaluationError) -> Value {
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
        // A square matrix with a structural assumption keeps it only if drawn as a whole.
        let structured = rows == cols && rows > 1 && (assumptions.contains(.spd) || assumptions.contains(.invertible))
        var grid: [[Rational]]
        if assumptions.contains(.spd), rows == cols {
            let b = randomGrid(rows, cols, range: -16...16)
            grid = (0..<rows).map { i in
                (0..<cols).map { j in
                    (0..<rows).reduce(Rational(i == j ? rows : 0)) { $0 + b[$1][i] * b[$1][j] }
                }
            }
        } else if assumptions.contains(.positive) || assumptions.contains(.nonnegative) {
            grid = structured ? randomGrid(rows, cols, range: 1...24) : spreadGrid(rows, cols, magnitude, positive: true)
            if assumptions.contains(.symmetric), rows == cols { grid = symmetrized(grid) }
            if assumptions.contains(.invertible), rows == cols {
                for i in 0..<rows { grid[i][i] = grid[i][i] + Rational(3 * rows) }
            }
        } else if assumptions.contains(.invertible), rows == cols {
            grid = randomGrid(rows, cols, range: -8...8)
            if assumptions.contains(.symmetric) { grid = symmetrized(grid) }
            for i in 0..<rows { grid[i][i] = grid[i][i] + Rational(rows + 1) }
        } else {
            grid = spreadGrid(rows, cols, magnitude, positive: false)
            if assumptions.contains(.symmetric), rows == cols { grid = symmetrized(grid) }
        }
        if structured, magnitude != .moderate {
            let scale = powerOfTen(Int.random(in: magnitude.exponents, using: &generator))
            grid = grid.map { $0.map { $0 * scale } }
        }
        return try Value(rows: grid.map { $0.map(Number.exact) })
    }

    /// Entries of the given magnitude: on the grid of eighths in [−3, 3] for `.moderate`,
    /// else k/8 · 10ᵉ with k in 8…79 (so 10ᵉ ≤ |entry| < 10ᵉ⁺¹) and e from the magnitude's range.
    private mutating func spreadGrid(_ rows: Int, _ cols: Int, _ magnitude: Magnitude, positive: Bool) -> [[Rational]] {
        if magnitude == .moderate { return randomGrid(rows, cols, range: positive ? 1...24 : -24...24) }
        return (0..<rows).map { _ in
            (0..<cols).map { _ in
                let k = Int.random(in: 8...79, using: &generator)
                let sign = positive || Bool.random(using: &generator) ? 1 : -1
                let e = Int.random(in: magnitude.exponents, using: &generator)
                return Rational(reducing: BigInt(sign * k), 8) * powerOfTen(e)
            }
        }
    }

    private func powerOfTen(_ e: Int) -> Rational {
        e >= 0 ? Rational(reducing: BigInt(10).power(e), 1) : Rational(reducing: 1, BigInt(10).power(-e))
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
