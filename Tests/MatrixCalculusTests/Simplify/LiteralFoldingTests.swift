import Testing
@testable import MatrixCalculus

/// Products and sums whose operands all have explicit entries are written out entry by entry;
/// anything symbolic stays in matrix form.
@Suite struct LiteralFoldingTests {
    let t = scalar("t")

    func literal(_ rows: [[Int]]) throws -> Expr {
        try Expr.matrix(rows.map { $0.map(Expr.integer) })
    }

    func rational(_ p: Int, _ q: Int) throws -> Expr { try num(p) / num(q) }

    @Test func aNumberTimesALiteralScalesItsEntries() throws {
        let e = try 2 * Expr.vector([num(1), t])
        #expect(e.literalRows != nil)
        #expect(try e == Expr.vector([num(2), 2 * t]))
    }

    @Test func aStepOfGradientDescentIsOneVector() throws {
        // [½, ½] − 0.1·[−7/3, −7/3] = [11/15, 11/15]
        let half = try rational(1, 2), step = try rational(1, 10), slope = try rational(-7, 3)
        let e = try Expr.vector([half, half]) - step * Expr.vector([slope, slope])
        #expect(try e == Expr.vector([rational(11, 15), rational(11, 15)]))
    }

    @Test func anOuterProductOfLiteralsIsAMatrixLiteral() throws {
        let e = try Expr.vector([num(1), num(1)]) * Expr.vector([num(1), 2 * t]).T
        #expect(try e == Expr.matrix([[num(1), 2 * t], [num(1), 2 * t]]))
    }

    @Test func anInnerProductOfLiteralsIsAScalar() throws {
        let e = try Expr.vector([num(1), num(1)]).T * Expr.vector([num(1), 2 * t])
        #expect(try e == 2 * t + 1)
    }

    @Test func aChainOfLiteralsMultipliesOut() throws {
        let e = try literal([[1, 2], [3, 4]]) * literal([[0, 1], [1, 0]]) * Expr.vector([t, num(1)])
        #expect(try e == Expr.vector([2 * t + 1, 4 * t + 3]))
    }

    @Test func symbolicOperandsStayInMatrixForm() throws {
        let A = Expr.symbol("A", .matrix(2, 2)), v = try Expr.vector([num(1), num(2)])
        guard case .product(_, _, let factors) = try (A * v).kind else { Issue.record("A·v was folded"); return }
        #expect(factors == [A, v])
        let u = vector("u", 2)
        guard case .product(_, _, let literalTimesSymbol) = try (v.T * u).kind else { Issue.record("vᵀu was folded"); return }
        #expect(literalTimesSymbol.count == 2)
        let uT = try u.T
        #expect(literalTimesSymbol.contains(u) || literalTimesSymbol.contains(uT))
    }

    @Test func aScalarTimesALiteralGoesIntoItsEntries() throws {
        #expect(try t * Expr.vector([num(1), num(2)]) == Expr.vector([t, 2 * t]))
        // As the Hessian of a written-out expression produces them: x₁[0, 1]ᵀ + x₂[1, 0]ᵀ is one vector.
        let x = Expr.symbol("x", .column(2)), x1 = try Expr.component(x, 0), x2 = try Expr.component(x, 1)
        let e = try x1 * Expr.vector([num(0), num(1)]) + x2 * Expr.vector([num(1), num(0)])
        #expect(e == (try Expr.vector([x2, x1])))
    }
}
