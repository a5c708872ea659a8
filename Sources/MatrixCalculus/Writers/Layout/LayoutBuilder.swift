/// Turns an expression into its textbook presentation (`MathLayout`): every notational decision
/// of the three writers is taken here, once.
///
/// - Negative coefficients become subtraction (a + (−1)·b → a − b, −6xy).
/// - Factors with negative exponents become a denominator: a fraction for scalars (a/(b + c),
///   exp(x)ᵀ/sum(exp(x))), ⊘ for element-wise values (−w ⊘ x²); the exponent ½ is a root.
/// - Parentheses follow `Precedence`: an operand is fenced only if it binds more loosely than
///   its place needs.
/// - Components are shown 1-based (x[0] → x₁, A[0, 1] → A₁₂).
///
/// Layouts of shared subexpressions are memoised (the input is a DAG), and the printed size is
/// checked against `WriterLimits.maxPrintedSize` first, so a heavily shared DAG is refused with an
/// error instead of being unfolded into an exponentially large page.
struct LayoutBuilder {
    let notation: Notation
    private var memo: [Expr: LaidOut] = [:]

    init(notation: Notation) {
        self.notation = notation
    }

    /// The layout of `e`, after checking that it is small enough to write.
    static func layout(of e: Expr, notation: Notation) throws(EngineError) -> MathLayout {
        var size = PrintedSize()
        guard size.of(e) <= WriterLimits.maxPrintedSize else {
            throw .limitExceeded("an expression too large to write (more than \(WriterLimits.maxPrintedSize) symbols)")
        }
        var builder = LayoutBuilder(notation: notation)
        return builder.build(e).layout
    }

    mutating func build(_ e: Expr) -> LaidOut {
        if let known = memo[e] { return known }
        let result = make(e)
        memo[e] = result
        return result
    }

    private mutating func make(_ e: Expr) -> LaidOut {
        switch e.kind {
        case .number(let value):
            return number(value)
        case .decimal(let value):
            return decimal(value)
        case .symbol(let symbol):
            return LaidOut(layout: Self.name(symbol.name, style: symbol.shape.isScalar ? .italic : .bold), precedence: .atom)
        case .size(let dimension):
            return LaidOut(layout: Self.dimension(dimension), precedence: .atom)
        case .sum(let terms):
            return sum(terms)
        case .product(let coefficient, let scalars, let factors):
            if coefficient.isNegative {
                if let absorbed = productAbsorbingNegation(-coefficient, scalars, factors) { return absorbed }
                return negation(product(-coefficient, scalars, factors))
            }
            return product(coefficient, scalars, factors)
        case .hadamard(let operands):
            return hadamard(operands, shape: e.shape)
        case .power(let base, let exponent):
            if let positive = Self.negatedExponent(exponent) {
                if base.shape.isScalar {
                    return LaidOut(layout: .fraction(.number("1"), power(base, positive).layout), precedence: .fraction)
                }
                return hadamard([e], shape: e.shape)
            }
            return power(base, exponent)
        case .function(let function, let argument):
            return apply(function, argument)
        case .maximum(let a, let b):
            return LaidOut(layout: .application("max", [build(a).layout, build(b).layout]), precedence: .atom)
        case .minimum(let a, let b):
            return LaidOut(layout: .application("min", [build(a).layout, build(b).layout]), precedence: .atom)
        case .transpose(let argument):
            // A row that is a sum of cases is written as the sum of row-valued cases: a brace
            // cannot carry ᵀ, and ({…} + {…})ᵀ hides that the value is a row.
            // A row whose terms are products led by a transpose reads better term by term:
            // 2(Av − b)ᵀA + 2λvᵀ, not (2Aᵀ(Av − b) + 2λv)ᵀ.
            if case .sum(let terms) = argument.kind,
               terms.contains(where: Self.isPiecewise) || terms.contains(where: Self.isLedByTranspose),
               let rows = try? terms.map({ (term: Expr) throws(EngineError) -> Expr in try Expr.transpose(term) }) {
                return sum(rows)
            }
            return LaidOut(layout: .superscript(build(argument).operand(atLeast: .atom), Self.transposeMark), precedence: .postfix)
        case .reduction(let reduction, let argument):
            return reduce(reduction, argument)
        case .inverse(let argument):
            if case .transpose(let inner) = argument.kind {
                // (Xᵀ)⁻¹ is written X⁻ᵀ, as the matrix cookbooks do.
                let minusT = MathLayout.row([.symbol(.minus), Self.transposeMark], .negation)
                return LaidOut(layout: .superscript(build(inner).operand(atLeast: .atom), minusT), precedence: .postfix)
            }
            let minusOne = MathLayout.row([.symbol(.minus), .number("1")], .negation)
            return LaidOut(layout: .superscript(build(argument).operand(atLeast: .atom), minusOne), precedence: .postfix)
        case .diag(let argument):
            return LaidOut(layout: .application("diag", [build(argument).layout]), precedence: .atom)
        case .identity(let n):
            let letter = MathLayout.identifier(Identifier(name: "I", style: .italic))
            if notation.identitySize == .always {
                return LaidOut(layout: .subscript(letter, Self.dimension(n)), precedence: .atom)
            }
            return LaidOut(layout: letter, precedence: .atom)
        case .ones(let shape):
            return structured(digit: "1", shape: shape)
        case .zeros(let shape):
            return structured(digit: "0", shape: shape)
        case .component(let argument, let row, let column):
            return component(argument, row: row, column: column)
        case .matrix(let rows):
            return LaidOut(layout: .matrix(rows.map { $0.map { build($0).layout } }), precedence: .atom)
        case .piecewise(let cases):
            return piecewise(cases)
        }
    }

