import BigInt

/// A real number known to lie in [mid − radius, mid + radius]: ball arithmetic over `BigFloat`
/// at a working precision (`Ball.precision` bits), with every rounding and every propagated
/// uncertainty added to the radius. This is what confirms an "equal at this point" that Double
/// arithmetic reported (`PreciseComparison`): two balls that do not overlap are certainly
/// different values, whatever Double made of them (both 0 by underflow, both 1 by saturation,
/// sin of an argument whose +1 Double absorbed).
///
/// Two things a fixed precision cannot see are tracked rather than rounded away: an addend
/// entirely below the precision of a sum (1 + e^(−100)) and a function within the precision of
/// its limit (σ(1000) = 1 − e^(−1000)) set `missingBits`, and the comparison evaluates again with
/// that many more bits (up to a cap) or leaves the point undecided; a step that cannot be
/// carried out (an exponent out of range) throws.
struct Ball: EvaluationScalar {
    var mid: BigFloat
    /// An upper bound of the distance to the true value, ≥ 0, with a short mantissa.
    var radius: BigFloat
    /// Bits of precision this value needed beyond `precision` and did not get (0: none).
    var missingBits = 0

    /// The working precision, in bits, of the evaluation in progress.
    @TaskLocal static var precision = 128

    /// The function values of the evaluation in progress (see `FunctionMemo`); nil outside
    /// `precisely`, where nothing is remembered.
    @TaskLocal static var functionMemo: FunctionMemo?

    /// Bits a function's result should know of itself when its argument knew more (see log).
    static let goodBits = 96

    /// Bits kept in radii (upper bounds, rounded up).
    static let radiusBits = 30

    init(_ mid: BigFloat, radius: BigFloat = .zero, missingBits: Int = 0) {
        self.mid = mid
        self.radius = radius
        self.missingBits = missingBits
    }

    /// A computed midpoint rounded to the precision, with the rounding added to `radius`.
    static func rounded(_ exact: BigFloat, radius: BigFloat, missingBits: Int) -> Ball {
        let shift = exact.bits - precision
        let kept = exact.truncated(toBits: precision)
        // Bits were dropped unless those below the kept ones are 0 (as `kept == exact`).
        let error = shift <= 0 || exact.mantissa.magnitude.trailingZeroBitCount >= shift ? BigFloat.zero : BigFloat.power(ofTwo: kept.exponent)
        return Ball(kept, radius: addUp(radius, error), missingBits: missingBits)
    }

    var isExact: Bool { radius.isZero }

    /// Certainly positive / negative: the ball does not reach 0.
    var isCertainlyPositive: Bool { !mid.isNegative && BigFloat.compareMagnitudes(mid, radius) > 0 }
    var isCertainlyNegative: Bool { mid.isNegative && BigFloat.compareMagnitudes(mid, radius) > 0 }
    var isCertainlyNonzero: Bool { BigFloat.compareMagnitudes(mid, radius) > 0 }

    /// A lower bound of |x| over the ball, rounded down (0 when the ball reaches 0).
    var lowerMagnitude: BigFloat {
        guard isCertainlyNonzero else { return .zero }
        if radius.isZero { return mid.magnitudeRoundedDown(toBits: Ball.radiusBits) }
        if mid.top - radius.top > Ball.radiusBits + 8 {
            // |mid| − radius ≥ its 30-bit truncation less one unit in the last place.
            let t = mid.magnitudeRoundedDown(toBits: Ball.radiusBits)
            return BigFloat(mantissa: t.mantissa - 1, exponent: t.exponent)
        }
        return BigFloat.exactSum(mid.magnitude, -radius).magnitudeRoundedDown(toBits: Ball.radiusBits)
    }

    /// An upper bound of |x| over the ball.
    var upperMagnitude: BigFloat { Ball.addUp(mid.magnitudeRoundedUp(toBits: Ball.radiusBits), radius) }

    // MARK: Radius arithmetic (upper bounds)

