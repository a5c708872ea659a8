import Testing
@testable import MatrixCalculus

/// Randomly generated scalar and vector expressions, each derivative checked against central
/// differences: combinations of rules the hand-written tests do not reach.
@Suite struct RandomExpressionTests {
    static let x = vector("x"), a = vector("a"), A = matrix("A")
    static let s = scalar("s"), t = scalar("t")

    struct Generator {
        var random: SplitMix

        mutating func pick(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }

        /// A scalar expression in s and t.
        mutating func scalarExpression(_ depth: Int) throws -> Expr {
            if depth == 0 {
                switch pick(4) {
                case 0: return s
                case 1: return t
                case 2: return num(pick(5) + 1)
                default: return try s * t
                }
            }
            let u = try scalarExpression(depth - 1)
            switch pick(12) {
            case 0: return try u + scalarExpression(depth - 1)
            case 1: return try u - scalarExpression(depth - 1)
            case 2: return try u * scalarExpression(depth - 1)
            case 3: return try u / (2 + scalarExpression(depth - 1) ** 2)
            case 4: return try u ** (pick(3) + 2)
            case 5: return try sin(u)
            case 6: return try cos(u)
            case 7: return try exp(Expr.apply(.tanh, u))
            case 8: return try log(1 + u ** 2)
            case 9: return try Expr.sigmoid(u)
            case 10: return try Expr.sqrt(1 + u ** 2)
            default: return try Expr.apply(.tanh, u) * u
            }
        }

        /// A column vector expression in x (Vector<n>).
        mutating func vectorExpression(_ depth: Int) throws -> Expr {
            if depth == 0 {
                switch pick(4) {
                case 0: return x
                case 1: return try A * x
                case 2: return try x + a
                default: return try 2 * x
                }
            }
            let u = try vectorExpression(depth - 1)
            switch pick(11) {
            case 0: return try u + vectorExpression(depth - 1)
            case 1: return try u ⊙ vectorExpression(depth - 1)
            case 2: return try A * u
            case 3: return try sin(u)
            case 4: return try exp(Expr.apply(.tanh, u))
            case 5: return try u * scalarOf(depth - 1)
            case 6: return try u ⊘ (1 + u ⊙ u)
            case 7: return try Expr.sigmoid(u)
            case 8: return try u ** 2
            case 9: return try u / (1 + Expr.norm(u))
            default: return try u - a * (a • u)
            }
        }

        /// A scalar expression in x.
        mutating func scalarOf(_ depth: Int) throws -> Expr {
            let u = try vectorExpression(max(0, depth))
            switch pick(6) {
            case 0: return try sum(u)
            case 1: return try u • a
            case 2: return try Expr.norm(u)
            case 3: return try log(sum(exp(u)))
            case 4: return try u.T * A * u
            default: return try Expr.mean(u ⊙ u)
            }
        }
    }

    @Test(arguments: 0..<150)
    func scalarExpressionDerivatives(_ seed: Int) throws {
        var generator = Generator(random: SplitMix(seed: UInt64(seed)))
        let f = try generator.scalarExpression(3)
        let error = try numericDerivativeError(of: f, wrt: Self.s)
        #expect(error < 1e-4, "\(f)")
    }

    @Test(arguments: 0..<150)
    func vectorExpressionJacobians(_ seed: Int) throws {
        var generator = Generator(random: SplitMix(seed: UInt64(1000 + seed)))
        let f = seed % 2 == 0 ? try generator.vectorExpression(2) : try generator.scalarOf(2)
        let error = try numericDerivativeError(of: f, wrt: Self.x)
        #expect(error < 1e-4, "\(f)")
    }
}
