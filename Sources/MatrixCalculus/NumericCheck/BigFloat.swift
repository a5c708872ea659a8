import BigInt
import Foundation
import Synchronization

/// A binary floating-point number of arbitrary precision and unbounded exponent,
/// `mantissa · 2^exponent`, exact as stored: the midpoints and radii of `Ball`. Operations say
/// how they round. No underflow and no overflow short of an exponent near 2⁵⁶, which `Ball`
/// treats as undecided: the point of this type is that exp(−10⁶) and 10⁻³²⁰ are values.
struct BigFloat: Sendable, Hashable {
    var mantissa: BigInt
    var exponent: Int

    static let zero = BigFloat(mantissa: 0, exponent: 0)
    /// Exponents beyond this (either way) are out of range: products of two cannot overflow.
    static let exponentLimit = 1 << 56

    init(mantissa: BigInt, exponent: Int) {
        self.mantissa = mantissa
        self.exponent = exponent
    }

    init(_ value: Int) { self.init(mantissa: BigInt(value), exponent: 0) }

    /// A Double, exactly (a finite Double is a dyadic rational).
    init(exactly value: Double) {
        guard value.isFinite, value != 0 else { self = .zero; return }
        let significand = BigInt(Int64(value.significand * 0x1p52))
        self.init(mantissa: value < 0 ? -significand : significand, exponent: Int(value.exponent) - 52)
    }

    var isZero: Bool { mantissa.isZero }
    var isNegative: Bool { mantissa.sign == .minus && !mantissa.isZero }
    var bits: Int { mantissa.magnitude.bitWidth }
    /// ⌊log₂|x|⌋ for a nonzero x (very negative for 0, so that 0 is below everything).
    var top: Int { isZero ? Int.min / 4 : exponent + bits - 1 }
    var magnitude: BigFloat { BigFloat(mantissa: BigInt(mantissa.magnitude), exponent: exponent) }
    var isExponentInRange: Bool { Swift.abs(exponent) < BigFloat.exponentLimit }

    static prefix func - (x: BigFloat) -> BigFloat { BigFloat(mantissa: -x.mantissa, exponent: x.exponent) }

    /// 2^k.
    static func power(ofTwo k: Int) -> BigFloat { BigFloat(mantissa: 1, exponent: k) }

    /// Rounded toward zero to at most `bits` significant bits: the error is below
    /// 2^(result.exponent) when the result differs (one unit in its last place).
    func truncated(toBits bits: Int) -> BigFloat {
        let width = self.bits
        guard width > bits else { return self }
        let shift = width - bits
        return BigFloat(mantissa: BigInt(sign: mantissa.sign, magnitude: mantissa.magnitude >> shift), exponent: exponent + shift)
    }

    /// |x| rounded up to a `bits`-bit mantissa (an upper bound, for radii); always `bits` wide
    /// when nonzero, so that adding one unit in the last place is a small relative step.
    func magnitudeRoundedUp(toBits bits: Int) -> BigFloat {
        guard !isZero else { return .zero }
        if bits <= 62 {
            let (m, e) = magnitudeWordRoundedUp(toBits: bits)
            return BigFloat(mantissa: BigInt(m), exponent: e)
        }
        let width = self.bits
        var m = mantissa.magnitude
        var e = exponent
        if width > bits {
            let shift = width - bits
            let kept = m >> shift
            let exact = kept << shift == m
            m = exact ? kept : kept + 1
            e += shift
        } else if width < bits {
            m <<= (bits - width)
            e -= bits - width
        }
        return BigFloat(mantissa: BigInt(m), exponent: e)
    }

    /// `magnitudeRoundedUp(toBits:)` for `bits` ≤ 62, as a word and an exponent, computed on
    /// words: a radius is rounded up to 30 bits after every operation of a ball, and shifting
    /// the whole mantissa back to see whether bits were dropped was a tenth of a precise check.
    /// x ≠ 0.
    func magnitudeWordRoundedUp(toBits bits: Int) -> (mantissa: UInt64, exponent: Int) {
        let m = mantissa.magnitude
        let width = m.bitWidth
        if width > bits {
            let shift = width - bits
            let kept = BigFloat.word(of: m, at: shift)
            // Rounded up unless the bits below are all 0 (as `kept << shift == m`).
            return (m.trailingZeroBitCount >= shift ? kept : kept + 1, exponent + shift)
        }
        return (UInt64(m.words[0]) << (bits - width), exponent - (bits - width))
    }

