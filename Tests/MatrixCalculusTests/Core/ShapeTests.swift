import Testing
@testable import MatrixCalculus

@Suite struct ShapeTests {
    @Test func descriptionsSpellTheLanguageTypes() {
        #expect(Shape.scalar.description == "Scalar")
        #expect(Shape.column(3).description == "Vector<3>")
        #expect(Shape.row(.symbolic("n")).description == "RowVector<n>")
        #expect(Shape.matrix(.symbolic("m"), .symbolic("n")).description == "Matrix<m, n>")
    }

    @Test func oneByOneIsAScalar() {
        #expect(Shape(rows: 1, cols: 1).isScalar)
        #expect(Shape.column(1).isScalar)
        #expect(!Shape.column(2).isScalar)
        #expect(Shape.column(2).transposed == Shape.row(2))
    }
}
