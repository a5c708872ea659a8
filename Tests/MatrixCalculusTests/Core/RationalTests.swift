import BigInt
import Testing
@testable import MatrixCalculus

@Suite struct RationalTests {
    /// Reducing big fractions on words (a denominator of a word; common factors of two by
    /// shifting; a gcd of a word) gives the fraction BigInt's own gcd gives: lowest terms, the
    /// sign on the numerator.
    @Test func bigFractionsReduceToLowestTerms() {
        var generator = SeededGenerator(seed: 2026)
        func random(_ bits: Int) -> BigInt {
            BigInt(BigUInt.randomInteger(withMaximumWidth: bits, using: &generator) | 1)
        }
        var cases: [(BigInt, BigInt)] = [(0, 7), (0, BigInt(1) << 100), (BigInt(10).power(300), BigInt(2).power(18)), (-BigInt(10).power(300), BigInt(10).power(18))]
        for bits in [1, 20, 63, 64, 65, 130, 700] {
            for _ in 0..<8 {
                let common = random(Int.random(in: 1...70, using: &generator)) << Int.random(in: 0...40, using: &generator)
                var n = random(Int.random(in: 1...900, using: &generator)) * common
                let d = random(bits) * common << Int.random(in: 0...3, using: &generator)
                if Bool.random(using: &generator) { n = -n }
                cases.append((n, Bool.random(using: &generator) ? d : -d))
            }
        }
        for (n, d) in cases {
            let g = BigInt(n.magnitude.greatestCommonDivisor(with: d.magnitude))
            let sign = d.sign == .minus ? BigInt(-1) : BigInt(1)
            let r = Rational(reducing: n, d)
            #expect(r.numerator == sign * n / g && r.denominator == sign * d / g, "\(n) / \(d)")
        }
    }

    @Test func literalsAreExact() throws {
        #expect(try Rational(literal: "0.5") == Rational(1, 2))
        #expect(try Rational(literal: "1_000") == Rational(1000))
        #expect(try Rational(literal: "-3.25") == Rational(-13, 4))
        #expect(try Rational(literal: ".5") == Rational(1, 2))
    }

    /// Swift's floating-point literals, exactly: `5.809e-6` was "not a number" for a lesson author.
    @Test func literalsWithExponentsAreExact() throws {
        #expect(try Rational(literal: "5.809e-6") == Rational(5809, 1_000_000_000))
        #expect(try Rational(literal: "1e5") == Rational(100_000))
        #expect(try Rational(literal: "2.5E+2") == Rational(250))
        #expect(try Rational(literal: "-1_5e-1") == Rational(-3, 2))
        #expect(throws: EngineError.self) { try Rational(literal: "1e99999") }
    }

    /// Plain literals (digits, one point) take a machine-word fast path; the same digits with an
    /// underscore take the general reader, and both must give the same value and storage.
    @Test func plainLiteralsAgreeWithTheGeneralReader() throws {
        var generator = SystemRandomNumberGenerator()
        var literals = ["0", "7", "00", "0.0", "5.", ".5", "1.25", "999999999999999999", "99999999999999999.9",
                        "9999999999999999999", "0.000000000000000001", "123456789.123456789", "10.10"]
        for _ in 0..<500 {
            let digits = (0..<Int.random(in: 1...20, using: &generator)).map { _ in String(Int.random(in: 0...9, using: &generator)) }
            var text = digits.joined()
            if Bool.random(using: &generator) {
                let point = text.index(text.startIndex, offsetBy: Int.random(in: 0...digits.count, using: &generator))
                text.insert(".", at: point)
            }
            literals.append(text)
        }
        for text in literals {
            let general = try Rational(literal: "+" + text)
            #expect(try Rational(literal: text) == general, "\(text)")
            #expect(try Rational(literal: text).hashValue == general.hashValue, "\(text)")
        }
    }