    static func addUp(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        if a.isZero { return b.magnitudeRoundedUp(toBits: radiusBits) }
        if b.isZero { return a.magnitudeRoundedUp(toBits: radiusBits) }
        let (big, small) = a.top >= b.top ? (a, b) : (b, a)
        if big.top - small.top > radiusBits + 8 {
            let r = big.magnitudeWordRoundedUp(toBits: radiusBits)
            return BigFloat(mantissa: BigInt(r.mantissa + 1), exponent: r.exponent)
        }
        let (aBits, bBits) = (a.bits, b.bits)
        let e = Swift.min(a.exponent, b.exponent)
        if aBits <= 62, bBits <= 62, big.top - e < 62 {
            // Both fit a word side by side: the exact sum in a word, rounded as below.
            let x = UInt64(a.mantissa.magnitude.words[0]) << (a.exponent - e)
            let y = UInt64(b.mantissa.magnitude.words[0]) << (b.exponent - e)
            return BigFloat.roundedUp(word: x + y, exponent: e, toBits: radiusBits)
        }
        return BigFloat.exactSum(a.magnitude, b.magnitude).magnitudeRoundedUp(toBits: radiusBits)
    }

    static func multiplyUp(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        if a.isZero || b.isZero { return .zero }
        // Two mantissas of 30 bits (31 after rounding up to 2^30): their product fits a word.
        let x = a.magnitudeWordRoundedUp(toBits: radiusBits), y = b.magnitudeWordRoundedUp(toBits: radiusBits)
        return BigFloat.roundedUp(word: x.mantissa * y.mantissa, exponent: x.exponent &+ y.exponent, toBits: radiusBits)
    }

    /// a / b rounded up, for a > 0 and b > 0 (b a lower bound).
    static func divideUp(_ a: BigFloat, _ b: BigFloat) throws(EvaluationError) -> BigFloat {
        if a.isZero { return .zero }
        guard !b.isZero else { throw .notFinite("a bound divided by 0") }
        let q = PreciseFunctions.quotient(a.magnitude, b.magnitude, bits: radiusBits + 2)
        return BigFloat(mantissa: q.mantissa + 1, exponent: q.exponent).magnitudeRoundedUp(toBits: radiusBits)
    }

    /// The relative error bound of a function value computed to `precision + 8` bits and
    /// rounded: a few units in the last place of the precision.
    static func functionError(_ value: BigFloat) -> BigFloat {
        value.isZero ? .zero : BigFloat.power(ofTwo: value.top - precision + 3)
    }

    // MARK: EvaluationScalar

    static func constant(_ value: Rational) -> Ball {
        if let parts = value.smallParts, parts.denominator == 1, UInt.bitWidth - parts.numerator.magnitude.leadingZeroBitCount <= precision {
            let n = parts.numerator
            // An integer of a word (0, 1, the coefficients): exact, as the general path makes it.
            return Ball(BigFloat(mantissa: BigInt(n), exponent: 0))
        }
        if !value.isDyadic, let memo = functionMemo {
            // 1/3, 0.1: a division at every use, the same ball every time at this precision.
            let key = FunctionMemo.ConstantKey(value: value, bits: precision)
            if let known = memo.constants[key] { return known }
            let ball = divided(value)
            memo.constants[key] = ball
            return ball
        }
        return divided(value)
    }

    /// `constant(value)` computed: exact for a dyadic rational, else the quotient rounded.
    private static func divided(_ value: Rational) -> Ball {
        let n = value.numerator, d = value.denominator
        let dm = d.magnitude
        if dm & (dm - 1) == 0 {
            // A dyadic rational (d a power of two) is exact.
            return rounded(BigFloat(mantissa: n, exponent: -(Int(dm.bitWidth) - 1)), radius: .zero, missingBits: 0)
        }
        let shift = Swift.max(0, precision + 4 + Int(dm.bitWidth) - Int(n.magnitude.bitWidth))
        let q = BigFloat(mantissa: (n << shift) / d, exponent: -shift)
        return rounded(q, radius: .power(ofTwo: -shift), missingBits: 0)
    }

    static func constant(approximately value: Double) -> Ball { Ball(BigFloat(exactly: value)) }

