import Testing
import MatrixCalculus

/// Writers stop at a documented limit instead of unfolding a shared DAG into an enormous page,
/// and write the deepest expressions the engine builds.
@Suite struct WriterLimitsTests {
    @Test func aHeavilySharedExpressionIsRefused() throws {
        var e = scalar("x")
        for _ in 0..<40 { e = try sin(e) + cos(e) }  // a DAG of ~80 nodes, a tree of ~2⁴⁰
        for write in [{ try TextWriter().write(e) }, { try LaTeXWriter().write(e) }, { try MathMLWriter().write(e) },
                          { try WrittenExpression(e, display: .block).text }] {
            #expect(throws: EngineError.limitExceeded("an expression too large to write (more than \(WriterLimits.maxPrintedSize) symbols)")) {
                _ = try write()
            }
        }
    }

    @Test func theDeepestExpressionIsWritten() throws {
        var e = scalar("x")
        var depth = 1
        while true {
            guard let deeper = try? sin(e) else { break }
            e = deeper
            depth += 1
        }
        #expect(depth > 100)
        let text = try TextWriter().write(e)
        #expect(text == String(repeating: "sin(", count: depth - 1) + "x" + String(repeating: ")", count: depth - 1))
        #expect(try MathMLWriter().write(e).hasSuffix("</math>"))
        #expect(try LaTeXWriter().write(e).hasPrefix("\\sin(\\sin("))
    }
}
