import BigInt

/// An exact rational number, numerator and denominator of arbitrary size (BigInt), always
/// reduced with a positive denominator — so equal values are equal structurally and hash alike.
/// Lessons write `1/3` and `0.5`; they must stay exact (⅓, ½) through every derivative.
public struct Rational: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    public static let zero = Rational(0)
    public static let one = Rational(1)
    public static let minusOne = Rational(-1)

    public init(_ value: Int) {
        numerator = BigInt(value)
        denominator = 1
    }

    public init(_ value: BigInt) {
        numerator = value
        denominator = 1
    }

    /// numerator / denominator, reduced. Throws on a zero denominator.
    public init(_ numerator: BigInt, _ denominator: BigInt) throws(EngineError) {
        guard !denominator.isZero else { throw .divisionByZero }
        self.init(reducing: numerator, denominator)
    }

    /// Callers guarantee a nonzero denominator.
    init(reducing numerator: BigInt, _ denominator: BigInt) {
        let divisor = numerator.greatestCommonDivisor(with: denominator)
        var n = divisor.isZero ? numerator : numerator / divisor
        var d = divisor.isZero ? denominator : denominator / divisor
        if d.sign == .minus { n = -n; d = -d }
        self.numerator = n
        self.denominator = d
    }

    /// Parses an integer or decimal literal (`42`, `0.5`, `1_000`, `-3.25`), exactly.
    public init(literal text: String) throws(EngineError) {
        var body = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        else if body.first == "+" { body = body.dropFirst() }
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
        guard let whole = BigInt(integerDigits + fractionDigits) else { throw .invalidNumber(text) }
        let scale = BigInt(10).power(fractionDigits.count)
        self.init(reducing: negative ? -whole : whole, scale)
    }

    public var isZero: Bool { numerator.isZero }
    public var isOne: Bool { numerator == 1 && denominator == 1 }
    public var isInteger: Bool { denominator == 1 }
    public var isNegative: Bool { numerator.sign == .minus && !numerator.isZero }
    public var isPositive: Bool { numerator.sign == .plus && !numerator.isZero }

    /// The value as a small Int, if it is an integer that fits.
    public var intValue: Int? {
        guard isInteger, numerator.bitWidth <= 62 else { return nil }
        return Int(numerator)
    }

    public var doubleValue: Double {
        // Scale both to keep precision for huge parts.
        let shift = max(0, max(numerator.bitWidth, denominator.bitWidth) - 1000)
        return Double(numerator >> shift) / Double(denominator >> shift)
    }

    var bitWidth: Int { max(numerator.bitWidth, denominator.bitWidth) }

    public static func + (a: Rational, b: Rational) -> Rational {
        Rational(reducing: a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }
    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    public static prefix func - (a: Rational) -> Rational {
        Rational(reducing: -a.numerator, a.denominator)
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        Rational(reducing: a.numerator * b.numerator, a.denominator * b.denominator)
    }
    public func divided(by b: Rational) throws(EngineError) -> Rational {
        try Rational(numerator * b.denominator, denominator * b.numerator)
    }
    public var reciprocal: Rational {
        get throws(EngineError) { try Rational.one.divided(by: self) }
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
        return Rational(reducing: numerator.power(exponent), denominator.power(exponent))
    }

    /// The exact square root, if both parts are perfect squares.
    var exactSquareRoot: Rational? {
        guard !isNegative else { return nil }
        let n = numerator.magnitude.squareRoot(), d = denominator.magnitude.squareRoot()
        guard n * n == numerator.magnitude, d * d == denominator.magnitude else { return nil }
        return Rational(reducing: BigInt(n), BigInt(d))
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var description: String {
        isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
