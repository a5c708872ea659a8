import Testing
@testable import TeXMath

@Suite struct MathElementTests {
    @Test func wrapperCarriesDisplayModeAndEscapedSource() throws {
        #expect(try TeXToMathML.convert("a<b", display: true) ==
            "<math display=\"block\"><semantics><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow>"
            + "<annotation encoding=\"application/x-tex\">a&lt;b</annotation></semantics></math>")
        #expect(try TeXToMathML.convert(" x ", display: false) ==
            "<math><semantics><mi>x</mi>"
            + "<annotation encoding=\"application/x-tex\">x</annotation></semantics></math>")
    }

    @Test func emptyFormulaHasOnePresentationChild() throws {
        #expect(try presentation("") == "<mrow></mrow>")
    }

    @Test func ampersandInAnnotationIsEscaped() throws {
        let markup = try TeXToMathML.convert(#"\begin{matrix} a & b \end{matrix}"#, display: true)
        #expect(markup.contains("a &amp; b"))
        #expect(!markup.contains(" & "))
    }
}

@Suite struct TokenTests {
    @Test func lettersAreSeparateIdentifiersAndNumbersKeepTheirDecimalPoint() throws {
        #expect(try presentation("3.14xy") == "<mrow><mn>3.14</mn><mi>x</mi><mi>y</mi></mrow>")
        #expect(try presentation("x.") == "<mrow><mi>x</mi><mi>.</mi></mrow>")
    }

    @Test func greekLettersLowerItalicUpperUpright() throws {
        #expect(try presentation(#"\alpha\Gamma\varGamma"#)
            == "<mrow><mi>α</mi><mi mathvariant=\"normal\">Γ</mi><mi>Γ</mi></mrow>")
        #expect(try presentation(#"\epsilon\varepsilon\phi\varphi"#)
            == "<mrow><mi>ϵ</mi><mi>ε</mi><mi>ϕ</mi><mi>φ</mi></mrow>")
    }

    @Test func commentsAreIgnored() throws {
        #expect(try presentation("x % a comment\n+ y") == "<mrow><mi>x</mi><mo>+</mo><mi>y</mi></mrow>")
    }

    @Test func directUnicodeSymbolsTakeTheirCommandsMeaning() throws {
        #expect(try presentation("a ≤ b") == "<mrow><mi>a</mi><mo>≤</mo><mi>b</mi></mrow>")
        #expect(try presentation("α⋅β") == "<mrow><mi>α</mi><mo>⋅</mo><mi>β</mi></mrow>")
    }
}

