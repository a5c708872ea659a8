import BigInt

/// The high-precision confirmation of a numeric "equal at this point". Double arithmetic is a
/// filter only: two sides that agree in Double (or that Double cannot evaluate, by underflow or
/// overflow) are evaluated again at the same exact point in ball arithmetic (`Ball`) with
/// `precision(for:)` bits, and they agree only if their balls overlap. Balls that do not overlap
/// are a counterexample, shown with the precise values. A point this cannot settle (a function
/// or a comparison it cannot evaluate, more bits than `maxPrecision`) is undecided: never equal.
///
/// The tolerance this leaves is the radius of the balls: about 2^−precision relative to the
/// magnitudes the values were computed from, which is what lets cancellation
/// (exp(x)² − exp(2x) = 0, (x + 1)² − x² − 2x − 1 = 0) pass and what no literal of the
/// expressions can reach below, as the precision includes every literal's significant bits.
enum PreciseComparison {
    enum Outcome: Equatable {
        /// The balls overlap; `radius` bounds how far apart the values may still be (as a
        /// Double, rounded up; 0 below the Double range).
        case agree(radius: Double)
        /// The two sides at the point, as readable text of their precise values (entry by entry).
        case differ(left: String, right: String)
        case undecided(String)
    }

    private enum Step {
        case agree(Double), differ(left: String, right: String), undecided(String), moreBits(Int)
    }

    /// Bits of precision beyond what the literals need.
    static let basePrecision = 128
    /// The most bits an evaluation uses: beyond it, the point is undecided (a cell's time
    /// limit bounds the work anyway, but a literal of 10⁴ digits should not cost seconds).
    static let maxPrecision = 4_096

    /// `literalBits`: `literalBits(for: [a, b])`, which a check computes once for all its points.
    static func compare(_ a: Expr, _ b: Expr, at point: Point, literalBits: Int? = nil) throws(NumericCheckError) -> Outcome {
        var bits = precision(literalBits: literalBits ?? Self.literalBits(for: [a, b]), at: point)
        for _ in 0..<4 {
            guard bits <= maxPrecision else {
                return .undecided("the values need more than \(maxPrecision) bits of precision at \(point)")
            }
            let step: Step
            do {
                step = try Ball.precisely(bits) { () throws(EvaluationError) -> Step in
                    var evaluator = Evaluator<Ball>(values: point.values.mapValues { $0.array(Ball.init(number:)) }, sizes: point.sizes)
                    let x = try evaluator.evaluate(a), y = try evaluator.evaluate(b)
                    guard x.entries.count == y.entries.count || x.isScalar || y.isScalar else {
                        return .undecided("values of different sizes")
                    }
                    let missing = (x.entries + y.entries).map(\.missingBits).max() ?? 0
                    if missing > 0 { return .moreBits(missing) }
                    var radius = 0.0
                    for k in 0..<Swift.max(x.entries.count, y.entries.count) {
                        let u = x.isScalar ? x.scalar : x.entries[k], v = y.isScalar ? y.scalar : y.entries[k]
                        let d = u - v
                        if d.isCertainlyNonzero {
                            let (left, right) = (text(x), text(y))
                            // Equal to 17 digits (σ(1000) beside 1): say by how much they differ.
                            return .differ(left: left, right: left == right ? "\(right) (they differ by \(d.mid.decimalDescription(digits: 3)))" : right)
                        }
                        radius = Swift.max(radius, d.radius.doubleValue.nextUp)
                    }
                    return .agree(radius)
                }
            } catch {
                if case .engine(.timeLimitExceeded) = error { throw .evaluation(error) }
                return .undecided("\(error) at \(point) (at \(bits) bits)")
            }
            switch step {
            case .agree(let radius): return .agree(radius: radius)
            case .differ(let left, let right): return .differ(left: left, right: right)
            case .undecided(let reason): return .undecided("\(reason) at \(point)")
            case .moreBits(let missing): bits += missing + 32
            }
        }
        return .undecided("the values need ever more bits of precision at \(point)")
    }

