import Testing
import MatrixCalculus

/// The Unicode text writer, construct by construct, then the results of lesson Part 1.
@Suite struct TextWriterTests {
    let x = scalar("x"), y = scalar("y"), z = scalar("z")
    let a = scalar("a"), b = scalar("b"), c = scalar("c")
    let xs = vector("x"), ws = vector("w"), ys = vector("y"), bs = vector("b")
    let A = matrix("A"), B = matrix("B")

    func text(_ e: Expr, _ notation: Notation = .standard) throws -> String {
        try TextWriter(notation: notation).write(e)
    }

    @Test func numbersAndFractions() throws {
        #expect(try text(num(42)) == "42")
        #expect(try text(num(-3)) == "−3")
        #expect(try text(Expr.number(literal: "0.5")) == "1/2")
        #expect(try text(Expr.number(literal: "-1.25")) == "−5/4")
    }

    @Test func scalarsAreImpliedProducts() throws {
        #expect(try text(6 * x * y) == "6xy")
        #expect(try text(3 * x ** 2) == "3x²")
        #expect(try text(8 * y ** 7) == "8y⁷")
        #expect(try text(x * y * z) == "xyz")
    }

    @Test func negativeCoefficientsAreSubtraction() throws {
        #expect(try text(a - b) == "a − b")
        #expect(try text(-6 * x * y) == "−6xy")
        #expect(try text(x - 2 * y) == "x − 2y")
        #expect(try text(x ** 2 - 1) == "x² − 1")
        #expect(try text(1 - 2 * x) == "1 − 2x", "a positive term leads")
    }

    @Test func minimalParentheses() throws {
        #expect(try text(-(x ** 2)) == "−x²")
        #expect(try text((-x) ** 2) == "x²", "the engine folds (−x)² to x²")
        #expect(try text((x + y) ** 2) == "(x + y)²")
        #expect(try text(a / (b + c)) == "a/(b + c)")
        #expect(try text((a + b) / c) == "(a + b)/c")
        #expect(try text(x / (2 * y)) == "x/(2y)")
        #expect(try text(2 * x / y) == "2x/y")
        #expect(try text(x ** 3 * (x + 1)) == "x³(x + 1)")
    }

    @Test func fractionalCoefficientLeads() throws {
        #expect(try text(x / 2) == "(1/2)x")
        #expect(try text(xs.T * A * xs / 2) == "(1/2)xᵀAx")
        #expect(try text(-(x / 2)) == "−(1/2)x")
        #expect(try text(-2 / Expr.size("N") * xs.T * A) == "−(2/N)xᵀA", "a scalar over a plain denominator leads a matrix product")
        #expect(try text(exp(xs) / sum(exp(xs))) == "softmax(x)", "exp(x)/sum(exp(x)) is printed by name")
        #expect(try text(exp(xs) / sum(exp(ys))) == "exp(x)/sum(exp(y))", "only the quotient of one vector is a softmax")
    }

    @Test func powersAndRoots() throws {
        #expect(try text(x ** y) == "x^y")
        #expect(try text(x ** (y + 1)) == "x^(y + 1)")
        #expect(try text(Expr.sqrt(x)) == "√x")
        #expect(try text(Expr.sqrt(x + 1)) == "√(x + 1)")
        #expect(try text(1 / x) == "1/x")
        #expect(try text(1 / x ** 2) == "1/x²")
        #expect(try text(x ** Expr.number(literal: "1.5")) == "x^(3/2)")
    }

    @Test func functions() throws {
        #expect(try text(exp(x)) == "exp(x)")
        #expect(try text(sin(x ** 2)) == "sin(x²)")
        #expect(try text(log(sin(x ** 3) ** 2)) == "log(sin(x³)²)")
        #expect(try text(Expr.sigmoid(z)) == "σ(z)")
        #expect(try text(Expr.apply(.abs, x)) == "|x|")
        #expect(try text(Expr.relu(z)) == "max(0, z)")
        #expect(try text(x * sin(x)) == "x·sin(x)")
        #expect(try text(2 * sin(x)) == "2sin(x)")
    }

