import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing

/// Every code example of the cell-language reference, run as cells, with the result it documents.
@Suite("The examples of the language reference")
struct LanguageSpecExamplesTests {
    @Test("the declarations block runs as one cell")
    func declarationsBlock() {
        var harness = SessionHarness()
        let outputs = harness.run("""
            let x, y: Scalar            // declares symbols: a declaration without a value
            let w, x: Vector<3>         // later declarations shadow earlier ones
            let A: Matrix<n, n>         // symbolic size
            let b = 2 * x + 1           // a binding: names an expression
            var z = w • x               // var may be bound again
            func f(_ x: Scalar, _ y: Scalar) -> Scalar { 3 * x^2 * y }
            func loss(w: Vector<n>, b: Scalar) -> Scalar { return sum(w ⊙ w) + b^2 }
            @positive let s: Scalar     // assumptions, used by simplification and by #expect's sampling
            @symmetric let W: Matrix<n, n>
            """)
        #expect(outputs.isEmpty)
        harness.run("#expect(x.T * x == sum(x ⊙ x))")
        harness.run("#expect(b == 2 * x + ones(3))")
        harness.run("""
            #expect(x.T * x == x • x)
            #expect(b == 2 * x + 1)
            z = x • x
            #expect(z == x.T * x)
            #expect(f(2, y) == 12 * y)
            #expect(sqrt(s^2) == s)
            #expect(W.T == W)
            """)
    }

    @Test("a function call substitutes its arguments into its body")
    func functionCalls() {
        var harness = SessionHarness()
        harness.run("""
            let x, y: Scalar
            func f(_ x: Scalar, _ y: Scalar) -> Scalar { 3 * x^2 * y }
            #expect(f(x, y) == 3 * x^2 * y)
            #expect(f(2, y) == 12 * y)
            let w: Vector<n>
            let b: Scalar
            func loss(w: Vector<n>, b: Scalar) -> Scalar { return sum(w ⊙ w) + b^2 }
            #expect(loss(w: w, b: b) == sum(w ⊙ w) + b^2)
            #expect(loss(w: 2 * w, b: 0) == 4 * sum(w ⊙ w))
            """)
        harness.run("#expect(loss(w: w, b: b) == w • w + b^2)")
    }

    @Test("dimensions and values share one namespace")
    func dimensionNamespace() {
        var harness = SessionHarness()
        harness.run("let x: Vector<n>\n#expect(I(n) * x == x)\n#expect(ones(n) • x == sum(x))")
        #expect(harness.failure("let n = 3").map(\.id) == ["cell.redeclaration"])
    }

    @Test("a 1×1 result is a scalar and the transpose of a scalar is itself")
    func scalars() {
        var harness = SessionHarness()
        let product = harness.value("let x, y: Vector<3>\nx.T * y")
        #expect(product?.shape == .scalar)
        harness.run("let s: Scalar\n#expect(s.T == s)")
    }

    @Test("literals are exact rationals, vectors are columns, matrices are given by rows")
    func literals() throws {
        var harness = SessionHarness()
        #expect(harness.value("1/3") == Expr.number(try Rational(1, 3)))
        #expect(harness.value("0.5") == Expr.number(try Rational(1, 2)))
        harness.run("let a, b, c, d: Scalar")
        #expect(harness.value("[a, b, c]")?.shape == .column(3))
        #expect(harness.value("[[a, b], [c, d]]")?.shape == .matrix(2, 2))
        harness.run("#expect([[a, b], [c, d]][0, 1] == b)\n#expect([a, b, c][0] == a)")
    }

    @Test("-x^2 is −(x²); a negative exponent needs parentheses")
    func negationAndPowers() {
        var harness = SessionHarness()
        harness.run("let x: Scalar\n#expect(-x^2 + x^2 == 0)\n#expect(x^(-1) == 1 / x)")
        let errors = harness.failure("x^-1")
        #expect(errors.map(\.id) == ["cell.operator-spacing"])
        #expect(errors.first?.fixIts.first?.replacement == "^(-1)")
    }

    @Test("mismatched shapes name both shapes; Vector * Vector suggests • or ⊙")
    func shapeErrors() {
        var harness = SessionHarness()
        harness.run("let w: Vector<3>\nlet x: Vector<4>")
        let mismatch = harness.failure("w ⊙ x")
        #expect(mismatch.first?.id == "cell.shape-mismatch")
        #expect(mismatch.first?.message.contains("Vector<3> ⊙ Vector<4>") == true)
        let product = harness.failure("w * w")
        #expect(product.first?.message.contains("'•'") == true)
        #expect(product.first?.message.contains("'⊙'") == true)
    }

    @Test("a scalar operand of an element-wise operator is expanded")
    func scalarExpansion() {
        var harness = SessionHarness()
        harness.run("""
            let x: Vector<3>
            let z: Scalar
            #expect(x + z - x == z * ones(3))
            #expect(max(0, x) == relu(x))
            #expect(derivative(of: x + z, wrt: z) == ones(3))
            """)
        harness.run("#expect(x + z == x + z * ones(3))")
    }

