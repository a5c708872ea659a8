import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing

/// `#expect(a == b)` decided at random points is confirmed in high precision (session 9): a
/// Double agreement is only a filter. Each false identity here held before — Double made both
/// sides 0 (underflow), 1 (saturation), equal to 10⁻¹² (the tolerance) or lost a +1 inside
/// sin's argument (absorption) — and the true identities beside them are the numerically
/// delicate ones (cancellation, large and small magnitudes) that must still hold.
@Suite struct PreciseConfirmationTests {
    func failure(_ cells: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Diagnostic] {
        var harness = SessionHarness()
        for cell in cells.dropLast() { harness.run(cell, sourceLocation: sourceLocation) }
        return harness.failure(cells.last ?? "", sourceLocation: sourceLocation)
    }

    /// The reproducers of session 9 (and what probing found beside them): each must fail with a
    /// counterexample.
    @Test(arguments: [
        "#expect(exp(-1e6*x^2) == 2*exp(-1e6*x^2))",
        "#expect(exp(-1000*x^2 - 1000) == 2*exp(-1000*x^2-1000))",
        "#expect(sigmoid(-1e6*x^2-1000) == 2*sigmoid(-1e6*x^2-1000))",
        "#expect(exp(x)*1e-320 == 0)",
        "#expect(exp(x)*1e-20 == exp(x)*2e-20)",
        "#expect(sin(x)*(1 + 1e-12) == sin(x))",
        "#expect(exp(x + 1e-14) == exp(x))",
        "#expect(sigmoid(1000+x^2) == 1)",
        "#expect(tanh(1000+x^2) == 1)",
        "#expect(sin(x*1e20) == sin(x*1e20 + 1))",
        "#expect(exp(-100-x^2) + 1 == 1)",
        "#expect(cos(x*1e-60) == 1)",
        "#expect(sin(x*1e-200) == 0)",
        "#expect(log(1 + x^2*1e-30) == 0)",
        "#expect(sqrt(x^2 + 1e-40) == abs(x))",
        "#expect(max(exp(-1e6*x^2), 2*exp(-1e6*x^2)) == exp(-1e6*x^2))",
        "#expect(exp(x)^(1/3) * (1 + 1e-15) == exp(x/3))",
        // log σ(u) adds an underflowing e^(−u) to 1; as an exact 0 it made the left side exactly 0.
        "#expect(log(sigmoid(1000+x^2)) == 0)",
        // 10⁻⁶⁰ relatively apart: the precision counts how far below 1 the literal 1e-30 is.
        "#expect(tanh(x*1e-30) == x*1e-30)",
        // log near 1 loses the bits of its argument's distance to 1, and asks for them.
        "#expect(log(1 + 1e-40*x^2) == 1e-40*x^2)",
    ])
    func falseIdentitiesHiddenByDoubleFail(_ expectation: String) {
        let diagnostics = failure(["let x: Scalar", expectation])
        #expect(diagnostics.map(\.id) == ["cell.expect-failed"], "\(diagnostics.map(\.message)) \(diagnostics.flatMap(\.notes).map(\.message))")
    }

    @Test func vectorsAndMatricesAreConfirmedToo() {
        for expectation in [
            "#expect(exp(v)*1e-20 == exp(v)*2e-20)",
            "#expect(sum(exp(-1e6*v)) == 2*sum(exp(-1e6*v)))",
            "#expect(A*exp(v)*(1 + 1e-13) == A*exp(v))",
            "#expect(det(A)*exp(-1e4 - sum(v)^2) == 2*det(A)*exp(-1e4 - sum(v)^2))",
        ] {
            let diagnostics = failure(["let v: Vector<2>\nlet A: Matrix<2,2>", expectation])
            #expect(diagnostics.map(\.id) == ["cell.expect-failed"], "\(expectation): \(diagnostics.map(\.message))")
        }
    }

    /// True identities that Double computes with large relative errors or at the edge of its
    /// range, and that the precise comparison must not reject.
    @Test func numericallyDelicateTrueIdentitiesHold() {
        var harness = SessionHarness()
        harness.run("""
            let x, y: Scalar
            let v: Vector<3>
            let A: Matrix<2,2>
            let w: Vector<2>
            #expect(exp(x)^2 - exp(2*x) == 0)
            #expect((x+1)^2 - x^2 - 2*x - 1 == 0)
            #expect(log(exp(x)) == x)
            #expect(sigmoid(x) + sigmoid(-x) == 1)
            #expect(tanh(x) == (exp(2*x) - 1)/(exp(2*x) + 1))
            #expect(tanh(x) == 2*sigmoid(2*x) - 1)
            #expect(sin(x)^2 + cos(x)^2 == 1)
            #expect(sin(2*x) == 2*sin(x)*cos(x))
            #expect(sin(x*1e20)^2 + cos(x*1e20)^2 == 1)
            #expect(exp(x)*1e-320 == 1e-320*exp(x))
            #expect(exp(-1e6*x^2)*exp(1e6*x^2) == 1)
            #expect(exp(x + y) == exp(x)*exp(y))
            #expect(log(exp(x)*1e-300) == x + log(1e-300))
            #expect(sqrt(exp(2*x)) == exp(x))
            #expect(exp(x/3)^3 == exp(x))
            #expect(log(sum(exp(v))) == log(sum(exp(v - max(v[0], v[1])))) + max(v[0], v[1]))
            #expect(sigmoid(x)*(1 - sigmoid(x)) == exp(-x)/(1 + exp(-x))^2)
            #expect(relu(x) - relu(-x) == x)
            #expect(abs(sin(x)) == sqrt(sin(x)^2))
            #expect(det(exp(1e-3*A)) == exp(1e-3*A)[0,0]*exp(1e-3*A)[1,1] - exp(1e-3*A)[0,1]*exp(1e-3*A)[1,0])
            #expect(inverse(A)*A*exp(w) == exp(w))
            #expect(exp(20*x)^2 - exp(40*x) == 0)
            #expect(tanh(x*1e-30) == 2*sigmoid(2e-30*x) - 1)
            #expect(log(sigmoid(1000+x^2)) == -log(1 + exp(-1000-x^2)))
            #expect(log(1 + 1e-40*x^2) == 2*log(sqrt(1 + 1e-40*x^2)))
            """)
    }

    /// A literal of thousands of digits asks for more bits than the cap: the point is
    /// undecided (never equal), promptly.
    @Test func precisionBeyondTheCapIsUndecidedNotEqual() {
        let digits = String(repeating: "1", count: 2_000)
        let diagnostics = failure(["let x: Scalar", "#expect(exp(x)*\(digits) == exp(x)*\(digits).5)"])
        #expect(diagnostics.map(\.id) == ["cell.expect-undecided"], "\(diagnostics.map(\.message))")
    }

    /// The counterexample shows the precise values, readably (no thousands of digits).
    @Test func counterexamplesShowThePreciseValues() throws {
        let diagnostics = failure(["let x: Scalar", "#expect(exp(-1e6*x^2) == 2*exp(-1e6*x^2))"])
        let notes = try #require(diagnostics.first).notes.map(\.message).joined(separator: "\n")
        #expect(notes.contains("they differ at x = "), "\(notes)")
        #expect(notes.count < 400, "\(notes)")
        let saturated = failure(["let x: Scalar", "#expect(sigmoid(1000+x^2) == 1)"])
        let text = try #require(saturated.first).notes.map(\.message).joined(separator: "\n")
        #expect(text.contains("≠ 1"), "\(text)")
    }
}
