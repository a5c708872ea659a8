/// One lexical unit of TeX math, with where it came from.
struct TeXToken: Equatable {
    enum Kind: Equatable {
        /// `\name` (a run of letters) or `\` followed by one other character, without the backslash.
        case command(String)
        /// Any other character: letters, digits, operators, and the specials below.
        case character(Unicode.Scalar)
        case beginGroup, endGroup
        case superscriptMark, subscriptMark
        case alignment
        /// White space; meaningful only inside `\text{…}`, skipped in math.
        case space
        case end
    }

    var kind: Kind
    /// Offset in Unicode scalars from the start of the source.
    var offset: Int
    var length: Int

    /// How the token was written, for messages: `\frac`, `{`, `x`.
    var spelling: String {
        switch kind {
        case .command(let name): "\\" + name
        case .character(let c): String(c)
        case .beginGroup: "{"
        case .endGroup: "}"
        case .superscriptMark: "^"
        case .subscriptMark: "_"
        case .alignment: "&"
        case .space: " "
        case .end: "end of formula"
        }
    }
}
