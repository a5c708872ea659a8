/// Everything that can go wrong inside the engine, as data: the cell language turns each case
/// into a `Diagnostic` at the cell's location. Messages name shapes the way lessons write them.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Operands of `operation` (e.g. `⊙`) have shapes that do not fit: `Vector<3> ⊙ Vector<4>`.
    case shapeMismatch(operation: String, left: Shape, right: Shape, suggestion: String?)
    /// An operation that needs a particular shape got another (`det` of a `Vector<3>`).
    case invalidShape(operation: String, shape: Shape, expected: String)
    /// A derivative the engine cannot express in matrix form (vector by matrix, …).
    case unsupportedDerivative(of: Shape, wrt: Shape, reason: String)
    /// Differentiation with respect to something that is not a symbol (or a list of scalar symbols).
    case notASymbol(String)
    /// Writing out components needs concrete sizes.
    case symbolicSize(operation: String, shape: Shape)
    /// A component index outside the value.
    case indexOutOfRange(index: [Int], shape: Shape)
    /// Division by an exact zero.
    case divisionByZero
    /// A documented limit of the engine (see `Limits`) was exceeded.
    case limitExceeded(String)
    /// The caller's deadline (`EngineBudget.withDeadline`) passed while the engine was working.
    case timeLimitExceeded
    /// A malformed number literal.
    case invalidNumber(String)
    /// Anything else the caller passed that makes no sense (an empty vector literal, …).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let operation, let left, let right, let suggestion):
            let base = "shapes do not match: \(left) \(operation) \(right)"
            return suggestion.map { "\(base); \($0)" } ?? base
        case .invalidShape(let operation, let shape, let expected):
            return "\(operation) needs \(expected), got \(shape)"
        case .unsupportedDerivative(let of, let wrt, let reason):
            return "cannot differentiate a \(of) with respect to a \(wrt): \(reason)"
        case .notASymbol(let what):
            return "can only differentiate with respect to a symbol or a list of scalar symbols, not \(what)"
        case .symbolicSize(let operation, let shape):
            return "\(operation) needs concrete sizes, but the value is a \(shape)"
        case .indexOutOfRange(let index, let shape):
            return "index \(index.map(String.init).joined(separator: ", ")) is outside a \(shape) (indices count from 0)"
        case .divisionByZero:
            return "division by zero"
        case .limitExceeded(let what):
            return "engine limit exceeded: \(what)"
        case .timeLimitExceeded:
            return "the time limit ran out while the engine was working"
        case .invalidNumber(let text):
            return "not a number: \(text)"
        case .invalidArgument(let what):
            return what
        }
    }
}
