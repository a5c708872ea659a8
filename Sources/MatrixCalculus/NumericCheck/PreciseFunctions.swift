import BigInt
import Foundation

/// exp, log, sin and cos of a `BigFloat` midpoint to a working precision, in fixed point on
/// `BigInt`s. Each result is within a few units of 2^−`bits` relative (absolute for sin, cos and
/// for log away from 1); `Ball` adds that to its radius. Arguments are reduced exactly enough:
/// by log 2 for exp, by π/2 with π to as many bits as the argument has before its point
/// (sin(x·10²⁰) needs π to 67 more bits than sin(x)).
enum PreciseFunctions {
    /// Arguments of exp at least this large are not evaluated (the result's exponent would be
    /// near 2⁵⁰): undecided.
    static let expArgumentLimit = 50
    /// Arguments of sin and cos with more than this many bits before the point are not evaluated.
    static let trigonometricArgumentLimit = 8_192

    /// e^x to `bits` significant bits (within a few units).
    static func exp(_ x: BigFloat, bits: Int) throws(EvaluationError) -> BigFloat {
        if x.isZero { return BigFloat(1) }
        guard x.top < expArgumentLimit else { throw .limitExceeded("exp of an argument beyond 2^\(expArgumentLimit)") }
        let scale = bits + 24 + Swift.max(0, x.top)
        let ln2 = try engine { () throws(EngineError) in try PreciseConstants.log2(scale: scale) }
        let k = Int((x.doubleValue / 0.6931471805599453).rounded())
        let r = x.fixed(scale: scale) - BigInt(k) * ln2
        let (value, valueScale) = try expSeries(r, scale: scale)
        return BigFloat(mantissa: value, exponent: k - valueScale).truncated(toBits: bits + 8)
    }

    /// e^(r / 2^scale) for |r / 2^scale| ≤ 1, as (value, its scale): the argument halved
    /// about √scale times (by reading it at a larger scale), the series, then squared back. A
    /// halving costs a squaring and saves about one term of the series (a product and a
    /// division by a word); 24 halvings at the 150 to 200 bits of a check took more squarings
    /// than the terms they saved.
    private static func expSeries(_ r: BigInt, scale: Int) throws(EvaluationError) -> (BigInt, Int) {
        var halvings = 8
        while halvings * halvings < scale, halvings < 24 { halvings += 1 }
        let s = scale + halvings
        let one = BigInt(1) << s
        var total = one
        var term = one
        var k = 1
        while !term.isZero {
            term = down(term * r, s)
            term = divide(term, by: UInt(k))
            total += term
            k += 1
            if k & 31 == 0 { try check() }
        }
        for _ in 0..<halvings { total = down(total * total, s) }
        return (total, s)
    }

    /// log x for x > 0, with absolute error a few units of 2^−`bits`, relative near x = 1.
    static func log(_ x: BigFloat, bits: Int) throws(EvaluationError) -> BigFloat {
        guard !x.isZero, !x.isNegative else { throw .outsideDomain("log of a number that is not positive") }
        // x = f · 2^e with f in [0.75, 1.5).
        var e = x.top
        var scale = bits + 32
        func mantissaFixed(_ scale: Int) -> BigInt { BigFloat(mantissa: x.mantissa, exponent: x.exponent - e).fixed(scale: scale) }
        if mantissaFixed(scale) >= (BigInt(3) << (scale - 1)) { e += 1 }
        var f = mantissaFixed(scale)
        if e == 0 {
            // Near 1 the result is about f − 1: keep `bits` bits of it.
            let distance = (f - (BigInt(1) << scale)).magnitude
            if distance.isZero { return .zero }
            scale += scale - distance.bitWidth
            f = mantissaFixed(scale)
        }
        var result = BigInt(0)
        let one = BigInt(1) << scale
        if e != 0 || (f - one).magnitude.bitWidth > scale - 8 {
            // Far from 1 the series would take a term for every 4.6 bits: log f = y₀ + log(f·e^(−y₀))
            // with y₀ = log f in Double, and f·e^(−y₀) is within 2⁻⁵⁰ of 1, where it takes one
            // term for every 100 bits.
            let kept = Swift.min(scale, 60)
            let y0 = Foundation.log(Double(UInt64(truncatingIfNeeded: f.magnitude >> (scale - kept))) / Foundation.pow(2, Double(kept)))
            if y0.isFinite, y0 != 0 {
                let shift = BigFloat(exactly: y0)
                let e0 = try exp(-shift, bits: scale + 8).fixed(scale: scale)
                f = down(f * e0, scale)
                result = shift.fixed(scale: scale)
            }
        }
        let z = ((f - one) << scale) / (f + one)
        let zz = down(z * z, scale)
        var total = z
        var power = z
        var k = 1
        while !power.isZero {
            power = down(power * zz, scale)
            total += divide(power, by: UInt(2 * k + 1))
            k += 1
            if k & 31 == 0 { try check() }
        }
        result += 2 * total
        if e != 0 {
            let ln2 = try engine { () throws(EngineError) in try PreciseConstants.log2(scale: scale + 8) }
            result += down(BigInt(e) * ln2, 8)
        }
        return BigFloat(mantissa: result, exponent: -scale).truncated(toBits: bits + 8)
    }

