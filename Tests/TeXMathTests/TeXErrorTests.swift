import Testing
@testable import TeXMath

/// Every error names the problem and points at the offending TeX (offsets in Unicode scalars).
@Suite struct TeXErrorTests {
    private func expectError(
        _ tex: String, _ kind: TeXError.Kind, offset: Int, length: Int, containing text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let error = conversionError(tex) else {
            Issue.record("\(tex) converted without error", sourceLocation: sourceLocation)
            return
        }
        #expect(error.kind == kind, sourceLocation: sourceLocation)
        #expect(error.offset == offset, sourceLocation: sourceLocation)
        #expect(error.length == length, sourceLocation: sourceLocation)
        #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
    }

    @Test func unknownCommandWithNearestName() throws {
        expectError(#"x + \apha"#, .unknownCommand, offset: 4, length: 5, containing: #"did you mean \alpha?"#)
        expectError(#"\frak{g}"#, .unknownCommand, offset: 0, length: 5, containing: #"did you mean \mathfrak?"#)
        expectError(#"\lamdba"#, .unknownCommand, offset: 0, length: 7, containing: #"did you mean \lambda?"#)
        #expect(conversionError(#"\apha"#)?.suggestion == #"\alpha"#)
    }

    @Test func unknownCommandWithoutSuggestion() throws {
        expectError(#"\zzzzzzzz"#, .unknownCommand, offset: 0, length: 9, containing: "not in calcbook's TeX subset")
        #expect(conversionError(#"\zzzzzzzz"#)?.suggestion == nil)
    }

    @Test func offsetsCountUnicodeScalars() throws {
        expectError("α + β + \\foo", .unknownCommand, offset: 8, length: 4, containing: #"\foo"#)
    }

    @Test func unbalancedBraces() throws {
        expectError(#"\frac{a}{b"#, .unbalancedBrace, offset: 8, length: 1, containing: "unclosed {")
        expectError("a}", .unbalancedBrace, offset: 1, length: 1, containing: "unmatched }")
        expectError(#"\text{abc"#, .unbalancedBrace, offset: 5, length: 1, containing: "unclosed {")
    }

    @Test func leftWithoutRight() throws {
        expectError(#"\left( x"#, .missingRight, offset: 0, length: 6, containing: #"no matching \right"#)
        expectError(#"{\left( x}"#, .missingRight, offset: 1, length: 6, containing: #"no matching \right"#)
        expectError(#"x \right)"#, .unmatchedRight, offset: 2, length: 6, containing: #"without a matching \left"#)
        expectError(#"\left x \right)"#, .invalidDelimiter, offset: 6, length: 1, containing: "must be followed by a delimiter")
    }

    @Test func environmentErrors() throws {
        expectError(#"\begin{bmatrix} a \end{pmatrix}"#, .environmentMismatch, offset: 18, length: 13,
                    containing: #"\begin{bmatrix} ended by \end{pmatrix}"#)
        expectError(#"\begin{bmatrx} a \end{bmatrx}"#, .unknownEnvironment, offset: 7, length: 6,
                    containing: "did you mean bmatrix?")
        expectError(#"\begin{tabular} a \end{tabular}"#, .unknownEnvironment, offset: 7, length: 7,
                    containing: "supported: matrix")
        expectError(#"\begin{matrix} a & b"#, .missingEnd, offset: 0, length: 14, containing: #"no matching \end{matrix}"#)
        expectError(#"a \end{matrix}"#, .environmentMismatch, offset: 2, length: 4, containing: #"without a matching \begin"#)
    }

    @Test func scriptErrors() throws {
        expectError("x^a^b", .doubleScript, offset: 3, length: 1, containing: "double superscript")
        expectError("x_a_b", .doubleScript, offset: 3, length: 1, containing: "double subscript")
        expectError("x^2'", .doubleScript, offset: 3, length: 1, containing: "prime after a superscript")
        expectError("^2", .scriptWithoutBase, offset: 0, length: 1, containing: "nothing to attach to")
        expectError("a = {_i}", .scriptWithoutBase, offset: 5, length: 1, containing: "nothing to attach to")
        expectError("x^", .missingScript, offset: 1, length: 1, containing: "needs a superscript")
        expectError("{x_}", .missingScript, offset: 2, length: 1, containing: "needs a subscript")
    }

    @Test func missingArguments() throws {
        expectError(#"\frac{a}"#, .missingArgument, offset: 0, length: 5, containing: "needs 2 arguments")
        expectError(#"\sqrt"#, .missingArgument, offset: 0, length: 5, containing: "needs an argument")
        expectError(#"\text x"#, .missingArgument, offset: 0, length: 5, containing: "in braces")
    }

    @Test func misplacedAlignmentAndCommands() throws {
        expectError("a & b", .misplacedAlignment, offset: 2, length: 1, containing: "& outside")
        expectError(#"a \\ b"#, .misplacedAlignment, offset: 2, length: 2, containing: "outside an environment")
        expectError(#"x\limits"#, .misplacedCommand, offset: 1, length: 7, containing: #"must follow an operator"#)
        expectError(#"\operatorname{\frac{a}{b}}"#, .misplacedCommand, offset: 0, length: 13, containing: "letters")
    }

    @Test func unexpectedCharacters() throws {
        expectError("a # b", .unexpectedCharacter, offset: 2, length: 1, containing: "unexpected #")
        expectError(#"\text{a $b$}"#, .unexpectedCharacter, offset: 8, length: 1, containing: "math inside")
        expectError(#"\text{\alpha}"#, .unknownCommand, offset: 6, length: 6, containing: #"not allowed inside \text"#)
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() throws {
        let limit = TeXToMathML.maximumNestingDepth
        let fine = String(repeating: "{", count: limit) + "x" + String(repeating: "}", count: limit)
        #expect(conversionError(fine) == nil)
        let tooDeep = String(repeating: "{", count: limit + 1) + "x" + String(repeating: "}", count: limit + 1)
        #expect(conversionError(tooDeep)?.kind == .tooDeep)
        #expect(conversionError(tooDeep)?.offset == limit)
        let fractions = String(repeating: #"\frac{1}{"#, count: 10_000)
        #expect(conversionError(fractions)?.kind == .tooDeep)
        let lefts = String(repeating: #"\left("#, count: 10_000)
        #expect(conversionError(lefts)?.kind == .tooDeep)
        let roots = String(repeating: #"\sqrt["#, count: 10_000)
        #expect(conversionError(roots)?.kind == .tooDeep)
        let scripts = String(repeating: "x^{", count: 10_000) + "y" + String(repeating: "}", count: 10_000)
        #expect(conversionError(scripts)?.kind == .tooDeep)
        // Each style switch holds the rest of its list, so thirty thousand of them nest.
        let styles = String(repeating: #"\displaystyle "#, count: 30_000) + "x"
        #expect(conversionError(styles)?.kind == .tooDeep)
        #expect(conversionError(styles)?.offset == limit * 14)
        #expect(conversionError(#"\displaystyle a \textstyle b \scriptstyle c"#) == nil)
    }

    @Test func everyErrorKindHasAStableIdentifier() throws {
        for kind in TeXError.Kind.allCases {
            #expect(kind.rawValue.hasPrefix("math."))
        }
    }
}