    /// Powers of small values are computed on machine words; they must equal (and hash like)
    /// the same power multiplied out, including results that overflow into `BigInt`.
    @Test func smallPowersAgreeWithRepeatedProducts() throws {
        let bases = [Rational(0), Rational(1), Rational(-1), Rational(2), Rational(-2), Rational(3), Rational(Int.max),
                     try Rational(1, 8), try Rational(-7, 8), try Rational(5, 3), try Rational(-1, 2), Rational(10)]
        for base in bases {
            var product = Rational.one
            for exponent in 0...70 {
                if exponent > 0 { product = product * base }
                guard base.bitWidth * exponent <= 4096 else { break }
                let power = try base.power(exponent)
                #expect(power == product, "\(base)^\(exponent)")
                #expect(power.hashValue == product.hashValue, "\(base)^\(exponent)")
                if !base.isZero {
                    #expect(try base.power(-exponent) == product.reciprocal, "\(base)^-\(exponent)")
                }
            }
        }
    }

    /// Reducing a part of ten thousand digits against a small or a mid-sized one (one Euclid
    /// step before BigInt's binary gcd, issue #17) gives the value reduced by hand.
    @Test func hugePartsReduceAgainstSmallAndMidSizedOnes() throws {
        let huge = BigInt(10).power(10_000)
        // 3·10¹⁰⁰⁰⁰ / 8000⁶ = 3·10⁹⁹⁸² / 2¹⁸, an integer. (Compared as Bools: a failure would
        // print the ten-thousand-digit numbers.)
        let integer = try Rational(3 * huge, BigInt(8000).power(6))
        #expect(integer.denominator == 1)
        let expected = 3 * BigInt(10).power(9982) / BigInt(2).power(18)
        #expect(Bool(integer.numerator == expected))
        #expect(Bool(try Rational(huge * 7, 21) == Rational(huge, 3)))
        #expect(try Rational(-huge, 3 * huge) == Rational(-1, 3))
        let coprime = try Rational(huge + 1, huge)
        #expect(Bool(coprime.denominator == huge && coprime.numerator == huge + 1))
        #expect(try Rational(0, huge) == Rational(0))
        #expect(Bool(try Rational(huge, 1).numerator == huge))
        let mid = try Rational(BigInt(2).power(100) * BigInt(3).power(50), -BigInt(2).power(90) * BigInt(5).power(40))
        #expect(mid.numerator == -BigInt(2).power(10) * BigInt(3).power(50))
        #expect(mid.denominator == BigInt(5).power(40))
    }

    @Test func malformedLiteralsAreErrors() {
        for text in ["", "1.2.3", "abc", "1e", "1e-", "1e5.5", "e5", "."] {
            #expect(throws: EngineError.invalidNumber(text)) { try Rational(literal: text) }
        }
    }

    @Test func arithmeticReducesAndNeverOverflows() throws {
        let third = try Rational(1, 3)
        #expect(third + third + third == .one)
        #expect(try Rational(2, -4) == Rational(-1, 2))
        let big = try Rational(literal: "123456789012345678901234567890")
        #expect((big * big).numerator.description == "15241578753238836750495351562536198787501905199875019052100")
    }

    /// Small values are computed in machine integers; a result that overflows them must come out
    /// exact, and equal (and hash alike) to the same value reached any other way.
    @Test func machineIntegerOverflowFallsBackToBigIntegers() throws {
        let max = Rational(Int.max)
        #expect((max + 1).description == "9223372036854775808")
        #expect((max * max).description == "85070591730234615847396907784232501249")
        #expect((-Rational(Int.min)).description == "9223372036854775808")
        #expect(Rational(Int.min) + 1 == Rational(Int.min + 1))
        let almostOne = try Rational(BigInt(Int.max - 1), BigInt(Int.max))
        #expect(almostOne < .one && !(Rational.one < almostOne))
        #expect(almostOne + almostOne > .one)
        // Back into the machine range after a detour through big integers.
        let huge = Rational(BigInt(2).power(70))
        #expect(huge * (try huge.reciprocal) == .one)
        #expect(Set([huge * (try huge.reciprocal), Rational.one]).count == 1)
        #expect((max + 1) - 1 == max)
        #expect(try Rational(-6, 4) == Rational(3, -2) && Rational(-6, 4).description == "-3/2")
    }

    @Test func divisionByZeroIsAnError() {
        #expect(throws: EngineError.divisionByZero) { try Rational(1, 0) }
        #expect(throws: EngineError.divisionByZero) { try Rational.zero.reciprocal }
    }

    @Test func hugePowersStopAtTheLimit() {
        #expect(throws: EngineError.self) { try Rational(3).power(1_000_000) }
    }
}