@Suite struct SpacingClassTests {
    @Test func binaryOperatorsAndRelationsUseTheDictionary() throws {
        #expect(try presentation(#"a \cdot b \times c \odot d \otimes e \oslash f \circ g"#)
            == "<mrow><mi>a</mi><mo>⋅</mo><mi>b</mi><mo>×</mo><mi>c</mi><mo>⊙</mo><mi>d</mi><mo>⊗</mo><mi>e</mi>"
            + "<mo>⊘</mo><mi>f</mi><mo>∘</mo><mi>g</mi></mrow>")
        #expect(try presentation(#"a \le b \ge c \ne d \approx e \to f \in g"#)
            == "<mrow><mi>a</mi><mo>≤</mo><mi>b</mi><mo>≥</mo><mi>c</mi><mo>≠</mo><mi>d</mi><mo>≈</mo><mi>e</mi>"
            + "<mo>→</mo><mi>f</mi><mo>∈</mo><mi>g</mi></mrow>")
        #expect(try presentation(#"\leq\geq\neq\mapsto\rightarrow\Rightarrow\pm\mp"#)
            == "<mrow><mo>≤</mo><mo>≥</mo><mo>≠</mo><mo>↦</mo><mo>→</mo><mo>⇒</mo>"
            + "<mo lspace=\"0em\" rspace=\"0em\">±</mo><mo lspace=\"0em\" rspace=\"0em\">∓</mo></mrow>")
    }

    @Test func minusAfterARelationOrAtTheStartIsUnary() throws {
        #expect(try presentation("-x") == "<mrow><mo lspace=\"0em\" rspace=\"0em\">−</mo><mi>x</mi></mrow>")
        #expect(try presentation("a = -b")
            == "<mrow><mi>a</mi><mo>=</mo><mo lspace=\"0em\" rspace=\"0em\">−</mo><mi>b</mi></mrow>")
        #expect(try presentation("(-1)") == "<mrow><mo stretchy=\"false\">(</mo>"
            + "<mo lspace=\"0em\" rspace=\"0em\">−</mo><mn>1</mn><mo stretchy=\"false\">)</mo></mrow>")
        #expect(try presentation("a - b") == "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>")
    }

    @Test func binaryOperatorBeforeARelationIsOrdinary() throws {
        #expect(try presentation("a + = b")
            == "<mrow><mi>a</mi><mo lspace=\"0em\" rspace=\"0em\">+</mo><mo>=</mo><mi>b</mi></mrow>")
    }

    @Test func punctuationAndColon() throws {
        #expect(try presentation("f(x, y)") == "<mrow><mi>f</mi><mo stretchy=\"false\">(</mo>"
            + "<mi>x</mi><mo>,</mo><mi>y</mi><mo stretchy=\"false\">)</mo></mrow>")
        #expect(try presentation(#"f: A \to B"#) == "<mrow><mi>f</mi><mo lspace=\"0.2778em\" rspace=\"0.2778em\">:</mo>"
            + "<mi>A</mi><mo>→</mo><mi>B</mi></mrow>")
        #expect(try presentation(#"f\colon A"#)
            == "<mrow><mi>f</mi><mo lspace=\"0em\" rspace=\"0.1667em\">:</mo><mi>A</mi></mrow>")
    }

    @Test func barsOpenAndCloseByPosition() throws {
        #expect(try presentation("|x|") == "<mrow><mo form=\"prefix\" stretchy=\"false\">|</mo><mi>x</mi>"
            + "<mo form=\"postfix\" stretchy=\"false\">|</mo></mrow>")
        #expect(try presentation(#"\|x\|"#) == "<mrow><mo form=\"prefix\" stretchy=\"false\">‖</mo><mi>x</mi>"
            + "<mo form=\"postfix\" stretchy=\"false\">‖</mo></mrow>")
        #expect(try presentation(#"\lvert x \rvert"#) == "<mrow><mo form=\"prefix\" stretchy=\"false\">|</mo><mi>x</mi>"
            + "<mo form=\"postfix\" stretchy=\"false\">|</mo></mrow>")
        #expect(try presentation(#"\langle a \rangle \{ b \}"#)
            == "<mrow><mo stretchy=\"false\">⟨</mo><mi>a</mi><mo stretchy=\"false\">⟩</mo>"
            + "<mo stretchy=\"false\">{</mo><mi>b</mi><mo stretchy=\"false\">}</mo></mrow>")
    }

    @Test func explicitSpaces() throws {
        #expect(try presentation(#"a\quad b\qquad c\,d\;e\:f\!g"#)
            == "<mrow><mi>a</mi><mspace width=\"1em\"></mspace><mi>b</mi><mspace width=\"2em\"></mspace><mi>c</mi>"
            + "<mspace width=\"0.1667em\"></mspace><mi>d</mi><mspace width=\"0.2778em\"></mspace><mi>e</mi>"
            + "<mspace width=\"0.2222em\"></mspace><mi>f</mi><mspace style=\"margin-left: -0.1667em\"></mspace><mi>g</mi></mrow>")
    }

    @Test func oneAtomGroupIsOrdinary() throws {
        #expect(try presentation("a{-}b") == "<mrow><mi>a</mi><mo lspace=\"0em\" rspace=\"0em\">−</mo><mi>b</mi></mrow>")
    }
}

@Suite struct ScriptTests {
    @Test func subSuperAndBoth() throws {
        #expect(try presentation("x_i") == "<msub><mi>x</mi><mi>i</mi></msub>")
        #expect(try presentation("x^{2}") == "<msup><mi>x</mi><mn>2</mn></msup>")
        #expect(try presentation("x_i^2") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
        #expect(try presentation("x^2_i") == "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>")
    }

    @Test func scriptTakesOneDigitWithoutBraces() throws {
        #expect(try presentation("x^23") == "<mrow><msup><mi>x</mi><mn>2</mn></msup><mn>3</mn></mrow>")
        #expect(try presentation("x^{23}") == "<msup><mi>x</mi><mn>23</mn></msup>")
    }

