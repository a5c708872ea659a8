import Testing
@testable import MatrixCalculus

/// Evaluation at a point: exact where the arithmetic is exact, Double otherwise, any shape,
/// symbolic sizes instantiated, typed errors where the value is undefined.
@Suite struct EvaluationTests {
    let x = scalar("x"), y = scalar("y")

    @Test func gradientOf3x2yAtAPointIsExact() throws {
        let f = try 3 * x ** 2 * y
        let g = try gradient(of: f, wrt: [x, y])
        let at = try g.evaluated(at: [x: num(1), y: num(2)])
        #expect(at == (try Expr.matrix([[num(12), num(3)]])))
        let value = try g.value(at: point([x: Value(1), y: Value(2)]))
        #expect(value == (try grid([[12, 3]])))
        #expect(value.isExact)
    }

    @Test func rationalArithmeticStaysExact() throws {
        let f = try x / 3 + Expr.number(literal: "0.5") - y ** (-2)
        let value = try f.value(at: point([x: Value(1), y: Value(2)]))
        #expect(value == Value(try exact(7, over: 12)))
        #expect(try f.evaluated(at: [x: num(1), y: num(2)]) == Expr.number(try Rational(7, 12)))
    }

    @Test func transcendentalFunctionsGiveDoubles() throws {
        let value = try Expr.exp(x).value(at: point([x: Value(1)]))
        #expect(!value.isExact)
        #expect(abs(value.doubleValues[0] - 2.718281828459045) < 1e-15)
        // Exact where the function's value is rational, a Double where not.
        #expect(try Expr.sqrt(x).value(at: point([x: Value(try exact(9, over: 4))])) == Value(try exact(3, over: 2)))
        #expect(!(try Expr.sqrt(x).value(at: point([x: Value(2)]))).isExact)
        #expect(try Expr.log(x).value(at: point([x: Value(1)])) == Value(0))
    }

    @Test func substitutionKeepsInexactPartsSymbolic() throws {
        let f = try sin(x) + x ** 2
        let result = try f.evaluated(at: [x: num(1)])
        #expect(result == (try sin(num(1)) + 1))
    }

    @Test func substitutionByExpressions() throws {
        let a = scalar("a")
        let f = try x ** 2 + y
        #expect(try f.evaluated(at: [x: a + 1]) == (try (a + 1) ** 2 + y))
        #expect(try f.evaluated(at: [x: y, y: x]) == (try y ** 2 + x))
    }

    @Test func vectorsAndMatricesWithSymbolicSizes() throws {
        let v = vector("v"), A = matrix("A")
        // Sizes are inferred from the values: n = 3.
        let p = try point([v: column([1, 2, 3]), A: grid([[1, 0, 0], [0, 2, 0], [1, 1, 1]])])
        #expect(p.sizes == ["n": 3])
        #expect(try (A * v).value(at: p) == (try column([1, 4, 6])))
        #expect(try sum(v).value(at: p) == Value(6))
        #expect(try Expr.mean(v).value(at: p) == Value(2))
        #expect(try (v.T * A).value(at: p) == (try grid([[4, 7, 3]])))
        #expect(try (v.T * v).value(at: p) == Value(14))
        #expect(try (v * v.T).value(at: p) == (try grid([[1, 2, 3], [2, 4, 6], [3, 6, 9]])))
        #expect(try (I() + ones() * ones().T).value(at: p) == (try grid([[2, 1, 1], [1, 2, 1], [1, 1, 2]])))
        #expect(try diag(v).value(at: p) == (try grid([[1, 0, 0], [0, 2, 0], [0, 0, 3]])))
        #expect(try Expr.trace(A).value(at: p) == Value(4))
        #expect(try Expr.norm(v).value(at: p).doubleValues == [(14.0).squareRoot()])

        let symbolic = try v.T * A * v
        let vector = try Expr.vector([num(1), num(2), num(3)])
        let matrix = try Expr.matrix([[num(1), num(0), num(0)], [num(0), num(2), num(0)], [num(1), num(1), num(1)]])
        #expect(try symbolic.evaluated(at: [v: vector, A: matrix]) == num(27))
    }

    @Test func sizeBindingInstantiatesDimensions() throws {
        let v = vector("v")
        let result = try sum(v).evaluated(at: [:], sizes: ["n": 3])
        let v3 = Expr.symbol("v", .column(3))
        #expect(result == (try sum(v3)))
        #expect(try Expr.size(.symbolic("n")).evaluated(at: [:], sizes: ["n": 4]) == num(4))
        #expect(try Expr.trace(I()).evaluated(at: [:], sizes: ["n": 5]) == num(5))
    }

    @Test func determinantAndInverseByLU() throws {
        let A = matrix("A", 3, 3)
        let p = try point([A: grid([[2, 1, 0], [1, 3, 1], [0, 1, 4]])])
        #expect(try Expr.det(A).value(at: p) == Value(18))
        let inverse = try Expr.inverse(A).value(at: p)
        #expect(inverse.isExact)
        #expect(try (Expr.inverse(A) * A).value(at: p) == (try grid([[1, 0, 0], [0, 1, 0], [0, 0, 1]])))
        // A pivot is needed: the top-left entry is 0.
        let q = try point([A: grid([[0, 1, 2], [1, 0, 3], [4, -3, 8]])])
        #expect(try Expr.det(A).value(at: q) == Value(-2))
        // A literal matrix too big for symbolic cofactors is folded exactly by evaluation.
        let rows = (0..<6).map { i in (0..<6).map { j in num(i == j ? 2 : (j == i + 1 ? 1 : 0)) } }
        #expect(try Expr.det(Expr.matrix(rows)).evaluated(at: [:]) == num(64))
    }

