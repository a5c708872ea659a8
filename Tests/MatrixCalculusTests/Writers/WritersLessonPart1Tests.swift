import Testing
import MatrixCalculus

/// The results of lesson part 1, computed by the engine, as each writer shows them.
@Suite struct WritersLessonPart1Tests {
    let x = scalar("x"), y = scalar("y"), z = scalar("z")
    let xs = vector("x"), ws = vector("w")
    var f: Expr { get throws { try 3 * x ** 2 * y } }
    var g: Expr { get throws { try 2 * x + y ** 8 } }

    func text(_ e: Expr) throws -> String { try TextWriter().write(e) }
    func latex(_ e: Expr) throws -> String { try LaTeXWriter().write(e) }
    func mathml(_ e: Expr) throws -> String { try MathMLWriter().writeContent(e) }

    static let sixXY = "<mrow><mn>6</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow>"
    static let threeXSquared = "<mrow><mn>3</mn><mo>&#x2062;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow>"
    static let eightYSeven = "<mrow><mn>8</mn><mo>&#x2062;</mo><msup><mi>y</mi><mn>7</mn></msup></mrow>"

    @Test func partialDerivatives() throws {
        let dfdx = try derivative(of: f, wrt: x), dfdy = try derivative(of: f, wrt: y)
        #expect(try text(dfdx) == "6xy")
        #expect(try latex(dfdx) == "6xy")
        #expect(try mathml(dfdx) == Self.sixXY)
        #expect(try text(dfdy) == "3x²")
        #expect(try latex(dfdy) == "3x^{2}")
        #expect(try mathml(dfdy) == Self.threeXSquared)
    }

    @Test func gradientIsARow() throws {
        let gradientOfF = try gradient(of: f, wrt: [x, y])
        #expect(try text(gradientOfF) == "[6xy, 3x²]")
        #expect(try latex(gradientOfF) == "\\begin{bmatrix} 6xy & 3x^{2} \\end{bmatrix}")
        #expect(try mathml(gradientOfF).contains("<mtable><mtr><mtd>\(Self.sixXY)</mtd><mtd>\(Self.threeXSquared)</mtd></mtr></mtable>"))
        #expect(try text(gradient(of: f, wrt: [x, y], layout: .denominator)) == "[6xy, 3x²]ᵀ")
    }

    @Test func jacobianIsATwoByTwoMatrix() throws {
        let jacobianOfFG = try jacobian(of: [f, g], wrt: [x, y])
        #expect(try text(jacobianOfFG) == "[[6xy, 3x²], [2, 8y⁷]]")
        #expect(try latex(jacobianOfFG) == "\\begin{bmatrix} 6xy & 3x^{2} \\\\ 2 & 8y^{7} \\end{bmatrix}")
        let rows = "<mtr><mtd>\(Self.sixXY)</mtd><mtd>\(Self.threeXSquared)</mtd></mtr>"
            + "<mtr><mtd><mn>2</mn></mtd><mtd>\(Self.eightYSeven)</mtd></mtr>"
        #expect(try mathml(jacobianOfFG)
            == "<mrow><mo>[</mo><mtable>\(rows)</mtable><mo>]</mo></mrow>")
    }

    @Test func identityAndDiagonalJacobians() throws {
        #expect(try text(jacobian(of: xs, wrt: xs)) == "I")
        #expect(try text(derivative(of: ws - xs, wrt: xs)) == "−I")
        #expect(try latex(derivative(of: ws - xs, wrt: xs)) == "-I")
        #expect(try mathml(derivative(of: ws - xs, wrt: xs)) == "<mrow><mo>−</mo><mi>I</mi></mrow>")
        let byW = try derivative(of: ws ⊙ xs, wrt: ws)
        #expect(try text(byW) == "diag(x)")
        #expect(try latex(byW) == "\\operatorname{diag}(\\mathbf{x})")
        let byX = try derivative(of: ws ⊘ xs, wrt: xs)
        #expect(try text(byX) == "diag(−w ⊘ x∘²)")
        #expect(try latex(byX) == "\\operatorname{diag}(-\\mathbf{w} \\oslash \\mathbf{x}^{\\circ2})")
        #expect(try mathml(byX).contains("<mrow><mo>−</mo><mrow><mi>𝐰</mi><mo>⊘</mo><msup><mi>𝐱</mi><mrow><mo>∘</mo><mn>2</mn></mrow></msup></mrow></mrow>"))
    }

    @Test func scalarExpansionAndSumReduction() throws {
        #expect(try text(derivative(of: xs + z, wrt: z)) == "𝟏")
        #expect(try text(derivative(of: xs * z, wrt: xs)) == "zI")
        #expect(try text(gradient(of: sum(xs), wrt: xs)) == "𝟏ᵀ")
        #expect(try latex(gradient(of: sum(xs), wrt: xs)) == "\\mathbf{1}^{\\top}")
        #expect(try mathml(gradient(of: sum(xs), wrt: xs)) == "<msup><mi>𝟏</mi><mi>⊤</mi></msup>")
        let zOnes = try derivative(of: sum(xs * z), wrt: xs)
        #expect(try text(zOnes) == "z𝟏ᵀ")
        #expect(try latex(zOnes) == "z\\mathbf{1}^{\\top}")
        #expect(try text(derivative(of: sum(xs * z), wrt: z)) == "sum(x)")
    }

    @Test func reluDerivativeIsCases() throws {
        let neuron = try ws • xs + scalar("b")
        let byB = try derivative(of: Expr.maximum(.zero, neuron), wrt: scalar("b"))
        #expect(try text(byB) == "{0 if wᵀx + b ≤ 0; 1 if wᵀx + b > 0}")
        #expect(try latex(byB)
            == "\\begin{cases} 0 & \\text{if } \\mathbf{w}^{\\top}\\mathbf{x} + b \\le 0 \\\\ 1 & \\text{if } \\mathbf{w}^{\\top}\\mathbf{x} + b > 0 \\end{cases}")
        let byW = try gradient(of: Expr.maximum(.zero, neuron), wrt: ws)
        #expect(try text(byW) == "{𝟎ᵀ if wᵀx + b ≤ 0; xᵀ if wᵀx + b > 0}")
        #expect(try mathml(byW).contains("<mtext>if</mtext>"))
    }
}
