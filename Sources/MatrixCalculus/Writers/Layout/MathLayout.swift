/// The presentation of an expression, shared by the three writers.
///
/// `LayoutBuilder` makes every decision about notation here — which operator, where
/// parentheses go, what becomes a fraction, a subscript or a bracketed matrix — so the writers
/// only spell this tree in their markup. The one thing left to a writer is how a
/// two-dimensional construct becomes a line when its markup has no such construct (the text
/// writer writes a fraction `a/(b + c)` and needs parentheses that MathML's fraction bar
/// makes unnecessary).
indirect enum MathLayout: Hashable, Sendable {
    /// A variable, a function name or another letter-like symbol.
    case identifier(Identifier)
    /// A nonnegative integer written in decimal.
    case number(String)
    /// An operator between operands, or a sign in front of one.
    case symbol(OperatorSymbol)
    /// Operands and operators side by side; `kind` says what the row is, for writers that
    /// treat sums and products differently (spacing, parentheses in linear text).
    case row([MathLayout], RowKind)
    /// Content between a pair of delimiters.
    case fenced(Fence, MathLayout)
    /// numerator over denominator.
    case fraction(MathLayout, MathLayout)
    case superscript(MathLayout, MathLayout)
    case `subscript`(MathLayout, MathLayout)
    case squareRoot(MathLayout)
    /// `name(argument, …)`, the name upright.
    case application(String, [MathLayout])
    /// A bracketed matrix, by rows (a column vector has one entry per row, a row vector one row).
    case matrix([[MathLayout]])
    /// A brace and rows of `value  if condition`.
    case cases([CaseLayout])

    /// The sign or operator symbols the builder uses.
    enum OperatorSymbol: Hashable, Sendable {
        case plus, minus, hadamard(Notation.HadamardSymbol), elementwiseDivide, dot, comma
        /// ∘ in the exponent of an element-wise (Hadamard) power: A^∘2.
        case ring
        /// Multiplication left to the reader (6xy); MathML writes U+2062 INVISIBLE TIMES.
        case invisibleTimes
        /// Between the indices of an entry (A₁₂); MathML writes U+2063 INVISIBLE SEPARATOR.
        case invisibleComma
        case relation(Relation)
        case times
    }

    enum RowKind: Hashable, Sendable {
        /// Terms joined by + and −.
        case sum
        /// A leading minus sign and its operand.
        case negation
        /// Factors, joined by invisible times or by explicit operators (⊙, ⊘, ·).
        case product
        /// Anything else (a relation in a condition, a subscript pair `1,2`).
        case plain
    }

    enum Fence: Hashable, Sendable {
        case parentheses, bars, doubleBars
    }

    struct CaseLayout: Hashable, Sendable {
        let value: MathLayout
        let condition: MathLayout
    }
}

/// A letter-like symbol with its typographic role.
struct Identifier: Hashable, Sendable {
    enum Style: Hashable, Sendable {
        /// A scalar variable: italic.
        case italic
        /// A vector or matrix (and **1**, **0**): upright bold.
        case bold
        /// A name that is not a variable: F of the Frobenius norm.
        case upright
        /// The mark of a transpose (ᵀ in text, ⊤ in MathML and `\top` in LaTeX, as prose math writes it).
        case transposeMark
    }

    let name: String
    let style: Style
}

// Facts about the edges of a layout, used to decide where implied multiplication needs a
// visible dot (2·𝟏, loss·x).
extension MathLayout {
    /// Begins with a numeral (a number, 𝟏, 𝟎).
    var startsWithDigit: Bool {
        switch self {
        case .number: return true
        case .identifier(let identifier): return identifier.isBoldDigit
        case .row(let items, _): return items.first?.startsWithDigit ?? false
        case .superscript(let base, _), .subscript(let base, _): return base.startsWithDigit
        default: return false
        }
    }

    /// Ends with a numeral written on the baseline.
    var endsWithDigit: Bool {
        switch self {
        case .number: return true
        case .identifier(let identifier): return identifier.isBoldDigit
        case .row(let items, _): return items.last?.endsWithDigit ?? false
        default: return false
        }
    }

    /// Begins with a variable whose name has several letters (`loss`), which implied
    /// multiplication would merge with its neighbour.
    var startsWithLongName: Bool {
        switch self {
        case .identifier(let identifier): return identifier.isLongName
        case .row(let items, _): return items.first?.startsWithLongName ?? false
        case .superscript(let base, _), .subscript(let base, _): return base.startsWithLongName
        default: return false
        }
    }

    /// Ends with a variable whose name has several letters.
    var endsWithLongName: Bool {
        switch self {
        case .identifier(let identifier): return identifier.isLongName
        case .row(let items, _): return items.last?.endsWithLongName ?? false
        default: return false
        }
    }
}

extension Identifier {
    var isBoldDigit: Bool { style == .bold && (name == "1" || name == "0") }
    var isLongName: Bool { (style == .italic || style == .bold) && name.count > 1 }
}

extension MathLayout {
    /// Taller than a line: parentheses around it should grow.
    var isTall: Bool {
        switch self {
        case .fraction, .matrix, .cases: return true
        case .row(let items, _): return items.contains { $0.isTall }
        case .superscript(let base, _), .subscript(let base, _): return base.isTall
        case .fenced(_, let content), .squareRoot(let content): return content.isTall
        case .application(_, let arguments): return arguments.contains { $0.isTall }
        case .identifier, .number, .symbol: return false
        }
    }
}
