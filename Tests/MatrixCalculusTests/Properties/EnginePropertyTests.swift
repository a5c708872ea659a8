import Foundation
import Testing
@testable import MatrixCalculus

/// Properties of the engine over random expressions of every supported shape — a derivative of
/// a scalar by a scalar, a gradient by a vector, a Jacobian, a Hessian, a gradient by a matrix
/// and by a symmetric matrix — with kinks (|u|, max, min, relu) and products whose factors both
/// depend on the variable:
///
/// - every derivative agrees with the engine's dual-number check (`checkDerivative`) and with
///   central differences of an independent evaluator (`NumericOracle`);
/// - `#expect`'s equality never accepts a randomly perturbed identity f == f + δ, where δ is
///   nonzero somewhere f is defined (a ramp or a step past a random breakpoint, a narrow bump, a
///   small multiple of a variable).
///
/// CI runs `CALCBOOK_PROPERTY_CASES` cases of each property (default 160, about a minute and a
/// half in a debug build on two cores); `Benchmarks/properties/run N` runs N in a release build.
@Suite struct EnginePropertyTests {
    static let cases = ProcessInfo.processInfo.environment["CALCBOOK_PROPERTY_CASES"].flatMap(Int.init) ?? 160
    static let batches = 8

    /// Open findings of this suite, reported as known issues (still printed) until they are fixed:
    /// - derivatives, seed 159: the Hessian of a softmax loss of (Ax ⊙ |Ax|) overflows to NaN in
    ///   its symbolic form at a point where the dual numbers stay finite (exp of ~900);
    /// - perturbed identities, seed 18: a bump 10⁻³ wide at x₁ = −549 added to
    ///   log det(P + diag((a + x)∘⁴)) is not found by the boundary search.
    static let openDerivativeFindings: Set<Int> = [159]
    static let openIdentityFindings: Set<Int> = [18]

    /// Records `message`, as a known issue when `seed` is one of `open`.
    private func record(_ message: String, seed: Int, open: Set<Int>) {
        if open.contains(seed) {
            withKnownIssue("open finding of the property suite") { Issue.record(Comment(rawValue: message)) }
        } else {
            Issue.record(Comment(rawValue: message))
        }
    }

    @Test(arguments: 0..<batches)
    func derivativesAgreeWithDualNumbersAndFiniteDifferences(_ batch: Int) throws {
        var tally = Tally()
        for seed in stride(from: batch, to: Self.cases, by: Self.batches) {
            var generator = PropertyGenerator(seed: UInt64(seed))
            let problem = try generator.derivativeProblem(kind: seed % PropertyGenerator.derivativeKinds)
            tally.cases += 1
            let claimed: Expr
            do {
                claimed = try problem.compute()
            } catch {
                guard case .unsupportedDerivative = error else { throw error }
                tally.unsupported += 1
                continue
            }
            do {
                let verdict = try checkDerivative(claimed, problem.operation, of: problem.f, wrt: [problem.variable])
                if !verdict.passed {
                    tally.failures += 1
                    record("seed \(seed): \(problem.operation.rawValue) of \(problem.f) by \(problem.variable): \(verdict)", seed: seed, open: Self.openDerivativeFindings)
                }
            } catch {
                tally.undecided += 1
            }
            if let error = problem.finiteDifferenceError(claimed, seed: seed), error > 1e-4 {
                tally.failures += 1
                record("seed \(seed): \(problem.operation.rawValue) of \(problem.f) by \(problem.variable) is \(claimed), \(error) away from central differences", seed: seed, open: Self.openDerivativeFindings)
            }
        }
        print("engine properties: derivatives, batch \(batch): \(tally)")
    }

    @Test(arguments: 0..<batches)
    func perturbedIdentitiesAreNeverAccepted(_ batch: Int) throws {
        var tally = Tally()
        for seed in stride(from: batch, to: Self.cases, by: Self.batches) {
            var generator = PropertyGenerator(seed: UInt64(1_000_000 + seed))
            guard let (f, perturbed) = try generator.perturbedIdentity(kind: seed % PropertyGenerator.perturbationKinds) else {
                tally.unsupported += 1
                continue
            }
            tally.cases += 1
            do {
                if try checkEquality(f, perturbed).isEqual {
                    tally.failures += 1
                    record("seed \(seed): accepted \(f) == \(perturbed)", seed: seed, open: Self.openIdentityFindings)
                }
            } catch {
                tally.undecided += 1
            }
        }
        print("engine properties: perturbed identities, batch \(batch): \(tally)")
    }

    struct Tally: CustomStringConvertible {
        var cases = 0, unsupported = 0, undecided = 0, failures = 0
        var description: String { "\(cases) cases, \(unsupported) unsupported, \(undecided) undecided, \(failures) failures" }
    }
}

/// One derivative to compute and check.
struct DerivativeProblem {
    let operation: DerivativeOperation
    let f: Expr
    let variable: Expr