    // MARK: Numbers and names

    private func number(_ value: Rational) -> LaidOut {
        if value.isNegative { return negation(number(-value)) }
        if value.isInteger { return LaidOut(layout: .number(value.numerator.description), precedence: .atom) }
        return LaidOut(
            layout: .fraction(.number(value.numerator.description), .number(value.denominator.description)),
            precedence: .fraction)
    }

    /// 2.718, or 1.235 × 10⁷ for a value too large or small to show plainly.
    private func decimal(_ value: DecimalNumber) -> LaidOut {
        let (mantissa, exponent) = value.rounded
        guard let exponent else { return LaidOut(layout: .number(mantissa), precedence: .atom) }
        let power: MathLayout = exponent < 0
            ? .row([.symbol(.minus), .number(String(-exponent))], .negation) : .number(String(exponent))
        return LaidOut(layout: .row([.number(mantissa), .symbol(.times), .superscript(.number("10"), power)], .product),
                       precedence: .product)
    }

    /// A variable's name: trailing digits become a subscript (x1 → x₁), and so does what follows
    /// an underscore (x_i → xᵢ).
    static func name(_ name: String, style: Identifier.Style) -> MathLayout {
        if let underscore = name.firstIndex(of: "_"), underscore != name.startIndex,
           name.index(after: underscore) != name.endIndex {
            let base = String(name[..<underscore])
            let index = String(name[name.index(after: underscore)...])
            let indexLayout: MathLayout = index.allSatisfy(\.isASCIIDigitCharacter)
                ? .number(index) : .identifier(Identifier(name: index, style: .italic))
            return .subscript(.identifier(Identifier(name: base, style: style)), indexLayout)
        }
        let digits = name.reversed().prefix(while: \.isASCIIDigitCharacter).count
        if digits > 0, digits < name.count {
            let base = String(name.dropLast(digits))
            return .subscript(.identifier(Identifier(name: base, style: style)), .number(String(name.suffix(digits))))
        }
        return .identifier(Identifier(name: name, style: style))
    }

    static func dimension(_ dimension: Dimension) -> MathLayout {
        switch dimension {
        case .concrete(let value): return .number(String(value))
        case .symbolic(let name): return .identifier(Identifier(name: name, style: .italic))
        }
    }

    static let transposeMark = MathLayout.identifier(Identifier(name: "T", style: .transposeMark))

    /// **1** and **0**: a column is the bold digit, a row its transpose; an m×n ones matrix is
    /// 𝟏𝟏ᵀ (the outer product it is), an m×n zero matrix the bold 0 as Parr & Howard write it.
    private func structured(digit: String, shape: Shape) -> LaidOut {
        let bold = MathLayout.identifier(Identifier(name: digit, style: .bold))
        if shape.isRow {
            return LaidOut(layout: .superscript(bold, Self.transposeMark), precedence: .postfix)
        }
        if shape.isMatrix, digit == "1" {
            return LaidOut(layout: .row([bold, .symbol(.invisibleTimes), .superscript(bold, Self.transposeMark)], .product),
                           precedence: .product)
        }
        return LaidOut(layout: bold, precedence: .atom)
    }

