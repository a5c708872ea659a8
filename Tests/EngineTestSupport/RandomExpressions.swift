import MatrixCalculus

/// Random expressions for the engine's property suite, its random-expression tests and the
/// property benchmark: one generator, so a seed means the same expression everywhere.
/// Deterministic in the seed. Built with the engine's public builders (no test operators), so
/// that the benchmark executable can use it without the test targets.
package struct PropertyGenerator {
    package static let derivativeKinds = 6
    package static let perturbationKinds = 5

    package var random: SplitMix
    /// Smooth expressions only (no |u|, max, min, relu, inverse, log det): what central
    /// differences can check anywhere.
    package let smooth: Bool

    package init(seed: UInt64) {
        random = SplitMix(seed: seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        smooth = false
    }

    package init(random: SplitMix, smooth: Bool) {
        self.random = random
        self.smooth = smooth
    }

    package let s = Expr.symbol("s"), t = Expr.symbol("t")
    package let x = Expr.symbol("x", .column(.symbolic("n")))
    package let a = Expr.symbol("a", .column(.symbolic("n")))
    package let A = Expr.symbol("A", .matrix(.symbolic("n"), .symbolic("n")))
    package let X = Expr.symbol("X", .matrix(.symbolic("n"), .symbolic("n")))
    package let B = Expr.symbol("B", .matrix(.symbolic("n"), .symbolic("n")))
    package let S = Expr.symbol("S", .matrix(.symbolic("n"), .symbolic("n")), assumptions: [.symmetric])
    package let P = Expr.symbol("P", .matrix(.symbolic("n"), .symbolic("n")), assumptions: [.spd])

    package mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func small() -> Expr { .integer(pick(5) + 1) }

    // MARK: Derivatives

    package mutating func derivativeProblem(kind: Int) throws -> DerivativeProblem {
        switch kind {
        case 0: return DerivativeProblem(operation: .derivative, f: try scalarExpression(3), variable: t)
        case 1: return DerivativeProblem(operation: .gradient, f: try scalarOf(2), variable: x)
        case 2: return DerivativeProblem(operation: .jacobian, f: try vectorExpression(2), variable: x)
        case 3: return DerivativeProblem(operation: .hessian, f: try scalarOf(1), variable: x)
        case 4: return DerivativeProblem(operation: .gradient, f: try matrixScalar(of: X, 2), variable: X)
        default: return DerivativeProblem(operation: .gradient, f: try matrixScalar(of: S, 2), variable: S)
        }
    }

    /// A scalar expression in s and t, kinks included unless `smooth`.
    package mutating func scalarExpression(_ depth: Int) throws -> Expr {
        if depth == 0 {
            switch pick(4) {
            case 0: return s
            case 1: return t
            case 2: return small()
            default: return try .multiply(s, t)
            }
        }
        let u = try scalarExpression(depth - 1)
        // Smooth: the first 11 cases and the last (the stream of the former smooth generator).
        let choice = smooth ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16][pick(12)] : pick(17)
        switch choice {
        case 0: return try .add(u, scalarExpression(depth - 1))
        case 1: return try .subtract(u, scalarExpression(depth - 1))
        case 2: return try .multiply(u, scalarExpression(depth - 1))
        case 3: return try .divide(u, .add(.integer(2), .power(scalarExpression(depth - 1), 2)))
        case 4: return try .power(u, pick(3) + 2)
        case 5: return try .sin(u)
        case 6: return try .cos(u)
        case 7: return try .exp(.apply(.tanh, u))
        case 8: return try .log(onePlusSquare(u))
        case 9: return try .sigmoid(u)
        case 10: return try .sqrt(onePlusSquare(u))
        case 11: return try .multiply(.apply(.abs, u), u)
        case 12: return try .maximum(u, scalarExpression(depth - 1))
        case 13: return try .minimum(u, scalarExpression(depth - 1))
        case 14: return try .relu(u)
        case 15: return try .apply(.abs, u)
        default: return try .multiply(.apply(.tanh, u), u)
        }
    }

    /// A column vector expression in x: Vector<n>.
    package mutating func vectorExpression(_ depth: Int) throws -> Expr {
        if depth == 0 {
            switch pick(4) {
            case 0: return x
            case 1: return try .multiply(A, x)
            case 2: return try .add(x, a)
            default: return try .multiply(.integer(2), x)
            }
        }
        let u = try vectorExpression(depth - 1)
        let choice = smooth ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 14][pick(11)] : pick(15)
        switch choice {
        case 0: return try .add(u, vectorExpression(depth - 1))
        case 1: return try .hadamard(u, vectorExpression(depth - 1))
        case 2: return try .multiply(A, u)
        case 3: return try .sin(u)
        case 4: return try .exp(.apply(.tanh, u))
        case 5: return try .multiply(u, scalarOf(depth - 1))
        case 6: return try .elementwiseDivide(u, .add(.integer(1), .hadamard(u, u)))
        case 7: return try .sigmoid(u)
        case 8: return try .power(u, 2)
        case 9: return try .divide(u, .add(.integer(1), .norm(u)))
        case 10: return try .relu(u)
        case 11: return try .maximum(u, a)
        case 12: return try .hadamard(.apply(.abs, u), u)
        // Both factors depend on x: (P + diag(u ⊙ u))⁻¹ a, P symmetric positive definite.
        case 13: return try .multiply(.inverse(.add(P, .diag(.hadamard(u, u)))), a)
        default: return try .subtract(u, .multiply(a, .dot(a, u)))
        }
    }

    /// A scalar expression of x.
    package mutating func scalarOf(_ depth: Int) throws -> Expr {
        let u = try vectorExpression(max(0, depth))
        switch smooth ? pick(6) : pick(8) {
        case 0: return try .reduceSum(u)
        case 1: return try .dot(u, a)
        case 2: return try .norm(u)
        case 3: return try .log(.reduceSum(.exp(u)))
        case 4: return try .multiply(.multiply(.transpose(u), A), u)
        case 5: return try .mean(.hadamard(u, u))
        // The softmax loss, written out.
        case 6: return try .negate(.multiply(.transpose(a), .log(.elementwiseDivide(.exp(u), .reduceSum(.exp(u))))))
        default: return try .log(.det(.add(P, .diag(.hadamard(u, u)))))
        }
    }

    /// A matrix expression in the matrix symbol m.
    package mutating func matrixExpression(of m: Expr, _ depth: Int) throws -> Expr {
        if depth == 0 {
            switch pick(3) {
            case 0: return m
            case 1: return try .multiply(m, B)
            default: return try .add(m, .transpose(m))
            }
        }
        let u = try matrixExpression(of: m, depth - 1)
        switch pick(8) {
        case 0: return try .add(u, matrixExpression(of: m, depth - 1))
        case 1: return try .hadamard(u, matrixExpression(of: m, depth - 1))
        case 2: return try .multiply(B, u)
        case 3: return try .sin(u)
        case 4: return try .multiply(.transpose(u), u)
        case 5: return try .relu(u)
        case 6: return try .exp(.apply(.tanh, u))
        default: return try .multiply(u, u)
        }
    }

    /// A scalar function of the matrix symbol m.
    package mutating func matrixScalar(of m: Expr, _ depth: Int) throws -> Expr {
        let u = try matrixExpression(of: m, depth)
        let gram = try Expr.add(.multiply(.transpose(u), u), .identity(.symbolic("n")))
        switch pick(7) {
        case 0: return try .trace(u)
        case 1: return try .reduceSum(u)
        case 2: return try .power(.norm(u), 2)
        case 3: return try .multiply(.multiply(.transpose(a), u), x)
        case 4: return try .trace(.inverse(gram))
        case 5: return try .log(.det(gram))
        default: return try .reduceSum(.exp(.apply(.tanh, u)))
        }
    }

    private func onePlusSquare(_ u: Expr) throws -> Expr { try .add(.integer(1), .power(u, 2)) }

    // MARK: Perturbed identities

    /// f and f + δ with δ nonzero somewhere f is defined; nil when no such δ was found.
    package mutating func perturbedIdentity(kind: Int) throws -> (Expr, Expr)? {
        let f = kind % 2 == 0 ? try scalarExpression(2) : try scalarOf(1)
        let variable = kind % 2 == 0 ? t : x
        // A breakpoint k where f is defined: across magnitudes, so some lie far from 0.
        let sign = pick(2) == 0 ? 1 : -1
        let whole = pick(800) + 1
        let k = try Expr.divide(.integer(sign * whole), .integer(pick(2) == 0 ? 8 : 1))
        guard let kValue = k.numberValue, isDefined(f, at: kValue.doubleValue) else { return nil }
        let entry = try scalarEntry(variable)
        let shift = try Expr.subtract(entry, k)
        let c = small()
        let delta: Expr
        switch kind {
        case 0, 1:
            // A ramp past the breakpoint (one entry for a vector).
            delta = try .multiply(c, .relu(shift))
        case 2:
            // A step at the breakpoint.
            delta = try .multiply(c, .apply(.step, shift))
        case 3:
            // A bump of width 10⁻³ around the breakpoint.
            delta = try .maximum(.integer(0), .subtract(.divide(.integer(1), .integer(1000)), .apply(.abs, shift)))
        default:
            // A tiny relative change: 10⁻⁶·x₁·√(1 + f²), which (unlike 10⁻⁶·x₁·f) is not zero
            // where f is, nor everywhere when f is a zero the simplifier does not see.
            delta = try .multiply(.divide(.integer(1), .integer(1_000_000)), .multiply(entry, .sqrt(onePlusSquare(f))))
        }
        let perturbed = try Expr.add(f, delta)
        guard !(try Expr.subtract(perturbed, f)).isZero else { return nil }
        return (f, perturbed)
    }

    /// A scalar made of a scalar or of one entry of a vector (the first, which every size has).
    private func scalarEntry(_ e: Expr) throws -> Expr {
        e.shape.isScalar ? e : try Expr.entry(e, 0, 0)
    }

    /// f is defined with the variable's first entry at k (other values random).
    private mutating func isDefined(_ f: Expr, at k: Double) -> Bool {
        var oracle = NumericOracle()
        oracle.generator = SplitMix(seed: random.next())
        oracle.assignRandomValues([f, t, x])
        oracle.values[Symbol("t")] = [[k]]
        let xSymbol = Symbol("x", .column(.symbolic("n")))
        if var v = oracle.values[xSymbol] {
            v[0][0] = k
            oracle.values[xSymbol] = v
        }
        return oracle.evaluate(f).allSatisfy { $0.allSatisfy(\.isFinite) }
    }
}

