import MatrixCalculus

// Operators for tests only, so that a test reads like a line of the paper:
// `#expect(try derivative(of: 3 * x ** 2 * y, wrt: x) == 6 * x * y)`. The cell language has its
// own front end; these exist just to keep the tests short.

precedencegroup TestPowerPrecedence {
    associativity: right
    higherThan: MultiplicationPrecedence
}
infix operator ** : TestPowerPrecedence
infix operator ⊙ : MultiplicationPrecedence
infix operator ⊘ : MultiplicationPrecedence
infix operator • : MultiplicationPrecedence

func + (a: Expr, b: Expr) throws -> Expr { try Expr.add(a, b) }
func + (a: Int, b: Expr) throws -> Expr { try Expr.add(.integer(a), b) }
func + (a: Expr, b: Int) throws -> Expr { try Expr.add(a, .integer(b)) }
func - (a: Expr, b: Expr) throws -> Expr { try Expr.subtract(a, b) }
func - (a: Int, b: Expr) throws -> Expr { try Expr.subtract(.integer(a), b) }
func - (a: Expr, b: Int) throws -> Expr { try Expr.subtract(a, .integer(b)) }
prefix func - (a: Expr) throws -> Expr { try Expr.negate(a) }
func * (a: Expr, b: Expr) throws -> Expr { try Expr.multiply(a, b) }
func * (a: Int, b: Expr) throws -> Expr { try Expr.multiply(.integer(a), b) }
func * (a: Expr, b: Int) throws -> Expr { try Expr.multiply(a, .integer(b)) }
func / (a: Expr, b: Expr) throws -> Expr { try Expr.divide(a, b) }
func / (a: Expr, b: Int) throws -> Expr { try Expr.divide(a, .integer(b)) }
func / (a: Int, b: Expr) throws -> Expr { try Expr.divide(.integer(a), b) }
func ** (a: Expr, b: Int) throws -> Expr { try Expr.power(a, b) }
func ** (a: Expr, b: Expr) throws -> Expr { try Expr.power(a, b) }
func ⊙ (a: Expr, b: Expr) throws -> Expr { try Expr.hadamard(a, b) }
func ⊘ (a: Expr, b: Expr) throws -> Expr { try Expr.elementwiseDivide(a, b) }
func • (a: Expr, b: Expr) throws -> Expr { try Expr.dot(a, b) }

extension Expr {
    /// `x.T`
    var T: Expr { get throws { try Expr.transpose(self) } }
}

func scalar(_ name: String, _ assumptions: Assumptions = []) -> Expr {
    Expr.symbol(name, .scalar, assumptions: assumptions)
}
func vector(_ name: String, _ n: Dimension = "n", _ assumptions: Assumptions = []) -> Expr {
    Expr.symbol(name, .column(n), assumptions: assumptions)
}
func matrix(_ name: String, _ m: Dimension = "n", _ n: Dimension = "n", _ assumptions: Assumptions = []) -> Expr {
    Expr.symbol(name, .matrix(m, n), assumptions: assumptions)
}
func num(_ n: Int) -> Expr { .integer(n) }
func exp(_ e: Expr) throws -> Expr { try Expr.exp(e) }
func log(_ e: Expr) throws -> Expr { try Expr.log(e) }
func sin(_ e: Expr) throws -> Expr { try Expr.sin(e) }
func cos(_ e: Expr) throws -> Expr { try Expr.cos(e) }
func sum(_ e: Expr) throws -> Expr { try Expr.reduceSum(e) }
func diag(_ e: Expr) throws -> Expr { try Expr.diag(e) }
func I(_ n: Dimension = "n") -> Expr { Expr.identity(n) }
func ones(_ n: Dimension = "n") -> Expr { Expr.ones(n) }

extension Dimension: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .symbolic(value) }
}

/// Runs a throwing builder and returns the error it threw (nil if none).
/// Anything else thrown (there is nothing else) shows up as `.invalidArgument` with its text.
func engineError(_ body: () throws -> Expr) -> EngineError? {
    do {
        _ = try body()
        return nil
    } catch let error as EngineError {
        return error
    } catch {
        return .invalidArgument("unexpected error \(error)")
    }
}