    @Test func piecewiseValuesAreDecided() throws {
        let relu = try Expr.relu(x)
        let d = try derivative(of: relu, wrt: x)
        #expect(try d.evaluated(at: [x: num(2)]) == num(1))
        #expect(try d.evaluated(at: [x: num(-2)]) == num(0))
        #expect(try relu.value(at: point([x: Value(-3)])) == Value(0))
        #expect(try Expr.maximum(x, y).value(at: point([x: Value(1), y: Value(5)])) == Value(5))
    }

    @Test func undefinedValuesAreTypedErrors() throws {
        #expect(evaluationError { try (1 / x).value(at: point([x: Value(0)])) } == .divisionByZero)
        #expect(evaluationError { try (1 / x).evaluated(at: [x: num(0)]) } == .engine(.divisionByZero))
        #expect(evaluationError { try log(x).value(at: point([x: Value(-1)])) } == .outsideDomain("log(-1)"))
        #expect(evaluationError { try Expr.sqrt(x).value(at: point([x: Value(-4)])) }?.isUndefinedAtPoint == true)
        let A = matrix("A", 2, 2)
        let singular = try point([A: grid([[1, 2], [2, 4]])])
        #expect(evaluationError { try Expr.inverse(A).value(at: singular) } == .singularMatrix)
        #expect(evaluationError { try log(Expr.det(A)).value(at: singular) } == .outsideDomain("log(0)"))
        #expect(evaluationError { try Expr.exp(x).value(at: point([x: Value(1000)])) }?.isUndefinedAtPoint == true)
        // A huge exponent: 10^(10^6) overflows a Double instead of building a million-digit number.
        #expect(evaluationError { try (x ** y).value(at: point([x: Value(10), y: Value(1_000_000)])) }?.isUndefinedAtPoint == true)
    }

    /// An exponent near 2⁶¹ at a base of a few bits: the exact-size bound (bits × exponent)
    /// overflowed an Int and trapped (issue #17; Tests/CellLanguageTests/Fixtures/fuzz).
    /// exp and σ are never 0: where Double rounds them to 0 or to a subnormal, there is no value.
    @Test func underflowingExpAndSigmoidAreUndefinedAtThePoint() throws {
        for e in [try exp(x), try Expr.sigmoid(x)] {
            let error = evaluationError { try e.value(at: point([x: Value(-1000)])) }
            #expect(error?.isUndefinedAtPoint == true && error?.isOutsideDomain == false, "\(String(describing: error))")
            #expect(evaluationError { try e.value(at: point([x: Value(-740)])) }?.isUndefinedAtPoint == true)
        }
        #expect(try exp(x).value(at: point([x: Value(-700)])).doubleValues[0] > 0)
    }

    @Test func exponentsNear2To61AreComputedInDoubleWithoutOverflow() throws {
        let huge = Value(2_305_843_009_213_693_951) // 2⁶¹ − 1, odd
        #expect(evaluationError { try (x ** y).value(at: point([x: Value(try exact(23, over: 8)), y: huge])) }?.isUndefinedAtPoint == true)
        // (1/16)^(2⁶¹ − 1) rounds to 0 in Double: that 0 is not the value (it let x^n == 2x^n hold).
        let small = evaluationError { try (x ** y).value(at: point([x: Value(try exact(1, over: 16)), y: huge])) }
        #expect(small?.isUndefinedAtPoint == true)
        #expect(small?.description.hasSuffix("is too small for a Double (it would round to 0)") == true)
        #expect(try (x ** y).value(at: point([x: Value(-1), y: huge])) == Value(-1))
        #expect(try (x ** y).value(at: point([x: Value(-1), y: Value(2_305_843_009_213_693_950)])) == Value(1))
        #expect(try (x ** y).value(at: point([x: Value(1), y: huge])) == Value(1))
    }

    @Test func repeatedSquaringNeitherHangsNorExhaustsMemory() throws {
        var f = x
        for _ in 0..<100 { f = try f * f + 1 }
        let error = evaluationError { try f.value(at: point([x: Value(3)])) }
        #expect(error == .notFinite("inf^2.0") || error?.isUndefinedAtPoint == true)
    }

    @Test func badRequestsAreTypedErrors() throws {
        #expect(evaluationError { try (x + y).value(at: point([x: Value(1)])) } == .unboundSymbol("y"))
        let v = vector("v")
        #expect(evaluationError { try sum(v).value(at: Point(values: [:])) } == .unboundSymbol("v"))
        #expect(evaluationError { try Expr.ones(.column("n")).value(at: Point(values: [:])) } == .unboundSize("n"))
        let v3 = Expr.symbol("v", .column(3))
        #expect(evaluationError { try point([v3: column([1, 2])]) } == .valueShape(symbol: "v", expected: "Vector<3>", got: "2×1 value"))
        #expect(evaluationError { try x.evaluated(at: [x + 1: num(2)]) } == .invalidBinding("only a symbol can be given a value, not (x + 1)"))
        #expect(evaluationError { try v3.evaluated(at: [v3: num(2)]) } == .valueShape(symbol: "v", expected: "Vector<3>", got: "Scalar"))
    }
}
