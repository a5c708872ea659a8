import Testing
@testable import MatrixCalculus

/// The derivative check confirms every point where Double says "agree" in ball arithmetic
/// (session 10), rule by rule in the style of SymPy's `test_diff`: for each differentiation
/// rule the engine's derivative passes, and the same derivative off by a term below Double's
/// tolerance (10⁻⁹ relative, 10⁻¹² absolute) — a factor 1 + 10⁻¹², a dropped 10⁻¹³·x — is
/// reported. Before, each of those wrong claims was "verified".
@Suite struct PreciseDerivativeCheckTests {
    static let s = scalar("s"), t = scalar("t")
    static let x = vector("x"), a = vector("a")
    static let A = matrix("A"), X = matrix("X"), B = matrix("B")

    static func tiny(_ literal: String) -> Expr { (try? Expr.number(literal: literal)) ?? .integer(0) }

    /// One rule: a function, the variables and the operation whose engine result is checked.
    struct Rule: CustomTestStringConvertible, Sendable {
        var name: String
        var operation: DerivativeOperation
        var f: @Sendable () throws -> Expr
        var variables: @Sendable () -> [Expr]
        var testDescription: String { name }
    }

    static let rules: [Rule] = [
        // Scalar rules (SymPy's test_diff, test_power, test_exp_diff, …).
        Rule(name: "power", operation: .derivative, f: { try s ** 3 }, variables: { [s] }),
        Rule(name: "negative power", operation: .derivative, f: { try (1 + s ** 2) ** -2 }, variables: { [s] }),
        Rule(name: "product", operation: .derivative, f: { try s ** 2 * sin(s) }, variables: { [s] }),
        Rule(name: "quotient", operation: .derivative, f: { try sin(s) / (1 + s ** 2) }, variables: { [s] }),
        Rule(name: "chain", operation: .derivative, f: { try exp(sin(s)) }, variables: { [s] }),
        Rule(name: "exp", operation: .derivative, f: { try exp(2 * s) }, variables: { [s] }),
        Rule(name: "log", operation: .derivative, f: { try log(1 + s ** 2) }, variables: { [s] }),
        Rule(name: "sin", operation: .derivative, f: { try sin(3 * s) }, variables: { [s] }),
        Rule(name: "cos", operation: .derivative, f: { try cos(s ** 2) }, variables: { [s] }),
        Rule(name: "tan", operation: .derivative, f: { try Expr.apply(.tan, s / 4) }, variables: { [s] }),
        Rule(name: "tanh", operation: .derivative, f: { try Expr.apply(.tanh, s) }, variables: { [s] }),
        Rule(name: "sigmoid", operation: .derivative, f: { try Expr.sigmoid(s) }, variables: { [s] }),
        Rule(name: "sqrt", operation: .derivative, f: { try Expr.sqrt(1 + s ** 2) }, variables: { [s] }),
        Rule(name: "half-integer powers", operation: .derivative, f: { try (1 + s ** 2) ** .number(Rational(reducing: 3, 2)) + (2 + s ** 2) ** .number(Rational(reducing: -5, 2)) }, variables: { [s] }),
        Rule(name: "abs", operation: .derivative, f: { try Expr.apply(.abs, s) * s }, variables: { [s] }),
        Rule(name: "variable exponent", operation: .derivative, f: { try (1 + s ** 2) ** s }, variables: { [s] }),
        Rule(name: "max", operation: .derivative, f: { try Expr.maximum(s, t) * s }, variables: { [s] }),
        Rule(name: "gradient of a list", operation: .gradient, f: { try s ** 2 * sin(t) }, variables: { [s, t] }),
        Rule(name: "Hessian of a list", operation: .hessian, f: { try s ** 2 * sin(t) }, variables: { [s, t] }),
        // Matrix rules (the Matrix Cookbook's identities).
        Rule(name: "linear form", operation: .gradient, f: { try a.T * x }, variables: { [x] }),
        Rule(name: "quadratic form", operation: .gradient, f: { try x.T * A * x }, variables: { [x] }),
        Rule(name: "Hessian of a quadratic form", operation: .hessian, f: { try x.T * A * x }, variables: { [x] }),
        Rule(name: "elementwise Jacobian", operation: .jacobian, f: { try exp(x) ⊙ x }, variables: { [x] }),
        Rule(name: "log-sum-exp", operation: .gradient, f: { try log(sum(exp(x))) }, variables: { [x] }),
        Rule(name: "softmax", operation: .jacobian, f: { try exp(x) / sum(exp(x)) }, variables: { [x] }),
        Rule(name: "trace", operation: .gradient, f: { try Expr.trace(X * B) }, variables: { [X] }),
        Rule(name: "log det", operation: .gradient, f: { try log(Expr.det(X)) }, variables: { [X] }),
        Rule(name: "inverse", operation: .gradient, f: { try a.T * Expr.inverse(X) * a }, variables: { [X] }),
        Rule(name: "matrix by scalar", operation: .derivative, f: { try X * sin(s) }, variables: { [s] }),
    ]

    static func engineDerivative(_ rule: Rule) throws -> Expr {
        let f = try rule.f(), v = rule.variables()
        switch (rule.operation, v.count) {
        case (.derivative, 1): return try derivative(of: f, wrt: v[0])
        case (.gradient, 1): return try gradient(of: f, wrt: v[0])
        case (.jacobian, 1): return try jacobian(of: f, wrt: v[0])
        case (.hessian, 1): return try hessian(of: f, wrt: v[0])
        case (.derivative, _): return try derivative(of: f, wrt: v)
        case (.gradient, _): return try gradient(of: f, wrt: v)
        case (.jacobian, _): return try jacobian(of: f, wrt: v)
        case (.hessian, _): return try hessian(of: f, wrt: v)
        }
    }

