import Testing
@testable import MatrixCalculus

/// Every result of lesson part 1 (Parr & Howard, sections 2–5), computed by the engine.
@Suite struct LessonPart1Tests {
    let x = scalar("x"), y = scalar("y"), z = scalar("z")
    var f: Expr { get throws { try 3 * x ** 2 * y } }
    var g: Expr { get throws { try 2 * x + y ** 8 } }

    @Test func partialDerivativesOf3x2y() throws {
        let dfdx = try derivative(of: f, wrt: x)
        #expect(dfdx == (try 6 * x * y))
        #expect(dfdx.description == "6*x*y")
        #expect(try derivative(of: f, wrt: y) == 3 * x ** 2)
    }

    @Test func gradientIsTheRowOfPartials() throws {
        #expect(try gradient(of: f, wrt: [x, y]) == Expr.matrix([[6 * x * y, 3 * x ** 2]]))
        #expect(try gradient(of: g, wrt: [x, y]) == Expr.matrix([[num(2), 8 * y ** 7]]))
        #expect(try gradient(of: f, wrt: [x, y], layout: .denominator) == Expr.vector([6 * x * y, 3 * x ** 2]))
    }

    @Test func jacobianStacksTheGradients() throws {
        let expected = try Expr.matrix([[6 * x * y, 3 * x ** 2], [num(2), 8 * y ** 7]])
        #expect(try jacobian(of: [f, g], wrt: [x, y]) == expected)
        #expect(try jacobian(of: [f, g], wrt: [x, y], layout: .denominator) == expected.T)
    }

    @Test func jacobianOfTheIdentityIsI() throws {
        let v = vector("x")
        #expect(try jacobian(of: v, wrt: v) == I())
    }

    @Test func elementwiseBinaryOperationsHaveDiagonalJacobians() throws {
        let w = vector("w"), v = vector("x")
        #expect(try derivative(of: w + v, wrt: w) == I())
        #expect(try derivative(of: w - v, wrt: v) == -I())
        #expect(try derivative(of: w ⊙ v, wrt: w) == diag(v))
        #expect(try derivative(of: w ⊘ v, wrt: v) == diag(-(w ⊘ (v ⊙ v))))
    }

    @Test func scalarExpansion() throws {
        let v = vector("x")
        #expect(try derivative(of: v + z, wrt: v) == I())
        #expect(try derivative(of: v + z, wrt: z) == ones())
        #expect(try derivative(of: v * z, wrt: v) == z * I())
        #expect(try derivative(of: v * z, wrt: z) == v)
    }

    @Test func vectorSumReduction() throws {
        let v = vector("x")
        #expect(try gradient(of: sum(v), wrt: v) == ones().T)
        #expect(try derivative(of: sum(v * z), wrt: v) == z * ones().T)
        #expect(try derivative(of: sum(v * z), wrt: z) == sum(v))
    }

    @Test func jacobianOfAnElementwiseSumIsOneDiag() throws {
        let v = vector("x")
        #expect(try jacobian(of: v ⊙ v + sin(v), wrt: v) == diag(2 * v + cos(v)))
    }
}