    @Test("the shapes of derivative(of:wrt:) in numerator layout")
    func derivativeShapes() {
        var harness = SessionHarness()
        harness.run("let s: Scalar\nlet x: Vector<3>\nlet y: Vector<2>\nlet A: Matrix<2, 3>")
        #expect(harness.value("derivative(of: s^2, wrt: s)")?.shape == .scalar)
        #expect(harness.value("derivative(of: sum(x), wrt: x)")?.shape == .row(3))
        #expect(harness.value("derivative(of: s * y, wrt: s)")?.shape == .column(2))
        #expect(harness.value("derivative(of: A * x, wrt: x)")?.shape == .matrix(2, 3))
        #expect(harness.value("derivative(of: sum(A), wrt: A)")?.shape == .matrix(2, 3))
        #expect(harness.value("derivative(of: s * A, wrt: s)")?.shape == .matrix(2, 3))
        #expect(harness.value("∂(s^3, s)")?.shape == .scalar)
    }

    @Test("gradient and Jacobian transpose in denominator layout; matrix shapes stay")
    func denominatorLayout() {
        var harness = SessionHarness(layout: .denominator)
        harness.run("let x: Vector<3>\nlet A: Matrix<2, 3>")
        #expect(harness.value("gradient(of: sum(x), wrt: x)")?.shape == .column(3))
        #expect(harness.value("jacobian(of: A * x, wrt: x)")?.shape == .matrix(3, 2))
        #expect(harness.value("gradient(of: sum(A), wrt: A)")?.shape == .matrix(2, 3))
    }

    @Test("results stay in matrix form")
    func matrixForm() {
        var harness = SessionHarness()
        harness.run("""
            let x, w: Vector<n>
            let A: Matrix<n, n>
            #expect(derivative(of: x.T * A * x, wrt: x) == x.T * (A + A.T))
            #expect(jacobian(of: w ⊙ x, wrt: x) == diag(w))
            #expect(hessian(of: x.T * A * x, wrt: x) == A + A.T, "the Hessian of a quadratic form")
            """)
    }

    @Test("the derivative of max(0, z) is step(z); a neuron's gradient is piecewise")
    func rectifiedLinearUnit() {
        var harness = SessionHarness()
        harness.run("let z, b: Scalar\nlet w, x: Vector<3>")
        harness.run("#expect(derivative(of: max(0, z), wrt: z) == step(z))")
        harness.run("#expect(gradient(of: max(0, w • x + b), wrt: w) == step(w • x + b) * x.T)")
    }

    @Test("wrt: takes a list of scalar symbols, for every call; of: takes a list for a Jacobian")
    func symbolLists() {
        var harness = SessionHarness()
        harness.run("""
            let x, y: Scalar
            #expect(gradient(of: 3 * x^2 * y, wrt: [x, y]) == [[6 * x * y, 3 * x^2]])
            #expect(jacobian(of: [3 * x^2 * y, 2 * x + y^8], wrt: [x, y]) == [[6 * x * y, 3 * x^2], [2, 8 * y^7]])
            #expect(hessian(of: x^2 * y, wrt: [x, y]) == [[2 * y, 2 * x], [2 * x, 0]])
            """)
    }

    @Test("derivatives outside the supported cases say so")
    func unsupportedDerivative() {
        var harness = SessionHarness()
        harness.run("let A: Matrix<2, 2>\nlet x: Vector<2>")
        #expect(harness.failure("derivative(of: A * x, wrt: A)").map(\.id) == ["cell.unsupported-derivative"])
        #expect(harness.failure("derivative(of: A, wrt: A)").map(\.id) == ["cell.unsupported-derivative"])
    }

    @Test("components writes a value of concrete size out entry by entry")
    func components() {
        var harness = SessionHarness()
        harness.run("""
            let w: Vector<3>
            #expect(components(diag(w)) == [[w[0], 0, 0], [0, w[1], 0], [0, 0, w[2]]])
            #expect(components(diag([1, 2, 3])) == [[1, 0, 0], [0, 2, 0], [0, 0, 3]])
            """)
        #expect(harness.value("components(diag(w))")?.shape == .matrix(3, 3))
    }

    @Test("evaluated(at:) and evaluate(_:at:) substitute values")
    func evaluation() throws {
        var harness = SessionHarness()
        harness.run("let x, y: Scalar\nlet e = 3 * x^2 * y\nlet w: Vector<3>")
        harness.run("""
            #expect(e.evaluated(at: [x: 1, y: 2]) == 6)
            #expect(evaluate(e, at: [x: 1, y: 2]) == 6)
            #expect(e.evaluated(at: [x: 1/2]) == 3/4 * y)
            #expect(sum(w).evaluated(at: [w: [1, 2, 3]]) == 6)
            #expect((-x^2).evaluated(at: [x: 3]) == -9)
            #expect(e.evaluated(at: [x: y]) == 3 * y^3)
            """)
        #expect(harness.value("e.evaluated(at: [x: 0.5, y: 2])") == Expr.number(try Rational(3, 2)))
        #expect(harness.failure("e.evaluated(at: [e: 1])").map(\.id) == ["cell.wrong-argument"])
        #expect(harness.failure("sum(w).evaluated(at: [w: [1, 2]])").map(\.id) == ["cell.shape-mismatch"])
    }

    @Test("the checks block")
    func checksBlock() {
        var harness = SessionHarness()
        harness.run("let x: Vector<3>\nlet A: Matrix<3, 3>")
        harness.run("""
            #expect(gradient(of: sum(x), wrt: x) == ones(3).T)
            #expect(hessian(of: x.T * A * x, wrt: x) == A + A.T, "the Hessian of a quadratic form")
            """)
    }
}
