/// Choices of notation shared by the three writers (text, LaTeX, MathML), so that a page, its
/// plain-text alternative and `calcbook eval` agree.
///
/// The defaults follow Parr & Howard ("The Matrix Calculus You Need For Deep Learning") where
/// they print something unambiguous: italic scalars, upright bold vectors and matrices (they
/// typeset with `\mathbf`), ᵀ for transpose, **1** for the ones vector, *I* for the identity,
/// `sum(x)` for the sum of entries, `diag(x)`, cases for piecewise values. Names: trailing digits
/// or what follows `_` are a subscript (`x1` is x₁, `x_i` is xᵢ); a component of such a variable
/// keeps that subscript and adds its 1-based index after a comma (`x1[0]` is x₁,₁, `A2[0, 1]` is
/// A₂,₁,₂), as texts write xᵢ,ⱼ for entry j of the vector xᵢ. Two departures, each
/// with an option to switch back:
/// - the Hadamard product is written ⊙ (Parr & Howard write ⊗, which most texts reserve for the
///   Kronecker product); `hadamard: .circledTimes` restores theirs;
/// - the identity carries no size subscript; `identitySize: .always` writes *I*ₙ.
public struct Notation: Hashable, Sendable {
    /// The symbol of the element-wise (Hadamard) product.
    public enum HadamardSymbol: Hashable, Sendable {
        /// ⊙, the common notation (default).
        case circledDot
        /// ⊗, as Parr & Howard print it.
        case circledTimes
    }

    /// When the identity matrix shows its size.
    public enum IdentitySize: Hashable, Sendable {
        /// *I* (default): the size is clear from the context in textbook formulas.
        case never
        /// *I*ₙ, *I*₃.
        case always
    }

    public var hadamard: HadamardSymbol
    public var identitySize: IdentitySize
    /// Whether the text writer shows vectors and matrices in Unicode bold (𝐱, 𝐀). Off by default:
    /// plain letters copy, search and read aloud better; 𝟏 and 𝟎 are bold in text regardless,
    /// since a plain 1 or 0 would read as a number.
    public var boldInText: Bool

    public init(hadamard: HadamardSymbol = .circledDot, identitySize: IdentitySize = .never, boldInText: Bool = false) {
        self.hadamard = hadamard
        self.identitySize = identitySize
        self.boldInText = boldInText
    }

    /// The defaults described above.
    public static let standard = Notation()
}
