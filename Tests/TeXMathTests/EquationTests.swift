import Testing
@testable import TeXMath

/// `\label`, `\tag`, numbering environments and references, as the parser records them and the
/// writer shows them (the lesson decides the numbers).
@Suite struct EquationTests {
    private func parse(_ tex: String, display: Bool = true) throws(TeXError) -> ParsedFormula {
        var macros = TeXMacros()
        return try TeXToMathML.parse(tex, display: display, macros: &macros)
    }

    @Test func aLabelledDisplayIsOneNumberedLine() throws {
        let formula = try parse(#"x = 1 \label{eq:x}"#)
        #expect(formula.lines.count == 1)
        #expect(formula.lines[0].label == "eq:x")
        #expect(formula.lines[0].labelOffset == 13)
        #expect(formula.lines[0].takesNextNumber)
        let html = TeXToMathML.mathML(for: formula, equations: EquationNumbering(lineNumbers: ["(4)"]))
        #expect(html.hasPrefix(#"<span class="equation" id="eq:x"><math display="block">"#))
        #expect(html.hasSuffix(#"</math><span class="equation-number">(4)</span></span>"#))
        #expect(try parse("x = 1").lines.isEmpty)
    }

    @Test func tagsAndNotag() throws {
        let tagged = try parse(#"a \tag{A.1}"#).lines[0]
        #expect(tagged.tag == "A.1" && tagged.tagParenthesized && !tagged.takesNextNumber && tagged.isNumbered)
        #expect(try parse(#"a \tag*{†}"#).lines[0].tagParenthesized == false)
    }

    @Test func alignNumbersEachLineUnlessNotag() throws {
        let formula = try parse(#"\begin{align} a &= b \label{eq:a} \\ &= c \notag \\ &= d \end{align}"#)
        #expect(formula.lines.map(\.takesNextNumber) == [true, false, true])
        #expect(formula.lines.map(\.label) == ["eq:a", nil, nil])
        let html = TeXToMathML.mathML(for: formula, equations: EquationNumbering(lineNumbers: ["(1)", nil, "(2)"]))
        #expect(html.contains(#"<mtable class="equation-lines" displaystyle="true"><mtr id="eq:a"><mtd class="equation-pad"></mtd>"#))
        #expect(html.contains(#"<mtd class="equation-number"><mtext>(2)</mtext></mtd></mtr></mtable>"#))
        #expect(try parse(#"\begin{align*} a &= b \\ c &= d \end{align*}"#).lines.isEmpty)
        #expect(try parse(#"\begin{equation} E = mc^2 \end{equation}"#).lines.map(\.takesNextNumber) == [true])
        #expect(try parse(#"\begin{gather} a \\ b \end{gather}"#).lines.count == 2)
    }

    /// math.css spans a table of numbered lines across the column (numbers at the right margin)
    /// through this class; a single numbered equation is a grid in HTML instead.
    @Test func numberedLinesMarkTheirMathElement() throws {
        for tex in [#"\begin{align} a &= b \\ c &= d \end{align}"#, #"\begin{gather} a \\ b \end{gather}"#] {
            let html = TeXToMathML.mathML(for: try parse(tex), equations: EquationNumbering(lineNumbers: ["(1)", "(2)"]))
            #expect(html.hasPrefix(#"<math display="block" class="equation-lines"><semantics><mtable class="equation-lines""#))
        }
        let single = TeXToMathML.mathML(for: try parse(#"x = 1 \label{eq:x}"#), equations: EquationNumbering(lineNumbers: ["(1)"]))
        #expect(!single.contains(#"class="equation-lines""#))
        #expect(!TeXToMathML.mathML(for: try parse(#"\begin{aligned} a &= b \end{aligned}"#)).contains("equation-lines"))
    }

    @Test func referencesAreLinksWithTheNumber() throws {
        let formula = try parse(#"\text{by } \eqref{eq:x} \text{ and } \ref{eq:y}"#, display: false)
        #expect(formula.references.map(\.label) == ["eq:x", "eq:y"])
        #expect(formula.references[0].offset == 18)
        let html = TeXToMathML.mathML(for: formula, equations: EquationNumbering(targets: ["eq:x": ("3", "#eq:x")]))
        #expect(html.contains(##"<mtext><a class="eqref" href="#eq:x">(3)</a></mtext>"##))
        #expect(html.contains("<mtext>??</mtext>"))
    }

    @Test func numbersBelongToDisplayMath() {
        #expect(throws: TeXError.self) { try parse(#"x \label{a}"#, display: false) }
        #expect(throws: TeXError.self) { try parse(#"x \tag{1}"#, display: false) }
        #expect(throws: TeXError.self) { try parse(#"\begin{align} a \end{align}"#, display: false) }
        #expect(throws: TeXError.self) { try parse(#"\frac{\begin{align} a \end{align}}{2}"#) }
        #expect(throws: TeXError.self) { try parse(#"a \label{x} \label{y}"#) }
        #expect(throws: TeXError.self) { try parse(#"a \label{x y}"#) }
    }

    @Test func bracesCarryTheirLabel() throws {
        #expect(try presentation(#"\underbrace{a+b}_{n}"#, display: true)
            == "<munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo>⏟</mo></munder><mi>n</mi></munder>")
        #expect(try presentation(#"\overbrace{a}^{2}"#, display: true)
            == "<mover><mover><mi>a</mi><mo>⏞</mo></mover><mn>2</mn></mover>")
    }
}