    /// `basePrecision` plus what the literals and coordinates need to be resolved beside the
    /// values around them: their significant bits (the digits of 1.000…01) and their binary
    /// order of magnitude (1e-30 beside a value near 1, as in tanh(x·1e-30) against x·1e-30,
    /// which differ by 10⁻⁶⁰ relatively).
    static func precision(for expressions: [Expr], at point: Point) -> Int {
        precision(literalBits: literalBits(for: expressions), at: point)
    }

    /// The precision for expressions whose literals need `literalBits` (`literalBits(for:)`).
    static func precision(literalBits: Int, at point: Point) -> Int {
        var longest = literalBits
        for value in point.values.values {
            for case .exact(let r) in value.entries where longest <= maxPrecision { longest = Swift.max(longest, bits(r)) }
        }
        return basePrecision + longest
    }

    /// The most bits a literal of `expressions` needs (see `precision`): the same at every
    /// point, so a check counts them once — counting the digits of 2e10000 took 0.3 s in a
    /// debug build, and counted again at each of the points drawn it kept a cell with a
    /// 1-second limit busy for 10 s (CellFuzzer, session 10).
    static func literalBits(for expressions: [Expr]) -> Int {
        var longest = 0
        var seen = Set<Expr>()
        var stack = expressions
        while let e = stack.popLast(), longest <= maxPrecision {
            guard seen.insert(e).inserted else { continue }
            switch e.kind {
            case .number(let value): longest = Swift.max(longest, bits(value))
            case .product(let coefficient, _, _): longest = Swift.max(longest, bits(coefficient))
            default: break
            }
            stack.append(contentsOf: e.children)
        }
        return longest
    }

    /// The bits one rational needs: its significant bits plus its binary order of magnitude.
    /// An order of magnitude past the cap (10¹⁰⁰⁰⁰) settles it without counting digits.
    private static func bits(_ r: Rational) -> Int {
        let magnitude = Swift.abs(r.numerator.magnitude.bitWidth - r.denominator.magnitude.bitWidth)
        guard magnitude <= maxPrecision else { return magnitude }
        return Swift.max(significantBits(r.numerator), significantBits(r.denominator)) + magnitude
    }

    /// The bits of n without its factors 2 and 5 (10⁵⁰ has 1, 10⁵⁰ + 1 has 167).
    static func significantBits(_ n: BigInt) -> Int {
        var m = n.magnitude
        guard !m.isZero else { return 0 }
        m >>= m.trailingZeroBitCount
        guard m.bitWidth > 1 else { return 1 }
        let chunk = BigUInt(7_450_580_596_923_828_125) // 5²⁷
        while m.bitWidth > 64 {
            let (q, r) = m.quotientAndRemainder(dividingBy: chunk)
            guard r.isZero else { break }
            m = q
        }
        while m > 1 {
            let (q, r) = m.quotientAndRemainder(dividingBy: 5)
            guard r.isZero else { break }
            m = q
        }
        return m.bitWidth
    }

    /// Entry texts in the layout of `Value.description`.
    static func text(_ value: NumericArray<Ball>) -> String {
        let entries = value.entries.map { $0.mid.decimalDescription() }
        if value.isScalar { return entries[0] }
        if value.cols == 1 { return "[" + entries.joined(separator: ", ") + "]" }
        return "[" + (0..<value.rows).map { i in
            "[" + (0..<value.cols).map { j in entries[i * value.cols + j] }.joined(separator: ", ") + "]"
        }.joined(separator: ", ") + "]"
    }
}

extension Ball {
    /// A point's coordinate: exact, or a Double taken exactly.
    init(number: Number) {
        switch number {
        case .exact(let r): self = Ball.constant(r)
        case .approximate(let d): self = Ball(BigFloat(exactly: d))
        }
    }
}