    @Test(arguments: rules)
    func theEngineDerivativePasses(_ rule: Rule) throws {
        let verdict = try checkDerivative(try Self.engineDerivative(rule), rule.operation, of: try rule.f(), wrt: rule.variables())
        #expect(verdict.passed, "\(verdict)")
    }

    /// The derivative times 1 + 10⁻¹²: within Double's relative tolerance of 10⁻⁹.
    @Test(arguments: rules)
    func aDerivativeOffByOnePartInATrillionIsReported(_ rule: Rule) throws {
        let wrong = try Self.engineDerivative(rule) * (1 + Self.tiny("1e-12"))
        let verdict = try checkDerivative(wrong, rule.operation, of: try rule.f(), wrt: rule.variables())
        guard case .mismatch = verdict else {
            Issue.record("\(rule.name): \(verdict)")
            return
        }
    }

    /// A rule that drops a small term: each claim misses the derivative of 10⁻¹³·(…), which
    /// Double's absolute tolerance of 10⁻¹² let through.
    @Test(arguments: [
        // d/ds (sin s + 10⁻¹³ s³) claimed as cos s.
        ("sin(s) + 1e-13*s^3", "cos(s)"),
        // d/ds 10⁻¹³ s² claimed as 0: every Double value of the difference is below 10⁻¹².
        ("1e-13*s^2", "0"),
        // d/ds (eˢ + 10⁻¹³ log(1 + s²)) claimed as eˢ.
        ("exp(s) + 1e-13*log(1 + s^2)", "exp(s)"),
    ])
    func aDroppedTinyTermIsReported(_ pair: (String, String)) throws {
        let s = Self.s
        func parse(_ text: String) throws -> Expr {
            switch text {
            case "sin(s) + 1e-13*s^3": return try sin(s) + Self.tiny("1e-13") * s ** 3
            case "cos(s)": return try cos(s)
            case "1e-13*s^2": return try Self.tiny("1e-13") * s ** 2
            case "exp(s) + 1e-13*log(1 + s^2)": return try exp(s) + Self.tiny("1e-13") * log(1 + s ** 2)
            case "exp(s)": return try exp(s)
            default: return .integer(0)
            }
        }
        let verdict = try checkDerivative(try parse(pair.1), .derivative, of: try parse(pair.0), wrt: [s])
        guard case .mismatch = verdict else {
            Issue.record("\(pair.1) as the derivative of \(pair.0): \(verdict)")
            return
        }
    }

    /// A gradient off by 10⁻¹³ in every entry, and a Hessian off by 10⁻¹³·I.
    @Test func tinyAbsoluteErrorsInVectorsAndMatricesAreReported() throws {
        let x = Self.x, A = Self.A, e = Self.tiny("1e-13")
        let gradient = try (A + A.T) * x + e * ones()
        #expect(try !checkDerivative(gradient, .gradient, of: x.T * A * x, wrt: [x], layout: .denominator).passed)
        let hessian = try A + A.T + e * I()
        #expect(try !checkDerivative(hessian, .hessian, of: x.T * A * x, wrt: [x]).passed)
    }

    /// A claim the first precision cannot settle (in s + log(1 + e⁻²⁰⁰·s²) the e⁻²⁰⁰·s² is
    /// below the precision of its sum with 1, so the balls ask for more bits) is settled at a
    /// higher one: the right derivative passes, and one off by a factor 1 + 10⁻¹², or by
    /// 10⁻²⁰·s, is reported.
    @Test func aClaimSettledOnlyWithMoreBitsIsDecided() throws {
        let s = Self.s, small = try exp(Expr.integer(-200))
        let f = try s + log(1 + small * s ** 2)
        let right = try 1 + 2 * small * s / (1 + small * s ** 2)
        let point = try Point([s: Value(.exact(Rational(reducing: 3, 2)))])
        let first = PreciseComparison.precision(literalBits: PreciseComparison.literalBits(for: [right, f]), at: point)
        let missing = try Ball.precisely(first) { () throws(EvaluationError) -> Int in
            var evaluator = Evaluator<Ball>(values: point.values.mapValues { $0.array(Ball.init(number:)) }, sizes: point.sizes)
            return try evaluator.evaluate(f).scalar.missingBits
        }
        #expect(missing > 0, "the first precision should not settle s + log(1 + e^-200·s²)")
        #expect(try checkDerivative(right, .derivative, of: f, wrt: [s]).passed)
        for wrong in [try right * (1 + Self.tiny("1e-12")), try right + Self.tiny("1e-20") * s] {
            guard case .mismatch = try checkDerivative(wrong, .derivative, of: f, wrt: [s]) else {
                Issue.record("\(wrong) passed as the derivative of \(f)")
                continue
            }
        }
    }

    /// Derivatives whose Double values cancel badly stay verified: the balls are precise
    /// where Double is not.
    @Test func numericallyDelicateDerivativesPass() throws {
        let s = Self.s
        for (f, claimed) in [
            (try exp(s) ** 2 - exp(2 * s), Expr.integer(0)),
            (try (s + 1) ** 2 - s ** 2, Expr.integer(2)),
            (try sin(s * Self.tiny("1e10")), try Self.tiny("1e10") * cos(s * Self.tiny("1e10"))),
            (try log(exp(s)), Expr.integer(1)),
        ] {
            let verdict = try checkDerivative(claimed, .derivative, of: f, wrt: [s])
            #expect(verdict.passed, "\(claimed) as the derivative of \(f): \(verdict)")
        }
    }
}
