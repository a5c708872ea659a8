/// The presentation of a derivation's terms, built on `LayoutBuilder` so that the values in a
/// step print exactly as the same values print anywhere else; only what an `Expr` cannot hold
/// is laid out here — open derivatives ∂u/∂x, and the sums, products, diag, transposes and
/// cases the rules put around them.
struct DerivationLayout {
    private var builder: LayoutBuilder
    /// Written on one line (the text form): ∂u/∂x and ∂/∂x (f) as plain text, since a linear
    /// fraction would parenthesise its parts, (∂/(∂x)).
    private let linear: Bool

    init(notation: Notation, linear: Bool) {
        builder = LayoutBuilder(notation: notation)
        self.linear = linear
    }

    static let partial = MathLayout.identifier(Identifier(name: "∂", style: .upright))

    /// The layout of `term`, refusing (like the expression writers) one too large to write.
    mutating func layout(_ term: DerivationTerm) throws(EngineError) -> MathLayout {
        try layout(of: term).layout
    }

    mutating func layout(_ e: Expr) throws(EngineError) -> MathLayout {
        try build(e).layout
    }

    private mutating func build(_ e: Expr) throws(EngineError) -> LaidOut {
        _ = try LayoutBuilder.layout(of: e, notation: builder.notation)
        return builder.build(e)
    }

    private mutating func layout(of term: DerivationTerm) throws(EngineError) -> LaidOut {
        switch term {
        case .value(_, let shown):
            return try build(shown)
        case .derivative(_, let x, let shown):
            let variable = try variableLayout(x)
            if linear {
                var variableText = ""
                TextWriter(notation: builder.notation).write(variable, into: &variableText)
                if shown.symbolValue != nil {
                    var name = ""
                    TextWriter(notation: builder.notation).write(try build(shown).layout, into: &name)
                    return LaidOut(layout: Self.text("∂\(name)/∂\(variableText)"), precedence: .fraction)
                }
                let operand = try build(shown).operand(atLeast: .atom)
                return LaidOut(layout: .row([Self.text("∂/∂\(variableText) "), operand], .plain), precedence: .product)
            }
            let below = MathLayout.row([Self.partial, variable], .product)
            if shown.symbolValue != nil {
                let above = MathLayout.row([Self.partial, try build(shown).layout], .product)
                return LaidOut(layout: .fraction(above, below), precedence: .fraction)
            }
            // ∂/∂x (f): the operator, then its operand.
            let operand = try build(shown).operand(atLeast: .atom)
            return LaidOut(layout: .row([.fraction(Self.partial, below), .symbol(.invisibleTimes), operand], .product), precedence: .product)
        case .sum(let parts):
            var items: [MathLayout] = []
            for part in parts {
                if case .negate(let inner) = part {
                    items.append(.symbol(.minus))
                    items.append(try layout(of: inner).operand(atLeast: .product))
                } else {
                    if !items.isEmpty { items.append(.symbol(.plus)) }
                    items.append(try layout(of: part).operand(atLeast: .negation))
                }
            }
            if case .symbol(.minus) = items.first {
                return LaidOut(layout: .row(items, .sum), precedence: .sum)
            }
            return LaidOut(layout: .row(items, .sum), precedence: .sum)
        case .product(let parts):
            var items: [MathLayout] = []
            for part in parts {
                let operand = try layout(of: part).operand(atLeast: .product)
                if let previous = items.last {
                    // A numeral after a factor is always marked (3y · 2x, never 3y2x); in text, an
                    // operator ∂/∂x gets a space (3y ∂/∂x (x²)).
                    let needsDot = operand.startsWithDigit || previous.endsWithLongName || operand.startsWithLongName
                    if linear, Self.startsWithOperator(operand) {
                        items.append(Self.text(" "))
                    } else {
                        items.append(.symbol(needsDot ? .dot : .invisibleTimes))
                    }
                }
                items.append(operand)
            }
            return items.count == 1 ? LaidOut(layout: items[0], precedence: .product) : LaidOut(layout: .row(items, .product), precedence: .product)
        case .hadamard(let parts):
            var items: [MathLayout] = []
            for part in parts {
                if !items.isEmpty { items.append(.symbol(.hadamard(builder.notation.hadamard))) }
                items.append(try layout(of: part).operand(atLeast: .product))
            }
            return LaidOut(layout: .row(items, .product), precedence: .elementwise)
        case .transpose(let inner):
            return LaidOut(layout: .superscript(try layout(of: inner).operand(atLeast: .atom), LayoutBuilder.transposeMark), precedence: .postfix)
        case .diag(let inner):
            return LaidOut(layout: .application("diag", [try layout(of: inner).layout]), precedence: .atom)
        case .reduceSum(let inner):
            return LaidOut(layout: .application("sum", [try layout(of: inner).layout]), precedence: .atom)
        case .trace(let inner):
            return LaidOut(layout: .application("tr", [try layout(of: inner).layout]), precedence: .atom)
        case .negate(let inner):
            return LaidOut(layout: .row([.symbol(.minus), try layout(of: inner).operand(atLeast: .product)], .negation), precedence: .negation)
        case .piecewise(let cases):
            var rows: [MathLayout.CaseLayout] = []
            for piece in cases {
                let condition = MathLayout.row([
                    try build(piece.shown.lhs).layout, .symbol(.relation(piece.shown.relation)), try build(piece.shown.rhs).layout,
                ], .plain)
                rows.append(MathLayout.CaseLayout(value: try layout(of: piece.term).layout, condition: condition))
            }
            return LaidOut(layout: .cases(rows), precedence: .cases)
        case .matrix(let rows):
            var laid: [[MathLayout]] = []
            for row in rows {
                var entries: [MathLayout] = []
                for entry in row { entries.append(try layout(of: entry).layout) }
                laid.append(entries)
            }
            return LaidOut(layout: .matrix(laid), precedence: .atom)
        }
    }

    /// x, or (x, y) for a list of scalar variables.
    private mutating func variableLayout(_ x: Expr) throws(EngineError) -> MathLayout {
        guard let rows = x.literalRows else { return try build(x).operand(atLeast: .atom) }
        var items: [MathLayout] = []
        for row in rows {
            if !items.isEmpty { items.append(.symbol(.comma)) }
            items.append(try build(row[0]).layout)
        }
        return .fenced(.parentheses, .row(items, .plain))
    }

    private static func startsWithOperator(_ layout: MathLayout) -> Bool {
        switch layout {
        case .identifier(let identifier): return identifier.style == .upright && identifier.name.hasPrefix("∂")
        case .row(let items, _): return items.first.map(startsWithOperator) ?? false
        default: return false
        }
    }

    /// Text that the text writer prints as it is.
    private static func text(_ text: String) -> MathLayout {
        .identifier(Identifier(name: text, style: .upright))
    }
}
