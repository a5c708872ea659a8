import Testing
import MatrixCalculus

/// A sum of piecewise values: no redundant parentheses, and a row written in row form.
@Suite struct PiecewiseSumWritingTests {
    let w = vector("w"), x = vector("x"), b = scalar("b"), y = scalar("y")

    /// ∂/∂w (max(0, wᵀx + b) + max(0, wᵀx + y)): a row, the sum of two row-valued cases.
    func twoNeurons() throws -> Expr {
        try gradient(of: Expr.maximum(.zero, w • x + b) + Expr.maximum(.zero, w • x + y), wrt: w)
    }

    @Test func textWritesTheRowsWithoutParentheses() throws {
        #expect(try TextWriter().write(twoNeurons())
                == "{𝟎ᵀ if wᵀx + b ≤ 0; xᵀ if wᵀx + b > 0} + {𝟎ᵀ if wᵀx + y ≤ 0; xᵀ if wᵀx + y > 0}")
    }

    @Test func latexParenthesisesEachBraceOnceAndTransposesInside() throws {
        let latex = try LaTeXWriter().write(twoNeurons())
        #expect(!latex.contains("\\left( \\left("))
        #expect(latex.hasPrefix("\\left( \\begin{cases} \\mathbf{0}^{\\top}"))
        #expect(!latex.hasSuffix("^{\\top}"))
    }

    @Test func aLonePiecewiseValueHasNoParentheses() throws {
        let e = try gradient(of: Expr.maximum(.zero, w • x + b), wrt: w)
        #expect(try TextWriter().write(e) == "{𝟎ᵀ if wᵀx + b ≤ 0; xᵀ if wᵀx + b > 0}")
    }

    @Test func aPiecewiseFactorInTextKeepsItsBracesOnly() throws {
        // x·{…}: the brace is closed on both sides in text.
        let e = try Expr.hadamard(x, gradient(of: Expr.maximum(.zero, w • x + b), wrt: w).T)
        #expect(try TextWriter().write(e).contains("x ⊙ {"))
    }
}
