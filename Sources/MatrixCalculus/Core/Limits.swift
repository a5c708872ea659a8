/// The engine's documented limits. Every recursive pass is bounded by `maxDepth`, so deeply
/// nested input is a typed error instead of a stack overflow; exponents and exact numbers are
/// bounded so that constant folding can never hang.
public enum Limits {
    /// Maximum nesting depth of an expression (a leaf has depth 1). Builders throw
    /// `EngineError.limitExceeded` beyond it.
    public static let maxDepth = 300
    /// Maximum magnitude of the numerator or denominator of a constant exponent.
    public static let maxExponent = 10_000
    /// Maximum bit width of an exact number produced by constant folding.
    public static let maxNumberBits = 1 << 16
    /// Maximum number of entries `components` writes out.
    public static let maxComponents = 1_000_000
    /// Maximum size of a matrix whose determinant or inverse `components` writes out symbolically
    /// (the cofactor expansion grows like n!).
    public static let maxSymbolicDeterminantSize = 4
}