    // MARK: Sums and signs

    private func negation(_ magnitude: LaidOut) -> LaidOut {
        LaidOut(layout: .row([.symbol(.minus), magnitude.operand(atLeast: .elementwise)], .negation), precedence: .negation)
    }

    /// A term as its sign and magnitude, so that sums show subtraction; diag(−s) is −diag(s).
    private mutating func signedTerm(_ e: Expr) -> (negative: Bool, magnitude: LaidOut) {
        switch e.kind {
        case .number(let value) where value.isNegative:
            return (true, number(-value))
        case .product(let coefficient, let scalars, let factors) where coefficient.isNegative:
            if let absorbed = productAbsorbingNegation(-coefficient, scalars, factors) { return (false, absorbed) }
            return (true, product(-coefficient, scalars, factors))
        case .diag(let vector) where Self.isNegativeTerm(vector):
            let magnitude = signedTerm(vector).magnitude
            return (true, LaidOut(layout: .application("diag", [magnitude.layout]), precedence: .atom))
        default:
            return (false, build(e))
        }
    }

    /// Whether a term of a sum is written with a minus sign.
    static func isNegativeTerm(_ e: Expr) -> Bool {
        switch e.kind {
        case .number(let value): return value.isNegative
        case .product(let coefficient, _, _): return coefficient.isNegative
        case .diag(let vector): return isNegativeTerm(vector)
        default: return false
        }
    }

    /// The terms of a sum (or of a transposed sum) that would read better with a minus sign
    /// taken into it: at least half of them negative (−(a − v) is v − a). The derivation
    /// stepper asks too, to differentiate such a product as it is printed.
    static func negatableTerms(_ e: Expr) -> [Expr]? {
        var inner = e
        if case .transpose(let argument) = e.kind { inner = argument }
        guard case .sum(let terms) = inner.kind else { return nil }
        return 2 * terms.count(where: isNegativeTerm) >= terms.count ? terms : nil
    }

    /// −c·…·(a − v)·… written as c·…·(v − a)·…: the minus goes into the first sum that has at
    /// least as many negative terms as positive ones, as a textbook writes (v − a)ᵀ/‖v − a‖
    /// and (diag(s) − ssᵀ)K. Nil when no operand takes it.
    private mutating func productAbsorbingNegation(_ coefficient: Rational, _ scalars: [Expr], _ factors: [Expr]) -> LaidOut? {
        guard let target = (scalars + factors).first(where: { Self.negatableTerms($0) != nil }),
              let terms = Self.negatableTerms(target) else { return nil }
        let flipped = sum(terms, negated: true)
        let layout: LaidOut
        if case .transpose = target.kind {
            layout = LaidOut(layout: .superscript(flipped.operand(atLeast: .atom), Self.transposeMark), precedence: .postfix)
        } else {
            layout = flipped
        }
        return product(coefficient, scalars, factors, replacing: (target, layout))
    }

    /// A product whose matrix chain starts with a transpose (Aᵀ(Av − b)): its transpose has
    /// one mark fewer.
    static func isLedByTranspose(_ e: Expr) -> Bool {
        guard case .product(_, _, let factors) = e.kind, factors.count >= 2, case .transpose = factors[0].kind else { return false }
        return true
    }

    private mutating func sum(_ terms: [Expr], negated: Bool = false) -> LaidOut {
        var signed = terms.map { signedTerm($0) }
        if negated { signed = signed.map { (!$0.negative, $0.magnitude) } }
        // Lead with a positive term when there is one: diag(s) − ssᵀ, 1 − 2x.
        if signed.first?.negative == true, let positive = signed.firstIndex(where: { !$0.negative }) {
            signed.insert(signed.remove(at: positive), at: 0)
        }
        var items: [MathLayout] = []
        for (index, (negative, magnitude)) in signed.enumerated() {
            let operand = magnitude.operand(atLeast: .elementwise)
            if index == 0 {
                items.append(negative ? .row([.symbol(.minus), operand], .negation) : operand)
            } else {
                items.append(.symbol(negative ? .minus : .plus))
                items.append(operand)
            }
        }
        return LaidOut(layout: .row(items, .sum), precedence: .sum)
    }

    // MARK: Products

