import Testing
@testable import MatrixCalculus

/// The conventions of the reference's rule page, rule by rule and in every differentiator:
/// ties of max and min go to the first argument, |x|′ = sign(x), rectifier pairs fold, gradients
/// by a symmetric matrix are sym(∇f), and a gradient by a Matrix<n, 1> or Matrix<1, n> has
/// that matrix's shape.
@Suite struct ConventionTests {
    let t = scalar("t"), s = scalar("s")

    func value(_ e: Expr, _ bindings: [Expr: Value]) throws -> Value {
        try e.value(at: try Point(bindings))
    }

    // MARK: Kinks and ties

    @Test func scalarTiesTakeTheFirstArgument() throws {
        let tie: [Expr: Value] = [t: Value(1), s: Value(1)]
        #expect(try value(derivative(of: Expr.maximum(t, s), wrt: t), tie) == Value(1))
        #expect(try value(derivative(of: Expr.maximum(s, t), wrt: t), tie) == Value(0))
        #expect(try value(derivative(of: Expr.minimum(t, s), wrt: t), tie) == Value(1))
        #expect(try value(derivative(of: Expr.minimum(s, t), wrt: t), tie) == Value(0))
        #expect(try value(derivative(of: Expr.relu(t), wrt: t), [t: Value(0)]) == Value(0))
        // Away from the tie, the larger (smaller) argument.
        #expect(try value(derivative(of: Expr.maximum(s, t), wrt: t), [t: Value(2), s: Value(1)]) == Value(1))
        #expect(try value(derivative(of: Expr.minimum(s, t), wrt: t), [t: Value(0), s: Value(1)]) == Value(1))
    }

    @Test func elementwiseTiesTakeTheFirstArgument() throws {
        let z = vector("z", 3), w = vector("w", 3)
        let point: [Expr: Value] = [z: try Value(vector: [.exact(1), .exact(2), .exact(3)]), w: try Value(vector: [.exact(1), .exact(0), .exact(5)])]
        func diagonal(_ e: Expr) throws -> [Double] {
            let v = try value(e, point)
            return (0..<3).map { v[$0, $0].doubleValue }
        }
        #expect(try diagonal(jacobian(of: Expr.maximum(z, w), wrt: z)) == [1, 1, 0])
        #expect(try diagonal(jacobian(of: Expr.maximum(w, z), wrt: z)) == [0, 1, 0])
        #expect(try diagonal(jacobian(of: Expr.minimum(z, w), wrt: z)) == [1, 0, 1])
        #expect(try diagonal(jacobian(of: Expr.minimum(w, z), wrt: z)) == [0, 0, 1])
        // The entry-wise derivative by a scalar follows the same rule.
        let u = try z * t
        let atTie: [Expr: Value] = point.merging([t: Value(1)]) { a, _ in a }
        #expect(try value(derivative(of: Expr.maximum(u, w), wrt: t), atTie) == (try Value(vector: [.exact(1), .exact(2), .exact(0)])))
    }

    @Test func gradientsByAMatrixFollowTheTieRule() throws {
        let X = matrix("X", 2, 2), B = matrix("B", 2, 2)
        let same = try Value(rows: [[.exact(1), .exact(2)], [.exact(3), .exact(4)]])
        let point: [Expr: Value] = [X: same, B: same]
        let ones = try Value(rows: [[.exact(1), .exact(1)], [.exact(1), .exact(1)]])
        let zeros = try Value(rows: [[.exact(0), .exact(0)], [.exact(0), .exact(0)]])
        #expect(try value(gradient(of: sum(Expr.maximum(X, B)), wrt: X), point) == ones)
        #expect(try value(gradient(of: sum(Expr.maximum(B, X)), wrt: X), point) == zeros)
        #expect(try value(gradient(of: sum(Expr.minimum(X, B)), wrt: X), point) == ones)
        let identity = try Value(rows: [[.exact(1), .exact(0)], [.exact(0), .exact(1)]])
        let traceTie: [Expr: Value] = [X: try Value(rows: [[.exact(2), .exact(7)], [.exact(5), .exact(-1)]])]
        #expect(try value(gradient(of: Expr.maximum(Expr.trace(X), num(1)), wrt: X), traceTie) == identity)
    }

    @Test func absHasTheDerivativeSignWithSignOfZeroZero() throws {
        #expect(try derivative(of: Expr.apply(.abs, t), wrt: t) == Expr.apply(.sign, t))
        let z = vector("z", 3)
        #expect(try jacobian(of: Expr.apply(.abs, z), wrt: z) == diag(Expr.apply(.sign, z)))
        #expect(try value(derivative(of: Expr.apply(.abs, t), wrt: t), [t: Value(0)]) == Value(0))
    }

    @Test func functionsDifferentiableAtTheKinkHaveTheirDerivativeThere() throws {
        let zero: [Expr: Value] = [t: Value(0)]
        #expect(try value(derivative(of: Expr.apply(.abs, t) * t, wrt: t), zero) == Value(0))
        #expect(try value(derivative(of: (t ** 2) ** Expr.number(Rational(reducing: 3, 2)), wrt: t), zero) == Value(0))
        #expect(try value(derivative(of: Expr.apply(.abs, t) ** 3, wrt: t), zero) == Value(0))
    }

    @Test func rectifierPairsFoldToTheSmoothFunction() throws {
        #expect(try Expr.relu(t) - Expr.relu(-t) == t)
        let z = vector("z", 3)
        #expect(try Expr.relu(z) - Expr.relu(-z) == z)
        #expect(try value(derivative(of: Expr.relu(t) - Expr.relu(-t), wrt: t), [t: Value(0)]) == Value(1))
        // Not a pair: different coefficients stay as they are.
        #expect(try 2 * Expr.relu(t) - Expr.relu(-t) != 2 * t)
    }

