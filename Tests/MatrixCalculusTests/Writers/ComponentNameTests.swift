import Testing
import MatrixCalculus

/// A component of a variable whose name already has a subscript (x1 is x₁) keeps that subscript
/// and adds its index after a comma, the same in all three writers: x1[0] is x₁,₁, never x1₁.
@Suite struct ComponentNameTests {
    let x1 = Expr.symbol("x1", .column(2)), xi = Expr.symbol("x_i", .column(3)), x = Expr.symbol("x", .column(2))
    let A2 = Expr.symbol("A2", .matrix(2, 2))

    @Test func textWritesTheNameSubscriptThenTheIndex() throws {
        let writer = TextWriter()
        #expect(try writer.write(x1) == "x₁")
        #expect(try writer.write(Expr.component(x1, 0)) == "x₁,₁")
        #expect(try writer.write(Expr.component(xi, 2)) == "xᵢ,₃")
        #expect(try writer.write(Expr.entry(A2, 0, 1)) == "A₂,₁,₂")
        #expect(try writer.write(Expr.component(x, 1)) == "x₂")
    }

    @Test func latexWritesOneSubscriptWithCommas() throws {
        let writer = LaTeXWriter()
        #expect(try writer.write(Expr.component(x1, 0)) == "x_{1,1}")
        #expect(try writer.write(Expr.component(xi, 2)) == "x_{i,3}")
        #expect(try writer.write(Expr.component(x, 1)) == "x_{2}")
    }

    @Test func mathMLWritesOneSubscriptWithCommas() throws {
        let mathML = try MathMLWriter().write(Expr.component(x1, 0))
        #expect(mathML.contains("<msub><mi>x</mi><mrow><mn>1</mn><mo>,</mo><mn>1</mn></mrow></msub>"))
        #expect(!mathML.contains("x1"))
    }
}