/// One derivative to compute and check.
package struct DerivativeProblem: Sendable {
    package let operation: DerivativeOperation
    package let f: Expr
    package let variable: Expr

    package func compute() throws(EngineError) -> Expr {
        switch operation {
        case .derivative: return try derivative(of: f, wrt: variable)
        case .gradient: return try gradient(of: f, wrt: variable)
        case .jacobian: return try jacobian(of: f, wrt: variable)
        case .hessian: return try hessian(of: f, wrt: variable)
        }
    }

    /// The largest relative difference from central differences at a random point (a Hessian:
    /// differences of the symbolic gradient) beyond the differences' own error, measured as their
    /// change from step 10⁻⁶ to 2·10⁻⁶ (`NumericOracle.excessDistance`); nil where either side
    /// is not finite.
    package func finiteDifferenceError(_ claimed: Expr, seed: Int) -> Double? {
        var oracle = NumericOracle()
        oracle.generator = SplitMix(seed: UInt64(seed) &+ 77)
        var differentiated = f
        if operation == .hessian {
            guard let column = try? derivative(of: f, wrt: variable, layout: .denominator) else { return nil }
            differentiated = column
        }
        // The same values as before for the same seed (the order of the list matters).
        oracle.assignRandomValues(operation == .hessian ? [f, variable, claimed, differentiated] : [f, variable, claimed])
        let steps = [1e-6, 2e-6].map { h in
            var numeric = oracle.numericDerivative(of: differentiated, wrt: variable, step: h)
            if let symbol = variable.symbolValue, symbol.isSymmetric, numeric.count == numeric.first?.count {
                // The gradient along symmetric directions (the convention): (G + Gᵀ)/2.
                numeric = numeric.indices.map { i in numeric.indices.map { j in (numeric[i][j] + numeric[j][i]) / 2 } }
            }
            return numeric
        }
        let exact = oracle.evaluate(claimed)
        guard (exact + steps[0] + steps[1]).allSatisfy({ $0.allSatisfy(\.isFinite) }) else { return nil }
        return NumericOracle.excessDistance(exact, steps[0], steps[1])
    }
}
