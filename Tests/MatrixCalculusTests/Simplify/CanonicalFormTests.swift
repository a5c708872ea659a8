import Testing
@testable import MatrixCalculus

/// One identity per test, as the textbook states it.
@Suite struct CanonicalFormTests {
    let x = scalar("x"), y = scalar("y"), z = scalar("z")
    let u = vector("u"), v = vector("v"), w = vector("w")
    let A = matrix("A"), B = matrix("B")

    @Test func constantsFold() throws {
        #expect(try num(2) + num(3) * num(4) == num(14))
        #expect(try (num(1) / num(3)) + (num(1) / num(6)) == Expr.number(try Rational(1, 2)))
    }

    @Test func likeTermsCollect() throws {
        #expect(try x + x == 2 * x)
        #expect(try x + 2 * x - 3 * x == Expr.zero)
        #expect(try 2 * (x + y) - x == x + 2 * y)
    }

    @Test func powersMerge() throws {
        #expect(try x * x == x ** 2)
        #expect(try x ** 2 * x ** (-1) == x)
        #expect(try x / x == Expr.one)
        #expect(try (x ** 2) ** 3 == x ** 6)
    }

    @Test func numbersComeFirstAndFactorsAreSorted() throws {
        let e = try y * x * 6
        guard case .product(let c, let scalars, _) = e.kind else { Issue.record("\(e)"); return }
        #expect(c == 6)
        #expect(scalars == [x, y])
        #expect(e.description == "6*x*y")
    }

    @Test func negationIsACoefficient() throws {
        guard case .product(let c, let scalars, _) = try (-x).kind else { Issue.record("not a product"); return }
        #expect(c == -1)
        #expect(scalars == [x])
        #expect(try -(-x) == x)
    }

    @Test func neutralAndZeroElementsDisappear() throws {
        #expect(try x + 0 == x)
        #expect(try 1 * x == x)
        #expect(try 0 * x == Expr.zero)
        #expect(try I() * A == A)
        #expect(try A * I() == A)
        #expect(try Expr.zeros(.matrix("n", "n")) * A == Expr.zeros(.matrix("n", "n")))
    }

    @Test func transposeOfAProductReversesIt() throws {
        #expect(try (A * B).T == B.T * A.T)
        #expect(try (A * u).T == u.T * A.T)
    }

    @Test func transposeIsAnInvolution() throws {
        #expect(try A.T.T == A)
        #expect(try (A + B).T == A.T + B.T)
    }

    @Test func transposeOfAScalarIsItself() throws {
        #expect(try x.T == x)
        #expect(try (u.T * v).T == u.T * v)
    }

    @Test func symmetricMatricesEqualTheirTranspose() throws {
        let W = matrix("W", "n", "n", [.symmetric])
        #expect(try W.T == W)
        let S = matrix("S", "n", "n", [.spd])
        #expect(try S.T == S)
    }

    @Test func diagTimesAVectorIsAHadamardProduct() throws {
        #expect(try diag(u) * v == u ⊙ v)
        #expect(try v.T * diag(u) == (u ⊙ v).T)
        #expect(try diag(u) * diag(v) == diag(u ⊙ v))
    }

    @Test func onesTransposedTimesAVectorIsItsSum() throws {
        #expect(try ones().T * u == sum(u))
        #expect(try u.T * ones() == sum(u))
        #expect(try ones().T * ones() == Expr.size("n"))
    }

    @Test func aMatrixTimesItsInverseIsTheIdentity() throws {
        #expect(try A * Expr.inverse(A) == I())
        #expect(try Expr.inverse(Expr.inverse(A)) == A)
        #expect(try Expr.inverse(A * B) == Expr.inverse(B) * Expr.inverse(A))
    }

    @Test func squareRootOfASquareUsesTheAssumptions() throws {
        let s = scalar("s", [.positive])
        #expect(try Expr.sqrt(s ** 2) == s)
        #expect(try Expr.sqrt(x ** 2) == Expr.apply(.abs, x))
    }

    @Test func innerScalarsAreExtractedFromChains() throws {
        // u·vᵀ·w = (vᵀw)·u
        #expect(try u * v.T * w == (v.T * w) * u)
    }

    @Test func dotIsATransposedProduct() throws {
        #expect(try u • v == u.T * v)
        #expect(try Expr.dot(u.T, v) == u.T * v)
    }

    @Test func traceAndDeterminantIdentities() throws {
        #expect(try Expr.trace(I()) == Expr.size("n"))
        #expect(try Expr.trace(u * v.T) == v.T * u)
        #expect(try Expr.trace(A.T) == Expr.trace(A))
        #expect(try Expr.det(A * B) == Expr.det(A) * Expr.det(B))
        #expect(try Expr.det(Expr.inverse(A)) == Expr.det(A) ** (-1))
    }

