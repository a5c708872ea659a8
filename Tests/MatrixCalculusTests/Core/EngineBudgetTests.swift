import Foundation
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
        let past = EngineDeadline(at: ContinuousClock.now.advanced(by: .seconds(-1)))
        #expect(throws: EngineError.timeLimitExceeded) {
            try EngineBudget.withDeadline(past) { () throws(EngineError) in try writeOut() }
        }
    }

    @Test func aPassedDeadlineStopsDifferentiation() {
        let past = EngineDeadline(at: ContinuousClock.now.advanced(by: .seconds(-1)))
        #expect(throws: EngineError.timeLimitExceeded) {
            try EngineBudget.withDeadline(past) { () throws(EngineError) in
                try hessian(of: Expr.reduceSum(try Expr.sin(try writeOut())), wrt: x)
            }
        }
    }

    @Test func aPassedDeadlineStopsNumericEvaluation() throws {
        let big = try Expr.sin(try writeOut())
        let point = try Point([x: try Value(vector: (1...40).map { .exact(Rational($0)) })])
        let past = EngineDeadline(at: ContinuousClock.now.advanced(by: .seconds(-1)))
        #expect(throws: EvaluationError.engine(.timeLimitExceeded)) {
            try EngineBudget.withDeadline(past) { () throws(EvaluationError) in try big.value(at: point) }
        }
    }

    @Test func aFutureDeadlineAndNoDeadlineLetTheWorkFinish() throws {
        let future = EngineDeadline(at: ContinuousClock.now.advanced(by: .seconds(3600)))
        let bounded = try EngineBudget.withDeadline(future) { () throws(EngineError) in try writeOut() }
        #expect(try bounded == writeOut())
        #expect(EngineBudget.deadline == nil)
    }

    /// Past on the clock but not in the thread's CPU time (a busy machine): the work goes on;
    /// past in both, or past the cap on the clock, it stops.
    @Test func aDeadlineNeedsTheThreadToHaveComputedForItsTime() throws {
        let past = ContinuousClock.now.advanced(by: .seconds(-1))
        let farFuture = ContinuousClock.now.advanced(by: .seconds(3600))
        let notComputed = EngineDeadline(clock: past, threadCPU: ThreadCPUTime.now + .seconds(3600), latest: farFuture)
        #expect(try EngineBudget.withDeadline(notComputed) { () throws(EngineError) in try writeOut() } == writeOut())
        let computed = EngineDeadline(clock: past, threadCPU: ThreadCPUTime.now - .seconds(1), latest: farFuture)
        #expect(throws: EngineError.timeLimitExceeded) {
            try EngineBudget.withDeadline(computed) { () throws(EngineError) in try writeOut() }
        }
        let capped = EngineDeadline(clock: past, threadCPU: ThreadCPUTime.now + .seconds(3600), latest: past)
        #expect(throws: EngineError.timeLimitExceeded) {
            try EngineBudget.withDeadline(capped) { () throws(EngineError) in try writeOut() }
        }
    }

    /// The thread's CPU time does not count time spent waiting, and a budget's clock and CPU
    /// time start together.
    @Test func threadCPUTimeCountsComputingNotWaiting() {
        let before = ThreadCPUTime.now
        Thread.sleep(forTimeInterval: 0.3)
        #expect(ThreadCPUTime.now - before < .milliseconds(150))
        let budget = EngineDeadline(time: .seconds(2))
        #expect(!budget.hasPassed)
        #expect(budget.latest == budget.clock.advanced(by: .seconds(6)))
        #expect(EngineDeadline(time: .zero).hasPassed)
    }

    @Test func theDeadlineIsScopedToTheCall() throws {
        let past = EngineDeadline(at: ContinuousClock.now.advanced(by: .seconds(-1)))
        _ = try? EngineBudget.withDeadline(past) { () throws(EngineError) in try writeOut() }
        #expect(throws: Never.self) { try writeOut() }
    }
}
