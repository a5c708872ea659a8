import BigInt
import Testing
@testable import MatrixCalculus

/// The high-precision ball arithmetic that confirms numeric equalities: its functions against
/// known digits, its radii (the true value is inside), and the bits it asks for.
@Suite struct BallTests {
    /// The first 40 significant digits of a ball's midpoint.
    func digits(_ ball: Ball) -> String { ball.mid.decimalDescription(digits: 40) }

    func at<T>(_ bits: Int = 200, _ body: () throws -> T) throws -> T {
        try Ball.$precision.withValue(bits) { try body() }
    }

    @Test func functionsMatchKnownDigits() throws {
        let one = try at { Ball.one }
        #expect(try at { digits(try one.applying(.exp)) } == "2.718281828459045235360287471352662497757")
        #expect(try at { digits(try Ball.constant(Rational(2)).applying(.log)) } == "0.6931471805599453094172321214581765680755")
        #expect(try at { digits(try one.applying(.sin)) } == "0.8414709848078965066525023216302989996226")
        #expect(try at { digits(try one.applying(.cos)) } == "0.5403023058681397174009366074429766037323")
        #expect(try at { digits(try one.applying(.tanh)) } == "0.7615941559557648881194582826047935904128")
        #expect(try at { digits(try one.applying(.sigmoid)) } == "0.7310585786300048792511592418218362743651")
        #expect(try at { digits(try Ball.constant(Rational(2)).raised(to: .constant(Rational(reducing: 1, 2)))) } == "1.41421356237309504880168872420969807857")
        // sin(10²²) needs π to about 75 more bits than sin(1): −0.8522008497671888017727…
        let large = try at { try Ball.constant(Rational(BigInt(10).power(22))).applying(.sin) }
        #expect(digits(large).hasPrefix("-0.85220084976718880177"))
    }

    @Test func valuesBeyondTheDoubleRangeAreValues() throws {
        let tiny = try at { try Ball.constant(Rational(-1_000_000)).applying(.exp) }
        // e^(−10⁶) = 10^(−434294.4819…) = 3.2968…·10⁻⁴³⁴²⁹⁵, shown without computing its digits.
        #expect(tiny.mid.decimalDescription() == "3.297e-434295")
        #expect(tiny.isCertainlyPositive)
        let huge = try at { try Ball.constant(Rational(1_000_000)).applying(.exp) }
        #expect(huge.mid.decimalDescription() == "3.033e434294")
        let small = try at { try Ball.constant(Rational(-1000)).applying(.exp) }
        #expect(small.mid.decimalDescription() == "5.0759588975494568e-435")
    }

    @Test func cancellationLeavesABallAroundZero() throws {
        let x = try at { Ball.constant(Rational(reducing: 13, 8)) }
        let difference = try at { () throws -> Ball in
            let e = try x.applying(.exp)
            return e * e - (try (x * .constant(Rational(2))).applying(.exp))
        }
        #expect(!difference.isCertainlyNonzero)
        #expect(difference.radius.top < -150)
    }

    @Test func anAbsorbedAddendOrASaturatedFunctionAsksForMoreBits() throws {
        let sum = try at(128) { Ball.one + (try Ball.constant(Rational(-100)).applying(.exp)) }
        #expect(sum.missingBits > 0)
        let saturated = try at(128) { try Ball.constant(Rational(1000)).applying(.sigmoid) }
        #expect(saturated.missingBits > 1_300)
        let resolved = try at(128 + saturated.missingBits + 32) { try Ball.constant(Rational(1000)).applying(.sigmoid) }
        #expect(resolved.missingBits == 0)
        #expect(try at(128 + saturated.missingBits + 32) { (resolved - .one).isCertainlyNegative })
    }

    @Test func logNearOneAsksForTheBitsItsArgumentLoses() throws {
        let argument = try at(128) { Ball.one + Ball.constant(try Rational(literal: "1e-30")) }
        let value = try at(128) { try argument.applying(.log) }
        #expect(value.missingBits > 60)
    }

    @Test func comparisonsTooCloseToCallThrow() throws {
        let third = try at { Ball.constant(Rational(reducing: 1, 3)) }
        #expect(throws: EvaluationError.self) { try at { try Ball.order(third, third + third - third) } }
        #expect(try at { try Ball.order(third, .constant(Rational(reducing: 1, 2))) } == -1)
    }

