import BigInt

/// An exact rational number of arbitrary size, always reduced with a positive denominator — so
/// equal values are equal structurally and hash alike. Lessons write `1/3` and `0.5`; they must
/// stay exact (⅓, ½) through every derivative.
///
/// **Representation.** Almost every number the engine meets is a small coefficient or exponent
/// (2, −1, ½), and simplification does rational arithmetic on every sum and product it builds.
/// So a value whose numerator and denominator fit in an `Int` is stored as two `Int`s and
/// computed on with overflow-checked machine arithmetic; only when a result overflows does it
/// move to `BigInt`. The storage is canonical (small whenever it fits), so the synthesised
/// equality and hash of the storage are those of the value.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    private enum Storage: Hashable, Sendable {
        /// Reduced, denominator > 0, and neither part is `Int.min` (so negation cannot overflow).
        case small(numerator: Int, denominator: Int)
        /// Reduced, denominator > 0, and the value does not fit `small`.
        case big(numerator: BigInt, denominator: BigInt)
    }

    private let storage: Storage

    public static let zero = Rational(0)
    public static let one = Rational(1)
    public static let minusOne = Rational(-1)

    public init(_ value: Int) {
        self.init(storage: value == .min ? .big(numerator: BigInt(value), denominator: 1) : .small(numerator: value, denominator: 1))
    }

    public init(_ value: BigInt) {
        self.init(reducing: value, 1)
    }

    /// numerator / denominator, reduced. Throws on a zero denominator.
    public init(_ numerator: BigInt, _ denominator: BigInt) throws(EngineError) {
        guard !denominator.isZero else { throw .divisionByZero }
        self.init(reducing: numerator, denominator)
    }

    /// Callers guarantee a nonzero denominator.
    ///
    /// A denominator of a word (a point's coordinate, a literal's power of ten) is reduced on
    /// words: its gcd with the numerator from the numerator's remainder, and the numerator
    /// divided by it, each one pass with the processor's division; otherwise common factors of
    /// two go first, by shifting. A divisor of 1 divides nothing. A 10,000-digit literal times a
    /// point's coordinate (1e10000 · (k/8)⁶, (x · 1e1666)⁶) was divided by BigUInt's emulated
    /// word division three times at every point, over a second of a cell with a 1-second limit
    /// in a debug build (CellFuzzer, sessions 10 and 11).
    init(reducing numerator: BigInt, _ denominator: BigInt) {
        var n = numerator, d = denominator
        if let word = UInt(exactly: d.magnitude) {
            let divisor = Rational.gcd(word, Rational.remainder(n.magnitude, word))
            if divisor > 1 {
                n = Rational.quotient(n, divisor)
                d = BigInt(sign: d.sign, magnitude: BigUInt(word / divisor))
            }
        } else {
            let twos = Swift.min(n.magnitude.trailingZeroBitCount, d.magnitude.trailingZeroBitCount)
            if twos > 0 {
                n = BigInt(sign: n.sign, magnitude: n.magnitude >> twos)
                d = BigInt(sign: d.sign, magnitude: d.magnitude >> twos)
            }
            let divisor = Rational.gcd(n, d)
            if let word = UInt(exactly: divisor), word > 1 {
                n = Rational.quotient(n, word)
                d = Rational.quotient(d, word)
            } else if !divisor.isZero, divisor != 1 {
                n /= divisor
                d /= divisor
            }
        }
        if d.sign == .minus { n = -n; d = -d }
        self.init(reduced: n, d)
    }

    /// Callers guarantee a nonzero denominator.
    init(reducing numerator: Int, _ denominator: Int) {
        guard numerator != .min, denominator != .min else {
            self.init(reducing: BigInt(numerator), BigInt(denominator))
            return
        }
        let divisor = Rational.gcd(numerator.magnitude, denominator.magnitude)
        var n = numerator, d = denominator
        if divisor > 1 { n /= Int(divisor); d /= Int(divisor) }
        if d < 0 { n = -n; d = -d }
        self.init(storage: .small(numerator: n, denominator: d))
    }

    /// An already reduced value with a positive denominator, stored small when it fits.
    private init(reduced n: BigInt, _ d: BigInt) {
        if let small = Int(exactly: n), let smallDenominator = Int(exactly: d), small != .min, smallDenominator != .min {
            self.init(storage: .small(numerator: small, denominator: smallDenominator))
        } else {
            self.init(storage: .big(numerator: n, denominator: d))
        }
    }

    /// gcd(|a|, |b|). BigInt's own (Stein's binary algorithm) takes about as many steps as the
    /// larger part has bits, each a pass over its words, however small the other part: a literal
    /// 1e10000 (over 1), or 10¹⁰⁰⁰⁰x⁶ at x = 3/8000, took a second or more and ran past the
    /// cell's time limit (issue #17). One Euclid step first (a division, linear in the larger
    /// part) brings both parts down to the size of the smaller one; two words finish on words.
    private static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var (x, y) = (a.magnitude, b.magnitude)
        if x < y { swap(&x, &y) }
        guard !y.isZero else { return BigInt(x) }
        if let word = UInt(exactly: y) {
            // A word: x mod y word by word, the rest on words.
            return BigInt(gcd(word, remainder(x, word)))
        }
        (x, y) = (y, x % y)
        guard !y.isZero else { return BigInt(x) }
        if let word = UInt(exactly: x) { return BigInt(gcd(word, UInt(y))) }
        return BigInt(x.greatestCommonDivisor(with: y))
    }

    /// x mod d for a word d > 0, word by word with the processor's division. BigUInt's own
    /// division by a word emulates it (`fastDividingFull`), which in a debug build made the
    /// exact products of a 10,000-digit literal (x^6 · 1e10000 at a point with a decimal
    /// coordinate) take over a second per check (CellFuzzer, sessions 10 and 11).
    /// (Words are read by index: the collection's generic iteration cost as much again.)
    private static func remainder(_ x: BigUInt, _ d: UInt) -> UInt {
        let words = x.words
        var r: UInt = 0
        var i = words.endIndex
        while i > 0 {
            i -= 1
            r = d.dividingFullWidth((r, words[i])).remainder
        }
        return r
    }

    /// x / d for a word d > 0 that divides x, word by word (see `remainder`).
    private static func quotient(_ x: BigInt, _ d: UInt) -> BigInt {
        let source = x.magnitude.words
        let count = source.endIndex
        var r: UInt = 0
        let words = [UInt](unsafeUninitializedCapacity: count) { buffer, initialized in
            var i = count
            while i > 0 {
                i -= 1
                (buffer[i], r) = d.dividingFullWidth((r, source[i]))
            }
            initialized = count
        }
        return BigInt(sign: x.sign, magnitude: BigUInt(words: words))
    }

    /// Euclid's algorithm on machine words.
    private static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    /// Parses an integer or decimal literal (`42`, `0.5`, `1_000`, `-3.25`, `5.809e-6`, `1E3`),
    /// exactly: an exponent scales by a power of ten, so `5.809e-6` is 5809/10⁹.
    public init(literal text: String) throws(EngineError) {
        if let plain = Rational(plainDecimal: text) {
            self = plain
            return
        }
        var body = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        else if body.first == "+" { body = body.dropFirst() }
        var exponent = 0
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var digits = body[body.index(after: e)...]
            let negativeExponent = digits.first == "-"
            if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { throw .invalidNumber(text) }
            guard digits.count <= 5, let magnitude = Int(digits), magnitude <= 10_000 else {
                throw .limitExceeded("a number literal with an exponent beyond 10000")
            }
            exponent = negativeExponent ? -magnitude : magnitude
            body = body[..<e]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.contains(where: { !$0.isEmpty })
        else { throw .invalidNumber(text) }
        let integerDigits = parts[0].isEmpty ? "0" : String(parts[0])
        let fractionDigits = parts.count == 2 ? String(parts[1]) : ""
        guard integerDigits.count + fractionDigits.count <= 10_000 else {
            throw .limitExceeded("a number literal longer than 10000 digits")
        }
        guard var whole = BigInt(integerDigits + fractionDigits) else { throw .invalidNumber(text) }
        let shift = exponent - fractionDigits.count
        if shift > 0 { whole *= BigInt(10).power(shift) }
        let scale = BigInt(10).power(Swift.max(0, -shift))
        self.init(reducing: negative ? -whole : whole, scale)
    }

    /// The common literal (`2`, `0.5`, `12.25`: digits with at most one point, at most 18
    /// digits) read on machine words. Every cell's numbers pass here, and the general reader's
    /// underscore removal and `BigInt` parsing cost more than the rest of a small cell's
    /// arithmetic. Sound: such a literal is the integer of its digits over 10^(fraction
    /// digits), both below 10¹⁸ < `Int.max`, reduced as the general reader reduces it, so the
    /// value and its (canonical) storage are the same. `nil` for anything else.
    private init?(plainDecimal text: String) {
        var digits = 0, fractionDigits = 0, whole = 0
        var sawPoint = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits += 1
                guard digits <= 18 else { return nil }
                whole = whole * 10 + Int(byte - UInt8(ascii: "0"))
                if sawPoint { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        guard digits > 0 else { return nil }
        var scale = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        self.init(reducing: whole, scale)
    }

    public var numerator: BigInt {
        switch storage {
        case .small(let n, _): return BigInt(n)
        case .big(let n, _): return n
        }
    }

    public var denominator: BigInt {
        switch storage {
        case .small(_, let d): return BigInt(d)
        case .big(_, let d): return d
        }
    }

    public var isZero: Bool {
        if case .small(0, _) = storage { return true }
        return false
    }

    public var isOne: Bool {
        if case .small(1, 1) = storage { return true }
        return false
    }

    public var isInteger: Bool {
        switch storage {
        case .small(_, let d): return d == 1
        case .big(_, let d): return d == 1
        }
    }

    public var isNegative: Bool {
        switch storage {
        case .small(let n, _): return n < 0
        case .big(let n, _): return n.sign == .minus && !n.isZero
        }
    }

    public var isPositive: Bool {
        switch storage {
        case .small(let n, _): return n > 0
        case .big(let n, _): return n.sign == .plus && !n.isZero
        }
    }

    /// Numerator and denominator as machine integers, when they fit (no `BigInt` is made).
    var smallParts: (numerator: Int, denominator: Int)? {
        if case .small(let n, let d) = storage { return (n, d) }
        return nil
    }

    /// The value as a small Int, if it is an integer that fits in 62 bits.
    public var intValue: Int? {
        guard case .small(let n, 1) = storage, n.magnitude < 1 << 61 else { return nil }
        return n
    }

    public var doubleValue: Double {
        switch storage {
        case .small(let n, let d):
            return Double(n) / Double(d)
        case .big(let n, let d):
            // Scale both to keep precision for huge parts.
            let shift = max(0, max(n.bitWidth, d.bitWidth) - 1000)
            return Double(n >> shift) / Double(d >> shift)
        }
    }

    var bitWidth: Int {
        switch storage {
        case .small(let n, let d):
            return UInt.bitWidth - min(n.magnitude.leadingZeroBitCount, d.magnitude.leadingZeroBitCount) + 1
        case .big(let n, let d):
            return max(n.bitWidth, d.bitWidth)
        }
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let p, let q) = a.storage, case .small(let r, let s) = b.storage {
            if q == 1 && s == 1 {
                let (sum, overflow) = p.addingReportingOverflow(r)
                if !overflow { return Rational(reducing: sum, 1) }
            } else {
                let (ps, o1) = p.multipliedReportingOverflow(by: s)
                let (rq, o2) = r.multipliedReportingOverflow(by: q)
                let (qs, o3) = q.multipliedReportingOverflow(by: s)
                let (sum, o4) = ps.addingReportingOverflow(rq)
                if !(o1 || o2 || o3 || o4) { return Rational(reducing: sum, qs) }
            }
        }
        return Rational(reducing: a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static prefix func - (a: Rational) -> Rational {
        switch a.storage {
        case .small(let n, let d): return Rational(storage: .small(numerator: -n, denominator: d))
        case .big(let n, let d): return Rational(reduced: -n, d)
        }
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let p, let q) = a.storage, case .small(let r, let s) = b.storage {
            let (pr, o1) = p.multipliedReportingOverflow(by: r)
            let (qs, o2) = q.multipliedReportingOverflow(by: s)
            if !(o1 || o2) { return Rational(reducing: pr, qs) }
        }
        return Rational(reducing: a.numerator * b.numerator, a.denominator * b.denominator)
    }

    private init(storage: Storage) { self.storage = storage }

    public func divided(by b: Rational) throws(EngineError) -> Rational {
        guard !b.isZero else { throw .divisionByZero }
        return self * b.unsafeReciprocal
    }

    public var reciprocal: Rational {
        get throws(EngineError) {
            guard !isZero else { throw .divisionByZero }
            return unsafeReciprocal
        }
    }

    /// 1/self for a nonzero self: swapping the parts keeps the value reduced.
    private var unsafeReciprocal: Rational {
        switch storage {
        case .small(let n, let d): return Rational(storage: n < 0 ? .small(numerator: -d, denominator: -n) : .small(numerator: d, denominator: n))
        case .big(let n, let d): return n.sign == .minus ? Rational(reduced: -d, -n) : Rational(reduced: d, n)
        }
    }

    /// self^exponent for an integer exponent, within `Limits.maxNumberBits`.
    public func power(_ exponent: Int) throws(EngineError) -> Rational {
        if exponent < 0 { return try reciprocal.power(-exponent) }
        guard exponent <= Limits.maxExponent else {
            throw .limitExceeded("an exponent larger than \(Limits.maxExponent)")
        }
        guard bitWidth * exponent <= Limits.maxNumberBits else {
            throw .limitExceeded("a number with more than \(Limits.maxNumberBits) bits")
        }
        if case .small(let n, let d) = storage, let small = Self.smallPower(n, d, exponent) { return small }
        return Rational(reduced: numerator.power(exponent), denominator.power(exponent))
    }

    /// nᵏ/dᵏ on machine words when both fit, else `nil`. The numeric checks raise small
    /// coordinates (k/8) to small powers at every sample point, and through `BigInt` that was a
    /// large part of their cost. Sound: n/d is reduced, so nᵏ/dᵏ is too (dᵏ > 0), and a result
    /// without overflow and without `Int.min` is exactly the small storage `Rational(reduced:)`
    /// gives the same value.
    private static func smallPower(_ n: Int, _ d: Int, _ exponent: Int) -> Rational? {
        var numerator = 1, denominator = 1
        for _ in 0..<exponent {
            let (p, overflowN) = numerator.multipliedReportingOverflow(by: n)
            let (q, overflowD) = denominator.multipliedReportingOverflow(by: d)
            guard !overflowN, !overflowD else { return nil }
            numerator = p
            denominator = q
        }
        guard numerator != .min, denominator != .min else { return nil }
        return Rational(storage: .small(numerator: numerator, denominator: denominator))
    }

    /// The exact square root, if both parts are perfect squares.
    var exactSquareRoot: Rational? {
        guard !isNegative else { return nil }
        let n = numerator.magnitude.squareRoot(), d = denominator.magnitude.squareRoot()
        guard n * n == numerator.magnitude, d * d == denominator.magnitude else { return nil }
        return Rational(reducing: BigInt(n), BigInt(d))
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let p, let q) = a.storage, case .small(let r, let s) = b.storage {
            if q == s { return p < r }
            let (ps, o1) = p.multipliedReportingOverflow(by: s)
            let (rq, o2) = r.multipliedReportingOverflow(by: q)
            if !(o1 || o2) { return ps < rq }
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var description: String {
        switch storage {
        case .small(let n, let d): return d == 1 ? String(n) : "\(n)/\(d)"
        case .big(let n, let d): return d == 1 ? n.description : "\(n)/\(d)"
        }
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
