import Testing
@testable import MatrixCalculus

/// Lesson part 2 (chain rules) and part 3 (the gradient of a neuron and of the loss).
@Suite struct LessonPart2And3Tests {
    let x = scalar("x")

    @Test func singleVariableChainRule() throws {
        #expect(try derivative(of: sin(x ** 2), wrt: x) == 2 * x * cos(x ** 2))
        #expect(try derivative(of: log(sin(x ** 3) ** 2), wrt: x) == 6 * x ** 2 * cos(x ** 3) / sin(x ** 3))
    }

    @Test func totalDerivativeSumsThePaths() throws {
        // y = f(x) = x + x², with u₁ = x², y = x + u₁: dy/dx = 1 + 2x.
        #expect(try derivative(of: x + x ** 2, wrt: x) == 1 + 2 * x)
    }

    @Test func vectorChainRule() throws {
        // y = f(g(x)) with g = [x², 3x] and f = [ln g₁, sin g₂]: ∂y/∂x = [2/x, 3cos(3x)].
        let y = try Expr.vector([log(x ** 2), sin(3 * x)])
        #expect(try derivative(of: y, wrt: x) == Expr.vector([2 / x, 3 * cos(3 * x)]))
        #expect(try jacobian(of: y, wrt: x) == Expr.vector([2 / x, 3 * cos(3 * x)]))
    }

    @Test func gradientOfANeuronWithRespectToTheWeights() throws {
        let w = vector("w"), v = vector("x"), b = scalar("b")
        let z = try w • v + b
        let activation = try Expr.maximum(.zero, z)
        let expected = try Expr.piecewise([
            PiecewiseCase(Condition(z, .lessEqual, .zero), Expr.zeros(.row("n"))),
            PiecewiseCase(Condition(z, .greater, .zero), v.T),
        ])
        #expect(try gradient(of: activation, wrt: w) == expected)
    }

    @Test func gradientOfANeuronWithRespectToTheBias() throws {
        let w = vector("w"), v = vector("x"), b = scalar("b")
        let z = try w • v + b
        let expected = try Expr.piecewise([
            PiecewiseCase(Condition(z, .lessEqual, .zero), .zero),
            PiecewiseCase(Condition(z, .greater, .zero), .one),
        ])
        #expect(try derivative(of: Expr.maximum(.zero, z), wrt: b) == expected)
    }

    @Test func gradientOfTheLossInMatrixForm() throws {
        // C = 1/N Σᵢ (yᵢ − max(0, w·xᵢ + b))², the rows of X being the inputs xᵢᵀ.
        let X = matrix("X", "N", "n"), w = vector("w"), y = vector("y", "N"), b = scalar("b")
        let N = Expr.size("N")
        let activation = try Expr.maximum(.zero, X * w + b)
        let error = try y - activation
        let loss = try Expr.mean(error ** 2)
        let active = try Expr.apply(.step, X * w + b)
        // ∂C/∂w = −2/N (e ⊙ step(Xw + b))ᵀ X;  ∂C/∂b = −2/N Σ eᵢ step(zᵢ).
        let byW = try gradient(of: loss, wrt: w), expectedByW = try -2 / N * (error ⊙ active).T * X
        #expect(byW == expectedByW, "\(byW) ≠ \(expectedByW)")
        let byB = try gradient(of: loss, wrt: b), expectedByB = try -2 / N * sum(error ⊙ active)
        #expect(byB == expectedByB, "\(byB) ≠ \(expectedByB)")
    }
}
