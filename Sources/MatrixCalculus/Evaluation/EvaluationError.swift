/// Why a value could not be computed. Two kinds matter to callers: the expression is *undefined
/// at this point* (log of a non-positive number, a singular matrix, division by zero) — random
/// sampling then draws another point — or the request itself is wrong (a symbol without a value,
/// a value of the wrong shape), which no other point would fix.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A builder refused the substituted expression (a shape mismatch, a limit, …).
    case engine(EngineError)
    /// A symbol that occurs in the expression has no value at the point.
    case unboundSymbol(String)
    /// A symbolic dimension has no size at the point.
    case unboundSize(String)
    /// The value given for a symbol does not have the symbol's shape.
    case valueShape(symbol: String, expected: String, got: String)
    /// A symbol was bound to something that is not a symbol, or a size to a non-positive number.
    case invalidBinding(String)
    /// Division by zero (exact zero, or a Double that is exactly 0).
    case divisionByZero
    /// A function outside its domain: `log(-1)`, `sqrt(-2)`, `0^(-1/2)`.
    case outsideDomain(String)
    /// `inverse(A)` of a singular (or numerically singular) matrix.
    case singularMatrix
    /// A result that is infinite or not a number in Double arithmetic (overflow, `tan(π/2)`).
    case notFinite(String)
    /// A nonzero result too small for a Double, which would round to 0 (`(1/8)^(10⁶ + 1/2)`).
    case underflow(String)
    /// A piecewise value none of whose conditions holds.
    case noCaseApplies
    /// A documented limit of evaluation (`EvaluationLimits`) was exceeded.
    case limitExceeded(String)
    /// The value given to a symbol breaks one of its declared assumptions (`@positive`, …).
    case assumptionViolated(symbol: String, assumption: String, detail: String)

    /// True when the expression is undefined at this particular point; another point may work.
    public var isUndefinedAtPoint: Bool {
        switch self {
        case .divisionByZero, .outsideDomain, .singularMatrix, .notFinite, .underflow, .noCaseApplies:
            return true
        case .engine(.divisionByZero):
            return true
        case .engine(.invalidArgument(let message)):
            return message.hasPrefix("log(")
        default:
            return false
        }
    }

    /// True when the expression is mathematically undefined at this point (log of a
    /// non-positive number, division by zero, a piecewise value with no case) rather than
    /// merely not computable in Double (overflow) or numerically singular: a point where one
    /// side of an equality is undefined in this sense and the other is not shows that their
    /// domains differ.
    public var isOutsideDomain: Bool {
        switch self {
        case .divisionByZero, .outsideDomain, .noCaseApplies: return true
        case .engine(.divisionByZero): return true
        case .engine(.invalidArgument(let message)): return message.hasPrefix("log(")
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .engine(let error): return error.description
        case .unboundSymbol(let name): return "\(name) has no value at the point"
        case .unboundSize(let name): return "the size \(name) has no value at the point"
        case .valueShape(let symbol, let expected, let got):
            return "the value of \(symbol) must be a \(expected), not a \(got)"
        case .invalidBinding(let what): return what
        case .divisionByZero: return "division by zero"
        case .outsideDomain(let what): return "\(what) is undefined"
        case .singularMatrix: return "the matrix is singular (it has no inverse)"
        case .notFinite(let what): return "\(what) is not a finite number"
        case .underflow(let what): return "\(what) is too small for a Double (it would round to 0)"
        case .noCaseApplies: return "no case of the piecewise value applies"
        case .limitExceeded(let what): return "evaluation limit exceeded: \(what)"
        case .assumptionViolated(let symbol, let assumption, let detail):
            return "the value given to \(symbol) breaks its assumption @\(assumption): \(detail)"
        }
    }
}

/// Bounds that keep evaluation finite in time and memory whatever the input.
public enum EvaluationLimits {
    /// Maximum number of entries of any intermediate value (a 500×500 matrix).
    public static let maxEntries = 250_000
    /// Exact arithmetic switches to Double beyond this many bits in a numerator or denominator,
    /// so repeated squaring in a shared DAG cannot exhaust memory.
    public static let maxExactBits = 4_096
}