    @Test func scriptOnACommand() throws {
        #expect(try presentation(#"e^\alpha"#) == "<msup><mi>e</mi><mi>α</mi></msup>")
        #expect(try presentation(#"x^{-1}"#)
            == "<msup><mi>x</mi><mrow><mo lspace=\"0em\" rspace=\"0em\">−</mo><mn>1</mn></mrow></msup>")
    }

    @Test func primes() throws {
        // Alone, primes follow the base at text level (the font draws them raised).
        #expect(try presentation("f'") == "<mrow><mi>f</mi><mo>′</mo></mrow>")
        #expect(try presentation("f''(x)") == "<mrow><mrow><mi>f</mi><mo lspace=\"0em\" rspace=\"0em\">′′</mo></mrow>"
            + "<mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
        #expect(try presentation(#"f^\prime"#) == "<mrow><mi>f</mi><mo>′</mo></mrow>")
        #expect(try presentation(#"f^{\prime\prime}"#) == "<mrow><mi>f</mi><mo lspace=\"0em\" rspace=\"0em\">′′</mo></mrow>")
        #expect(try presentation("f'^2")
            == "<msup><mi>f</mi><mrow><mo>′</mo><mn>2</mn></mrow></msup>")
        #expect(try presentation("x_i'")
            == "<msubsup><mi>x</mi><mi>i</mi><mo>′</mo></msubsup>")
    }

    @Test func emptyBaseWithBraces() throws {
        #expect(try presentation("{}^{14}C") == "<mrow><msup><mrow></mrow><mn>14</mn></msup><mi>C</mi></mrow>")
    }

    @Test func transposeMarks() throws {
        #expect(try presentation(#"\mathbf{x}^\top"#) == "<msup><mi>𝐱</mi><mi>⊤</mi></msup>")
        #expect(try presentation(#"A^\intercal"#) == "<msup><mi>A</mi><mi>⊺</mi></msup>")
    }
}

@Suite struct LargeOperatorTests {
    @Test func sumAndProductTakeMovableLimits() throws {
        #expect(try presentation(#"\sum_{i=1}^n x_i"#, display: true)
            == "<mrow><munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow>"
            + "<mi>n</mi></munderover><msub><mi>x</mi><mi>i</mi></msub></mrow>")
        // Sums and products move their limits aside in inline math by the operator dictionary.
        #expect(try presentation(#"\prod_i"#) == "<munder><mo>∏</mo><mi>i</mi></munder>")
    }

    @Test func integralsTakeScriptsBeside() throws {
        #expect(try presentation(#"\int_0^1 f"#)
            == "<mrow><msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup><mi>f</mi></mrow>")
    }

    @Test func limitsAndNolimitsOverrideThePlacement() throws {
        // An integral's limits do not move by the operator dictionary, as \limits asks.
        #expect(try presentation(#"\int\limits_0^1"#)
            == "<munderover><mo>∫</mo><mn>0</mn><mn>1</mn></munderover>")
        #expect(try presentation(#"\sum\limits_i"#) == "<munder><mo movablelimits=\"false\">∑</mo><mi>i</mi></munder>")
        #expect(try presentation(#"\sum\nolimits_i"#) == "<msub><mo>∑</mo><mi>i</mi></msub>")
    }

    @Test func loneOperator() throws {
        #expect(try presentation(#"\sum"#) == "<mo>∑</mo>")
    }
}