    /// The 64 bits of m from bit `shift` up (0 beyond its top).
    static func word(of m: BigUInt, at shift: Int) -> UInt64 {
        let words = m.words
        let index = shift / 64, offset = shift % 64
        let low = UInt64(words[index]) >> offset
        return offset == 0 ? low : low | (UInt64(words[index + 1]) << (64 - offset))
    }

    /// m · 2^e (m > 0) rounded up to a `bits`-bit mantissa, as `magnitudeRoundedUp` rounds.
    static func roundedUp(word m: UInt64, exponent e: Int, toBits bits: Int) -> BigFloat {
        let width = UInt64.bitWidth - m.leadingZeroBitCount
        if width > bits {
            let shift = width - bits
            let kept = m >> shift
            return BigFloat(mantissa: BigInt(kept << shift == m ? kept : kept + 1), exponent: e + shift)
        }
        return BigFloat(mantissa: BigInt(m << (bits - width)), exponent: e - (bits - width))
    }

    /// |x| rounded down to a `bits`-bit mantissa (a lower bound); always `bits` wide when
    /// nonzero, so that one unit less in the last place is still positive.
    func magnitudeRoundedDown(toBits bits: Int) -> BigFloat {
        let t = magnitude.truncated(toBits: bits)
        let width = t.bits
        guard width > 0, width < bits else { return t }
        return BigFloat(mantissa: t.mantissa << (bits - width), exponent: t.exponent - (bits - width))
    }

    /// a + b exactly. Callers bound the exponent gap (the shift it costs).
    static func exactSum(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        if a.isZero { return b }
        if b.isZero { return a }
        let e = Swift.min(a.exponent, b.exponent)
        return BigFloat(mantissa: (a.mantissa << (a.exponent - e)) + (b.mantissa << (b.exponent - e)), exponent: e)
    }

    static func exactProduct(_ a: BigFloat, _ b: BigFloat) -> BigFloat {
        BigFloat(mantissa: a.mantissa * b.mantissa, exponent: a.exponent &+ b.exponent)
    }

    /// The value as a fixed-point integer: ⌊x · 2^scale⌋ (toward zero).
    func fixed(scale: Int) -> BigInt {
        let shift = exponent + scale
        return shift >= 0 ? mantissa << shift : BigInt(sign: mantissa.sign, magnitude: mantissa.magnitude >> (-shift))
    }