    @Test func vectorsAndMatrices() throws {
        #expect(try text(xs.T) == "xᵀ")
        #expect(try text(A * xs + bs) == "Ax + b")
        #expect(try text(xs.T * (A + A.T)) == "xᵀ(A + Aᵀ)")
        #expect(try text(Expr.inverse(A)) == "A⁻¹")
        #expect(try text(Expr.inverse(A + B)) == "(A + B)⁻¹")
        #expect(try text(Expr.inverse(A.T)) == "A⁻ᵀ")
        #expect(try text(diag(xs)) == "diag(x)")
        #expect(try text(sum(xs)) == "sum(x)")
        #expect(try text(Expr.trace(A)) == "tr(A)")
        #expect(try text(Expr.det(A)) == "det(A)")
        #expect(try text(Expr.norm(xs)) == "‖x‖")
        #expect(try text(Expr.norm(A)) == "‖A‖_F")
    }

    @Test func elementwiseOperators() throws {
        #expect(try text(ws ⊙ xs) == "w ⊙ x")
        #expect(try text(ws ⊘ xs) == "w ⊘ x")
        #expect(try text((A * xs) ⊙ ys) == "y ⊙ (Ax)")
        #expect(try text(2 * (ws ⊙ xs)) == "2(w ⊙ x)")
        #expect(try text(ws ⊙ xs, Notation(hadamard: .circledTimes)) == "w ⊗ x")
        #expect(try text(-(ws ⊘ xs ** 2)) == "−w ⊘ x∘²", "an element-wise power is not x², which reads as xx")
    }

    @Test func onesZerosIdentity() throws {
        #expect(try text(ones()) == "𝟏")
        #expect(try text(ones().T) == "𝟏ᵀ")
        #expect(try text(z * ones().T) == "z𝟏ᵀ")
        #expect(try text(Expr.zeros(.row("n"))) == "𝟎ᵀ")
        #expect(try text(Expr.zeros(.column("n"))) == "𝟎")
        #expect(try text(I()) == "I")
        #expect(try text(-I()) == "−I")
        #expect(try text(I(), Notation(identitySize: .always)) == "Iₙ")
        #expect(try text(Expr.ones(.matrix("m", "n"))) == "𝟏𝟏ᵀ")
    }

    @Test func literalsAndComponents() throws {
        let v3 = vector("v", 3)
        let m3 = matrix("M", 3, 3)
        #expect(try text(Expr.vector([x, y])) == "[x, y]ᵀ")
        #expect(try text(Expr.matrix([[x, y]])) == "[x, y]")
        #expect(try text(Expr.matrix([[num(1), x], [y, num(2)]])) == "[[1, x], [y, 2]]")
        #expect(try text(Expr.component(v3, 0)) == "v₁")
        #expect(try text(Expr.entry(m3, 0, 1)) == "M₁₂")
        let big = matrix("M", 12, 12)
        #expect(try text(Expr.entry(big, 9, 11)) == "M₁₀,₁₂")
    }

    @Test func namesWithDigitsAreSubscripted() throws {
        #expect(try text(scalar("x1") * scalar("x2")) == "x₁x₂")
        #expect(try text(scalar("x_i")) == "xᵢ")
        #expect(try text(scalar("loss") * x) == "loss·x")
    }

    @Test func boldOption() throws {
        #expect(try text(A * xs, Notation(boldInText: true)) == "𝐀𝐱")
    }

    @Test func piecewise() throws {
        let step = try Expr.piecewise([
            PiecewiseCase(Condition(z, .lessEqual, .zero), .zero),
            PiecewiseCase(Condition(z, .greater, .zero), .one),
        ])
        #expect(try text(step) == "{0 if z ≤ 0; 1 if z > 0}")
    }
}
