import Testing
@testable import MatrixCalculus

/// The trace and determinant identities a textbook uses, as canonical forms of the builders, and
/// the matrix determinant lemma as a test of `#expect`'s equality (A, B, C: Matrix<n, n>).
@Suite struct TraceDeterminantTests {
    let A = matrix("A"), B = matrix("B"), C = matrix("C")
    let a = vector("a"), b = vector("b"), u = vector("u"), v = vector("v")
    let c = scalar("c")

    @Test func traceIsLinear() throws {
        #expect(try Expr.trace(A + B) == Expr.trace(A) + Expr.trace(B))
        #expect(try Expr.trace(c * A) == c * Expr.trace(A))
        #expect(try Expr.trace(3 * A - B) == 3 * Expr.trace(A) - Expr.trace(B))
        #expect(try Expr.trace(I()) == Expr.size("n"))
    }

    @Test func traceIsCyclicWithOneCanonicalRotation() throws {
        #expect(try Expr.trace(A * B) == Expr.trace(B * A))
        #expect(try Expr.trace(A * B) - Expr.trace(B * A) == .zero)
        #expect(try Expr.trace(A * B * C) == Expr.trace(C * A * B))
        #expect(try Expr.trace(A * B * C) == Expr.trace(B * C * A))
        // Only rotations: tr(ACB) is another function.
        #expect(try Expr.trace(A * B * C) != Expr.trace(A * C * B))
        #expect(try !checkEquality(Expr.trace(A * B * C), Expr.trace(A * C * B)).isEqual)
        // Non-square factors rotate too: tr(XY) = tr(YX) for X: m×n, Y: n×m.
        let X = matrix("X", "m", "n"), Y = matrix("Y", "n", "m")
        #expect(try Expr.trace(X * Y) == Expr.trace(Y * X))
    }

    @Test func traceOfATransposeAndOfVectors() throws {
        #expect(try Expr.trace(A.T) == Expr.trace(A))
        #expect(try Expr.trace(A.T * B) == Expr.trace(B.T * A))
        #expect(try Expr.trace(a * b.T) == a.T * b)
        #expect(try Expr.trace(a.T * b) == a.T * b)
    }

    /// The canonical rotation is one form whichever way in: a chain of plain symbols (whose
    /// transposes are never searched), with a symmetric factor, with transposed factors.
    @Test func everyRotationAndTransposeHasOneForm() throws {
        #expect(try TextWriter().write(Expr.trace(B * A)) == "tr(AB)")
        #expect(try TextWriter().write(Expr.trace(C * A * B)) == "tr(ABC)")
        let S = matrix("S", "n", "n", [.symmetric])
        #expect(try Expr.trace(S * A) == Expr.trace(A * S))
        #expect(try Expr.trace(A.T * S) == Expr.trace(S * A))
        #expect(try Expr.trace(A.T * B * C) == Expr.trace(C.T * B.T * A))
        #expect(try Expr.trace(B * C * A.T) == Expr.trace(A.T * B * C))
        #expect(try Expr.trace(A.T * B * C) != Expr.trace(A * B * C))
    }

    @Test func aRotationThatCancelsIsTaken() throws {
        #expect(try Expr.trace(Expr.inverse(A) * B * A) == Expr.trace(B))
        #expect(try Expr.trace(A * B * Expr.inverse(A)) == Expr.trace(B))
        #expect(try Expr.trace(Expr.inverse(A) * B * C * A) == Expr.trace(B * C))
    }

    @Test func determinantRules() throws {
        #expect(try Expr.det(A * B) == Expr.det(A) * Expr.det(B))
        #expect(try Expr.det(A.T) == Expr.det(A))
        #expect(try Expr.det(Expr.inverse(A)) == 1 / Expr.det(A))
        #expect(try Expr.det(c * A) == c ** Expr.size("n") * Expr.det(A))
        let D = matrix("D", 3, 3)
        #expect(try Expr.det(2 * D) == 8 * Expr.det(D))
        #expect(try TextWriter().write(Expr.det(2 * D)) == "8det(D)")
        #expect(try Expr.det(Expr.identity("n")) == .one)
    }

    /// det(A + uvᵀ) = (1 + vᵀA⁻¹u)det(A): not a rewrite the builders know, so `#expect` decides it
    /// at random points (random sizes n) — and refuses versions with a sign or an order wrong.
    @Test func matrixDeterminantLemma() throws {
        let M = matrix("M", "n", "n", [.invertible])
        let left = try Expr.det(M + u * v.T)
        #expect(try checkEquality(left, (1 + v.T * Expr.inverse(M) * u) * Expr.det(M)).isEqual)
        #expect(try !checkEquality(left, (1 - v.T * Expr.inverse(M) * u) * Expr.det(M)).isEqual)
        #expect(try !checkEquality(left, (1 + v.T * Expr.inverse(M) * u) * Expr.det(M.T * M)).isEqual)
        #expect(try !checkEquality(left, (1 + v.T * M * u) * Expr.det(M)).isEqual)
    }
}
