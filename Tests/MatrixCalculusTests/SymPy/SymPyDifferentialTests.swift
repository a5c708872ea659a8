import Foundation
import Testing
@testable import MatrixCalculus

/// The differential test against SymPy: ≥ 500 generated expressions (scripts/sympy-fixtures.py,
/// committed as Fixtures/sympy-derivatives.json) differentiated by the engine and compared with
/// SymPy's values at the fixture's points; every derivative also passes the independent numeric
/// check at random points.
@Suite struct SymPyDifferentialTests {
    @Test func fixtureIsLargeEnough() throws {
        let fixture = try SymPyFixture.load()
        #expect(fixture.cases.count >= 500)
        #expect(fixture.sympyVersion.hasPrefix("1.14"))
        #expect(fixture.cases.contains { $0.variables.first?.shape.isColumn == true })
    }

    @Test func engineDerivativesAgreeWithSymPy() throws {
        let fixture = try SymPyFixture.load()
        let options = NumericCheckOptions()
        var failures: [String] = []
        for c in fixture.cases {
            do {
                let claimed = c.variables.count == 1 && c.variables[0].shape.isColumn
                    ? try derivative(of: c.expression, wrt: c.variables[0])
                    : try derivative(of: c.expression, wrt: c.variables)
                for sample in c.points {
                    // The expression itself first: the fixture's syntax was rebuilt faithfully.
                    let f = try c.expression.value(at: sample.point)
                    let sympyF = Value(NumericArray(rows: f.rows, cols: f.cols, entries: sample.f))
                    guard ValueComparison.agree(f, sympyF, options) else {
                        failures.append("case \(c.id): f = \(f) but SymPy has \(sample.f) at \(sample.point)")
                        continue
                    }
                    let value = try claimed.value(at: sample.point)
                    let rows = sample.derivative.count, cols = sample.derivative.first?.count ?? 0
                    let sympy = Value(NumericArray(rows: rows, cols: cols, entries: sample.derivative.flatMap { $0 }))
                    if !ValueComparison.agree(value, sympy, options) {
                        failures.append("case \(c.id): \(claimed) = \(value) but SymPy has \(sympy) at \(sample.point)")
                    }
                }
            } catch {
                failures.append("case \(c.id): \(c.expression): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(fixture.cases.count) cases disagree:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test func everyEngineDerivativePassesTheNumericCheck() throws {
        let fixture = try SymPyFixture.load()
        var failures: [String] = []
        for c in fixture.cases {
            do {
                let isVector = c.variables.count == 1 && c.variables[0].shape.isColumn
                let claimed = isVector
                    ? try derivative(of: c.expression, wrt: c.variables[0])
                    : try derivative(of: c.expression, wrt: c.variables)
                let verdict = try checkDerivative(claimed, .derivative, of: c.expression, wrt: c.variables)
                if !verdict.passed { failures.append("case \(c.id): \(c.expression): \(verdict)") }
            } catch {
                failures.append("case \(c.id): \(c.expression): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(fixture.cases.count) cases fail:\n\(failures.prefix(20).joined(separator: "\n"))")
    }
}