    static func + (a: Ball, b: Ball) -> Ball {
        let missing = Swift.max(a.missingBits, b.missingBits)
        let radius = addUp(a.radius, b.radius)
        if a.mid.isZero { return Ball(b.mid, radius: radius, missingBits: missing) }
        if b.mid.isZero { return Ball(a.mid, radius: radius, missingBits: missing) }
        let (big, small) = a.mid.top >= b.mid.top ? (a, b) : (b, a)
        let gap = big.mid.top - small.mid.top
        if gap > precision + 4 || big.mid.exponent - small.mid.exponent > 4 * precision + 64 {
            // The smaller addend is below the precision of the sum: its magnitude goes to the
            // radius, and if it is certainly not 0, the value needed `gap` bits it did not get.
            let lost = small.isCertainlyNonzero && gap > precision + 4 ? gap + 16 - precision : 0
            return Ball(big.mid, radius: addUp(radius, small.mid.magnitudeRoundedUp(toBits: radiusBits)), missingBits: Swift.max(missing, lost))
        }
        return rounded(BigFloat.exactSum(a.mid, b.mid), radius: radius, missingBits: missing)
    }

    static func - (a: Ball, b: Ball) -> Ball { a + (-b) }

    static prefix func - (a: Ball) -> Ball { Ball(-a.mid, radius: a.radius, missingBits: a.missingBits) }

    static func * (a: Ball, b: Ball) -> Ball {
        let missing = Swift.max(a.missingBits, b.missingBits)
        if let scaled = scaledByPowerOfTwo(a, b, missing) ?? scaledByPowerOfTwo(b, a, missing) { return scaled }
        var radius = addUp(multiplyUp(a.mid, b.radius), multiplyUp(b.mid, a.radius))
        radius = addUp(radius, multiplyUp(a.radius, b.radius))
        if a.mid.isZero || b.mid.isZero { return Ball(.zero, radius: radius, missingBits: missing) }
        return rounded(BigFloat.exactProduct(a.mid, b.mid), radius: radius, missingBits: missing)
    }

    /// b · a for an exact a = ±2^k, when b's midpoint needs no rounding: the midpoint and the
    /// radius (rounded up to 30 bits, as the general product rounds it) shifted by k — the
    /// same ball as the general product, without its three bound products. The tangents of a
    /// point's coordinates are 1, and many factors are 2 or 1/2, so dual numbers multiply by
    /// these all the time.
    private static func scaledByPowerOfTwo(_ a: Ball, _ b: Ball, _ missing: Int) -> Ball? {
        guard a.radius.isZero, a.mid.mantissa.magnitude == 1, !b.mid.isZero, b.mid.bits <= precision else { return nil }
        let k = a.mid.exponent
        let mid = BigFloat(mantissa: a.mid.isNegative ? -b.mid.mantissa : b.mid.mantissa, exponent: b.mid.exponent &+ k)
        let r = b.radius.magnitudeRoundedUp(toBits: radiusBits)
        return Ball(mid, radius: r.isZero ? .zero : BigFloat(mantissa: r.mantissa, exponent: r.exponent &+ k), missingBits: missing)
    }

    func reciprocal() throws(EvaluationError) -> Ball {
        if isExact && mid.isZero { throw .divisionByZero }
        guard isCertainlyNonzero else { throw .notFinite("1/x for an x too close to 0 to tell") }
        let q = PreciseFunctions.quotient(BigFloat(1), mid, bits: Ball.precision + 8)
        // |1/x − 1/m| ≤ r / (|m| (|m| − r)).
        let lower = lowerMagnitude
        let spread = try Ball.divideUp(radius, BigFloat.exactProduct(lower, lower).magnitudeRoundedDown(toBits: Ball.radiusBits))
        return Ball.rounded(q, radius: Ball.addUp(spread, Ball.functionError(q)), missingBits: missingBits)
    }

    /// k when the ball is exactly k/2 for an odd k of moderate size (±1/2, 3/2, −5/2: roots).
    var halfInteger: Int? {
        guard isExact, !mid.isZero, mid.exponent < 0 else { return nil }
        let zeros = mid.mantissa.magnitude.trailingZeroBitCount
        guard mid.exponent + zeros == -1, mid.bits - zeros <= 20 else { return nil }
        return Int(exactly: mid.mantissa >> zeros)
    }

