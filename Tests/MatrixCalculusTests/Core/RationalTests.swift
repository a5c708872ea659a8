import Testing
@testable import MatrixCalculus

@Suite struct RationalTests {
    @Test func literalsAreExact() throws {
        #expect(try Rational(literal: "0.5") == Rational(1, 2))
        #expect(try Rational(literal: "1_000") == Rational(1000))
        #expect(try Rational(literal: "-3.25") == Rational(-13, 4))
        #expect(try Rational(literal: ".5") == Rational(1, 2))
    }

    @Test func malformedLiteralsAreErrors() {
        for text in ["", "1.2.3", "abc", "1e5", "."] {
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

    @Test func divisionByZeroIsAnError() {
        #expect(throws: EngineError.divisionByZero) { try Rational(1, 0) }
        #expect(throws: EngineError.divisionByZero) { try Rational.zero.reciprocal }
    }

    @Test func hugePowersStopAtTheLimit() {
        #expect(throws: EngineError.self) { try Rational(3).power(1_000_000) }
    }
}
