/// Facts a lesson declares about a symbol (`@positive let s: Scalar`). Simplification uses them
/// (√(s²) = s, Wᵀ = W) and random sampling draws points inside them.
public struct Assumptions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Every entry is > 0.
    public static let positive = Assumptions(rawValue: 1 << 0)
    /// Every entry is ≥ 0.
    public static let nonnegative = Assumptions(rawValue: 1 << 1)
    /// Aᵀ = A.
    public static let symmetric = Assumptions(rawValue: 1 << 2)
    /// Symmetric positive definite (implies symmetric and invertible).
    public static let spd = Assumptions(rawValue: 1 << 3)
    /// A⁻¹ exists.
    public static let invertible = Assumptions(rawValue: 1 << 4)

    /// The assumption together with everything it implies.
    public var closure: Assumptions {
        var result = self
        if contains(.spd) { result.formUnion([.symmetric, .invertible]) }
        if contains(.positive) { result.insert(.nonnegative) }
        return result
    }
}

/// A named variable with a shape, e.g. `w: Vector<3>`. Two symbols are the same variable when
/// name, shape and assumptions agree (a later declaration with another shape is another symbol).
public struct Symbol: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let shape: Shape
    public let assumptions: Assumptions
    /// Declared as a `Matrix<m, n>`, so that a gradient by it has its m × n shape even when
    /// m or n is 1 (by a `Vector<n>`, of the same n × 1 shape, a gradient is a row).
    public let isDeclaredMatrix: Bool

    public init(_ name: String, _ shape: Shape = .scalar, assumptions: Assumptions = [], isDeclaredMatrix: Bool = false) {
        self.name = name
        self.shape = shape
        self.isDeclaredMatrix = isDeclaredMatrix
        // A scalar equals its own transpose, so `symmetric` says nothing new about it.
        self.assumptions = assumptions.closure
    }

    public var isPositive: Bool { assumptions.contains(.positive) }
    public var isNonnegative: Bool { assumptions.contains(.nonnegative) }
    public var isSymmetric: Bool { assumptions.contains(.symmetric) }

    /// The same variable with another shape (symbolic sizes instantiated).
    func reshaped(_ shape: Shape) -> Symbol {
        Symbol(name, shape, assumptions: assumptions, isDeclaredMatrix: isDeclaredMatrix)
    }

    public var description: String { name }
}