    /// The exact integer value, when the ball is one (radius 0) that fits an Int.
    var exactInteger: Int? {
        guard isExact else { return nil }
        if mid.isZero { return 0 }
        guard mid.top < 62 else { return nil }
        if mid.exponent >= 0 { return Int(exactly: mid.mantissa << mid.exponent) }
        guard mid.mantissa.magnitude.trailingZeroBitCount >= -mid.exponent else { return nil }
        return Int(exactly: mid.mantissa >> (-mid.exponent))
    }

    func raised(to exponent: Ball) throws(EvaluationError) -> Ball {
        if isExact && mid.isZero {
            guard exponent.isCertainlyPositive || (exponent.isExact && exponent.mid.isZero) else {
                if exponent.isCertainlyNegative { throw .divisionByZero }
                throw .notFinite("0 to a power too close to 0 to tell")
            }
            return exponent.mid.isZero ? .one : .zero
        }
        if let n = exponent.exactInteger {
            var result = Ball.one
            var base = self
            var k = n.magnitude
            while k > 0 {
                if k & 1 == 1 { result = result * base }
                k >>= 1
                if k > 0 { base = base * base }
                guard result.mid.isExponentInRange, base.mid.isExponentInRange else {
                    throw .limitExceeded("a power beyond the exponent range")
                }
            }
            return n < 0 ? try result.reciprocal() : result
        }
        if isCertainlyNegative, exponent.isExact {
            throw .outsideDomain("a negative number to a fractional power")
        }
        guard isCertainlyPositive else { throw .notFinite("a power of a base too close to 0 to tell") }
        if let k = exponent.halfInteger {
            // √x, whose radius is at most r / √(|x| − r); x^(k/2) as (√x)^k, so that the
            // derivatives of roots (x^(−1/2), x^(3/2)) cost a square root and a product or a
            // division, not a log and an exp.
            let root = try Ball.remembered(.sqrt, mid, bits: Ball.precision + 8) { PreciseFunctions.squareRoot(mid, bits: Ball.precision + 8) }
            let lowerRoot = PreciseFunctions.squareRoot(lowerMagnitude, bits: Ball.radiusBits)
            guard !lowerRoot.isZero else { throw .notFinite("√x of an x too close to 0 to tell") }
            let spread = try Ball.divideUp(radius, lowerRoot)
            let ball = Ball.rounded(root, radius: Ball.addUp(spread, Ball.functionError(root)), missingBits: missingBits)
            return k == 1 ? ball : try ball.raised(to: Ball(BigFloat(mantissa: BigInt(k), exponent: 0)))
        }
        return try (exponent * (try applying(.log))).applying(.exp)
    }