@Suite struct FunctionNameTests {
    @Test func functionNameGetsApplyFunctionAndThinSpace() throws {
        #expect(try presentation(#"\sin x"#)
            == "<mrow><mi>sin</mi><mo>&#x2061;</mo><mspace width=\"0.1667em\"></mspace><mi>x</mi></mrow>")
        for name in ["max", "min", "log", "exp", "sin", "cos", "tan", "tanh", "ln", "det"] {
            #expect(try presentation("\\\(name)(x)") == "<mrow><mi>\(name)</mi><mo>&#x2061;</mo>"
                + "<mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
        }
    }

    @Test func thinSpaceBeforeAFunctionAfterAnOrdinary() throws {
        #expect(try presentation(#"2\sin\theta"#) == "<mrow><mn>2</mn><mspace width=\"0.1667em\"></mspace><mi>sin</mi>"
            + "<mo>&#x2061;</mo><mspace width=\"0.1667em\"></mspace><mi>θ</mi></mrow>")
    }

    @Test func operatorname() throws {
        #expect(try presentation(#"\operatorname{diag}(x)"#) == "<mrow><mi>diag</mi><mo>&#x2061;</mo>"
            + "<mo stretchy=\"false\">(</mo><mi>x</mi><mo stretchy=\"false\">)</mo></mrow>")
        #expect(try presentation(#"\operatorname{d}"#) == "<mi mathvariant=\"normal\">d</mi>")
        #expect(try presentation(#"\operatorname*{arg\,max}_x f"#)
            == "<mrow><munder><mo movablelimits=\"true\" lspace=\"0em\" rspace=\"0em\">arg\u{2009}max</mo><mi>x</mi></munder>"
            + "<mo>&#x2061;</mo><mspace width=\"0.1667em\"></mspace><mi>f</mi></mrow>")
    }

    @Test func maxWithLimitsAndLogWithSubscript() throws {
        #expect(try presentation(#"\max_x f"#) == "<mrow><munder><mo movablelimits=\"true\" lspace=\"0em\" rspace=\"0em\">max</mo>"
            + "<mi>x</mi></munder><mo>&#x2061;</mo><mspace width=\"0.1667em\"></mspace><mi>f</mi></mrow>")
        #expect(try presentation(#"\log_2 n"#) == "<mrow><msub><mi>log</mi><mn>2</mn></msub><mo>&#x2061;</mo>"
            + "<mspace width=\"0.1667em\"></mspace><mi>n</mi></mrow>")
    }
}

@Suite struct FractionAndRootTests {
    @Test func fractions() throws {
        #expect(try presentation(#"\frac{a+b}{c}"#)
            == "<mfrac><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mi>c</mi></mfrac>")
        #expect(try presentation(#"\frac12"#) == "<mfrac><mn>1</mn><mn>2</mn></mfrac>")
        #expect(try presentation(#"\dfrac{a}{b}"#) == "<mfrac displaystyle=\"true\"><mi>a</mi><mi>b</mi></mfrac>")
        #expect(try presentation(#"\tfrac{a}{b}"#) == "<mfrac displaystyle=\"false\"><mi>a</mi><mi>b</mi></mfrac>")
    }

    @Test func partialDerivative() throws {
        #expect(try presentation(#"\frac{\partial f}{\partial x}"#)
            == "<mfrac><mrow><mi mathvariant=\"normal\">∂</mi><mi>f</mi></mrow>"
            + "<mrow><mi mathvariant=\"normal\">∂</mi><mi>x</mi></mrow></mfrac>")
    }

    @Test func binomial() throws {
        #expect(try presentation(#"\binom{n}{k}"#)
            == "<mrow><mo>(</mo>"
            + "<mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac>"
            + "<mo>)</mo></mrow>")
    }

    @Test func roots() throws {
        #expect(try presentation(#"\sqrt{x+1}"#) == "<msqrt><mi>x</mi><mo>+</mo><mn>1</mn></msqrt>")
        #expect(try presentation(#"\sqrt[3]{x}"#) == "<mroot><mi>x</mi><mn>3</mn></mroot>")
        #expect(try presentation(#"\sqrt[n+1]x"#)
            == "<mroot><mi>x</mi><mrow><mi>n</mi><mo>+</mo><mn>1</mn></mrow></mroot>")
    }
}

@Suite struct FontTests {
    @Test func boldVectorsAreUprightBoldCodePoints() throws {
        #expect(try presentation(#"\mathbf{w}"#) == "<mi>𝐰</mi>")
        #expect(try presentation(#"\mathbf{W}\mathbf{1}"#) == "<mrow><mi>𝐖</mi><mn>𝟏</mn></mrow>")
        #expect(try presentation(#"\mathbf{xy}"#) == "<mrow><mi>𝐱</mi><mi>𝐲</mi></mrow>")
    }

    @Test func boldsymbolKeepsTheSlant() throws {
        #expect(try presentation(#"\boldsymbol{x}"#) == "<mi>𝒙</mi>")
        #expect(try presentation(#"\boldsymbol{\theta}"#) == "<mi>𝜽</mi>")
        #expect(try presentation(#"\boldsymbol{\Sigma}"#) == "<mi>𝚺</mi>")
        #expect(try presentation(#"\bm{\nabla}"#) == "<mi>𝛁</mi>")
    }

