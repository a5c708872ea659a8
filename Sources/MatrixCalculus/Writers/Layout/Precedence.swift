/// How tightly a laid-out expression binds, from loosest to tightest. An operand is put in
/// parentheses when it binds more loosely than its place requires — so −(x²) needs none and
/// (−x)² does, (x + y)² and a/(b + c) get theirs, and (AB)ᵀ would too.
enum Precedence: Int, Comparable {
    /// A brace of cases: open on its right, so it is parenthesised anywhere but alone.
    case cases = 0
    /// a + b − c
    case sum = 10
    /// −x
    case negation = 20
    /// a ⊙ b, a ⊘ b: explicit operators, looser than implied multiplication
    /// (so (Ax) ⊙ y, never the ambiguous Ax ⊙ y).
    case elementwise = 30
    /// 6xy, Ax, z𝟏ᵀ: implied multiplication; an implied product may sit inside another.
    case product = 40
    /// a/b (a fraction bar groups its parts, but a fraction is no power base: (a/b)²).
    case fraction = 50
    /// xᵀ, A⁻¹, (Ax)₁: a script on an operand.
    case postfix = 60
    /// Names, numbers, bracketed and fenced values, function applications, xᵢ.
    case atom = 70

    static func < (a: Precedence, b: Precedence) -> Bool { a.rawValue < b.rawValue }
}

/// A layout together with how tightly it binds.
struct LaidOut: Hashable, Sendable {
    let layout: MathLayout
    let precedence: Precedence

    /// The layout, parenthesised if it binds more loosely than `required`.
    func operand(atLeast required: Precedence) -> MathLayout {
        precedence < required ? .fenced(.parentheses, layout) : layout
    }
}
