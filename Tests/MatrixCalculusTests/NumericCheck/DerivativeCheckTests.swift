import Testing
@testable import MatrixCalculus

/// The independent numeric derivative check, on its own: it passes the engine's derivatives of
/// the literature's identities in every layout, and reports wrong claims — a sign flipped, a
/// transpose missing, a factor dropped, a wrong layout — with the point and both values.
@Suite struct DerivativeCheckTests {
    let x = vector("x"), a = vector("a"), b = vector("b")
    let A = matrix("A"), X = matrix("X")
    let s = scalar("s"), t = scalar("t")

    /// Checks the engine's own result for `operation` and returns the verdict.
    func engineVerdict(_ operation: DerivativeOperation, of f: Expr, wrt v: [Expr], layout: Layout = .numerator) throws -> DerivativeVerdict {
        let claimed: Expr
        switch (operation, v.count) {
        case (.derivative, 1): claimed = try derivative(of: f, wrt: v[0], layout: layout)
        case (.gradient, 1): claimed = try gradient(of: f, wrt: v[0], layout: layout)
        case (.jacobian, 1): claimed = try jacobian(of: f, wrt: v[0], layout: layout)
        case (.hessian, 1): claimed = try hessian(of: f, wrt: v[0], layout: layout)
        case (.derivative, _): claimed = try derivative(of: f, wrt: v, layout: layout)
        case (.gradient, _): claimed = try gradient(of: f, wrt: v, layout: layout)
        case (.jacobian, _): claimed = try jacobian(of: f, wrt: v, layout: layout)
        case (.hessian, _): claimed = try hessian(of: f, wrt: v, layout: layout)
        }
        return try checkDerivative(claimed, operation, of: f, wrt: v, layout: layout)
    }

    @Test(arguments: [Layout.numerator, .denominator])
    func identitiesOfTheIssuePass(layout: Layout) throws {
        #expect(try engineVerdict(.derivative, of: x.T * A * x, wrt: [x], layout: layout).passed)
        #expect(try engineVerdict(.hessian, of: x.T * A * x + b.T * x, wrt: [x], layout: layout).passed)
        let r = try A * x + b
        #expect(try engineVerdict(.gradient, of: r.T * r, wrt: [x], layout: layout).passed)
        let Xmn = matrix("X", "m", "n"), B = matrix("B", "n", "m")
        #expect(try engineVerdict(.gradient, of: Expr.trace(Xmn * B), wrt: [Xmn], layout: layout).passed)
        #expect(try engineVerdict(.gradient, of: log(Expr.det(X)), wrt: [X], layout: layout).passed)
        #expect(try engineVerdict(.gradient, of: log(sum(exp(x))), wrt: [x], layout: layout).passed)
        let softmax = try exp(x) / sum(exp(x))
        #expect(try engineVerdict(.jacobian, of: softmax, wrt: [x], layout: layout).passed)
    }

    @Test(arguments: [Layout.numerator, .denominator])
    func everyShapeCombinationPasses(layout: Layout) throws {
        let f = try s ** 2 * sin(t)
        #expect(try engineVerdict(.derivative, of: f, wrt: [s], layout: layout).passed)             // scalar / scalar
        #expect(try engineVerdict(.gradient, of: f, wrt: [s, t], layout: layout).passed)             // scalar / list
        #expect(try engineVerdict(.hessian, of: f, wrt: [s, t], layout: layout).passed)              // Hessian / list
        #expect(try engineVerdict(.derivative, of: sum(x ⊙ x) * s, wrt: [x], layout: layout).passed) // scalar / vector
        #expect(try engineVerdict(.derivative, of: x * s ** 2, wrt: [s], layout: layout).passed)     // vector / scalar
        #expect(try engineVerdict(.jacobian, of: x ⊙ x + sin(x), wrt: [x], layout: layout).passed)   // vector / vector
        #expect(try engineVerdict(.gradient, of: a.T * X * b, wrt: [X], layout: layout).passed)      // scalar / matrix
        #expect(try engineVerdict(.derivative, of: X * s ** 3, wrt: [s], layout: layout).passed)     // matrix / scalar
        #expect(try engineVerdict(.jacobian, of: Expr.vector([s * t, s + t, exp(s)]), wrt: [s, t], layout: layout).passed)
        #expect(try engineVerdict(.jacobian, of: Expr.symbol("w", .column(3)) * s, wrt: [s], layout: layout).passed) // one-variable Jacobian
    }