    /// x^(k/2) is computed as (√x)^k (not as exp(k/2 · log x)): the same digits, and a ball
    /// that holds the value the log and the exp give with many more bits.
    @Test func halfIntegerPowersAreRoots() throws {
        let two = try at { Ball.constant(Rational(2)) }
        func power(_ k: Int, _ bits: Int = 200) throws -> Ball {
            try at(bits) { try two.raised(to: .constant(Rational(reducing: k, 2))) }
        }
        #expect(digits(try power(-1)) == "0.7071067811865475244008443621048490392848")
        #expect(digits(try power(3)) == "2.828427124746190097603377448419396157139")
        #expect(digits(try power(-5)) == "0.1767766952966368811002110905262122598212")
        for k in [-7, -3, -1, 1, 3, 5] {
            let root = try power(k, 150)
            let reference = try at(400) { try (Ball.constant(Rational(reducing: k, 2)) * (try two.applying(.log))).applying(.exp) }
            #expect(try at(400) { !(root - reference).isCertainlyNonzero }, "2^(\(k)/2)")
            #expect(root.radius.top - root.mid.top < -140, "2^(\(k)/2) to about 150 bits")
        }
        #expect(Ball.constant(Rational(reducing: 3, 2)).halfInteger == 3)
        #expect(Ball.constant(Rational(reducing: 3, 4)).halfInteger == nil)
        #expect(Ball.constant(Rational(3)).halfInteger == nil)
    }

    /// `PreciseFunctions.integerSquareRoot` (a start from Double) is ⌊√n⌋ as BigUInt's own.
    @Test func integerSquareRootIsTheFloorOfTheRoot() {
        var generator = SeededGenerator(seed: 11)
        var cases: [BigUInt] = [1, 2, 3, 4, 15, 16, 17, BigUInt(UInt64.max), BigUInt(1) << 62, (BigUInt(1) << 62) - 1]
        for bits in stride(from: 1, through: 700, by: 7) {
            let n = BigUInt.randomInteger(withMaximumWidth: bits, using: &generator) | (BigUInt(1) << (bits - 1))
            cases += [n, n * n, n * n - 1, n * n + 1]
        }
        for n in cases {
            #expect(PreciseFunctions.integerSquareRoot(n) == n.squareRoot(), "√\(n)")
        }
    }

    /// Inside `Ball.precisely` function values are remembered: the same balls as computed
    /// afresh, for sin and cos from one computation too.
    @Test func rememberedFunctionValuesAreTheComputedOnes() throws {
        let x = try at { Ball.constant(Rational(reducing: 7, 5)) }
        let fresh = try at { [try x.applying(.sin), try x.applying(.cos), try x.applying(.exp), try x.applying(.log), try x.raised(to: .constant(Rational(reducing: -1, 2))), Ball.constant(Rational(reducing: 1, 3))] }
        let remembered = try Ball.precisely(200) { () throws(EvaluationError) -> [Ball] in
            var all: [Ball] = []
            for _ in 0..<2 {
                all += [try x.applying(.cos), try x.applying(.sin), try x.applying(.exp), try x.applying(.log), try x.raised(to: .constant(Rational(reducing: -1, 2))), Ball.constant(Rational(reducing: 1, 3))]
            }
            return all
        }
        let expected = [fresh[1], fresh[0]] + fresh[2...]
        for (k, ball) in remembered.enumerated() {
            #expect(ball.mid == expected[k % 6].mid && ball.radius == expected[k % 6].radius, "value \(k)")
        }
    }

    @Test func precisionCountsTheSignificantBitsOfLiterals() throws {
        let x = scalar("x")
        let point = try Point([x: Value(1)])
        // 1e-320: one significant bit, 1063 bits below 1 (to be resolved beside a value near 1).
        #expect(PreciseComparison.precision(for: [try x * Expr.number(Rational(literal: "1e-320"))], at: point) == PreciseComparison.basePrecision + 1064)
        let long = try Expr.number(Rational(literal: "1.00000000000000000000000000000000000000000000000001"))
        #expect(PreciseComparison.precision(for: [try x * long], at: point) > PreciseComparison.basePrecision + 160)
    }
}
