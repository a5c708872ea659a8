/// The rules a derivation names, one registry for the engine and the reference page: each step
/// of a `Derivation` carries the rules that justify it, and the rule table of the reference
/// (`lessons/reference/derivative-rules.md`) has one row per case, anchored at `anchor`, so a
/// page can link every rule name to its row. A test reads the table and fails when a case is
/// missing there, so the two cannot drift.
public enum DerivativeRule: String, CaseIterable, Hashable, Sendable, Comparable {
    /// ∂a/∂x = 0 for an a that does not depend on x.
    case constant
    /// ∂x/∂x = 1 (a scalar) or I (a vector).
    case variable
    /// The derivative of a sum is the sum of the derivatives.
    case sum
    /// A factor that does not depend on x moves in front of the derivative.
    case constantFactor = "constant-factor"
    /// (fg)′ = f′g + fg′, for scalars and for the product of a row and a column (uᵀv).
    case product
    /// A factor with exponent −1: (1/g)′ = −g′/g², so (f/g)′ = (f′g − fg′)/g².
    case quotient
    /// (uᵖ)′ = p uᵖ⁻¹ u′ for a constant p, entry-wise for a vector u.
    case power
    /// ∂f(u)/∂x = ∂f/∂u · ∂u/∂x, with an intermediate name for u.
    case chain
    /// A function applied entry by entry has the Jacobian diag(f′(u)); on a scalar, f′(u).
    case elementwiseFunction = "elementwise-function"
    /// (u ⊙ v)′ = diag(v) u′ + diag(u) v′.
    case hadamardProduct = "hadamard-product"
    /// ∂uᵀ/∂x is the transpose of ∂u/∂x where both are vectors or matrices of a scalar x.
    case transpose
    /// ∂ sum(u)/∂x = 𝟏ᵀ ∂u/∂x (sum(∂u/∂x) by a scalar).
    case reduction
    /// ∂‖u‖/∂x = uᵀ/‖u‖ · ∂u/∂x (Euclidean or Frobenius).
    case norm
    /// ∂ trace(A)/∂x = trace(∂A/∂x); ∂ trace(XB)/∂X = Bᵀ.
    case trace
    /// ∂ det(X)/∂X = det(X) X⁻ᵀ; through a scalar, det(A) trace(A⁻¹ ∂A/∂x).
    case determinant
    /// ∂A⁻¹/∂x = −A⁻¹ (∂A/∂x) A⁻¹.
    case inverse
    /// max(u, v)′ = u′ where u ≥ v, v′ where u < v (the first argument wins a tie); min alike;
    /// relu(z) = max(0, z).
    case maxMin = "max-min"
    /// |u|′ = sign(u) u′, with sign(0) = 0.
    case absoluteValue = "absolute-value"
    /// A scalar s in a vector or matrix sum stands for s𝟏: ∂(s𝟏)/∂x = 𝟏 ∂s/∂x.
    case scalarExpansion = "scalar-expansion"
    /// softmax(z) = exp(z)/sum(exp(z)): its Jacobian is diag(softmax(z)) − softmax(z) softmax(z)ᵀ.
    case softmax
    /// ∂ logsumexp(z)/∂z = softmax(z)ᵀ.
    case logsumexp
    /// σ′(u) = σ(u)(1 − σ(u)).
    case sigmoid
    /// A derivative by a matrix X: the matrix of ∂f/∂Xᵢⱼ, of X's shape (by a symmetric X its
    /// symmetric part).
    case matrixGradient = "matrix-gradient"
    /// A value given entry by entry (a vector or matrix literal, a list of variables) is
    /// differentiated entry by entry.
    case entries
    /// A value defined by cases is differentiated case by case.
    case piecewise
    /// Denominator layout is the transpose of numerator layout.
    case layout
    /// The same value written in the engine's simplified, textbook form.
    case simplify

    /// The id of the rule's entry in the reference rule table (`#rule-constant-factor`): the
    /// anchor the page's heading "Rule: constant factor" gets, since lessons have no raw HTML.
    public var anchor: String { "rule-" + String(title.map { $0 == " " ? "-" : $0 }) }

    /// The rule's name as a step shows it.
    public var title: String {
        switch self {
        case .constant: "constant"
        case .variable: "variable"
        case .sum: "sum"
        case .constantFactor: "constant factor"
        case .product: "product"
        case .quotient: "quotient"
        case .power: "power"
        case .chain: "chain"
        case .elementwiseFunction: "element-wise function"
        case .hadamardProduct: "element-wise product"
        case .transpose: "transpose"
        case .reduction: "sum of entries"
        case .norm: "norm"
        case .trace: "trace"
        case .determinant: "determinant"
        case .inverse: "inverse"
        case .maxMin: "max and min"
        case .absoluteValue: "absolute value"
        case .scalarExpansion: "scalar expansion"
        case .softmax: "softmax"
        case .logsumexp: "logsumexp"
        case .sigmoid: "sigmoid"
        case .matrixGradient: "gradient by a matrix"
        case .entries: "entry by entry"
        case .piecewise: "by cases"
        case .layout: "denominator layout"
        case .simplify: "simplify"
        }
    }

    /// Rules that close a derivative without showing work (∂a/∂x = 0, ∂x/∂x = I): the
    /// textbook detail applies them in the same line as the rule that exposed them.
    var isTrivial: Bool { self == .constant || self == .variable }

    /// Registry order, so that a step's rules print in a stable order.
    public static func < (a: DerivativeRule, b: DerivativeRule) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