    // MARK: Symmetric matrices

    let S = matrix("S", 3, 3, [.symmetric]), a = vector("a", 3), b = vector("b", 3), A = matrix("A", 3, 3)

    @Test func symmetricGradientsFollowSym() throws {
        let bilinear = try gradient(of: b.T * S * a, wrt: S)
        #expect(try checkEquality(bilinear, (a * b.T + b * a.T) / 2).isEqual)
        let spd = matrix("P", 3, 3, [.spd])
        #expect(try checkEquality(gradient(of: log(Expr.det(spd)), wrt: spd), Expr.inverse(spd)).isEqual)
    }

    /// Ten scalar functions of a symmetric S: each gradient is symmetric, passes the dual-number
    /// check, and matches central differences along random symmetric directions.
    @Test func tenSymmetricGradientsAreSymmetricAndMatchFiniteDifferences() throws {
        let x = vector("x", 3)
        let functions: [Expr] = [
            try b.T * S * a,
            try Expr.trace(S * A),
            try Expr.trace(S * S),
            try x.T * S * x,
            try sum(S),
            try Expr.det(S),
            try Expr.trace(A * S * A.T * S),
            try sum(S ⊙ A),
            try Expr.norm(S) ** 2,
            try sum(exp(S * x)),
        ]
        var generator = SeededGenerator(seed: 42)
        func random() -> Number { .exact(Rational(reducing: Int.random(in: -16...16, using: &generator), 8)) }
        func randomSymmetric() throws -> Value {
            var rows = (0..<3).map { _ in (0..<3).map { _ in random() } }
            for i in 0..<3 { for j in 0..<i { rows[i][j] = rows[j][i] } }
            return try Value(rows: rows)
        }
        for f in functions {
            let g = try gradient(of: f, wrt: S)
            #expect(try checkEquality(g, g.T).isEqual, "∇(\(f)) is not symmetric")
            #expect(try checkDerivative(g, .gradient, of: f, wrt: [S]).passed, "∇(\(f))")
            let point: [Expr: Value] = [
                S: try randomSymmetric(), A: try Value(rows: (0..<3).map { _ in (0..<3).map { _ in random() } }),
                a: try Value(vector: (0..<3).map { _ in random() }), b: try Value(vector: (0..<3).map { _ in random() }),
                x: try Value(vector: (0..<3).map { _ in random() }),
            ]
            let direction = try randomSymmetric()
            let h = 1e-5
            func shifted(_ sign: Double) throws -> Double {
                let base = point[S]!
                let moved = try Value(rows: (0..<3).map { i in (0..<3).map { j in Number.approximate(base[i, j].doubleValue + sign * h * direction[i, j].doubleValue) } })
                var values = point
                values[S] = moved
                return try value(f, values).doubleValues[0]
            }
            let difference = (try shifted(1) - shifted(-1)) / (2 * h)
            let gValue = try value(g, point).doubleValues
            let inner = zip(gValue, direction.doubleValues).reduce(0) { $0 + $1.0 * $1.1 }
            #expect(abs(difference - inner) <= 1e-5 * max(1, abs(inner)), "∇(\(f)) along a symmetric direction: \(inner) vs \(difference)")
        }
    }

    // MARK: Shapes

    @Test func gradientsByOneColumnOrOneRowMatricesKeepTheirShape() throws {
        let column = Expr.symbol(Symbol("X", .matrix("n", 1), isDeclaredMatrix: true))
        let row = Expr.symbol(Symbol("Y", .matrix(1, "n"), isDeclaredMatrix: true))
        let c = vector("c")
        let byColumn = try gradient(of: c.T * column, wrt: column)
        #expect(byColumn.shape == .matrix("n", 1))
        #expect(byColumn == c)
        let byRow = try gradient(of: row * c, wrt: row)
        #expect(byRow.shape == .matrix(1, "n"))
        #expect(byRow == (try c.T))
        #expect(try checkDerivative(byColumn, .gradient, of: c.T * column, wrt: [column]).passed)
        #expect(try checkDerivative(byRow, .gradient, of: row * c, wrt: [row]).passed)
        // A Vector<n> keeps the numerator layout: a row.
        #expect(try gradient(of: c.T * vector("v"), wrt: vector("v")).shape == .row("n"))
    }
}

/// The reverse pass for gradients by a matrix visits each shared node once.
@Suite struct MatrixGradientMemoTests {
    func shared(_ v: Expr, levels: Int) throws -> Expr {
        var e = v
        for _ in 0..<levels { e = try sin(e) ⊙ cos(e) }
        return try sum(e)
    }

    @Test func aSharedExpressionCostsWorkLinearInItsLevels() throws {
        let X = matrix("X", 2, 2)
        var counts: [Int] = []
        for levels in [4, 8, 16] {
            let f = try shared(X, levels: levels)
            var pass = MatrixGradient(variable: X)
            let g = try pass.gradient(f)
            counts.append(pass.rulesApplied)
            #expect(try checkDerivative(g, .gradient, of: f, wrt: [X]).passed)
        }
        // Three nodes per level (⊙, sin, cos) and the root sum: 2¹⁶ paths would need far more.
        #expect(counts == [3 * 4 + 1, 3 * 8 + 1, 3 * 16 + 1], "\(counts)")
    }
}
