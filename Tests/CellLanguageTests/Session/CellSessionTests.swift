import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing

@Suite("Sessions")
struct CellSessionTests {
    @Test("each bare expression is an output, with its place in the lesson file")
    func outputs() {
        var session = CellSession()
        let result = session.run(cell: CellSource(text: "let x: Scalar\nx + 1\n  2 * x", file: "lessons/a.md", line: 10, column: 4))
        #expect(result.succeeded)
        #expect(result.outputs.count == 2)
        #expect(result.outputs.map(\.range.start) == [
            SourceLocation(file: "lessons/a.md", line: 11, column: 4),
            SourceLocation(file: "lessons/a.md", line: 12, column: 6),
        ])
        #expect(result.outputs.last?.range.end == SourceLocation(file: "lessons/a.md", line: 12, column: 11))
    }

    @Test("a failing statement keeps the names bound before it, and nothing after it")
    func statementsBeforeAFailureStay() {
        var session = CellSession()
        #expect(session.run(cell: CellSource(text: "let x: Scalar\nvar v = x", file: "a")).succeeded)
        let failing = session.run(cell: CellSource(text: "let y: Scalar\nv = 2 * x\nq + 1\nlet w = y", file: "a"))
        #expect(!failing.succeeded)
        #expect(failing.outputs.isEmpty)
        // y was declared and v bound again before the failing line; w, after it, was not.
        #expect(session.run(cell: CellSource(text: "y", file: "a")).succeeded)
        let v = session.run(cell: CellSource(text: "v", file: "a")).outputs.first?.value
        #expect(v == (try? Expr.multiply(.integer(2), Expr.symbol("x"))))
        #expect(session.run(cell: CellSource(text: "w", file: "a")).diagnostics.map(\.id) == ["cell.unknown-name"])
    }

    @Test("a cell counts the #expects that held, and those simplification decided")
    func expectationsDecidedSymbolically() {
        var harness = SessionHarness()
        let result = harness.runAllowingFailure("""
            let x: Scalar
            #expect(x * (x + 1) == x^2 + x)
            #expect((x^2 - 1) / (x - 1) == x + 1)
            #expect(sin(x)^2 + cos(x)^2 == 1)
            """)
        #expect(result.succeeded)
        #expect(result.expectationsPassed == 3)
        // sin² + cos² = 1 is not a rational identity: it holds at random points.
        #expect(result.expectationsSymbolic == 2)
    }

    @Test("let shadows, var re-binds, and only var can be assigned")
    func bindings() {
        var harness = SessionHarness()
        harness.run("let x: Scalar\nlet a = x\nlet a = 2 * x\nvar b = x\nb = 3 * x\n#expect(a == 2 * x)\n#expect(b == 3 * x)")
        #expect(harness.failure("a = x").map(\.id) == ["cell.immutable-binding"])
        #expect(harness.failure("b = [x, x]").map(\.id) == ["cell.shape-mismatch"])
    }

    @Test("a function defined in one cell and failing in another points at its body")
    func functionAcrossCells() {
        var session = CellSession()
        #expect(session.run(cell: CellSource(text: "func f(_ v: Vector<m>) -> Scalar { sum(v) }", file: "lessons/a.md", line: 3)).succeeded)
        let call = session.run(cell: CellSource(text: "let w: Vector<3>\nf(w) + f(2)", file: "lessons/a.md", line: 20))
        #expect(call.diagnostics.map(\.id) == ["cell.shape-mismatch"])
        #expect(call.diagnostics.first?.location?.line == 21)
        #expect(call.diagnostics.first?.notes.first?.location?.line == 3)
    }

    @Test("a function's body is checked when it is defined")
    func definitionChecked() {
        var harness = SessionHarness()
        let errors = harness.failure("func f(_ x: Scalar) -> Vector<3> { x^2 }")
        #expect(errors.map(\.id) == ["cell.shape-mismatch"])
        #expect(harness.failure("func g(_ x: Scalar) -> Scalar { x + undefinedName }").map(\.id) == ["cell.unknown-name"])
    }

    @Test("an inline expression sees the session's names and declares nothing")
    func inline() {
        var session = CellSession()
        _ = session.run(cell: CellSource(text: "let x, y: Scalar", file: "a"))
        let value = session.evaluate(inline: CellSource(text: "∂(3 * x^2 * y, x)", file: "lessons/a.md", line: 5, column: 12))
        #expect((try? value.get())?.value.shape == .scalar)
        let declaration = session.evaluate(inline: CellSource(text: "let z: Scalar", file: "lessons/a.md", line: 5, column: 12))
        guard case .failure(let failure) = declaration else {
            Issue.record("a declaration is not an inline value")
            return
        }
        #expect(failure.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 5, column: 12))
    }

    @Test("assumptions reach the engine's symbols")
    func assumptions() {
        var harness = SessionHarness()
        harness.run("@positive let s: Scalar\n#expect(sqrt(s^2) == s)\n@symmetric let W: Matrix<n, n>\n#expect(W.T == W)")
    }

    @Test("the time budget ends a cell with an error naming the limit")
    func timeBudget() {
        var session = CellSession(options: CellOptions(limits: CellLimits(time: .zero)))
        let result = session.run(cell: CellSource(text: "let x: Scalar\nx", file: "a"))
        #expect(result.diagnostics.map(\.id) == ["cell.budget-exceeded"])
        #expect(result.diagnostics.first?.message.contains("time limit of 0 ms") == true)
    }

    @Test("one long engine call stops at the time limit, with the same error naming the limit")
    func timeBudgetInsideOneEngineCall() {
        // Without the engine's own deadline this one call runs for many seconds.
        var session = CellSession(options: CellOptions(limits: CellLimits(time: .milliseconds(50))))
        let result = session.run(cell: CellSource(
            text: "let x: Vector<30>\nhessian(of: components(sum(sin(x * x.T) * x)), wrt: x)", file: "a"))
        #expect(result.diagnostics.map(\.id) == ["cell.budget-exceeded"])
        #expect(result.diagnostics.first?.message.contains("time limit of 50 ms") == true)
        #expect(result.outputs.isEmpty)
    }

    @Test("an inline value stops at the time limit too")
    func timeBudgetInsideAnInlineValue() {
        var session = CellSession(options: CellOptions(limits: CellLimits(time: .milliseconds(50))))
        #expect(session.run(cell: CellSource(text: "let x: Vector<30>", file: "a")).succeeded)
        let result = session.evaluate(inline: CellSource(text: "hessian(of: components(sum(sin(x * x.T) * x)), wrt: x)", file: "a"))
        guard case .failure(let failure) = result else { Issue.record("the inline value did not stop"); return }
        #expect(failure.diagnostics.map(\.id) == ["cell.budget-exceeded"])
        #expect(failure.diagnostics.first?.message.contains("time limit of 50 ms") == true)
    }

    @Test("the size budget ends a cell with an error naming the limit")
    func sizeBudget() {
        var session = CellSession(options: CellOptions(limits: CellLimits(expressionSize: 5)))
        let result = session.run(cell: CellSource(text: "let x, y, z: Scalar\nx * y + y * z + x * z", file: "a"))
        #expect(result.diagnostics.map(\.id) == ["cell.budget-exceeded"])
        #expect(result.diagnostics.first?.message.contains("5 distinct parts") == true)
    }
}
