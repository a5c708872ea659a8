import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing

/// The claims a session records, for the evaluate step to verify: one per calculus call, where
/// the call is evaluated, dropped with a failing cell.
@Suite struct DerivativeClaimTests {
    func run(_ text: String, in session: inout CellSession) -> CellResult {
        session.run(cell: CellSource(text: text, file: "lessons/a.md", line: 20, column: 3))
    }

    @Test func everyCalculusCallRecordsAClaimAtTheCall() throws {
        var session = CellSession(options: CellOptions(layout: .denominator))
        let result = run("""
            let x: Vector<n>
            let J = jacobian(of: x ⊙ x, wrt: x)
            J
            #expect(∇(x • x, x) == 2 * x)
            """, in: &session)
        #expect(result.succeeded)
        #expect(result.claims.map(\.operation) == [.jacobian, .gradient])
        let jacobian = try #require(result.claims.first)
        // The call, not the name it is bound to nor the statement that shows it.
        #expect(jacobian.range.start == SourceLocation(file: "lessons/a.md", line: 21, column: 11))
        #expect(jacobian.range.end == SourceLocation(file: "lessons/a.md", line: 21, column: 38))
        #expect(jacobian.layout == .denominator)
        #expect(jacobian.result == result.outputs.first?.value)
        let function = session.evaluate(inline: CellSource(text: "x ⊙ x", file: "t"))
        #expect(jacobian.function == (try function.get().value))
        #expect(jacobian.variables.map(\.description) == ["x"])
        #expect(result.claims[1].range.start == SourceLocation(file: "lessons/a.md", line: 23, column: 11))
    }

    @Test func aListOfScalarsIsKeptAsTheirList() throws {
        var session = CellSession()
        let result = run("let s, t: Scalar\nhessian(of: s^2 * t, wrt: [s, t])", in: &session)
        let claim = try #require(result.claims.first)
        #expect(claim.operation == .hessian)
        #expect(claim.variables.map(\.description) == ["s", "t"])
    }

    @Test func aFailingCellKeepsTheClaimsOfTheStatementsBeforeTheFailure() {
        var session = CellSession()
        _ = run("let x: Vector<n>", in: &session)
        let failing = run("let g = gradient(of: x • x, wrt: x)\nundefinedName\nhessian(of: x • x, wrt: x)", in: &session)
        #expect(!failing.succeeded)
        #expect(failing.claims.map(\.operation) == [.gradient])
    }

    @Test func callsInsideAFunctionBodyAreRecordedWhenCalledNotWhenDefined() {
        var session = CellSession(options: CellOptions(layout: .denominator))
        _ = run("let x: Vector<3>", in: &session)
        let definition = run("func slope(_ w: Vector<3>) -> Vector<3> { gradient(of: (w • x)^2, wrt: x) }", in: &session)
        #expect(definition.succeeded)
        #expect(definition.claims.isEmpty)
        let calls = run("let a: Vector<3>\nslope(a)\nslope(2 * a)", in: &session)
        #expect(calls.succeeded, "\(calls.diagnostics)")
        #expect(calls.claims.count == 2)
        // The call sits in the body, in the defining cell's text.
        #expect(calls.claims.allSatisfy { $0.range.start.line == 20 })
    }

    @Test func anInlineValueReturnsItsClaims() throws {
        var session = CellSession()
        _ = run("let x, y: Scalar", in: &session)
        let inline = session.evaluate(inline: CellSource(text: "∂(3 * x^2 * y, x)", file: "lessons/a.md", line: 5, column: 12))
        let value = try inline.get()
        #expect(value.claims.map(\.operation) == [.derivative])
        #expect(value.claims.first?.range.start == SourceLocation(file: "lessons/a.md", line: 5, column: 12))
        #expect(value.claims.first?.result == value.value)
    }
}