    @Test func otherAlphabetsIncludingTheLetterlikeHoles() throws {
        #expect(try presentation(#"\mathbb{R}\mathbb{E}"#) == "<mrow><mi>ℝ</mi><mi>𝔼</mi></mrow>")
        #expect(try presentation(#"\mathcal{L}\mathcal{D}"#) == "<mrow><mi>ℒ</mi><mi>𝒟</mi></mrow>")
        #expect(try presentation(#"\mathit{h}\mathfrak{g}"#) == "<mrow><mi>ℎ</mi><mi>𝔤</mi></mrow>")
        #expect(try presentation(#"\mathbb{1}"#) == "<mn>𝟙</mn>")
    }

    @Test func mathrmIsUprightAndJoinsLetters() throws {
        #expect(try presentation(#"\mathrm{d}x"#) == "<mrow><mi mathvariant=\"normal\">d</mi><mi>x</mi></mrow>")
        #expect(try presentation(#"\mathrm{ReLU}"#) == "<mi>ReLU</mi>")
    }

    @Test func textIsMtextWithEdgeSpacesKept() throws {
        #expect(try presentation(#"\text{if } x > 0"#)
            == "<mrow><mtext>if\u{A0}</mtext><mi>x</mi><mo>&gt;</mo><mn>0</mn></mrow>")
        #expect(try presentation(#"\text{a \{b\} \$5}"#) == "<mtext>a {b} $5</mtext>")
        #expect(try presentation(#"\text{<b>}"#) == "<mtext>&lt;b&gt;</mtext>")
    }
}

@Suite struct AccentTests {
    @Test func accentsOverTheirBase() throws {
        // Marks the operator dictionary stretches keep stretchy="false"; the others need nothing.
        let cases: [(String, String)] = [("hat", "ˆ"), ("bar", "ˉ"), ("tilde", "˜"), ("check", "ˇ")]
        for (command, mark) in cases {
            #expect(try presentation("\\\(command){x}")
                == "<mover accent=\"true\"><mi>x</mi><mo stretchy=\"false\">\(mark)</mo></mover>")
        }
        for (command, mark) in [("vec", "\u{20D7}"), ("dot", "˙"), ("ddot", "¨"), ("acute", "´"), ("breve", "˘")] {
            #expect(try presentation("\\\(command){x}") == "<mover accent=\"true\"><mi>x</mi><mo>\(mark)</mo></mover>")
        }
    }

    @Test func wideAccentsStretch() throws {
        #expect(try presentation(#"\overline{AB}"#)
            == "<mover accent=\"true\"><mrow><mi>A</mi><mi>B</mi></mrow><mo stretchy=\"true\">\u{2015}</mo></mover>")
        #expect(try presentation(#"\underline{x}"#)
            == "<munder accentunder=\"true\"><mi>x</mi><mo stretchy=\"true\">\u{0332}</mo></munder>")
        // The combining circumflex and the tilde stretch by the operator dictionary.
        #expect(try presentation(#"\widehat{x}"#) == "<mover accent=\"true\"><mi>x</mi><mo>\u{0302}</mo></mover>")
        #expect(try presentation(#"\widetilde{x}"#) == "<mover accent=\"true\"><mi>x</mi><mo>~</mo></mover>")
    }

    @Test func oversetAndUnderset() throws {
        #expect(try presentation(#"\overset{!}{=}"#) == "<mover><mo>=</mo><mo form=\"postfix\">!</mo></mover>")
        #expect(try presentation(#"\underset{x}{\arg}"#) == "<munder><mi>arg</mi><mi>x</mi></munder>")
    }
}

@Suite struct DelimiterTests {
    /// A fence first or last in its row of both fences: prefix or postfix, stretchy and
    /// symmetric by the operator dictionary, so no attribute.
    private let open = "<mo>"
    private let close = "<mo>"

