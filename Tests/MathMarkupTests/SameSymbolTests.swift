import MathMarkup
import MatrixCalculus
import Testing
import TeXMath

/// The same symbol written in prose (`$\mathbf{W}^\top$`) and computed by a cell (`W'`) must be
/// the same MathML, since both writers spell letters, glyphs, spaces and fences through
/// ``MathMarkup``. `<mrow>` grouping is left out of the comparison: it groups for the
/// layout engine and draws nothing, and the two trees group differently (TeX's rows are flat).
@Suite struct SameSymbolTests {
    let x = Expr.symbol("x", .scalar)
    let y = Expr.symbol("y", .scalar)
    let W = Expr.symbol("W", .matrix(.symbolic("m"), .symbolic("n")))
    let v = Expr.symbol("x", .column(.symbolic("n")))

    /// The presentation of inline prose math, without `<math>`, `<semantics>` and the TeX annotation.
    func prose(_ tex: String) throws -> String {
        let math = try TeXToMathML.convert(tex, display: false)
        guard let start = math.range(of: "<semantics>"), let end = math.range(of: "<annotation") else {
            Issue.record("no <semantics> in \(math)")
            return math
        }
        return Self.withoutRows(String(math[start.upperBound..<end.lowerBound]))
    }

    func computed(_ e: Expr) throws -> String {
        Self.withoutRows(try MathMLWriter().writeContent(e))
    }

    static func withoutRows(_ markup: String) -> String {
        markup.replacingOccurrences(of: "<mrow>", with: "").replacingOccurrences(of: "</mrow>", with: "")
    }

    @Test func scalarLetter() throws {
        #expect(try prose("x") == computed(x))
        #expect(try computed(x) == "<mi>x</mi>")
    }

    @Test func boldMatrixAndVector() throws {
        #expect(try prose(#"\mathbf{W}"#) == computed(W))
        #expect(try prose(#"\mathbf{x}"#) == computed(v))
        #expect(try computed(W) == "<mi>𝐖</mi>")
    }

    @Test func transposeIsTopInBoth() throws {
        #expect(try prose(#"\mathbf{W}^\top"#) == computed(Expr.transpose(W)))
        #expect(try computed(Expr.transpose(W)) == "<msup><mi>𝐖</mi><mi>\(MathGlyph.transpose)</mi></msup>")
    }

    @Test func fraction() throws {
        #expect(try prose(#"\frac{x}{y}"#) == computed(Expr.divide(x, y)))
    }

    @Test func fractionalExponentIsASlash() throws {
        let typed = try prose("x^{3/2}"), computed = try computed(Expr.power(x, Expr.number(literal: "1.5")))
        #expect(typed == computed)
    }

    @Test func minusSign() throws {
        #expect(try prose("x - y") == computed(Expr.subtract(x, y)))
    }

    @Test func parenthesesAroundALine() throws {
        // Fixed size around a line, as TeX's plain `(`.
        let sum = try Expr.add(x, y)
        #expect(try prose(#"\exp(x + y)"#) == computed(Expr.exp(sum)))
    }

    @Test func parenthesesAroundAFraction() throws {
        // Stretchy around tall content, as TeX's `\left( … \right)`.
        #expect(try prose(#"\exp\left(\frac{x}{y}\right)"#) == computed(Expr.exp(Expr.divide(x, y))))
    }

    @Test func casesCellsAreAlike() throws {
        let step = try Expr.piecewise([
            PiecewiseCase(Condition(x, .lessEqual, .zero), .zero),
            PiecewiseCase(Condition(x, .greater, .zero), .one),
        ])
        let computed = try MathMLWriter().writeContent(step)
        let typed = try TeXToMathML.convert(#"\begin{cases} 0 & x \le 0 \\ 1 & x > 0 \end{cases}"#, display: true)
        for column in 0...1 {
            let cell = "<mtd style=\"" + MathMarkup.casesCellStyles(column: column).joined(separator: "; ") + "\">"
            #expect(computed.contains(cell) && typed.contains(cell), "column \(column)")
        }
        #expect(computed.hasPrefix("<mrow>" + MathMarkup.stretchyFence("{", .prefix)))
        #expect(typed.contains("<mrow>" + MathMarkup.stretchyFence("{", .prefix)))
    }

    @Test func alphabetsAreOneTable() {
        #expect(MathAlphabet.bold.styled("Wx1θ") == "𝐖𝐱𝟏𝛉")
        #expect(MathAlphabet.italic.styled("loss") == "𝑙𝑜𝑠𝑠")
        #expect(MathAlphabet.italic.styled("h") == "ℎ", "ℎ lives outside the italic block")
    }
}