    /// k when `exponent` is −k (a negative number, or a product with a negative coefficient).
    static func negatedExponent(_ exponent: Expr) -> Expr? {
        switch exponent.kind {
        case .number(let value) where value.isNegative:
            return Expr.number(-value)
        case .product(let coefficient, _, _) where coefficient.isNegative:
            return try? Expr.scale(exponent, by: .minusOne)
        default:
            return nil
        }
    }

    /// `coefficient · scalars · factors` for a positive coefficient: scalar factors with negative
    /// exponents (and the coefficient's denominator) go below a fraction bar; a fractional
    /// coefficient alone in front is written as a leading fraction (½xᵀAx).
    private mutating func product(_ coefficient: Rational, _ allScalars: [Expr], _ factors: [Expr],
                                  replacing replacement: (Expr, LaidOut)? = nil) -> LaidOut {
        var above: [LaidOut] = []
        var below: [LaidOut] = []
        var scalars = allScalars
        var factorLayouts: [LaidOut]
        if replacement == nil, let named = softmaxFactors(scalars, factors) {
            scalars = named.scalars
            factorLayouts = named.factors
        } else {
            factorLayouts = []
            for factor in factors { factorLayouts.append(factor == replacement?.0 ? replacement?.1 ?? build(factor) : build(factor)) }
        }
        var sums: [LaidOut] = []
        for scalar in scalars {
            if case .power(let base, let exponent) = scalar.kind, let positive = Self.negatedExponent(exponent) {
                below.append(power(base, positive))
            } else {
                let laidOut = scalar == replacement?.0 ? replacement?.1 ?? build(scalar) : build(scalar)
                // Parenthesised sums after the other scalars: σ(u)(1 − σ(u)), 2x(y + 1).
                if laidOut.precedence < .product { sums.append(laidOut) } else { above.append(laidOut) }
            }
        }
        above += sums
        above += factorLayouts
        let numerator = Rational(coefficient.numerator)
        let denominator = Rational(coefficient.denominator)

        if below.isEmpty {
            if coefficient.isOne { return juxtapose(above) }
            return juxtapose([number(coefficient)] + above)
        }
        if !denominator.isOne { below.insert(number(denominator), at: 0) }
        // A vector or matrix product over a plain scalar reads better with the scalar part in
        // front: −(2/N)(e ⊙ a)ᵀX rather than one long fraction.
        let simpleBelow = scalars.allSatisfy { scalar in
            guard case .power(let base, let exponent) = scalar.kind, Self.negatedExponent(exponent) != nil else { return true }
            switch base.kind {
            case .symbol, .size, .number: return true
            default: return false
            }
        }
        let scalarAbove = above.count - factors.count
        if !factors.isEmpty, simpleBelow, factors.count + (numerator.isOne ? 0 : 1) > 1 {
            let leading = [number(numerator)] + Array(above.prefix(scalarAbove))
            let fraction = LaidOut(layout: .fraction(juxtapose(leading).layout, juxtapose(below).layout), precedence: .fraction)
            return juxtapose([fraction] + above.suffix(factors.count))
        }
        if !numerator.isOne || above.isEmpty { above.insert(number(numerator), at: 0) }
        return LaidOut(layout: .fraction(juxtapose(above).layout, juxtapose(below).layout), precedence: .fraction)
    }

    /// softmax(z) = exp(z)/sum(exp(z)) by name: the scalars without sum(exp(z))⁻ᵏ and the factors
    /// with their k occurrences of exp(z) (or exp(z)ᵀ, or exp(z) in a ⊙) laid out as softmax(z);
    /// nil unless the counts match exactly, so every printed softmax stands for its definition.
    private mutating func softmaxFactors(_ scalars: [Expr], _ factors: [Expr]) -> (scalars: [Expr], factors: [LaidOut])? {
        guard !factors.isEmpty else { return nil }
        for (index, scalar) in scalars.enumerated() {
            guard case .power(let base, let exponent) = scalar.kind, let k = exponent.numberValue?.intValue, k < 0,
                  case .reduction(.sum, let exponential) = base.kind, case .function(.exp, let z) = exponential.kind,
                  !z.shape.isScalar else { continue }
            let transposed = try? Expr.transpose(exponential)
            var count = 0
            for factor in factors {
                if factor == exponential || factor == transposed {
                    count += 1
                } else if case .hadamard(let operands) = factor.kind {
                    count += operands.filter { $0 == exponential }.count
                }
            }
            guard count == -k else { continue }
            let softmax = LaidOut(layout: .application("softmax", [build(z).layout]), precedence: .atom)
            var layouts: [LaidOut] = []
            for factor in factors {
                if factor == exponential {
                    layouts.append(softmax)
                } else if factor == transposed {
                    layouts.append(LaidOut(layout: .superscript(softmax.layout, Self.transposeMark), precedence: .postfix))
                } else if case .hadamard(let operands) = factor.kind, operands.contains(exponential) {
                    layouts.append(hadamard(operands, shape: factor.shape, replacing: exponential, with: softmax))
                } else {
                    layouts.append(build(factor))
                }
            }
            var rest = scalars
            rest.remove(at: index)
            return (rest, layouts)
        }
        return nil
    }

