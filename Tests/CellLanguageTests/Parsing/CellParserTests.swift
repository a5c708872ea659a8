@testable import CellLanguage
import Testing

@Suite("Parsing and operator precedence")
struct CellParserTests {
    @Test("a power binds tighter than prefix minus, as in mathematics")
    func prefixMinusAfterPower() throws {
        #expect(try parseExpression("-x^2") == "(- (^ x 2))")
        #expect(try parseExpression("a * -x^2") == "(* a (- (^ x 2)))")
        #expect(try parseExpression("-x * y") == "(* (- x) y)")
    }

    @Test("^ is right-associative and above multiplication")
    func power() throws {
        #expect(try parseExpression("2^3^2") == "(^ 2 (^ 3 2))")
        #expect(try parseExpression("3 * x^2 * y") == "(* (* 3 (^ x 2)) y)")
        #expect(try parseExpression("x^(-1)") == "(^ x (- 1))")
    }

    @Test("the multiplicative operators share one level and associate left")
    func multiplicative() throws {
        #expect(try parseExpression("a ⊙ b ⊘ c • d") == "(• (⊘ (⊙ a b) c) d)")
        #expect(try parseExpression("a .* b ./ c ⊗ d / e") == "(/ (⊗ (./ (.* a b) c) d) e)")
        #expect(try parseExpression("a + b * c - d") == "(- (+ a (* b c)) d)")
        #expect(try parseExpression("w • x + b") == "(+ (• w x) b)")
    }

    @Test("calls, members, subscripts, literals and the calculus operators")
    func postfixForms() throws {
        #expect(try parseExpression("x.T * A * x") == "(* (* (T x) A) x)")
        #expect(try parseExpression("gradient(of: 3 * x^2 * y, wrt: [x, y])") == "(gradient of: (* (* 3 (^ x 2)) y) wrt: [x y])")
        #expect(try parseExpression("∂(f, x)") == "(∂ f x)")
        #expect(try parseExpression("∇(f, x)") == "(∇ f x)")
        #expect(try parseExpression("∂(f, x).T") == "(T (∂ f x))")
        #expect(try parseExpression("∂(f, x).evaluated(at: [x: 1])[0]") == "(at (.evaluated (∂ f x) at: [x: 1]) 0)")
        #expect(try parseExpression("e.evaluated(at: [x: 1, y: 2])") == "(.evaluated e at: [x: 1 y: 2])")
        #expect(try parseExpression("[[a, b], [c, d]]") == "[[a b] [c d]]")
        #expect(try parseExpression("A[1, 0] + x[2]") == "(+ (at A 1 0) (at x 2))")
        #expect(try parseExpression("ones(3).T") == "(T (ones 3))")
        #expect(try parseExpression("0.5 + 1_000") == "(+ 0.5 1000)")
    }

