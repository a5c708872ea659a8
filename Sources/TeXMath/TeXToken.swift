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
    /// Offset in Unicode scalars from the start of the source. A token that came out of a
    /// macro has the offset of the macro's name in the formula, so errors point there.
    var offset: Int
    var length: Int
    /// How many macro expansions produced this token (0: typed in the formula).
    var expansionDepth = 0

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