    func compute() throws(EngineError) -> Expr {
        switch operation {
        case .derivative: return try derivative(of: f, wrt: variable)
        case .gradient: return try gradient(of: f, wrt: variable)
        case .jacobian: return try jacobian(of: f, wrt: variable)
        case .hessian: return try hessian(of: f, wrt: variable)
        }
    }

    /// The largest relative difference from central differences at a random point (a Hessian:
    /// differences of the symbolic gradient), or nil where either side is not finite.
    func finiteDifferenceError(_ claimed: Expr, seed: Int) -> Double? {
        var oracle = NumericOracle()
        oracle.generator = SplitMix(seed: UInt64(seed) &+ 77)
        var numeric: NumericOracle.Value
        if operation == .hessian {
            guard let column = try? derivative(of: f, wrt: variable, layout: .denominator) else { return nil }
            oracle.assignRandomValues([f, variable, claimed, column])
            numeric = oracle.numericDerivative(of: column, wrt: variable)
        } else {
            oracle.assignRandomValues([f, variable, claimed])
            numeric = oracle.numericDerivative(of: f, wrt: variable)
        }
        if let symbol = variable.symbolValue, symbol.isSymmetric, numeric.count == numeric.first?.count {
            // The gradient along symmetric directions (the convention): (G + Gᵀ)/2.
            numeric = numeric.indices.map { i in numeric.indices.map { j in (numeric[i][j] + numeric[j][i]) / 2 } }
        }
        let exact = oracle.evaluate(claimed)
        guard (exact + numeric).allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return nil }
        return NumericOracle.distance(exact, numeric)
    }
}

/// Random expressions for the properties, deterministic in the seed.
struct PropertyGenerator {
    static let derivativeKinds = 6
    static let perturbationKinds = 5

    var random: SplitMix
    init(seed: UInt64) { random = SplitMix(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 1) }

    let s = scalar("s"), t = scalar("t")
    let x = vector("x"), a = vector("a"), A = matrix("A")
    let X = matrix("X"), B = matrix("B"), S = matrix("S", "n", "n", [.symmetric]), P = matrix("P", "n", "n", [.spd])

    mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func small() -> Expr { num(pick(5) + 1) }

    // MARK: Derivatives

    mutating func derivativeProblem(kind: Int) throws -> DerivativeProblem {
        switch kind {
        case 0: return DerivativeProblem(operation: .derivative, f: try scalarExpression(3), variable: t)
        case 1: return DerivativeProblem(operation: .gradient, f: try scalarOf(2), variable: x)
        case 2: return DerivativeProblem(operation: .jacobian, f: try vectorExpression(2), variable: x)
        case 3: return DerivativeProblem(operation: .hessian, f: try scalarOf(1), variable: x)
        case 4: return DerivativeProblem(operation: .gradient, f: try matrixScalar(of: X, 2), variable: X)
        default: return DerivativeProblem(operation: .gradient, f: try matrixScalar(of: S, 2), variable: S)
        }
    }

    /// A scalar expression in s and t, kinks included.
    mutating func scalarExpression(_ depth: Int) throws -> Expr {
        if depth == 0 {
            switch pick(4) {
            case 0: return s
            case 1: return t
            case 2: return small()
            default: return try s * t
            }
        }
        let u = try scalarExpression(depth - 1)
        switch pick(17) {
        case 0: return try u + scalarExpression(depth - 1)
        case 1: return try u - scalarExpression(depth - 1)
        case 2: return try u * scalarExpression(depth - 1)
        case 3: return try u / (2 + scalarExpression(depth - 1) ** 2)
        case 4: return try u ** (pick(3) + 2)
        case 5: return try sin(u)
        case 6: return try cos(u)
        case 7: return try exp(Expr.apply(.tanh, u))
        case 8: return try log(1 + u ** 2)
        case 9: return try Expr.sigmoid(u)
        case 10: return try Expr.sqrt(1 + u ** 2)
        case 11: return try Expr.apply(.abs, u) * u
        case 12: return try Expr.maximum(u, scalarExpression(depth - 1))
        case 13: return try Expr.minimum(u, scalarExpression(depth - 1))
        case 14: return try Expr.relu(u)
        case 15: return try Expr.apply(.abs, u)
        default: return try Expr.apply(.tanh, u) * u
        }
    }

    /// A column vector expression in x: Vector<n>.
    mutating func vectorExpression(_ depth: Int) throws -> Expr {
        if depth == 0 {
            switch pick(4) {
            case 0: return x
            case 1: return try A * x
            case 2: return try x + a
            default: return try 2 * x
            }
        }
        let u = try vectorExpression(depth - 1)
        switch pick(15) {
        case 0: return try u + vectorExpression(depth - 1)
        case 1: return try u ⊙ vectorExpression(depth - 1)
        case 2: return try A * u
        case 3: return try sin(u)
        case 4: return try exp(Expr.apply(.tanh, u))
        case 5: return try u * scalarOf(depth - 1)
        case 6: return try u ⊘ (1 + u ⊙ u)
        case 7: return try Expr.sigmoid(u)
        case 8: return try u ** 2
        case 9: return try u / (1 + Expr.norm(u))
        case 10: return try Expr.relu(u)
        case 11: return try Expr.maximum(u, a)
        case 12: return try Expr.apply(.abs, u) ⊙ u
        // Both factors depend on x: (P + diag(u ⊙ u))⁻¹ a, P symmetric positive definite.
        case 13: return try Expr.inverse(P + diag(u ⊙ u)) * a
        default: return try u - a * (a • u)
        }
    }