    /// Compares magnitudes: −1, 0 or 1.
    static func compareMagnitudes(_ a: BigFloat, _ b: BigFloat) -> Int {
        if a.isZero || b.isZero { return a.isZero ? (b.isZero ? 0 : -1) : 1 }
        if a.top != b.top { return a.top < b.top ? -1 : 1 }
        let e = Swift.min(a.exponent, b.exponent)
        let x = a.mantissa.magnitude << (a.exponent - e), y = b.mantissa.magnitude << (b.exponent - e)
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    /// The nearest Double or so (0 or ±∞ outside the Double range): what comparisons and
    /// pivoting look at, never a value that is reported.
    var doubleValue: Double {
        guard !isZero else { return 0 }
        let t = truncated(toBits: 62)
        guard let m = Int(exactly: t.mantissa) else { return 0 }
        guard t.exponent > -2000 else { return m < 0 ? -0.0 : 0 }
        guard t.exponent < 2000 else { return m < 0 ? -.infinity : .infinity }
        return Double(sign: .plus, exponent: t.exponent, significand: Double(m))
    }

    /// A readable decimal: 17 significant digits (`digits`) and an exponent of any size
    /// (`-1.2345678901234567e-6785`); beyond exponents of 10⁶ only the power of ten
    /// (`about 10^-271428571428`), never a number of thousands of digits.
    func decimalDescription(digits: Int = 17) -> String {
        guard !isZero else { return "0" }
        let sign = isNegative ? "-" : ""
        let log10Estimate = Double(top) * 0.30102999566398120
        guard Swift.abs(log10Estimate) < 100_000 else {
            // Too many digits to compute: the mantissa from log₁₀|x| in Double (4 digits of it
            // are right up to exponents near 10¹¹).
            let t = truncated(toBits: 53)
            let log10 = (Foundation.log2(Double(UInt64(truncatingIfNeeded: t.mantissa.magnitude))) + Double(t.exponent)) * 0.30102999566398120
            let power = log10.rounded(.down)
            let leading = Foundation.pow(10, log10 - power)
            return sign + String(format: "%.3f", leading) + "e" + String(Int(power))
        }
        // n = round(|x| · 10^(digits − 1 − d)) with d = ⌊log₁₀|x|⌋, corrected by one if the estimate was off.
        var d = Int(log10Estimate.rounded(.down))
        for _ in 0..<3 {
            let shift = digits - 1 - d
            var numerator = BigInt(mantissa.magnitude), denominator = BigInt(1)
            if shift >= 0 { numerator *= BigInt(10).power(shift) } else { denominator *= BigInt(10).power(-shift) }
            if exponent >= 0 { numerator <<= exponent } else { denominator <<= -exponent }
            let n = (2 * numerator + denominator) / (2 * denominator)
            let text = n.description
            if text.count > digits { d += 1; continue }
            if text.count < digits { d -= 1; continue }
            var mantissaText = String(text.prefix(1))
            let rest = text.dropFirst().reversed().drop { $0 == "0" }.reversed()
            if !rest.isEmpty { mantissaText += "." + String(rest) }
            if d >= -4 && d < 17, digits >= d + 1 {
                // Plain notation for ordinary magnitudes, as Double prints them.
                let all = text
                if d >= 0 {
                    let integer = String(all.prefix(d + 1))
                    let fraction = String(all.dropFirst(d + 1).reversed().drop { $0 == "0" }.reversed())
                    return sign + integer + (fraction.isEmpty ? "" : "." + fraction)
                }
                let fraction = String((String(repeating: "0", count: -d - 1) + all).reversed().drop { $0 == "0" }.reversed())
                return sign + "0." + fraction
            }
            return sign + mantissaText + "e" + String(d)
        }
        return "\(sign)about 10^\(Int(log10Estimate.rounded()))"
    }
}

/// The constants the functions need, to any number of bits, computed once at the largest
/// precision asked for and shifted down for smaller ones.
enum PreciseConstants {
    private static let cache = Mutex<[String: (scale: Int, value: BigInt)]>([:])

    /// ⌊π · 2^scale⌋ within a unit or two (Machin: π/4 = 4·atan(1/5) − atan(1/239)).
    static func pi(scale: Int) throws(EngineError) -> BigInt {
        try cached("pi", scale) { s throws(EngineError) in
            let guardBits = s + 16
            let value = 16 * (try atanOfInverse(5, scale: guardBits)) - 4 * (try atanOfInverse(239, scale: guardBits))
            return value >> 16
        }
    }

    /// ⌊log 2 · 2^scale⌋ within a unit or two (log 2 = 2·atanh(1/3)).
    static func log2(scale: Int) throws(EngineError) -> BigInt {
        try cached("ln2", scale) { s throws(EngineError) in
            let guardBits = s + 16
            var total = BigInt(0)
            var power = (BigInt(1) << guardBits) / 3
            var k = 0
            while !power.isZero {
                total += PreciseFunctions.divide(power, by: UInt(2 * k + 1))
                power = PreciseFunctions.divide(power, by: 9)
                k += 1
                if k & 63 == 0 { try EngineBudget.check() }
            }
            return (2 * total) >> 16
        }
    }

    /// atan(1/n) · 2^scale by its series.
    private static func atanOfInverse(_ n: Int, scale: Int) throws(EngineError) -> BigInt {
        var total = BigInt(0)
        var power = (BigInt(1) << scale) / BigInt(n)
        var k = 0
        while !power.isZero {
            let term = PreciseFunctions.divide(power, by: UInt(2 * k + 1))
            total += k.isMultiple(of: 2) ? term : -term
            power = PreciseFunctions.divide(power, by: UInt(n * n))
            k += 1
            if k & 63 == 0 { try EngineBudget.check() }
        }
        return total
    }

    private static func cached(_ name: String, _ scale: Int, compute: (Int) throws(EngineError) -> BigInt) throws(EngineError) -> BigInt {
        if let hit = cache.withLock({ $0[name] }), hit.scale >= scale {
            return hit.value >> (hit.scale - scale)
        }
        // Some headroom, so that slightly larger requests do not recompute.
        let target = scale + 256
        let value = try compute(target)
        cache.withLock { table in
            if (table[name]?.scale ?? -1) < target { table[name] = (target, value) }
        }
        return value >> (target - scale)
    }
}
