import Testing
@testable import MatrixCalculus

@Suite struct ShapeErrorTests {
    @Test func mismatchedElementwiseShapesNameBothShapes() {
        let a = vector("a", 3), b = vector("b", 4)
        let error = engineError { try a ⊙ b }
        #expect(error == .shapeMismatch(operation: "⊙", left: .column(3), right: .column(4), suggestion: nil))
        #expect(error?.description == "shapes do not match: Vector<3> ⊙ Vector<4>")
    }

    @Test func vectorTimesVectorSuggestsDotOrHadamard() {
        let a = vector("a", 3), b = vector("b", 3)
        let error = engineError { try a * b }
        #expect(error?.description == "shapes do not match: Vector<3> * Vector<3>; use • for the dot product or ⊙ for the element-wise product")
    }

    @Test func rowTimesColumnIsAScalarAndColumnTimesRowAnOuterProduct() throws {
        let a = vector("a", 3), b = vector("b", 3)
        #expect(try (a.T * b).shape == .scalar)
        #expect(try (a * b.T).shape == .matrix(3, 3))
    }

    @Test func divisionOnlyByAScalar() {
        let a = vector("a", 3)
        #expect(engineError { try num(1) / a } != nil)
        #expect(engineError { try a / num(0) } == .divisionByZero)
    }

    @Test func squareMatricesOnly() {
        let M = matrix("M", 2, 3)
        #expect(engineError { try Expr.det(M) } == .invalidShape(operation: "det", shape: .matrix(2, 3), expected: "a square matrix"))
        #expect(engineError { try Expr.trace(M) } != nil)
        #expect(engineError { try Expr.inverse(M) } != nil)
    }

    @Test func indicesAreChecked() {
        let a = vector("a", 3)
        #expect(engineError { try Expr.component(a, 3) } == .indexOutOfRange(index: [3], shape: .column(3)))
        #expect(engineError { try Expr.component(a, -1) } != nil)
    }

    @Test func dotNeedsVectorsOfOneLength() {
        #expect(engineError { try vector("a", 3) • vector("b", 4) } != nil)
    }
}
