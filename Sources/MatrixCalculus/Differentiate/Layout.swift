/// How derivatives of and by vectors are laid out (lessons/reference/cell-language.md, Calculus). Parr & Howard,
/// and calcbook by default, use numerator layout: ∂(scalar)/∂(vector) is a row vector and the
/// Jacobian of y: m by x: n is m×n. Denominator layout transposes both. A derivative by a matrix
/// (or of a matrix by a scalar) has the matrix's shape in both layouts.
///
/// The one layout type of calcbook: the engine's option, a lesson's `layout:` front matter,
/// `calcbook.toml`'s `layout` and `eval --layout` all read and write this.
public enum Layout: String, Sendable, Hashable, CaseIterable, Codable {
    case numerator
    case denominator
}
