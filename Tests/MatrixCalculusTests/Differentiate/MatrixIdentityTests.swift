import Testing
@testable import MatrixCalculus

/// Identities from the Matrix Cookbook and matrixcalculus.org (numerator layout unless stated;
/// x, a, b: Vector<n>; A, X: Matrix<n, n>).
@Suite struct MatrixIdentityTests {
    let x = vector("x"), a = vector("a"), b = vector("b")
    let A = matrix("A"), X = matrix("X")

    @Test func linearForm() throws {
        #expect(try derivative(of: a.T * x, wrt: x) == a.T)
        #expect(try derivative(of: a • x, wrt: x, layout: .denominator) == a)
        #expect(try derivative(of: A * x, wrt: x) == A)
        #expect(try derivative(of: x.T * A, wrt: x) == A.T)
    }

    @Test func quadraticForm() throws {
        #expect(try derivative(of: x.T * A * x, wrt: x) == x.T * (A + A.T))
        let S = matrix("S", "n", "n", [.symmetric])
        #expect(try derivative(of: x.T * S * x, wrt: x) == 2 * x.T * S)
    }

    @Test func hessianOfAQuadraticForm() throws {
        #expect(try hessian(of: x.T * A * x + b.T * x, wrt: x) == A + A.T)
    }

    @Test func leastSquares() throws {
        let r = try A * x + b
        let result = try gradient(of: r.T * r, wrt: x), expected = try 2 * r.T * A
        #expect(result == expected, "\(result) ≠ \(expected)")
    }

    @Test func traceOfAProduct() throws {
        let Xmn = matrix("X", "m", "n"), B = matrix("B", "n", "m")
        #expect(try gradient(of: Expr.trace(Xmn * B), wrt: Xmn) == B.T)
    }

    @Test func logDeterminant() throws {
        #expect(try gradient(of: log(Expr.det(X)), wrt: X) == Expr.inverse(X).T)
        #expect(try gradient(of: Expr.det(X), wrt: X) == Expr.det(X) * Expr.inverse(X).T)
    }

    @Test func bilinearFormByAMatrix() throws {
        #expect(try gradient(of: a.T * X * b, wrt: X) == a * b.T)
    }

    @Test func logSumExp() throws {
        #expect(try gradient(of: log(sum(exp(x))), wrt: x) == exp(x).T / sum(exp(x)))
    }

    @Test func softmaxJacobian() throws {
        let s = try exp(x) / sum(exp(x))
        #expect(try jacobian(of: s, wrt: x) == diag(s) - s * s.T)
    }

    @Test func norms() throws {
        #expect(try gradient(of: Expr.norm(x), wrt: x) == x.T / Expr.norm(x))
        #expect(try gradient(of: Expr.norm(X), wrt: X) == X / Expr.norm(X))
    }

    @Test func unsupportedDerivativesAreErrors() {
        #expect(engineError { try derivative(of: x, wrt: X) } != nil)
        #expect(engineError { try derivative(of: X, wrt: X) } != nil)
        #expect(engineError { try derivative(of: X, wrt: x) } != nil)
        #expect(engineError { try derivative(of: exp(A * diag(x)) * a, wrt: x) } != nil)
    }

    /// A product whose matrix factor depends on the vector is differentiated through a seed
    /// vector (`ReverseJacobian`): d((A + diag(x))⁻¹a) = −(A + diag(x))⁻¹ diag((A + diag(x))⁻¹a) dx.
    @Test func productsWithAMatrixFactorThatDependsOnTheVector() throws {
        let M = try Expr.inverse(diag(x) + A)
        let J = try derivative(of: M * a, wrt: x)
        #expect(try checkEquality(J, -(M * diag(M * a))).isEqual)
        #expect(try checkDerivative(J, .derivative, of: M * a, wrt: [x]).passed)
    }

    /// The message names the offending value in the lesson's notation, not the debug rendering.
    @Test func unsupportedDerivativeMessagesShowTextbookNotation() {
        let message = engineError { try derivative(of: exp(A * diag(x)) * a, wrt: x) }?.description ?? ""
        #expect(message.contains("the factor exp(A·diag(x)) is a Matrix<n, n>"), "\(message)")
    }
}
