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

    /// sin and cos across the reduced range (halved below 2⁻⁸, summed, doubled back): known
    /// digits, and at 150 bits balls that hold the values computed with 400.
    @Test func sinAndCosHoldTheirValuesAcrossTheReducedRange() throws {
        for (x, sin, cos) in [
            ("0.5", "0.4794255386042030002732879352155713880818", "0.8775825618903727161162815826038296519916"),
            ("0.7853981", "0.7071067363577804937333408073871030282551", "0.7071068260153117130389973949802742073961"),
            ("3", "0.1411200080598672221007448028081102798469", "-0.9899924966004454572715727947312613023937"),
            ("-2.5", "-0.5984721441039564940518547021861622717036", "-0.8011436155469337148335027904673516644286"),
            ("100", "-0.506365641109758793656557610459785432065", "0.8623188722876839341019385139508425355101"),
        ] {
            let ball = try at { Ball.constant(try Rational(literal: x)) }
            #expect(try at { digits(try ball.applying(.sin)) } == sin, "sin \(x)")
            #expect(try at { digits(try ball.applying(.cos)) } == cos, "cos \(x)")
        }
        var generator = SeededGenerator(seed: 8)
        for _ in 0..<40 {
            let x = Rational(reducing: Int.random(in: -100_000...100_000, using: &generator), Int.random(in: 1...4_000, using: &generator))
            for function in [ElementwiseFunction.sin, .cos] {
                let low = try at(150) { try Ball.constant(x).applying(function) }
                let high = try at(400) { try Ball.constant(x).applying(function) }
                #expect(try at(400) { !(low - high).isCertainlyNonzero }, "\(function.rawValue)(\(x))")
                #expect(low.radius.top < -135, "\(function.rawValue)(\(x)) to about 150 bits")
            }
        }
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

    /// The radius arithmetic on words (`magnitudeWordRoundedUp`, `addUp`, `multiplyUp`) gives
    /// the bounds the BigInt formulas give: |x| rounded up to 30 bits, of the exact sum and of
    /// the product of the rounded-up factors.
    @Test func radiusArithmeticOnWordsMatchesBigInt() {
        func reference(_ x: BigFloat, _ bits: Int = Ball.radiusBits) -> BigFloat {
            guard !x.isZero else { return .zero }
            var m = x.mantissa.magnitude, e = x.exponent
            let width = m.bitWidth
            if width > bits {
                let kept = m >> (width - bits)
                m = kept << (width - bits) == m ? kept : kept + 1
                e += width - bits
            } else {
                m <<= bits - width
                e -= bits - width
            }
            return BigFloat(mantissa: BigInt(m), exponent: e)
        }
        var generator = SeededGenerator(seed: 16)
        var values: [BigFloat] = [.zero, BigFloat(1), BigFloat(mantissa: (BigInt(1) << 30) - 1, exponent: -3), BigFloat(mantissa: BigInt(1) << 200, exponent: -400)]
        for width in [1, 2, 29, 30, 31, 32, 61, 62, 63, 64, 65, 100, 128, 129, 200, 300] {
            for _ in 0..<6 {
                var m = BigUInt.randomInteger(withMaximumWidth: width, using: &generator) | (BigUInt(1) << (width - 1))
                if Bool.random(using: &generator) { m = (m >> 12) << 12 }
                let exponent = Int.random(in: -300...300, using: &generator)
                values.append(BigFloat(mantissa: Bool.random(using: &generator) ? BigInt(m) : -BigInt(m), exponent: exponent))
            }
        }
        for x in values {
            #expect(x.magnitudeRoundedUp(toBits: 30) == reference(x), "\(x)")
            for y in values.prefix(40) {
                let sum = x.isZero ? reference(y) : y.isZero ? reference(x) : Swift.abs(x.top - y.top) > Ball.radiusBits + 8
                    ? { let r = reference(x.top >= y.top ? x : y); return BigFloat(mantissa: r.mantissa + 1, exponent: r.exponent) }()
                    : reference(BigFloat.exactSum(x.magnitude, y.magnitude))
                #expect(Ball.addUp(x, y) == sum, "\(x) + \(y)")
                let product = x.isZero || y.isZero ? .zero : reference(BigFloat.exactProduct(reference(x), reference(y)))
                #expect(Ball.multiplyUp(x, y) == product, "\(x) · \(y)")
            }
        }
    }

    /// A product with an exact ±2^k (a dual number's tangent 1, a factor 2 or 1/2) is the
    /// shifted ball: the midpoint times 2^k, the radius rounded up to 30 bits times 2^k, as the
    /// general product gives them.
    @Test func aProductWithAPowerOfTwoIsTheShiftedBall() throws {
        let x = try at { Ball.constant(Rational(reducing: 1, 3)) }
        let y = try at { try Ball.constant(Rational(reducing: 7, 5)).applying(.exp) }
        for (k, factor) in [(0, Rational(1)), (1, Rational(2)), (-1, Rational(reducing: 1, 2)), (3, Rational(-8)), (0, Rational(-1))] {
            let c = try at { Ball.constant(factor) }
            for b in [x, y, try at { Ball.constant(Rational(3)) }] {
                for product in [try at { c * b }, try at { b * c }] {
                    // Equal values (the general product of 2 = 2·2⁰ keeps a mantissa of 2).
                    func same(_ u: BigFloat, _ v: BigFloat) -> Bool { u.isNegative == v.isNegative && BigFloat.compareMagnitudes(u, v) == 0 }
                    let sign = factor.isNegative ? -1 : 1
                    #expect(same(product.mid, BigFloat(mantissa: BigInt(sign) * b.mid.mantissa, exponent: b.mid.exponent + k)))
                    let r = b.radius.magnitudeRoundedUp(toBits: Ball.radiusBits)
                    #expect(same(product.radius, r.isZero ? .zero : BigFloat(mantissa: r.mantissa, exponent: r.exponent + k)))
                    // The general product of the same values (3 · 2^k is not a power of two).
                    let general = try at { (c * .constant(Rational(3))) * b }
                    #expect(try at { !(general - product * .constant(Rational(3))).isCertainlyNonzero })
                }
            }
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
