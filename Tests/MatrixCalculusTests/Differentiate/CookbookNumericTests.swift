import Testing
import EngineTestSupport
@testable import MatrixCalculus

/// Many identities of the Matrix Cookbook family, each derivative checked against central
/// differences at random points (symbolic sizes set to 3). "Implement the rules, not the cases":
/// these combine the rules in ways the structural tests do not.
@Suite struct CookbookNumericTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let build: @Sendable () throws -> (Expr, Expr)
        var testDescription: String { name }
    }

    static let x = vector("x"), a = vector("a"), b = vector("b"), c = vector("c")
    static let A = matrix("A"), B = matrix("B"), C = matrix("C"), X = matrix("X")
    static let s = scalar("s"), t = scalar("t")

    static let cases: [Case] = [
        Case(name: "aᵀx") { (try a.T * x, x) },
        Case(name: "xᵀx") { (try x.T * x, x) },
        Case(name: "xᵀAx") { (try x.T * A * x, x) },
        Case(name: "bᵀAx") { (try b.T * A * x, x) },
        Case(name: "(Ax)ᵀ(Bx)") { (try (A * x).T * (B * x), x) },
        Case(name: "(Ax + b)ᵀC(Ax + b)") { (try (A * x + b).T * C * (A * x + b), x) },
        Case(name: "‖x − a‖") { (try Expr.norm(x - a), x) },
        Case(name: "‖x‖²") { (try Expr.norm(x) ** 2, x) },
        Case(name: "x/‖x‖") { (try x / Expr.norm(x), x) },
        Case(name: "sum(log(x)) for x > 0") { (try sum(log(vector("p", "n", [.positive]))), vector("p", "n", [.positive])) },
        Case(name: "σ(x)") { (try Expr.sigmoid(x), x) },
        Case(name: "tanh(Ax + b)") { (try Expr.apply(.tanh, A * x + b), x) },
        Case(name: "softmax") { (try exp(x) / sum(exp(x)), x) },
        Case(name: "log-sum-exp") { (try log(sum(exp(x))), x) },
        Case(name: "Ax ⊙ x") { (try (A * x) ⊙ x, x) },
        Case(name: "x ⊘ (1 + x ⊙ x)") { (try x ⊘ (1 + x ⊙ x), x) },
        Case(name: "(xᵀx)x") { (try (x.T * x) * x, x) },
        Case(name: "x·s + sin(x)·s²") { (try x * s + sin(x) * s ** 2, x) },
        Case(name: "max(x, a)") { (try Expr.maximum(x, a), x) },
        Case(name: "min(0, x) + abs(x)") { (try Expr.minimum(.zero, x) + Expr.apply(.abs, x), x) },
        Case(name: "relu(Ax + b) • c") { (try Expr.relu(A * x + b) • c, x) },
        Case(name: "mean((Ax − b)²)") { (try Expr.mean((A * x - b) ** 2), x) },
        Case(name: "xᵀ diag(a) x") { (try x.T * diag(a) * x, x) },
        Case(name: "diag(x) a") { (try diag(x) * a, x) },
        Case(name: "aᵀ diag(x) A b") { (try a.T * diag(x) * A * b, x) },
        Case(name: "s^t by s") { (try scalar("p", [.positive]) ** t, scalar("p", [.positive])) },
        Case(name: "x ^ s by s") { (try vector("p", "n", [.positive]) ** s, s) },
        Case(name: "A(s) = sA + s²B by s") { (try s * A + s ** 2 * B, s) },
        Case(name: "inverse(sA + I) by s") { (try Expr.inverse(s * A + I()), s) },
        Case(name: "det(sA + I) by s") { (try Expr.det(s * A + I()), s) },
        Case(name: "tr(X)") { (try Expr.trace(X), X) },
        Case(name: "tr(AXB)") { (try Expr.trace(A * X * B), X) },
        Case(name: "tr(AXᵀB)") { (try Expr.trace(A * X.T * B), X) },
        Case(name: "tr(XᵀX)") { (try Expr.trace(X.T * X), X) },
        Case(name: "tr(XᵀBX)") { (try Expr.trace(X.T * B * X), X) },
        Case(name: "tr(XX)") { (try Expr.trace(X * X), X) },
        Case(name: "tr(X⁻¹)") { (try Expr.trace(Expr.inverse(X)), X) },
        Case(name: "tr(AX⁻¹B)") { (try Expr.trace(A * Expr.inverse(X) * B), X) },
        Case(name: "aᵀXb") { (try a.T * X * b, X) },
        Case(name: "aᵀXᵀb") { (try a.T * X.T * b, X) },
        Case(name: "aᵀX⁻¹b") { (try a.T * Expr.inverse(X) * b, X) },
        Case(name: "det(X)") { (try Expr.det(X), X) },
        Case(name: "log det(X)") { (try log(Expr.det(X)), X) },
        Case(name: "det(AXB)") { (try Expr.det(A * X * B), X) },
        Case(name: "‖X‖") { (try Expr.norm(X), X) },
        Case(name: "sum(X ⊙ X)") { (try sum(X ⊙ X), X) },
        Case(name: "aᵀ tanh(Xb)") { (try a.T * Expr.apply(.tanh, X * b), X) },
        Case(name: "sum(exp(X)) + sum(X ⊘ A)") { (try sum(exp(X)) + sum(X ⊘ A), X) },
        Case(name: "‖Xa − b‖²") { (try Expr.norm(X * a - b) ** 2, X) },
        Case(name: "sum(max(0, Xa))") { (try sum(Expr.maximum(.zero, X * a)), X) },
        Case(name: "relu(aᵀXb)") { (try Expr.relu(a.T * X * b), X) },
        Case(name: "s·tr(X) + t") { (try s * Expr.trace(X) + t, X) },
        Case(name: "sum(xxᵀ)") { (try sum(x * x.T), x) },
        Case(name: "aᵀ(A + diag(x))⁻¹b") { (try a.T * Expr.inverse(A + diag(x)) * b, x) },
        Case(name: "log det(A + diag(x))") { (try log(Expr.det(A + diag(x))), x) },
        Case(name: "exp(xᵀ)A x") { (try exp(x.T) * A * x, x) },
        Case(name: "(x ⊙ a)ᵀ(x ⊙ b)") { (try (x ⊙ a).T * (x ⊙ b), x) },
    ]

    @Test(arguments: cases)
    func derivativeMatchesCentralDifferences(_ testCase: Case) throws {
        let (f, x) = try testCase.build()
        let error = try numericDerivativeError(of: f, wrt: x)
        let result = try derivative(of: f, wrt: x)
        #expect(error < 1e-5, "\(testCase.name): \(result)")
    }
}

@Suite struct NumericOracleTests {
    @Test func theOracleDetectsAWrongDerivative() throws {
        let x = vector("x"), A = matrix("A")
        let f = try x.T * A * x
        var oracle = NumericOracle()
        oracle.assignRandomValues([f])
        let wrong = oracle.evaluate(try x.T * A)
        let right = oracle.evaluate(try x.T * (A + A.T))
        let numeric = oracle.numericDerivative(of: f, wrt: x)
        #expect(NumericOracle.distance(right, numeric) < 1e-6)
        #expect(NumericOracle.distance(wrong, numeric) > 1e-3)
    }
}