    /// (sin x, cos x), each with absolute error a few units of 2^−`bits` (relative for small x).
    static func sinCos(_ x: BigFloat, bits: Int) throws(EvaluationError) -> (sin: BigFloat, cos: BigFloat) {
        if x.isZero { return (.zero, BigFloat(1)) }
        guard x.top < trigonometricArgumentLimit else { throw .limitExceeded("sin or cos of an argument beyond 2^\(trigonometricArgumentLimit)") }
        // Bits below the point to keep: the precision, more for a small argument (sin x ≈ x),
        // and room for the argument's integer part when π/2 is subtracted from it.
        let scale = bits + 32 + Swift.max(0, -x.top) + Swift.max(0, x.top)
        let halfPi = try engine { () throws(EngineError) in try PreciseConstants.pi(scale: scale) } >> 1
        let fixed = x.fixed(scale: scale)
        var k = BigInt(0)
        if x.top >= 0 {
            let twice = 2 * fixed
            k = twice.sign == .minus ? -((-twice + halfPi) / (2 * halfPi)) : (twice + halfPi) / (2 * halfPi)
        }
        let r = fixed - k * halfPi
        let rr = down(r * r, scale)
        // sin r and cos r by their series.
        var sinTotal = r, sinTerm = r
        var cosTotal = BigInt(1) << scale, cosTerm = BigInt(1) << scale
        var n = 1
        while !sinTerm.isZero || !cosTerm.isZero {
            sinTerm = -divide(down(sinTerm * rr, scale), by: UInt((2 * n) * (2 * n + 1)))
            cosTerm = -divide(down(cosTerm * rr, scale), by: UInt((2 * n - 1) * (2 * n)))
            sinTotal += sinTerm
            cosTotal += cosTerm
            n += 1
            if n & 31 == 0 { try check() }
        }
        let quadrant = Int(((k % 4) + 4) % 4)
        let (s, c): (BigInt, BigInt)
        switch quadrant {
        case 0: (s, c) = (sinTotal, cosTotal)
        case 1: (s, c) = (cosTotal, -sinTotal)
        case 2: (s, c) = (-sinTotal, -cosTotal)
        default: (s, c) = (-cosTotal, sinTotal)
        }
        return (BigFloat(mantissa: s, exponent: -scale).truncated(toBits: bits + 8),
                BigFloat(mantissa: c, exponent: -scale).truncated(toBits: bits + 8))
    }

    /// a / b to `bits` significant bits (toward zero; b ≠ 0).
    static func quotient(_ a: BigFloat, _ b: BigFloat, bits: Int) -> BigFloat {
        if a.isZero { return .zero }
        let shift = Swift.max(0, bits + 2 + b.bits - a.bits)
        return BigFloat(mantissa: (a.mantissa << shift) / b.mantissa, exponent: a.exponent - shift - b.exponent).truncated(toBits: bits)
    }

    /// √x for x ≥ 0 to `bits` significant bits (toward zero).
    static func squareRoot(_ x: BigFloat, bits: Int) -> BigFloat {
        if x.isZero { return .zero }
        var shift = Swift.max(0, 2 * bits + 4 - x.bits)
        if !(x.exponent - shift).isMultiple(of: 2) { shift += 1 }
        let root = integerSquareRoot(x.mantissa.magnitude << shift)
        return BigFloat(mantissa: BigInt(root), exponent: (x.exponent - shift) / 2).truncated(toBits: bits)
    }

    /// ⌊√n⌋, as `BigUInt.squareRoot()` gives it, by Newton's method from Double's square root of
    /// n's leading bits: that start is within 2⁻⁴⁰ of the root, so three or four divisions
    /// reach it, where BigUInt's start (a power of two) took nine or ten for a 300-bit n —
    /// square roots were a twentieth of a corpus build once derivatives of roots took them.
    static func integerSquareRoot(_ n: BigUInt) -> BigUInt {
        guard !n.isZero else { return 0 }
        // The leading 61 or 62 bits of n (an even shift), whose root Double gives to 2⁻⁵².
        var shift = Swift.max(0, n.bitWidth - 62)
        if !shift.isMultiple(of: 2) { shift += 1 }
        let leading = Double(UInt64(n >> shift)).squareRoot()
        // Above √n: √(leading + 1) ≤ √leading · (1 + 2⁻⁵¹) for the leading bits' root, and a
        // step of Newton's method from above stays above ⌊√n⌋ and decreases until it is reached.
        var x = BigUInt(UInt64(leading * (1 + 0x1p-40)) + 1) << (shift / 2)
        while true {
            let y = (x + n / x) >> 1
            if y >= x { return x }
            x = y
        }
    }

    /// x / 2^s toward zero: `>>` on a negative BigInt rounds toward −∞, and a series whose
    /// terms alternate in sign would then end at −1 instead of 0 and never stop.
    static func down(_ x: BigInt, _ s: Int) -> BigInt {
        BigInt(sign: x.sign, magnitude: x.magnitude >> s)
    }

    /// x / d toward zero for a word d > 0, word by word: BigInt's general division was a tenth
    /// of a course check's time in these series.
    static func divide(_ x: BigInt, by d: UInt) -> BigInt {
        var words = Array(x.magnitude.words)
        var remainder: UInt = 0
        for i in words.indices.reversed() {
            (words[i], remainder) = d.dividingFullWidth((remainder, words[i]))
        }
        return BigInt(sign: x.sign, magnitude: BigUInt(words: words))
    }

    private static func check() throws(EvaluationError) {
        do { try EngineBudget.check() } catch { throw .engine(error) }
    }

    private static func engine<T>(_ body: () throws(EngineError) -> T) throws(EvaluationError) -> T {
        do { return try body() } catch { throw .engine(error) }
    }
}