    /// A scalar expression of x.
    mutating func scalarOf(_ depth: Int) throws -> Expr {
        let u = try vectorExpression(max(0, depth))
        switch pick(8) {
        case 0: return try sum(u)
        case 1: return try u • a
        case 2: return try Expr.norm(u)
        case 3: return try log(sum(exp(u)))
        case 4: return try u.T * A * u
        case 5: return try Expr.mean(u ⊙ u)
        // The softmax loss, written out.
        case 6: return try -(a.T * log(exp(u) ⊘ sum(exp(u))))
        default: return try log(Expr.det(P + diag(u ⊙ u)))
        }
    }

    /// A matrix expression in the matrix symbol m.
    mutating func matrixExpression(of m: Expr, _ depth: Int) throws -> Expr {
        if depth == 0 {
            switch pick(3) {
            case 0: return m
            case 1: return try m * B
            default: return try m + m.T
            }
        }
        let u = try matrixExpression(of: m, depth - 1)
        switch pick(8) {
        case 0: return try u + matrixExpression(of: m, depth - 1)
        case 1: return try u ⊙ matrixExpression(of: m, depth - 1)
        case 2: return try B * u
        case 3: return try sin(u)
        case 4: return try u.T * u
        case 5: return try Expr.relu(u)
        case 6: return try exp(Expr.apply(.tanh, u))
        default: return try u * u
        }
    }

    /// A scalar function of the matrix symbol m.
    mutating func matrixScalar(of m: Expr, _ depth: Int) throws -> Expr {
        let u = try matrixExpression(of: m, depth)
        switch pick(7) {
        case 0: return try Expr.trace(u)
        case 1: return try sum(u)
        case 2: return try Expr.norm(u) ** 2
        case 3: return try a.T * u * x
        case 4: return try Expr.trace(Expr.inverse(u.T * u + I()))
        case 5: return try log(Expr.det(u.T * u + I()))
        default: return try sum(exp(Expr.apply(.tanh, u)))
        }
    }

    // MARK: Perturbed identities

    /// f and f + δ with δ nonzero somewhere f is defined; nil when no such δ was found.
    mutating func perturbedIdentity(kind: Int) throws -> (Expr, Expr)? {
        let f = kind % 2 == 0 ? try scalarExpression(2) : try scalarOf(1)
        let variable = kind % 2 == 0 ? t : x
        // A breakpoint k where f is defined: across magnitudes, so some lie far from 0.
        let k = Rational(reducing: (pick(2) == 0 ? 1 : -1) * (pick(800) + 1), pick(2) == 0 ? 8 : 1)
        guard isDefined(f, at: k) else { return nil }
        let shift = try Expr.subtract(variable, Expr.number(k))
        let c = small()
        let delta: Expr
        switch kind {
        case 0, 1:
            // A ramp past the breakpoint (one entry for a vector).
            delta = try c * Expr.relu(scalarEntry(shift))
        case 2:
            // A step at the breakpoint.
            delta = try c * Expr.apply(.step, scalarEntry(shift))
        case 3:
            // A bump of width 10⁻³ around the breakpoint.
            delta = try Expr.maximum(num(0), Expr.number(Rational(reducing: 1, 1000)) - Expr.apply(.abs, scalarEntry(shift)))
        default:
            // A tiny multiple of the variable: 10⁻⁶ relative.
            delta = try Expr.number(Rational(reducing: 1, 1_000_000)) * scalarEntry(variable) * f
        }
        let perturbed = try f + delta
        // δ must not vanish identically (f = 0 makes the tiny multiple 0).
        guard !(try perturbed - f).isZero else { return nil }
        return (f, perturbed)
    }

    /// A scalar made of a scalar or of one entry of a vector (the first, which every size has).
    private func scalarEntry(_ e: Expr) throws -> Expr {
        e.shape.isScalar ? e : try Expr.entry(e, 0, 0)
    }

    /// f is defined with the variable's first entry at k (other values random).
    private mutating func isDefined(_ f: Expr, at k: Rational) -> Bool {
        var oracle = NumericOracle()
        oracle.generator = SplitMix(seed: random.next())
        oracle.assignRandomValues([f, t, x])
        oracle.values[Symbol("t")] = [[k.doubleValue]]
        if var v = oracle.values[Symbol("x", .column("n"))] {
            v[0][0] = k.doubleValue
            oracle.values[Symbol("x", .column("n"))] = v
        }
        return oracle.evaluate(f).allSatisfy { $0.allSatisfy(\.isFinite) }
    }
}