    @Test func piecewiseDerivativesPassAwayFromTheirBoundaries() throws {
        let w = vector("w")
        let neuron = try Expr.relu(w • x + s)
        #expect(try engineVerdict(.gradient, of: neuron, wrt: [w]).passed)
        #expect(try engineVerdict(.derivative, of: Expr.maximum(s, t) * s, wrt: [s]).passed)
    }

    /// Each wrong claim is reported, with the claimed and numeric values at the point.
    func mismatch(_ claimed: Expr, _ operation: DerivativeOperation, of f: Expr, wrt v: [Expr], layout: Layout = .numerator) throws -> Counterexample? {
        let verdict = try checkDerivative(claimed, operation, of: f, wrt: v, layout: layout)
        guard case .mismatch(let counterexample) = verdict else { return nil }
        return counterexample
    }

    @Test func aFlippedSignIsReported() throws {
        let c = try #require(try mismatch(-(x.T * (A + A.T)), .derivative, of: x.T * A * x, wrt: [x]))
        // The report carries the point and both values; the numeric one is the true derivative.
        let truth = try (x.T * (A + A.T)).value(at: c.point)
        #expect(c.right.doubleValues.count == truth.doubleValues.count)
        for (u, v) in zip(c.right.doubleValues, truth.doubleValues) { #expect(abs(u - v) <= 1e-9 * max(1, abs(v))) }
        #expect(c.left == (try (-(x.T * (A + A.T))).value(at: c.point)))
        #expect(try mismatch(-cos(s), .derivative, of: sin(s), wrt: [s]) != nil)
    }

    @Test func aMissingTransposeIsReported() throws {
        let Xnn = matrix("X"), B = matrix("B")
        #expect(try mismatch(B, .gradient, of: Expr.trace(Xnn * B), wrt: [Xnn]) != nil)
        #expect(try mismatch(x.T * A, .derivative, of: x.T * A * x, wrt: [x]) != nil)
        #expect(try mismatch(Expr.inverse(X), .gradient, of: log(Expr.det(X)), wrt: [X]) != nil)
        #expect(try mismatch(A.T, .jacobian, of: A * x, wrt: [x]) != nil)
    }

    @Test func aDroppedFactorOfTwoIsReported() throws {
        let r = try A * x + b
        #expect(try mismatch(r.T * A, .gradient, of: r.T * r, wrt: [x]) != nil)
        #expect(try mismatch(A, .hessian, of: x.T * A * x, wrt: [x]) != nil)
        #expect(try mismatch(s * t, .derivative, of: s ** 2 * t, wrt: [s]) != nil)
    }

    @Test func aWrongLayoutIsReported() throws {
        // A row where denominator layout wants a column: caught by its shape.
        let row = try x.T * (A + A.T)
        #expect(try checkDerivative(row, .gradient, of: x.T * A * x, wrt: [x], layout: .denominator)
                == .wrongShape(expected: .column("n"), claimed: .row("n")))
        // A Jacobian in the other layout has the right shape but the wrong values.
        #expect(try mismatch(A.T, .jacobian, of: A * x, wrt: [x], layout: .numerator) != nil)
        #expect(try mismatch(A, .jacobian, of: A * x, wrt: [x], layout: .denominator) != nil)
        let m = vector("m", "k")
        #expect(try checkDerivative(Expr.symbol("J", .matrix("n", "k")), .jacobian, of: Expr.symbol("B", .matrix("k", "n")) * x + m, wrt: [x])
                == .wrongShape(expected: .matrix("k", "n"), claimed: .matrix("n", "k")))
    }

    @Test func badRequestsAreErrors() throws {
        #expect(throws: NumericCheckError.self) { try checkDerivative(x, .gradient, of: x, wrt: [s]) }
        #expect(throws: NumericCheckError.self) { try checkDerivative(x, .derivative, of: x, wrt: [x + 1]) }
        #expect(throws: NumericCheckError.self) { try checkDerivative(x, .derivative, of: x, wrt: [s, x]) }
    }
}
