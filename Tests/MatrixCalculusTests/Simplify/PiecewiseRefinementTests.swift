import Testing
@testable import MatrixCalculus

/// Each case of a piecewise value is simplified under its own condition, one rule per test.
@Suite struct PiecewiseRefinementTests {
    let z = scalar("z"), y = scalar("y"), a = scalar("a")

    /// {v₁ if z ≤ 0; v₂ if z > 0}
    func split(_ z: Expr, _ atMostZero: Expr, _ aboveZero: Expr) throws -> Expr {
        try Expr.piecewise([
            PiecewiseCase(Condition(z, .lessEqual, .zero), atMostZero),
            PiecewiseCase(Condition(z, .greater, .zero), aboveZero),
        ])
    }

    func cases(_ e: Expr) -> [Expr] {
        guard case .piecewise(let cases) = e.kind else { return [e] }
        return cases.map(\.value)
    }

    @Test func maximumTakesTheArgumentThatWins() throws {
        let m = try Expr.maximum(.zero, z)
        #expect(try cases(split(z, y * m, y * m)) == [.zero, y * z])
        #expect(try cases(split(z, y - m, y - m)) == [y, y - z])
    }

    @Test func reluIsMaximumWithZero() throws {
        let relu = try Expr.relu(z)
        #expect(try cases(split(z, relu + y, relu + y)) == [y, z + y])
    }

    @Test func minimumTakesTheOtherArgument() throws {
        let m = try Expr.minimum(.zero, z)
        #expect(try cases(split(z, y * m, y * m)) == [y * z, .zero])
    }

    @Test func absoluteValueIsTheArgumentOrItsNegation() throws {
        let v = try Expr.apply(.abs, z)
        #expect(try cases(split(z, y * v, y * v)) == [-(y * z), y * z])
    }

    @Test func stepAndSignAreDecided() throws {
        let step = try Expr.apply(.step, z), sign = try Expr.apply(.sign, z)
        #expect(try cases(split(z, y * step, y * step)) == [.zero, y])
        let strict = try Expr.piecewise([
            PiecewiseCase(Condition(z, .less, .zero), y * sign),
            PiecewiseCase(Condition(z, .greater, .zero), y * sign),
        ])
        #expect(cases(strict) == [try -y, y])
    }

    @Test func aConditionOnTheNegatedDifferenceDecidesToo() throws {
        // 0 ≥ z is z ≤ 0, written the other way round.
        let m = try Expr.maximum(.zero, z)
        let e = try Expr.piecewise([
            PiecewiseCase(Condition(.zero, .greaterEqual, z), y * m),
            PiecewiseCase(Condition(.zero, .less, z), y * m),
        ])
        #expect(try cases(e) == [.zero, y * z])
    }

    @Test func nestedPiecewiseWithTheSameConditionCollapses() throws {
        let inner = try split(z, a, y)
        // In the case z > 0 the inner value is y, in the case z ≤ 0 it is a.
        #expect(try cases(split(z, inner + 1, inner * 2)) == [a + 1, 2 * y])
    }

    @Test func casesThatAgreeAfterRefinementAreOneValue() throws {
        // max(0, z) is 0 where z ≤ 0; min(0, z) is z there.
        #expect(try split(z, Expr.maximum(.zero, z), .zero) == .zero)
        #expect(try split(z, Expr.minimum(.zero, z), z) == z)
    }

    @Test func anUndecidedOperationStays() throws {
        let m = try Expr.maximum(y, z)
        #expect(try cases(split(z, m, m)) == [m])
        let n = try Expr.maximum(.zero, z)
        #expect(try cases(split(z - 1, n, .zero)) == [n, .zero])
    }

    @Test func theLossOfANeuronReadsLikeTheTextbook() throws {
        // ∂/∂w (y − max(0, wᵀx + b))² = 0ᵀ where wᵀx + b ≤ 0, 2(wᵀx + b − y)xᵀ where it is > 0.
        let w = vector("w"), x = vector("x"), b = scalar("b")
        let z = try w • x + b
        let term = try (y - Expr.maximum(.zero, z)) ** 2
        #expect(try cases(gradient(of: term, wrt: w)) == [Expr.zeros(.row("n")), 2 * (z - y) * x.T])
        #expect(try cases(derivative(of: term, wrt: b)) == [.zero, 2 * (z - y)])
    }

    @Test func aMinusSignIsPulledOutOfAMostlyNegativeSum() throws {
        let x = vector("x"), b = scalar("b")
        let e = try -2 * (y - a - b) * x.T
        guard case .product(let c, let scalars, _) = e.kind else { Issue.record("\(e)"); return }
        #expect(c == 2)
        #expect(try scalars == [a + b - y])
        #expect(e == (try 2 * (a + b - y) * x.T))
    }
}