    func applying(_ function: ElementwiseFunction) throws(EvaluationError) -> Ball {
        let p = Ball.precision
        switch function {
        case .abs:
            return Ball(mid.magnitude, radius: radius, missingBits: missingBits)
        case .step, .sign:
            if isExact && mid.isZero { return .zero }
            if isCertainlyPositive { return .one }
            if isCertainlyNegative { return function == .step ? .zero : -.one }
            throw .notFinite("\(function.rawValue) of a value too close to 0 to tell")
        case .exp:
            guard BigFloat.compareMagnitudes(radius, BigFloat(1)) <= 0 else { throw .notFinite("exp of a value known to less than 1") }
            let value = try Ball.remembered(.exp, mid, bits: p + 8) { () throws(EvaluationError) in try PreciseFunctions.exp(mid, bits: p + 8) }
            // |e^(m ± r) − e^m| ≤ e^m · 2r for r ≤ 1.
            let spread = Ball.multiplyUp(value, Ball.multiplyUp(radius, BigFloat(2)))
            // e^x for |x| below the precision is 1 to every bit kept: not a value of x.
            let lost = isCertainlyNonzero && mid.top < -p ? -mid.top + 16 - p : 0
            return Ball.rounded(value, radius: Ball.addUp(spread, Ball.functionError(value)), missingBits: Swift.max(missingBits, lost))
        case .log:
            if isCertainlyNegative || (isExact && mid.isZero) { throw .outsideDomain("log of a number that is not positive") }
            guard isCertainlyPositive else { throw .notFinite("log of a value too close to 0 to tell") }
            let value = try Ball.remembered(.log, mid, bits: p + 8) { () throws(EvaluationError) in try PreciseFunctions.log(mid, bits: p + 8) }
            // |log(m ± r) − log m| ≤ r / (m − r); the computed value is absolutely accurate.
            let spread = try Ball.divideUp(radius, lowerMagnitude)
            let error = Ball.addUp(Ball.functionError(value), BigFloat.power(ofTwo: -p - 3))
            let result = Ball.rounded(value, radius: Ball.addUp(spread, mid.top == 0 || mid.top == -1 ? Ball.functionError(value) : error), missingBits: missingBits)
            // Near 1, log magnifies the relative uncertainty of its argument (log(1 + 10⁻²⁰x²)
            // knows 2⁻¹²⁸ of its 10⁻²⁰): a result left with fewer good bits than its argument
            // had, and fewer than `Ball.goodBits`, asks for the bits it lost.
            let argumentBits = radius.isZero ? p : mid.top - radius.top
            let resultBits = result.radius.isZero || result.mid.isZero ? p : result.mid.top - result.radius.top
            if !result.mid.isZero, resultBits < Ball.goodBits, argumentBits > resultBits {
                return Ball(result.mid, radius: result.radius, missingBits: Swift.max(result.missingBits, argumentBits - resultBits + 16))
            }
            return result
        case .sin, .cos:
            guard BigFloat.compareMagnitudes(radius, BigFloat(1)) <= 0 else { throw .notFinite("\(function.rawValue) of a value known to less than 1") }
            let (s, c) = try Ball.rememberedSinCos(mid, bits: p + 8)
            let value = function == .sin ? s : c
            // 1-Lipschitz; absolute error for a large argument, relative for a small one.
            let error = mid.top < 0 ? Ball.functionError(value) : Ball.addUp(Ball.functionError(value), BigFloat.power(ofTwo: -p - 3))
            // cos x for x² below the precision is 1 to every bit kept.
            let lost = function == .cos && isCertainlyNonzero && 2 * mid.top < -p ? -2 * mid.top + 16 - p : 0
            return Ball.rounded(value, radius: Ball.addUp(radius, error), missingBits: Swift.max(missingBits, lost))
        case .tan:
            return try applying(.sin).divided(by: try applying(.cos))
        case .tanh:
            // tanh x = (e^(2x) − 1)/(e^(2x) + 1) near 0 (with bits for the cancellation), else
            // ±(1 − 2/(e^(2|x|) + 1)): within the precision of ±1 it needs more bits.
            if mid.top < 0 {
                let extra = Swift.min(-mid.top, 4 * p)
                let inner = try Ball.precisely(p + extra + 16) { () throws(EvaluationError) -> Ball in
                    let e = try (Ball(mid) * .constant(Rational(2))).applying(.exp)
                    return try (e - .one).divided(by: e + .one)
                }
                return Ball.rounded(inner.mid, radius: Ball.addUp(radius, Ball.addUp(inner.radius, Ball.functionError(inner.mid))), missingBits: Swift.max(missingBits, inner.missingBits))
            }
            let e = try (Ball(mid.magnitude) * .constant(Rational(2))).applying(.exp)
            let tail = try Ball.constant(Rational(2)).divided(by: e + .one)
            let value = Ball.one - tail
            let signed = mid.isNegative ? -value : value
            return Ball(signed.mid, radius: Ball.addUp(radius, signed.radius), missingBits: Swift.max(missingBits, signed.missingBits))
        case .sigmoid:
            // 1/(1 + e^(−x)) for x ≥ 0 (which needs more bits within the precision of 1),
            // e^x/(1 + e^x) below; 1/4-Lipschitz.
            let value: Ball
            if mid.isNegative {
                let e = try Ball(mid).applying(.exp)
                value = try e.divided(by: .one + e)
            } else {
                value = try (Ball.one + (try Ball(-mid).applying(.exp))).reciprocal()
            }
            return Ball(value.mid, radius: Ball.addUp(value.radius, Ball.multiplyUp(radius, BigFloat(mantissa: 1, exponent: -2))), missingBits: Swift.max(missingBits, value.missingBits))
        }
    }

