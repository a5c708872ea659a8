import Testing
import MatrixCalculus

/// The LaTeX writer: amsmath markup per construct.
@Suite struct LaTeXWriterTests {
    let x = scalar("x"), y = scalar("y"), z = scalar("z")
    let xs = vector("x"), ws = vector("w"), bs = vector("b"), A = matrix("A")

    func latex(_ e: Expr, _ notation: Notation = .standard) throws -> String {
        try LaTeXWriter(notation: notation).write(e)
    }

    @Test func scalarsAndProducts() throws {
        #expect(try latex(6 * x * y) == "6xy")
        #expect(try latex(3 * x ** 2) == "3x^{2}")
        #expect(try latex(x - 2 * y) == "x - 2y")
        #expect(try latex(-(x ** 2)) == "-x^{2}")
        #expect(try latex(scalar("loss") * x) == "\\mathit{loss} \\cdot x")
    }

    @Test func boldVectorsAndTranspose() throws {
        #expect(try latex(xs.T * (A + A.T)) == "\\mathbf{x}^{\\top}(\\mathbf{A} + \\mathbf{A}^{\\top})")
        #expect(try latex(A * xs + bs) == "\\mathbf{A}\\mathbf{x} + \\mathbf{b}")
        #expect(try latex(z * ones().T) == "z\\mathbf{1}^{\\top}")
        #expect(try latex(vector("θ")) == "\\boldsymbol{\\theta}")
    }

    @Test func greekNamesAreCommands() throws {
        #expect(try latex(scalar("α") * x) == "x\\alpha")
        #expect(try latex(scalar("α") ** x) == "\\alpha^{x}")
        #expect(try latex(Expr.sigmoid(z)) == "\\sigma(z)")
    }

    @Test func fractionsAndRoots() throws {
        #expect(try latex(x / (y + 1)) == "\\frac{x}{y + 1}")
        #expect(try latex(Expr.number(literal: "0.5") * x) == "\\frac{1}{2}x")
        #expect(try latex(x ** Expr.number(literal: "1.5")) == "x^{3/2}")
        #expect(try latex(Expr.sqrt(x + 1)) == "\\sqrt{x + 1}")
        #expect(try latex(exp(x / y)) == "\\exp\\left(\\frac{x}{y}\\right)")
    }

    @Test func operatorNames() throws {
        #expect(try latex(diag(xs)) == "\\operatorname{diag}(\\mathbf{x})")
        #expect(try latex(sum(xs)) == "\\operatorname{sum}(\\mathbf{x})")
        #expect(try latex(exp(x)) == "\\exp(x)")
        #expect(try latex(Expr.relu(z)) == "\\max(0, z)")
        #expect(try latex(Expr.norm(xs)) == "\\lVert\\mathbf{x}\\rVert")
    }

    @Test func elementwise() throws {
        #expect(try latex(ws ⊙ xs) == "\\mathbf{w} \\odot \\mathbf{x}")
        #expect(try latex(ws ⊙ xs, Notation(hadamard: .circledTimes)) == "\\mathbf{w} \\otimes \\mathbf{x}")
        #expect(try latex(ws ⊘ xs) == "\\mathbf{w} \\oslash \\mathbf{x}")
    }

    @Test func matricesAndCases() throws {
        #expect(try latex(Expr.matrix([[x, num(1)], [num(2), y]])) == "\\begin{bmatrix} x & 1 \\\\ 2 & y \\end{bmatrix}")
        let step = try Expr.piecewise([
            PiecewiseCase(Condition(z, .lessEqual, .zero), .zero),
            PiecewiseCase(Condition(z, .greater, .zero), .one),
        ])
        #expect(try latex(step) == "\\begin{cases} 0 & \\text{if } z \\le 0 \\\\ 1 & \\text{if } z > 0 \\end{cases}")
    }

    @Test func componentsAndEscaping() throws {
        #expect(try latex(Expr.entry(matrix("M", 3, 3), 1, 2)) == "M_{23}")
        #expect(try latex(scalar("a%b")) == "\\mathit{a\\%b}")
    }
}
