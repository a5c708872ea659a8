import Testing
import EngineTestSupport
@testable import MatrixCalculus

/// Randomly generated smooth scalar and vector expressions (the property suite's generator
/// without kinks), each derivative checked against central differences: combinations of rules
/// the hand-written tests do not reach.
@Suite struct RandomExpressionTests {
    @Test(arguments: 0..<150)
    func scalarExpressionDerivatives(_ seed: Int) throws {
        var generator = PropertyGenerator(random: SplitMix(seed: UInt64(seed)), smooth: true)
        let f = try generator.scalarExpression(3)
        let error = try numericDerivativeError(of: f, wrt: generator.s)
        #expect(error < 1e-4, "\(f)")
    }

    @Test(arguments: 0..<150)
    func vectorExpressionJacobians(_ seed: Int) throws {
        var generator = PropertyGenerator(random: SplitMix(seed: UInt64(1000 + seed)), smooth: true)
        let f = seed % 2 == 0 ? try generator.vectorExpression(2) : try generator.scalarOf(2)
        let error = try numericDerivativeError(of: f, wrt: generator.x)
        #expect(error < 1e-4, "\(f)")
    }
}