    /// `body` evaluated at `bits` of working precision, remembering its function values (an
    /// enclosing `precisely`'s memo is kept: its entries are keyed by their precision too).
    static func precisely<T>(_ bits: Int, _ body: () throws(EvaluationError) -> T) throws(EvaluationError) -> T {
        let memo = functionMemo ?? FunctionMemo()
        let result: Result<T, EvaluationError> = $functionMemo.withValue(memo) {
            $precision.withValue(bits) {
                Result { () throws(EvaluationError) -> T in try body() }
            }
        }
        return try result.get()
    }

    /// `PreciseFunctions`' value of `function` at `x` to `bits` bits, from the memo when the
    /// evaluation in progress computed it already.
    private static func remembered(_ function: FunctionMemo.Function, _ x: BigFloat, bits: Int, _ compute: () throws(EvaluationError) -> BigFloat) throws(EvaluationError) -> BigFloat {
        guard let memo = functionMemo else { return try compute() }
        let key = FunctionMemo.Key(function: function, bits: bits, argument: x)
        if let known = memo.values[key] { return known }
        let value = try compute()
        memo.values[key] = value
        return value
    }

    /// sin x and cos x to `bits` bits, both from one `PreciseFunctions.sinCos` (remembered).
    private static func rememberedSinCos(_ x: BigFloat, bits: Int) throws(EvaluationError) -> (sin: BigFloat, cos: BigFloat) {
        guard let memo = functionMemo else { return try PreciseFunctions.sinCos(x, bits: bits) }
        let sinKey = FunctionMemo.Key(function: .sin, bits: bits, argument: x)
        let cosKey = FunctionMemo.Key(function: .cos, bits: bits, argument: x)
        if let s = memo.values[sinKey], let c = memo.values[cosKey] { return (s, c) }
        let (s, c) = try PreciseFunctions.sinCos(x, bits: bits)
        memo.values[sinKey] = s
        memo.values[cosKey] = c
        return (s, c)
    }

    var primal: Number { .approximate(mid.doubleValue) }
    var isExactlyZero: Bool { mid.isZero && radius.isZero }

    /// The order of two balls where it is certain; where they overlap only an exact tie is
    /// decided (a max or a piecewise condition there is not decided at this precision).
    static func order(_ a: Ball, _ b: Ball) throws(EvaluationError) -> Int {
        let d = a - b
        if d.isCertainlyPositive { return 1 }
        if d.isCertainlyNegative { return -1 }
        if d.isExactlyZero { return 0 }
        throw .notFinite("a comparison too close to call")
    }
}

/// The values exp, log, sin, cos and √ (and the non-dyadic literals) took in one precise evaluation, by argument and precision:
/// the claimed derivative and the dual numbers of the function meet the same arguments (exp(u·v)
/// in both; sin x for the value and cos x for the slope of a sine, which one `sinCos` gives),
/// and each was computed again from scratch, most of the cost of a precise comparison. A
/// remembered value is the one a new computation would return (a function of its argument and
/// precision only), so remembering changes no ball.
///
/// Unchecked Sendable: `Ball.precisely` binds one as a task-local for a synchronous body, and
/// nothing in that body runs concurrently, so only one thread ever touches it.
final class FunctionMemo: @unchecked Sendable {
    enum Function: UInt8, Hashable { case exp, log, sin, cos, sqrt }

    struct Key: Hashable {
        var function: Function
        var bits: Int
        var argument: BigFloat
    }

    var values: [Key: BigFloat] = [:]

    struct ConstantKey: Hashable {
        var value: Rational
        var bits: Int
    }

    /// Literals that are not dyadic, as balls at a precision (`Ball.constant`).
    var constants: [ConstantKey: Ball] = [:]
}

extension Rational {
    /// The denominator is a power of two: `Ball.constant` holds the value exactly.
    fileprivate var isDyadic: Bool {
        if let parts = smallParts { return parts.denominator & (parts.denominator - 1) == 0 }
        let d = denominator.magnitude
        return d & (d - 1) == 0
    }
}
