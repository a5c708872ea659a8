import Testing
@testable import MatrixCalculus

/// Single-variable rules, one per test, as in SymPy's test_diff.py.
@Suite struct ScalarRuleTests {
    let x = scalar("x"), y = scalar("y"), a = scalar("a")

    @Test func constantRule() throws {
        #expect(try derivative(of: num(7), wrt: x) == Expr.zero)
        #expect(try derivative(of: y, wrt: x) == Expr.zero)
    }

    @Test func variableRule() throws {
        #expect(try derivative(of: x, wrt: x) == Expr.one)
    }

    @Test func sumRule() throws {
        #expect(try derivative(of: x + x ** 2, wrt: x) == 1 + 2 * x)
    }

    @Test func productRule() throws {
        #expect(try derivative(of: x * sin(x), wrt: x) == sin(x) + x * cos(x))
    }

    @Test func quotientRule() throws {
        #expect(try derivative(of: sin(x) / x, wrt: x) == cos(x) / x - sin(x) / x ** 2)
    }

    @Test func powerRuleWithAConstantExponent() throws {
        #expect(try derivative(of: x ** 5, wrt: x) == 5 * x ** 4)
        #expect(try derivative(of: Expr.sqrt(x), wrt: x) == (1 / (2 * Expr.sqrt(x))))
        #expect(try derivative(of: x ** a, wrt: x) == a * x ** (a - 1))
    }

    @Test func powerRuleWithAVariableExponent() throws {
        #expect(try derivative(of: num(2) ** x, wrt: x) == num(2) ** x * log(num(2)))
        #expect(try derivative(of: x ** x, wrt: x) == x ** x * (log(x) + 1))
    }

    @Test func chainRuleForEachFunction() throws {
        let u = try x ** 2
        let du = try 2 * x
        #expect(try derivative(of: exp(u), wrt: x) == du * exp(u))
        #expect(try derivative(of: log(u), wrt: x) == 2 / x)
        #expect(try derivative(of: sin(u), wrt: x) == du * cos(u))
        #expect(try derivative(of: cos(u), wrt: x) == -(du * sin(u)))
        #expect(try derivative(of: Expr.apply(.tan, x), wrt: x) == cos(x) ** (-2))
        #expect(try derivative(of: Expr.apply(.tanh, x), wrt: x) == 1 - Expr.apply(.tanh, x) ** 2)
        let s = try Expr.sigmoid(x)
        #expect(try derivative(of: s, wrt: x) == s * (1 - s))
        // |x|′ = sign(x), with sign(0) = 0 (the convention of the rule page).
        let slope = try Expr.apply(.sign, x)
        #expect(try derivative(of: Expr.apply(.abs, x), wrt: x) == slope)
        #expect(try slope.evaluated(at: [x: num(0)]) == Expr.zero)
        #expect(try slope.evaluated(at: [x: num(-2)]) == Expr.minusOne)
        #expect(try derivative(of: Expr.apply(.abs, vector("v")), wrt: vector("v")) == diag(Expr.apply(.sign, vector("v"))))
        #expect(try derivative(of: Expr.apply(.step, x), wrt: x) == Expr.zero)
    }

    @Test func maxOfZeroIsPiecewise() throws {
        let expected = try Expr.piecewise([
            PiecewiseCase(Condition(x, .lessEqual, .zero), .zero),
            PiecewiseCase(Condition(x, .greater, .zero), .one),
        ])
        #expect(try derivative(of: Expr.maximum(.zero, x), wrt: x) == expected)
        #expect(try derivative(of: Expr.relu(x), wrt: x) == expected)
        // max(x, 0): at the tie x = 0 the first argument, x, wins.
        let firstWins = try Expr.piecewise([
            PiecewiseCase(Condition(.zero, .lessEqual, x), .one),
            PiecewiseCase(Condition(.zero, .greater, x), .zero),
        ])
        #expect(try derivative(of: Expr.maximum(x, .zero), wrt: x) == firstWins)
    }

    @Test func minOfZeroIsPiecewise() throws {
        // min(0, x): 0′ where 0 ≤ x (the tie included), x′ where 0 > x.
        let expected = try Expr.piecewise([
            PiecewiseCase(Condition(.zero, .lessEqual, x), .zero),
            PiecewiseCase(Condition(.zero, .greater, x), .one),
        ])
        #expect(try derivative(of: Expr.minimum(.zero, x), wrt: x) == expected)
    }

    @Test func derivativeOfAMatrixByAScalarHasItsShape() throws {
        let A = matrix("A"), B = matrix("B")
        let d = try derivative(of: x * A + x ** 2 * B, wrt: x)
        #expect(d == (try A + 2 * x * B))
        #expect(d.shape == A.shape)
    }

    @Test func onlySymbolsCanBeVariables() {
        #expect(engineError { try derivative(of: x, wrt: x + 1) } != nil)
    }
}
