import Testing
@testable import MatrixCalculus

@Suite struct ComponentsTests {
    @Test func diagOfAVectorIsWrittenOut() throws {
        let w = vector("w", 3)
        let c = try Expr.components(diag(w))
        let w0 = try Expr.component(w, 0), w1 = try Expr.component(w, 1), w2 = try Expr.component(w, 2)
        #expect(c == (try Expr.matrix([[w0, .zero, .zero], [.zero, w1, .zero], [.zero, .zero, w2]])))
    }

    @Test func aMatrixProductIsWrittenOut() throws {
        let A = matrix("A", 2, 2), x = vector("x", 2)
        let c = try Expr.components(A * x)
        let a = { (i: Int, j: Int) throws -> Expr in try Expr.entry(A, i, j) }
        let xi = { (i: Int) throws -> Expr in try Expr.component(x, i) }
        #expect(c == (try Expr.vector([try a(0, 0) * xi(0) + a(0, 1) * xi(1), try a(1, 0) * xi(0) + a(1, 1) * xi(1)])))
    }

    @Test func reductionsOfConcreteVectorsAreWrittenOut() throws {
        let x = vector("x", 3)
        let parts = try (0..<3).map { try Expr.component(x, $0) }
        #expect(try Expr.components(sum(x)) == Expr.sum(parts))
    }

    @Test func determinantsOfSmallMatrices() throws {
        let m = try Expr.matrix([[num(1), num(2)], [num(3), num(4)]])
        #expect(try Expr.components(Expr.det(m)) == num(-2))
        let inverse = try Expr.components(Expr.inverse(m))
        #expect(try Expr.components(m * inverse) == Expr.components(I(2)))
    }

    @Test func symbolicSizesAreAnError() {
        #expect(engineError { try Expr.components(diag(vector("w"))) } == .symbolicSize(operation: "components", shape: .matrix("n", "n")))
    }
}

@Suite struct ComponentLimitTests {
    @Test func hugeConcreteSizesStopAtTheLimit() {
        let big = Dimension.concrete(1 << 40)
        #expect(engineError { try Expr.components(Expr.identity(big)) } == .limitExceeded("more than \(Limits.maxComponents) entries"))
        #expect(engineError { try Expr.components(vector("x", .concrete(2_000_000))) } == .limitExceeded("more than \(Limits.maxComponents) entries"))
    }

    @Test func nonPositiveSizesAreErrorsNotCrashes() {
        #expect(engineError { try Expr.components(vector("x", .concrete(0))) } != nil)
        #expect(engineError { try Expr.components(Expr.identity(.concrete(-3))) } != nil)
    }
}