    @Test func meanIsTheSumOverTheSize() throws {
        #expect(try Expr.mean(u) == sum(u) / Expr.size("n"))
        let v3 = vector("v", 3)
        #expect(try Expr.mean(v3) == sum(v3) / 3)
    }

    @Test func diagonalsMergeInSums() throws {
        #expect(try diag(u) + diag(v) == diag(u + v))
        #expect(try 2 * diag(u) == diag(2 * u))
        #expect(try diag(ones()) == I())
    }

    @Test func reluIsMaxOfZero() throws {
        #expect(try Expr.relu(x) == Expr.maximum(.zero, x))
        // The arguments keep their order: at a tie the derivative is the first one's.
        #expect(try Expr.maximum(x, .zero) != Expr.maximum(.zero, x))
        #expect(try Expr.maximum(num(2), num(5)) == num(5))
    }

    @Test func aSignBesideItsArgumentIsAbsorbed() throws {
        let sign = try Expr.apply(.sign, x), absolute = try Expr.apply(.abs, x)
        #expect(try sign * x == absolute)
        #expect(try sign * absolute == x)
        #expect(try sign / absolute == x ** (-1))
        #expect(try sign / x == absolute ** (-1))
        #expect(try x ** 2 * sign == x * absolute)
        #expect(try sign / x ** 2 == x ** (-1) * absolute ** (-1))
        #expect(try sign * absolute ** 3 == x ** 3)
        #expect(try 3 * y * sign * x ** 3 == 3 * y * absolute ** 3)
        // Another argument's sign stays.
        #expect(try Expr.apply(.sign, y) * x != Expr.apply(.abs, x))
    }

    @Test func aMaxOfAMaxWithTheSameFirstArgumentIsTheInnerOne() throws {
        let inner = try Expr.maximum(.zero, x)
        #expect(try Expr.relu(Expr.relu(x)) == inner)
        #expect(try Expr.maximum(inner, .zero) == inner)
        #expect(try Expr.maximum(inner, x) == inner)
        #expect(try Expr.relu(Expr.relu(u)) == Expr.relu(u))
        #expect(try Expr.minimum(y, Expr.minimum(y, x)) == Expr.minimum(y, x))
        #expect(try Expr.minimum(Expr.minimum(y, x), x) == Expr.minimum(y, x))
        // At x = 0 the outer max takes 0′ and the inner one x′: a different derivative.
        #expect(try Expr.maximum(.zero, Expr.maximum(x, .zero)) != Expr.maximum(x, .zero))
        // max and min do not absorb each other.
        #expect(try Expr.maximum(.zero, Expr.minimum(.zero, x)) != Expr.minimum(.zero, x))
    }

    @Test func exactFunctionValuesFold() throws {
        #expect(try exp(num(0)) == num(1))
        #expect(try log(exp(x)) == x)
        #expect(try Expr.sigmoid(num(0)) == Expr.number(try Rational(1, 2)))
        #expect(try Expr.apply(.abs, num(-3)) == num(3))
    }

    @Test func commonMatrixFactorsArePulledOut() throws {
        #expect(try u.T * A + u.T * A.T == u.T * (A + A.T))
        #expect(try A * u + B * u == (A + B) * u)
    }

    @Test func scalarExpansionInSums() throws {
        // x + z expands z: a vector; x + z − x is z·1.
        let sumShape = try (u + z).shape
        #expect(sumShape == .column("n"))
        #expect(try u + z - u == z * ones())
    }
}

@Suite struct OrientationTests {
    let u = vector("u"), v = vector("v"), x = vector("x"), A = matrix("A"), b = vector("b")

    @Test func aScalarChainHasOneOrientation() throws {
        #expect(try u • v == v • u)
        #expect(try x.T * A.T * x == x.T * A * x)
    }

    @Test func rowSumsAreTransposedColumnSums() throws {
        let r = try A * x + b
        guard case .transpose(let inner) = try r.T.kind else { Issue.record("expected (Ax + b)ᵀ"); return }
        #expect(inner == r)
        #expect(try x.T * A.T + b.T == r.T)
        #expect(try 2 * r.T == (2 * r).T)
    }

    @Test func elementwiseOperationsOfRowsAreTransposed() throws {
        #expect(try exp(x.T) == exp(x).T)
        #expect(try u.T ⊙ v.T == (u ⊙ v).T)
    }
}