    @Test("every declaration form of the spec")
    func declarations() throws {
        let program = try CellParser.parse("""
            let x, y: Scalar            // declares symbols
            let w, x: Vector<3>
            let A: Matrix<n, n>
            let b = 2 * x + 1
            var z = w • x
            func f(_ x: Scalar, _ y: Scalar) -> Scalar { 3 * x^2 * y }
            func loss(w: Vector<n>, b: Scalar) -> Scalar { return sum(w ⊙ w) + b^2 }
            @positive let s: Scalar
            @symmetric let W: Matrix<n, n>
            z = x • x; #expect(z == z, "reflexive")
            """)
        let kinds = program.statements.map { statement -> String in
            switch statement.kind {
            case .declaration(let names, let type, let attributes, _):
                "declare \(names.map(\.text).joined(separator: ",")): \(type.text)" + attributes.map { " @" + $0.text }.joined()
            case .binding(let name, _, let value, let isVariable): "\(isVariable ? "var" : "let") \(name.text) = \(value.form)"
            case .assignment(let name, let value): "\(name.text) = \(value.form)"
            case .function(let function):
                "func \(function.name.text)(\(function.parameters.map { ($0.label ?? "_") + " " + $0.name.text + ": " + $0.type.text }.joined(separator: ", "))) = \(function.body.form)"
            case .expect(let lhs, let rhs, let message): "expect \(lhs.form) == \(rhs.form) \(message ?? "")"
            case .expression(let value): value.form
            }
        }
        #expect(kinds == [
            "declare x,y: Scalar",
            "declare w,x: Vector<3>",
            "declare A: Matrix<n, n>",
            "let b = (+ (* 2 x) 1)",
            "var z = (• w x)",
            "func f(_ x: Scalar, _ y: Scalar) = (* (* 3 (^ x 2)) y)",
            "func loss(w w: Vector<n>, b b: Scalar) = (+ (sum (⊙ w w)) (^ b 2))",
            "declare s: Scalar @positive",
            "declare W: Matrix<n, n> @symmetric",
            "z = (• x x)",
            "expect z == z reflexive",
        ])
    }

    @Test("whitespace that turns ^ into a postfix or prefix operator is reported")
    func operatorSpacing() {
        let postfix = syntaxErrors("x^ * y")
        #expect(postfix.map(\.id) == [.operatorSpacing])
        #expect(postfix.first?.message.contains("postfix") == true)

        let prefix = syntaxErrors("x ^2")
        #expect(prefix.map(\.id) == [.operatorSpacing])
        #expect(prefix.first?.message.contains("prefix") == true)
    }

    @Test("a negative exponent without parentheses suggests them")
    func joinedOperators() {
        let errors = syntaxErrors("x^-1")
        #expect(errors.map(\.id) == [.operatorSpacing])
        #expect(errors.first?.fixIts.map(\.replacement) == ["^(-1)"])
        #expect(syntaxErrors("2 *-x").first?.fixIts.map(\.replacement) == ["* -"])
    }

    @Test("Swift that is not the cell language is named as such", arguments: [
        ("for i in 0..<3 { }", "a 'for' loop"),
        ("while true { }", "a 'while' loop"),
        ("if a { b }", "'if'"),
        ("class A {}", "a class"),
        ("struct S {}", "a struct"),
        ("import Foundation", "'import'"),
        ("let c = { x in x }", "a closure"),
        ("let s = \"text\"", "a string literal"),
        ("let s = \"\\(x)\"", "string interpolation"),
        ("let t = try f(x)", "'try'"),
        ("let b = true", "a Boolean literal"),
    ])
    func notInLanguage(source: String, construct: String) {
        let errors = syntaxErrors(source)
        #expect(errors.map(\.id) == [.notInLanguage])
        #expect(errors.first?.message == "\(construct) is not part of the cell language")
    }

    @Test("== outside #expect is an error with a fix-it")
    func equalityOutsideExpect() {
        let errors = syntaxErrors("x == y")
        #expect(errors.first?.message == "'==' is only allowed inside #expect")
        #expect(errors.first?.fixIts.first?.replacement == "#expect(x == y)")
    }

    @Test("the parser's own syntax errors come with its fix-its")
    func parserErrors() {
        let errors = syntaxErrors("f(x, ")
        #expect(errors.allSatisfy { $0.id == .syntax })
        #expect(errors.contains { $0.fixIts.contains { $0.replacement == ")" } })
    }

    @Test("U+FFFD is refused before swift-syntax's diagnostics can crash on it")
    func replacementCharacter() {
        let errors = syntaxErrors("let a\u{FFFD} = 1")
        #expect(errors.map(\.id) == [.invalidCharacter])
        #expect(errors.first?.span == CellSpan(5, 8))
    }

    @Test("a declaration needs a type or a value")
    func untypedDeclaration() {
        let errors = syntaxErrors("let x, y")
        #expect(errors.first?.message == "'y' needs a type, such as Scalar, Vector<n> or Matrix<m, n>")
        #expect(errors.first?.fixIts.first?.replacement == ": Scalar")
    }

    @Test("unknown types and malformed dimensions")
    func types() {
        #expect(syntaxErrors("let x: Double").first?.message == "unknown type 'Double'; the types are Scalar, Vector<n> and Matrix<m, n>")
        #expect(syntaxErrors("let x: Vector<2, 3>").first?.message == "Vector is written Vector<n>")
        #expect(syntaxErrors("let x: Vector<0>").first?.message == "a dimension is a positive integer or a name")
    }

    @Test("nesting is limited before anything recurses; the terms of a long sum are not nested")
    func nestingLimit() {
        let long = Array(repeating: "x", count: 3000).joined(separator: " + ")
        #expect(syntaxErrors(long).isEmpty)
        let deep = String(repeating: "(", count: 101) + "x" + String(repeating: ")", count: 101)
        #expect(syntaxErrors(deep).map(\.id) == [.budgetExceeded])
        let parentheses = String(repeating: "(", count: 20) + "x" + String(repeating: ")", count: 20)
        #expect(syntaxErrors(parentheses).isEmpty)
    }
}
