/// One side of a shape: a concrete size (`3`) or a symbolic size named in the lesson (`n`).
///
/// Symbolic sizes let derivatives stay in closed matrix form: nothing in the engine ever
/// loops over a symbolic dimension, so the cost of a derivative does not depend on it.
public enum Dimension: Hashable, Sendable, CustomStringConvertible {
    case concrete(Int)
    case symbolic(String)

    public static let one = Dimension.concrete(1)

    /// The concrete size, or nil for a symbolic one.
    public var concreteValue: Int? {
        if case .concrete(let value) = self { return value }
        return nil
    }

    public var isOne: Bool {
        if case .concrete(1) = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .concrete(let value): return String(value)
        case .symbolic(let name): return name
        }
    }
}

extension Dimension: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .concrete(value) }
}
