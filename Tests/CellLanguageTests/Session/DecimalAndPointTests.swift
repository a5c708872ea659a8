import CellLanguage
import MatrixCalculus
import Testing

/// `e.decimal(digits:)` and named points `let p = [x: 1, y: 2]`.
@Suite struct DecimalAndPointTests {
    func text(_ e: Expr?) throws -> String {
        guard let e else { return "no value" }
        return try TextWriter().write(e)
    }

    @Test func decimalsEvaluateFunctionsOfNumbers() throws {
        var harness = SessionHarness()
        harness.run("let x, y: Scalar")
        #expect(try text(harness.value("exp(1).decimal(digits: 4)")) == "2.718")
        #expect(try text(harness.value("σ(1/2).decimal(digits: 4)")) == "0.6225")
        #expect(try text(harness.value("(exp(2)/(exp(1) + exp(2) + exp(3)) - 1).decimal(digits: 4)")) == "−0.7553")
        #expect(try text(harness.value("(282542481/3200000000).decimal(digits: 4)")) == "0.08829")
        #expect(try text(harness.value("sqrt(2).decimal(digits: 6)")) == "1.41421")
        #expect(try text(harness.value("exp(30).decimal(digits: 4)")) == "1.069×10¹³")
    }

    /// Every decimal shows the digits asked for, trailing zeros included, so a column of values
    /// reads at one precision: ½ with digits: 4 is 0.5000, not 0.5.
    @Test func decimalsKeepTheirTrailingZeros() throws {
        var harness = SessionHarness()
        #expect(try text(harness.value("(1/2).decimal(digits: 4)")) == "0.5000")
        #expect(try text(harness.value("[1/2, 1/4, exp(1)].decimal(digits: 4)")) == "[0.5000, 0.2500, 2.718]ᵀ")
        #expect(try text(harness.value("(10 - 1/100000).decimal(digits: 4)")) == "10.00")
    }

    @Test func symbolsStaySymbolsAndIntegersStayExact() throws {
        var harness = SessionHarness()
        harness.run("let x, y: Scalar")
        #expect(try text(harness.value("(x/2 + exp(1) * y).decimal(digits: 3)")) == "0.500x + 2.72y")
        #expect(try text(harness.value("(x^2 + 1).decimal(digits: 4)")) == "x² + 1")
    }

    @Test func decimalsOfVectorsAndMatricesAreEntryByEntry() throws {
        var harness = SessionHarness()
        #expect(try text(harness.value("[1/3, exp(1), 2].decimal(digits: 4)")) == "[0.3333, 2.718, 2]ᵀ")
        #expect(try text(harness.value("[[1/4, 1], [exp(0), log(2)]].decimal(digits: 3)")) == "[[0.250, 1], [1, 0.693]]")
        #expect(try text(harness.value("softmax([1, 2, 3]).decimal(digits: 3)")) == "[0.0900, 0.245, 0.665]ᵀ")
    }

    @Test func badDigitsAreAnError() {
        var harness = SessionHarness()
        let diagnostics = harness.failure("exp(1).decimal(digits: 0)")
        #expect(diagnostics.first?.message.contains("from 1 to 17") == true)
    }

    @Test func aNamedPointIsUsedByEvaluated() throws {
        var harness = SessionHarness()
        harness.run("let x, y: Scalar\nlet p = [x: 1, y: 2]")
        #expect(try text(harness.value("(3 * x^2 * y).evaluated(at: p)")) == "6")
        #expect(try text(harness.value("gradient(of: 3 * x^2 * y, wrt: [x, y]).evaluated(at: p)")) == "[12, 3]")
        #expect(try text(harness.value("evaluate(x + y, at: p)")) == "3")
        #expect(try text(harness.value("(exp(x) * y).evaluated(at: p).decimal(digits: 4)")) == "5.437")
    }

    @Test func aPointIsNotAValue() {
        var harness = SessionHarness()
        harness.run("let x: Scalar\nlet p = [x: 1]")
        let diagnostics = harness.failure("p + 1")
        #expect(diagnostics.first?.message.contains("'p' is a point") == true)
    }
}