    /// Factors side by side with implied multiplication, or a visible · where two numerals
    /// would run together (2·𝟏) or a multi-letter name would merge with its neighbour.
    private func juxtapose(_ factors: [LaidOut]) -> LaidOut {
        if factors.count == 1 { return factors[0] }
        var items: [MathLayout] = []
        for factor in factors {
            let operand = factor.operand(atLeast: .product)
            if let previous = items.last {
                let needsDot = (previous.endsWithDigit && operand.startsWithDigit)
                    || previous.endsWithLongName || operand.startsWithLongName
                items.append(.symbol(needsDot ? .dot : .invisibleTimes))
            }
            items.append(operand)
        }
        return LaidOut(layout: .row(items, .product), precedence: .product)
    }

    /// Element-wise products; operands with negative exponents are divided with ⊘.
    private mutating func hadamard(_ operands: [Expr], shape: Shape, replacing named: Expr? = nil, with namedLayout: LaidOut? = nil) -> LaidOut {
        var above: [MathLayout] = []
        var below: [MathLayout] = []
        var sums: [MathLayout] = []
        for operand in operands {
            if let named, let namedLayout, operand == named {
                above.append(namedLayout.operand(atLeast: .fraction))
            } else if case .power(let base, let exponent) = operand.kind, let positive = Self.negatedExponent(exponent) {
                below.append(power(base, positive).operand(atLeast: .fraction))
            } else {
                // Sums after the other operands, as in products: σ(z) ⊙ (1 − σ(z)).
                let laidOut = build(operand)
                if laidOut.precedence < .elementwise { sums.append(laidOut.operand(atLeast: .fraction)) } else { above.append(laidOut.operand(atLeast: .fraction)) }
            }
        }
        above += sums
        let times = MathLayout.symbol(.hadamard(notation.hadamard))
        var items: [MathLayout] = []
        for operand in above {
            if !items.isEmpty { items.append(times) }
            items.append(operand)
        }
        if !below.isEmpty {
            if items.isEmpty { items.append(structured(digit: "1", shape: shape).operand(atLeast: .fraction)) }
            items.append(.symbol(.elementwiseDivide))
            if below.count == 1 {
                items.append(below[0])
            } else {
                var group: [MathLayout] = []
                for operand in below {
                    if !group.isEmpty { group.append(times) }
                    group.append(operand)
                }
                items.append(.fenced(.parentheses, .row(group, .product)))
            }
        }
        return LaidOut(layout: .row(items, .product), precedence: .elementwise)
    }

    // MARK: Powers, functions, reductions

    /// `base ^ exponent` for an exponent that is not negative: ½ is a square root.
    private mutating func power(_ base: Expr, _ exponent: Expr) -> LaidOut {
        if exponent.isOne { return build(base) }
        if let value = exponent.numberValue, value == Rational(reducing: 1, 2) {
            return LaidOut(layout: .squareRoot(build(base).layout), precedence: .atom)
        }
        if !base.shape.isScalar {
            // An element-wise power is A^∘2, never A², which every reader takes for AA.
            let script = MathLayout.row([.symbol(.ring), build(exponent).layout], .plain)
            return LaidOut(layout: .superscript(build(base).operand(atLeast: .atom), script), precedence: .postfix)
        }
        return LaidOut(layout: .superscript(build(base).operand(atLeast: .atom), build(exponent).layout), precedence: .postfix)
    }

