import Testing
import MatrixCalculus

/// The MathML Core writer: element structure per construct.
@Suite struct MathMLWriterTests {
    let x = scalar("x"), y = scalar("y"), z = scalar("z")
    let xs = vector("x"), ws = vector("w"), A = matrix("A")

    func mathml(_ e: Expr) throws -> String { try MathMLWriter().writeContent(e) }

    @Test func wholeElementAndDisplay() throws {
        #expect(try MathMLWriter().write(x) == "<math><mi>x</mi></math>")
        #expect(try MathMLWriter().write(x, display: .block) == "<math display=\"block\"><mi>x</mi></math>")
    }

    @Test func scalarsItalicVectorsBold() throws {
        #expect(try mathml(x) == "<mi>x</mi>")
        #expect(try mathml(xs) == "<mi>𝐱</mi>")
        #expect(try mathml(A) == "<mi>𝐀</mi>")
        #expect(try mathml(scalar("loss")) == "<mi>𝑙𝑜𝑠𝑠</mi>")
        #expect(try mathml(vector("θ")) == "<mi>𝛉</mi>")
        #expect(try mathml(scalar("x1")) == "<msub><mi>x</mi><mn>1</mn></msub>")
    }

    @Test func impliedProductUsesInvisibleTimes() throws {
        #expect(try mathml(6 * x * y)
            == "<mrow><mn>6</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow>")
        #expect(try mathml(3 * x ** 2) == "<mrow><mn>3</mn><mo>&#x2062;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow>")
    }

    @Test func subtractionAndPrefixMinus() throws {
        #expect(try mathml(x - y) == "<mrow><mi>x</mi><mo>−</mo><mi>y</mi></mrow>")
        #expect(try mathml(-I()) == "<mrow><mo>−</mo><mi>I</mi></mrow>")
    }

    @Test func fractionsAndRoots() throws {
        #expect(try mathml(Expr.number(literal: "0.5")) == "<mfrac><mn>1</mn><mn>2</mn></mfrac>")
        #expect(try mathml(x / (y + 1))
            == "<mfrac><mi>x</mi><mrow><mi>y</mi><mo>+</mo><mn>1</mn></mrow></mfrac>")
        #expect(try mathml(Expr.sqrt(x)) == "<msqrt><mi>x</mi></msqrt>")
        #expect(try mathml(x ** Expr.number(literal: "1.5")) == "<msup><mi>x</mi><mrow><mn>3</mn><mo lspace=\"0em\" rspace=\"0em\">/</mo><mn>2</mn></mrow></msup>")
        #expect(try mathml(exp(x / y)).contains("<mrow><mo>(</mo><mfrac>"), "parentheses grow around a fraction")
    }

    @Test func parenthesesAreFencedRows() throws {
        #expect(try mathml((x + y) ** 2)
            == "<msup><mrow><mo stretchy=\"false\">(</mo><mrow><mi>x</mi><mo>+</mo><mi>y</mi></mrow><mo stretchy=\"false\">)</mo></mrow><mn>2</mn></msup>")
    }

    @Test func transposeInverseAndOnes() throws {
        #expect(try mathml(xs.T) == "<msup><mi>𝐱</mi><mi>⊤</mi></msup>")
        #expect(try mathml(Expr.inverse(A)) == "<msup><mi>𝐀</mi><mrow><mo>−</mo><mn>1</mn></mrow></msup>")
        #expect(try mathml(ones().T) == "<msup><mi>𝟏</mi><mi>⊤</mi></msup>")
        #expect(try mathml(Expr.zeros(.column("n"))) == "<mi>𝟎</mi>")
    }

    @Test func thinSpaceBeforeAFunctionAfterAFactor() throws {
        #expect(try mathml(2 * x * Expr.cos(x)).contains("<mi>x</mi><mo>&#x2062;</mo><mspace width=\"0.1667em\"></mspace><mrow><mi>cos</mi>"))
    }

    @Test func functionsApply() throws {
        #expect(try mathml(diag(xs))
            == "<mrow><mi>diag</mi><mo>&#x2061;</mo><mrow><mo stretchy=\"false\">(</mo><mi>𝐱</mi><mo stretchy=\"false\">)</mo></mrow></mrow>")
        #expect(try mathml(Expr.relu(z)).contains("<mi>max</mi><mo>&#x2061;</mo><mrow><mo stretchy=\"false\">(</mo><mn>0</mn><mo>,</mo><mi>z</mi>"))
    }

    @Test func hadamardSymbol() throws {
        #expect(try mathml(ws ⊙ xs) == "<mrow><mi>𝐰</mi><mo>⊙</mo><mi>𝐱</mi></mrow>")
        #expect(try MathMLWriter(notation: Notation(hadamard: .circledTimes)).writeContent(ws ⊙ xs)
            == "<mrow><mi>𝐰</mi><mo>⊗</mo><mi>𝐱</mi></mrow>")
        #expect(try mathml(ws ⊘ xs) == "<mrow><mi>𝐰</mi><mo>⊘</mo><mi>𝐱</mi></mrow>")
    }

    @Test func componentsAreOneBased() throws {
        #expect(try mathml(Expr.component(vector("v", 3), 0)) == "<msub><mi>v</mi><mn>1</mn></msub>")
        #expect(try mathml(Expr.entry(matrix("M", 3, 3), 0, 1))
            == "<msub><mi>M</mi><mrow><mn>1</mn><mo>&#x2063;</mo><mn>2</mn></mrow></msub>")
    }

    /// Bars first and last in their own row: the browser infers prefix and postfix, so only
    /// stretchy="false" is written (a bar's dictionary entries stretch).
    @Test func barsAreFencedRows() throws {
        #expect(try mathml(Expr.norm(xs))
            == "<mrow><mo stretchy=\"false\">‖</mo><mi>𝐱</mi><mo stretchy=\"false\">‖</mo></mrow>")
    }

    @Test func matrixIsAStretchyBracketedTable() throws {
        #expect(try mathml(Expr.matrix([[x, num(1)], [num(2), y]]))
            == "<mrow><mo>[</mo><mtable><mtr><mtd><mi>x</mi></mtd><mtd><mn>1</mn></mtd></mtr><mtr><mtd><mn>2</mn></mtd><mtd><mi>y</mi></mtd></mtr></mtable><mo>]</mo></mrow>")
    }

    @Test func casesHaveABraceAndConditions() throws {
        let step = try Expr.piecewise([
            PiecewiseCase(Condition(z, .lessEqual, .zero), .zero),
            PiecewiseCase(Condition(z, .greater, .zero), .one),
        ])
        let markup = try mathml(step)
        #expect(markup.hasPrefix("<mrow><mo>{</mo><mtable"))
        #expect(markup.contains("<mtext>if</mtext>"))
        #expect(markup.contains("<mi>z</mi><mo>≤</mo><mn>0</mn>"))
        #expect(markup.contains("<mi>z</mi><mo>&gt;</mo><mn>0</mn>"))
    }

    @Test func namesAreEscaped() throws {
        #expect(try mathml(scalar("a<b")) == "<mi>𝑎&lt;𝑏</mi>")
    }
}
