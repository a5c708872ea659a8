/// The parsed formula: a small tree between TeX and MathML.
///
/// It records TeX's meaning (which atom class a symbol has, whether limits go above and below)
/// rather than MathML's spelling, so the writer can decide spacing from the neighbours as TeX
/// does and the parser never has to think about markup.
indirect enum MathNode: Equatable, Sendable {
    /// A variable or a multi-letter name: `<mi>`. `upright` asks for `mathvariant="normal"`
    /// on a single character that MathML would otherwise italicise.
    case identifier(String, upright: Bool)
    case number(String)
    /// An operator, relation, fence or punctuation sign: `<mo>`.
    case symbol(String, AtomClass)
    case text(String)
    /// Horizontal space in em (negative for `\!`).
    case space(Double)
    /// A `{…}` group or any sequence that must become one MathML child.
    case row([MathNode])
    case fraction(numerator: MathNode, denominator: MathNode, style: FractionStyle)
    case root(MathNode, index: MathNode?)
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?, placement: LimitPlacement)
    /// `\hat`, `\vec`, `\overline`…: a mark over (or under) its base.
    case accent(MathNode, mark: String, stretchy: Bool, under: Bool)
    /// `\overset`, `\underset`: arbitrary material over or under a base.
    case stacked(base: MathNode, over: MathNode?, under: MathNode?)
    /// `\sum`, `\int`: a large operator; `limits` says where scripts go by default.
    case largeOperator(String, limits: Bool)
    /// `\sin`, `\max`, `\operatorname{diag}`: an upright name applied to what follows.
    case function(String, limits: Bool)
    /// `\left( … \middle| … \right)`; a `nil` delimiter is `\left.` or `\right.`.
    case fenced(open: String?, close: String?, body: [MathNode])
    /// `\middle|` inside a fenced body.
    case middle(String)
    /// `\big(` and friends: a delimiter of a fixed larger size (em).
    case sizedDelimiter(String, AtomClass, size: Double)
    /// `rowSpacing[i]` is the extra space (em) below row `i`, from `\\[4pt]`.
    case table(rows: [[MathNode]], environment: TableEnvironment, rowSpacing: [Double])
    /// `\displaystyle`, `\textstyle`…: the rest of the group in another style.
    case styled(MathStyle, [MathNode])
    /// Display math with equation numbers: `lines[i]` is the index in the formula's
    /// ``ParsedFormula/lines`` of row `i`'s number, `nil` for a row without one. A single
    /// labelled equation is one row of one cell.
    case numbered(rows: [[MathNode]], environment: TableEnvironment, rowSpacing: [Double], lines: [Int?])
    /// `\eqref{label}` (in parentheses) or `\ref{label}`: the number, linked to the equation.
    case reference(String, parenthesized: Bool)
    /// `\underbrace{…}` / `\overbrace{…}`: a stretched brace under or over its base; a
    /// subscript (under) or superscript (over) is its label.
    case brace(MathNode, under: Bool)
}

/// TeX's atom classes, which decide the space between neighbours.
enum AtomClass: Equatable, Sendable {
    case ordinary, largeOperator, binary, relation, open, close, punctuation, inner
    /// `|` and `\|`: an opening or closing fence depending on what precedes it.
    case ambiguousFence
}

enum FractionStyle: Equatable, Sendable {
    case inherited, display, text
    /// `\binom`: no rule, parentheses around.
    case binomial
}

enum LimitPlacement: Equatable, Sendable {
    /// As the base decides: limits for `\sum`, `\max` (movable in text style), scripts for `\int`.
    case automatic
    /// `\limits`: always above and below.
    case limits
    /// `\nolimits`: always as sub- and superscript.
    case noLimits
}

enum MathStyle: Equatable, Sendable {
    case display, text, script, scriptScript
}

/// The environments of the supported subset and what each one puts around its table.
enum TableEnvironment: String, CaseIterable, Equatable, Sendable {
    case matrix, pmatrix, bmatrix, Bmatrix, vmatrix, Vmatrix, smallmatrix, cases, aligned, gathered
    /// Display-level environments that number their lines (unless starred).
    case equation, equationStar = "equation*", align, alignStar = "align*", gather, gatherStar = "gather*"

    /// Whether this environment numbers lines, and so may stand only at the top of display math.
    var isNumbering: Bool {
        switch self {
        case .equation, .equationStar, .align, .alignStar, .gather, .gatherStar: true
        default: false
        }
    }

    var isStarred: Bool { rawValue.hasSuffix("*") }

    /// `align` lines up like `aligned`, `gather` centres like `gathered`.
    var layout: TableEnvironment {
        switch self {
        case .align, .alignStar: .aligned
        case .gather, .gatherStar, .equation, .equationStar: .gathered
        default: self
        }
    }

    var fences: (open: String?, close: String?) {
        switch self {
        case .matrix, .smallmatrix, .aligned, .gathered, .equation, .equationStar, .align, .alignStar, .gather,
             .gatherStar: (nil, nil)
        case .pmatrix: ("(", ")")
        case .bmatrix: ("[", "]")
        case .Bmatrix: ("{", "}")
        case .vmatrix: ("|", "|")
        case .Vmatrix: ("‖", "‖")
        case .cases: ("{", nil)
        }
    }
}

extension MathNode {
    /// The TeX atom class this node has as a neighbour in a row.
    var atomClass: AtomClass {
        switch self {
        case .symbol(_, let atomClass): atomClass
        case .sizedDelimiter(_, let atomClass, _): atomClass
        case .largeOperator, .function: .largeOperator
        case .scripts(let base, _, _, _):
            // x^2 is an ordinary atom, but \sum_i stays an operator and a relation with a script
            // (\to^{f}) stays a relation.
            switch base.atomClass {
            case .largeOperator, .relation, .binary: base.atomClass
            default: .ordinary
            }
        case .fenced: .inner
        case .stacked(let base, _, _): base.atomClass == .relation ? .relation : .ordinary
        default: .ordinary
        }
    }

    /// Whether this node is taller than a line of text with scripts, so that fences around it
    /// must stretch freely even inline: a fraction, a matrix, a root, a big delimiter.
    var isTall: Bool {
        switch self {
        case .fraction, .table, .root, .numbered: true
        case .fenced(_, _, let body), .styled(_, let body): body.contains(where: \.isTall)
        case .sizedDelimiter(_, _, let size): size > 1.2
        case .row(let nodes): nodes.contains(where: \.isTall)
        case .scripts(let base, let sub, let sup, _):
            base.isTall || (sub?.isTall ?? false) || (sup?.isTall ?? false)
        case .accent(let base, _, _, _), .brace(let base, _): base.isTall
        case .stacked(let base, let over, let under):
            base.isTall || over != nil || under != nil
        default: false
        }
    }

    /// Whether this is a function name (possibly with scripts), which takes `&ApplyFunction;`.
    var isFunctionApplication: Bool {
        switch self {
        case .function: true
        case .scripts(let base, _, _, _): base.isFunctionApplication
        default: false
        }
    }
}