    /// Display math: inline, fences around short material stop at \big (see OperatorSpacingTests).
    @Test func leftRightStretch() throws {
        #expect(try presentation(#"\left( \frac{a}{b} \right)"#)
            == "<mrow>\(open)(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac>\(close))</mo></mrow>")
        #expect(try presentation(#"\left\{ x \right."#, display: true) == "<mrow>\(open){</mo><mi>x</mi></mrow>")
        #expect(try presentation(#"\left\lVert x \right\rVert"#, display: true) == "<mrow>\(open)‖</mo><mi>x</mi>\(close)‖</mo></mrow>")
    }

    @Test func middle() throws {
        #expect(try presentation(#"\left\langle a \middle| b \right\rangle"#, display: true)
            == "<mrow>\(open)⟨</mo><mi>a</mi><mo fence=\"true\" stretchy=\"true\" symmetric=\"true\" lspace=\"0.1667em\""
            + " rspace=\"0.1667em\">|</mo><mi>b</mi>\(close)⟩</mo></mrow>")
    }

    /// Attributes stay where the dictionary would say otherwise: a bar without its partner
    /// (its form is not inferred: alone in its row it would be infix, thick-spaced and rigid),
    /// a slash (no prefix or postfix entry), a bracket used the other way round.
    @Test func fencesTheDictionaryDoesNotImplyKeepTheirAttributes() throws {
        #expect(try presentation(#"\left| x \right."#, display: true) == "<mrow><mo form=\"prefix\">|</mo><mi>x</mi></mrow>")
        #expect(try presentation(#"\left. x \right\|"#, display: true) == "<mrow><mi>x</mi><mo form=\"postfix\">‖</mo></mrow>")
        #expect(try presentation(#"\left/ x \right/"#, display: true)
            == "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">/</mo><mi>x</mi>"
            + "<mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">/</mo></mrow>")
        #expect(try presentation(#"\left] x \right["#, display: true)
            == "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">]</mo><mi>x</mi>"
            + "<mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">[</mo></mrow>")
        // \left( alone: a parenthesis has no other form, so none is written.
        #expect(try presentation(#"\left( x \right."#, display: true) == "<mrow><mo>(</mo><mi>x</mi></mrow>")
    }

    @Test func fencedGroupTakesScripts() throws {
        #expect(try presentation(#"\left(x\right)^2"#, display: true)
            == "<msup><mrow>\(open)(</mo><mi>x</mi>\(close))</mo></mrow><mn>2</mn></msup>")
    }

    @Test func bigDelimitersHaveAFixedSize() throws {
        #expect(try presentation(#"\big( x \big)"#)
            == "<mrow><mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\" minsize=\"1.2em\" maxsize=\"1.2em\">(</mo>"
            + "<mi>x</mi><mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\" minsize=\"1.2em\" maxsize=\"1.2em\">)</mo></mrow>")
    }
}

@Suite struct EnvironmentTests {
    private let open = "<mo>"
    private let close = "<mo>"
    private let table = "<mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"
        + "<mtr><mtd><mi>c</mi></mtd><mtd><mi>d</mi></mtd></mtr></mtable>"

    @Test func matricesAreTablesBetweenStretchyFences() throws {
        let body = #"a & b \\ c & d"#
        #expect(try presentation("\\begin{matrix}\(body)\\end{matrix}") == "<mrow>\(table)</mrow>")
        #expect(try presentation("\\begin{bmatrix}\(body)\\end{bmatrix}") == "<mrow>\(open)[</mo>\(table)\(close)]</mo></mrow>")
        #expect(try presentation("\\begin{pmatrix}\(body)\\end{pmatrix}") == "<mrow>\(open)(</mo>\(table)\(close))</mo></mrow>")
        #expect(try presentation("\\begin{vmatrix}\(body)\\end{vmatrix}") == "<mrow>\(open)|</mo>\(table)\(close)|</mo></mrow>")
        #expect(try presentation("\\begin{Vmatrix}\(body)\\end{Vmatrix}") == "<mrow>\(open)‖</mo>\(table)\(close)‖</mo></mrow>")
        #expect(try presentation("\\begin{Bmatrix}\(body)\\end{Bmatrix}") == "<mrow>\(open){</mo>\(table)\(close)}</mo></mrow>")
    }

    @Test func trailingLineBreakAddsNoRow() throws {
        #expect(try presentation(#"\begin{matrix} a & b \\ c & d \\ \end{matrix}"#) == "<mrow>\(table)</mrow>")
    }

