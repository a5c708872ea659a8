import Testing
@testable import MatrixCalculus

/// The cooperative deadline: engine passes stop with a typed error once it has passed.
@Suite struct EngineBudgetTests {
    let x = Expr.symbol("x", .column(40))

    /// Writing out xxᵀ for a 40-vector builds far more than `checkInterval` nodes.
    func writeOut() throws(EngineError) -> Expr {
        try Expr.components(try Expr.multiply(x, try Expr.transpose(x)))
    }

    @Test func aPassedDeadlineStopsComponentsWithATypedError() {
        let past = ContinuousClock.now.advanced(by: .seconds(-1))
        #expect(throws: EngineError.timeLimitExceeded) {
            try EngineBudget.withDeadline(past) { () throws(EngineError) in try writeOut() }
        }
    }

    @Test func aPassedDeadlineStopsDifferentiation() {
        let past = ContinuousClock.now.advanced(by: .seconds(-1))
        #expect(throws: EngineError.timeLimitExceeded) {
            try EngineBudget.withDeadline(past) { () throws(EngineError) in
                try hessian(of: Expr.reduceSum(try Expr.sin(try writeOut())), wrt: x)
            }
        }
    }

    @Test func aPassedDeadlineStopsNumericEvaluation() throws {
        let big = try Expr.sin(try writeOut())
        let point = try Point([x: try Value(vector: (1...40).map { .exact(Rational($0)) })])
        let past = ContinuousClock.now.advanced(by: .seconds(-1))
        #expect(throws: EvaluationError.engine(.timeLimitExceeded)) {
            try EngineBudget.withDeadline(past) { () throws(EvaluationError) in try big.value(at: point) }
        }
    }

    @Test func aFutureDeadlineAndNoDeadlineLetTheWorkFinish() throws {
        let future = ContinuousClock.now.advanced(by: .seconds(3600))
        let bounded = try EngineBudget.withDeadline(future) { () throws(EngineError) in try writeOut() }
        #expect(try bounded == writeOut())
        #expect(EngineBudget.deadline == nil)
    }

    @Test func theDeadlineIsScopedToTheCall() throws {
        let past = ContinuousClock.now.advanced(by: .seconds(-1))
        _ = try? EngineBudget.withDeadline(past) { () throws(EngineError) in try writeOut() }
        #expect(throws: Never.self) { try writeOut() }
    }
}
