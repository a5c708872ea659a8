@testable import CellLanguage
import Testing

@Suite("The REPL")
struct CellReplTests {
    @Test("a func body and open brackets continue over lines")
    func multiLine() {
        var repl = CellRepl()
        #expect(repl.enter("let x, y: Scalar") == "")
        #expect(repl.enter("func f(_ x: Scalar, _ y: Scalar) -> Scalar {") == "")
        #expect(repl.prompt == "  ... ")
        #expect(repl.enter("    3 * x^2 * y") == "")
        #expect(repl.enter("}") == "")
        #expect(repl.prompt == "calc> ")
        #expect(repl.enter("f(1, 2)") == "6\n")
        #expect(repl.enter("[1,") == "")
        #expect(repl.enter(" 2] ⊙ [3, 4]").isEmpty == false)
    }

    @Test("an error keeps the session and its names")
    func errorsKeepSession() {
        var repl = CellRepl()
        _ = repl.enter("let x: Scalar")
        let error = repl.enter("gradiant(of: x, wrt: x)")
        #expect(error.contains("error: unknown name 'gradiant'; did you mean 'gradient'?"))
        #expect(repl.enter("∂(x^2, x) - 2 * x") == "0\n")
    }

    @Test(":help, :quit and unknown commands")
    func commands() {
        var repl = CellRepl()
        #expect(repl.enter(":help") == CellRepl.help)
        #expect(repl.enter(":frobnicate").contains("unknown command"))
        #expect(!repl.finished)
        _ = repl.enter(":quit")
        #expect(repl.finished)
    }

    @Test("comments and strings do not count as brackets; a trailing operator continues")
    func continuation() {
        #expect(CellRepl.needsMoreInput("let a = 1 + // (") == true)
        #expect(CellRepl.needsMoreInput("let a = 1 // (") == false)
        #expect(CellRepl.needsMoreInput("#expect(a == b, \"(\")") == false)
        #expect(CellRepl.needsMoreInput("/* open") == true)
    }
}