    @Test func columnVector() throws {
        #expect(try presentation(#"\begin{bmatrix} x_1 \\ \vdots \\ x_n \end{bmatrix}"#)
            == "<mrow>\(open)[</mo><mtable><mtr><mtd><msub><mi>x</mi><mn>1</mn></msub></mtd></mtr>"
            + "<mtr><mtd><mi>⋮</mi></mtd></mtr><mtr><mtd><msub><mi>x</mi><mi>n</mi></msub></mtd></mtr></mtable>\(close)]</mo></mrow>")
    }

    @Test func casesAreLeftAlignedWithABrace() throws {
        #expect(try presentation(#"\begin{cases} 0 & x < 0 \\ x & \text{otherwise} \end{cases}"#)
            == "<mrow>\(open){</mo><mtable><mtr><mtd style=\"text-align: left; padding-left: 0\"><mn>0</mn></mtd>"
            + "<mtd style=\"text-align: left; padding-left: 1em\"><mi>x</mi><mo>&lt;</mo><mn>0</mn></mtd></mtr>"
            + "<mtr><mtd style=\"text-align: left; padding-left: 0\"><mi>x</mi></mtd>"
            + "<mtd style=\"text-align: left; padding-left: 1em\"><mtext>otherwise</mtext></mtd></mtr></mtable></mrow>")
    }

    @Test func alignedKeepsRelationSpacingAfterTheAmpersand() throws {
        #expect(try presentation(#"\begin{aligned} y &= a \\ &= b \end{aligned}"#)
            == "<mrow><mtable displaystyle=\"true\"><mtr><mtd style=\"text-align: right; padding-right: 0\"><mi>y</mi></mtd>"
            + "<mtd style=\"text-align: left; padding-left: 0\"><mi></mi><mo>=</mo><mi>a</mi></mtd></mtr>"
            + "<mtr><mtd style=\"text-align: right; padding-right: 0\"></mtd>"
            + "<mtd style=\"text-align: left; padding-left: 0\"><mi></mi><mo>=</mo><mi>b</mi></mtd></mtr></mtable></mrow>")
    }

    @Test func rowSpacingAddsPaddingBelowTheRow() throws {
        #expect(try presentation(#"\begin{matrix} a \\[4pt] c \end{matrix}"#)
            == "<mrow><mtable><mtr><mtd style=\"padding-bottom: calc(0.25em + 0.4em)\"><mi>a</mi></mtd></mtr>"
            + "<mtr><mtd><mi>c</mi></mtd></mtr></mtable></mrow>")
        #expect(try presentation(#"\begin{cases} a & b \\[1em] c & d \end{cases}"#).contains(
            "<mtd style=\"text-align: left; padding-left: 1em; padding-bottom: calc(0.25em + 1em)\"><mi>b</mi></mtd>"))
        #expect(conversionError(#"\begin{matrix} a \\[4] c \end{matrix}"#)?.kind == .missingArgument)
    }
}

@Suite struct DotsAndSymbolTests {
    @Test func dots() throws {
        #expect(try presentation(#"\ldots\cdots\vdots\ddots\dots"#)
            == "<mrow><mi>…</mi><mi>⋯</mi><mi>⋮</mi><mi>⋱</mi><mi>…</mi></mrow>")
        #expect(try presentation(#"x_1 + \cdots + x_n"#) == "<mrow><msub><mi>x</mi><mn>1</mn></msub><mo>+</mo><mi>⋯</mi>"
            + "<mo>+</mo><msub><mi>x</mi><mi>n</mi></msub></mrow>")
    }

    @Test func nablaInfinityAndPartial() throws {
        #expect(try presentation(#"\nabla f"#) == "<mrow><mi mathvariant=\"normal\">∇</mi><mi>f</mi></mrow>")
        #expect(try presentation(#"\infty"#) == "<mi>∞</mi>")
    }

    @Test func styleCommandsWrapTheRestOfTheGroup() throws {
        #expect(try presentation(#"a {\displaystyle b c} d"#)
            == "<mrow><mi>a</mi><mstyle displaystyle=\"true\" scriptlevel=\"0\"><mi>b</mi><mi>c</mi></mstyle><mi>d</mi></mrow>")
    }
}