    private mutating func apply(_ function: ElementwiseFunction, _ argument: Expr) -> LaidOut {
        let inner = build(argument).layout
        switch function {
        case .abs:
            return LaidOut(layout: .fenced(.bars, inner), precedence: .atom)
        case .log:
            // log(sum(exp(z))) is logsumexp(z), by name.
            if case .reduction(.sum, let exponential) = argument.kind, case .function(.exp, let z) = exponential.kind,
               !z.shape.isScalar {
                return LaidOut(layout: .application("logsumexp", [build(z).layout]), precedence: .atom)
            }
            return LaidOut(layout: .application("log", [inner]), precedence: .atom)
        case .sigmoid:
            return LaidOut(layout: .application("σ", [inner]), precedence: .atom)
        case .exp, .sin, .cos, .tan, .tanh, .step, .sign:
            return LaidOut(layout: .application(function.rawValue, [inner]), precedence: .atom)
        }
    }

    private mutating func reduce(_ reduction: Reduction, _ argument: Expr) -> LaidOut {
        let inner = build(argument).layout
        switch reduction {
        case .sum:
            return LaidOut(layout: .application("sum", [inner]), precedence: .atom)
        case .trace:
            return LaidOut(layout: .application("tr", [inner]), precedence: .atom)
        case .det:
            return LaidOut(layout: .application("det", [inner]), precedence: .atom)
        case .norm:
            let norm = MathLayout.fenced(.doubleBars, inner)
            if argument.shape.isMatrix {
                return LaidOut(layout: .subscript(norm, .identifier(Identifier(name: "F", style: .upright))), precedence: .postfix)
            }
            return LaidOut(layout: norm, precedence: .atom)
        }
    }

    // MARK: Components and cases

    /// 1-based subscripts: x₁ for a vector, A₁₂ for a matrix (A₁,₁₂ once an index has two digits).
    /// A name that already carries a subscript (x1 is x₁, x_i is xᵢ) keeps it and adds the index
    /// after a comma, as texts write xᵢ,ⱼ for entry j of the vector xᵢ: x1[0] is x₁,₁, never x1₁.
    private mutating func component(_ argument: Expr, row: Int, column: Int) -> LaidOut {
        var nameBase: MathLayout? = nil
        var nameIndex: MathLayout? = nil
        if let symbol = argument.symbolValue, case .subscript(let base, let script) = Self.name(symbol.name, style: .italic) {
            (nameBase, nameIndex) = (base, script)
        }
        var index: MathLayout
        if argument.shape.isColumn {
            index = .number(String(row + 1))
        } else if argument.shape.isRow {
            index = .number(String(column + 1))
        } else {
            let separator: MathLayout.OperatorSymbol = row < 9 && column < 9 && nameIndex == nil ? .invisibleComma : .comma
            index = .row([.number(String(row + 1)), .symbol(separator), .number(String(column + 1))], .plain)
        }
        if let nameBase, let nameIndex {
            index = .row([nameIndex, .symbol(.comma), index], .plain)
            return LaidOut(layout: .subscript(nameBase, index), precedence: .atom)
        }
        if let symbol = argument.symbolValue {
            return LaidOut(layout: .subscript(.identifier(Identifier(name: symbol.name, style: .italic)), index), precedence: .atom)
        }
        return LaidOut(layout: .subscript(build(argument).operand(atLeast: .atom), index), precedence: .postfix)
    }

    static func isPiecewise(_ e: Expr) -> Bool {
        if case .piecewise = e.kind { return true }
        return false
    }

    private mutating func piecewise(_ cases: [PiecewiseCase]) -> LaidOut {
        var rows: [MathLayout.CaseLayout] = []
        for piece in cases {
            let condition = MathLayout.row([
                build(piece.condition.lhs).layout,
                .symbol(.relation(piece.condition.relation)),
                build(piece.condition.rhs).layout,
            ], .plain)
            rows.append(MathLayout.CaseLayout(value: build(piece.value).layout, condition: condition))
        }
        return LaidOut(layout: .cases(rows), precedence: .cases)
    }
}

/// Limits of the writers, like `Limits` for the engine.
public enum WriterLimits {
    /// The largest expression a writer writes, counted in leaves and operators of the written
    /// form (a shared subexpression counts each time it is written).
    public static let maxPrintedSize = 200_000
}

/// The size of an expression written out as a tree, saturating just above the limit so that a
/// DAG whose tree is astronomically large is measured in time proportional to the DAG.
private struct PrintedSize {
    private var memo: [Expr: Int] = [:]

    mutating func of(_ e: Expr) -> Int {
        if let known = memo[e] { return known }
        var total = 1
        for child in e.children {
            total = min(total + of(child), WriterLimits.maxPrintedSize + 1)
        }
        memo[e] = total
        return total
    }
}

fileprivate extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}
