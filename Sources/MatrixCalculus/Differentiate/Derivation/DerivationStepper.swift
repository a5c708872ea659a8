/// Applies one differentiation rule to one ∂f/∂x: the rule that fits the top of f and the
/// shapes, leaving the derivatives of f's parts open (∂(u + v)/∂x → ∂u/∂x + ∂v/∂x).
///
/// The forms are those of numerator layout, as Parr & Howard write them: by a scalar x every
/// rule works entry by entry; by a vector x the derivative of a scalar is a row and that of a
/// vector a Jacobian, so an element-wise function contributes diag(f′(u)) and a dot product
/// uᵀv contributes vᵀ∂u/∂x + uᵀ∂v/∂x; by a matrix X a scalar's gradient has X's shape.
/// Where no rule splits f further (det X by X, a bilinear form by a matrix, a matrix that depends
/// on a vector), the derivative is closed in one step by the engine, under the rule of f's top
/// operation. The chain rule names the inner value (u = wᵀx + b) so the step reads
/// ∂f/∂u · ∂u/∂x, as in Parr & Howard; the names are for the page only — every term also
/// carries the expressions it stands for, which is what the numeric check of a step compares.
struct DerivationStepper {
    /// What x is: how the derivative is arranged.
    enum VariableKind {
        /// By a scalar: the derivative has f's shape.
        case scalar
        /// By a column vector: a row for a scalar f, the m×n Jacobian for a vector f.
        case vector
        /// By a matrix (or a declared `Matrix<n, 1>`): the gradient of a scalar, of X's shape.
        case matrix
    }

    /// An intermediate name: `name` stands for `value`.
    struct Definition {
        let name: Expr
        let value: Expr
    }

    /// The engine's derivative of f by x, for closing a step and for evaluating open terms.
    let derivative: (Expr, Expr) throws(EngineError) -> Expr
    private(set) var definitions: [Definition] = []
    private var unusedNames: [String]
    private var dependence: [Expr: Dependence] = [:]

    init(reservedNames: Set<String>, derivative: @escaping (Expr, Expr) throws(EngineError) -> Expr) {
        self.derivative = derivative
        unusedNames = ["u", "v", "r", "q", "p", "h", "g", "k"].filter { !reservedNames.contains($0) }
    }

    static func kind(of x: Expr) -> VariableKind {
        if x.shape.isScalar { return .scalar }
        if x.shape.isColumn, !(x.symbolValue?.isDeclaredMatrix ?? false) { return .vector }
        if x.literalRows != nil { return .vector }
        return .matrix
    }

    private mutating func depends(_ e: Expr, on x: Expr) -> Bool {
        if let rows = x.literalRows {
            return rows.contains { row in row.contains { depends(e, on: $0) } }
        }
        var check = dependence[x] ?? Dependence(on: x)
        let result = check.check(e)
        dependence[x] = check
        return result
    }

    /// The name for `value`, made on first use (the same inner value keeps its name).
    private mutating func name(for value: Expr) -> Expr? {
        if let known = definitions.first(where: { $0.value == value }) { return known.name }
        guard !unusedNames.isEmpty else { return nil }
        let name = Expr.symbol(unusedNames.removeFirst(), value.shape)
        definitions.append(Definition(name: name, value: value))
        return name
    }

    private func open(_ f: Expr, _ x: Expr) -> DerivationTerm { .derivative(of: f, wrt: x, shown: f) }

    /// Closes ∂f/∂x with the engine's result.
    private func closed(_ f: Expr, _ x: Expr) throws(EngineError) -> DerivationTerm { .value(try derivative(f, x)) }

    /// One rule applied to ∂f/∂x, with the rules it used.
    mutating func expand(_ f: Expr, wrt x: Expr) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule]) {
        if !depends(f, on: x) { return (try closed(f, x), [.constant]) }
        if f == x { return (try closed(f, x), [.variable]) }
        if x.literalRows != nil { return try entries(f, x) }
        let kind = Self.kind(of: x)
        if kind == .vector, !f.shape.isScalar, !f.shape.isColumn {
            // A row or a matrix by a vector: no matrix-form step; the engine's result or its error.
            return (try closed(f, x), [.entries])
        }
        if let named = try namedFunction(f, x, kind) { return named }
        switch f.kind {
        case .sum(let terms):
            // A scalar term of a vector sum stands for s𝟏 (z − logsumexp(z)): by a vector x its
            // derivative is the column 𝟏 times the row ∂s/∂x, not the row itself; by a scalar
            // x it is 𝟏 ∂s/∂x, which keeps the sum's shape when the other terms' derivatives are 0.
            guard kind == .vector && f.shape.isColumn || kind == .scalar && !f.shape.isScalar,
                  terms.contains(where: { $0.shape.isScalar }) else {
                return (.sum(terms.map { open($0, x) }), [.sum])
            }
            let ones = Expr.ones(f.shape)
            var parts: [DerivationTerm] = []
            for term in terms {
                let isNegative = if case .product(let coefficient, _, _) = term.kind { coefficient.isNegative } else { false }
                guard term.shape.isScalar else {
                    // −v reads as − ∂v/∂x, as the sum is printed (logsumexp(z) − z).
                    parts.append(isNegative ? .negate(open(try Expr.negate(term), x)) : open(term, x))
                    continue
                }
                // −s𝟏 reads as − 𝟏 ∂s/∂x, as the textbook writes z − logsumexp(z).
                if isNegative {
                    parts.append(.negate(.product([.value(ones), open(try Expr.negate(term), x)])))
                } else {
                    parts.append(.product([.value(ones), open(term, x)]))
                }
            }
            return (.sum(parts), [.sum, .scalarExpansion])
        case .product(let coefficient, let scalars, let factors):
            return try product(f, coefficient, scalars, factors, x, kind)
        case .hadamard(let operands):
            return try hadamard(operands, x, kind)
        case .power(let base, let exponent):
            if depends(exponent, on: x) { return (try closed(f, x), [.power]) }
            if exponent == Expr.integer(2), case .reduction(.norm, let v) = base.kind, v.shape.isColumn {
                // ‖v‖² = vᵀv: ∂‖v‖²/∂x = 2vᵀ ∂v/∂x, the squared loss as textbooks differentiate it
                // (not the power rule through ‖v‖ and its quotient vᵀ/‖v‖). By a matrix there
                // is no matrix-form chain through the vector v: the gradient is given at once.
                if kind == .matrix { return (try closed(f, x), [.norm, .matrixGradient]) }
                let outer = { (u: Expr) throws(EngineError) -> Expr in try Expr.multiply(Expr.integer(2), try Expr.transpose(u)) }
                return try chain(f, v, x, kind, outer: outer, rule: .norm, asFactor: true)
            }
            let rule: DerivativeRule = exponent == Expr.minusOne ? .quotient : .power
            let outer = { (u: Expr) throws(EngineError) -> Expr in
                try Expr.multiply(exponent, try Expr.power(u, try Expr.subtract(exponent, Expr.one)))
            }
            return try chain(f, base, x, kind, outer: outer, rule: rule)
        case .function(let function, let u):
            let rules: [DerivativeRule] = switch function {
            case .sigmoid: [.sigmoid]
            case .abs: [.absoluteValue]
            default: [.elementwiseFunction]
            }
            return try chain(f, u, x, kind, outer: { (u) throws(EngineError) in try FunctionDerivatives.derivative(of: function, at: u) }, rule: rules[0])
        case .maximum(let a, let b):
            return try extremum(f, a, b, isMaximum: true, x, kind)
        case .minimum(let a, let b):
            return try extremum(f, a, b, isMaximum: false, x, kind)
        case .transpose(let u):
            if kind == .scalar { return (.transpose(open(u, x)), [.transpose]) }
            return (try closed(f, x), [.transpose])
        case .reduction(.sum, let u):
            switch kind {
            case .scalar: return (.reduceSum(open(u, x)), [.reduction])
            case .vector where u.shape.isColumn:
                return (.product([.value(Expr.ones(Shape.row(u.shape.rows))), open(u, x)]), [.reduction])
            default: return (try closed(f, x), [.reduction])
            }
        case .reduction(.norm, let u):
            if kind == .vector, u.shape.isColumn {
                let outer = { (v: Expr) throws(EngineError) -> Expr in try Expr.divide(try Expr.transpose(v), try Expr.norm(v)) }
                return try chain(f, u, x, kind, outer: outer, rule: .norm, asFactor: true)
            }
            return (try closed(f, x), [.norm])
        case .reduction(.trace, let a):
            if kind == .scalar { return (.trace(open(a, x)), [.trace]) }
            return (try closed(f, x), [.trace])
        case .reduction(.det, _):
            return (try closed(f, x), [.determinant])
        case .inverse(let a):
            if kind == .scalar {
                let inverse = DerivationTerm.value(f)
                return (.negate(.product([inverse, open(a, x), inverse])), [.inverse])
            }
            return (try closed(f, x), [.inverse])
        case .piecewise(let cases):
            return (.piecewise(cases.map { ($0.condition, $0.condition, open($0.value, x)) }), [.piecewise])
        case .matrix(let rows) where kind == .scalar:
            return (.matrix(rows.map { row in row.map { open($0, x) } }), [.entries])
        case .diag(let u) where kind == .scalar:
            return (.diag(open(u, x)), [.entries])
        case .number, .decimal, .symbol, .size, .identity, .ones, .zeros:
            return (try closed(f, x), [.constant])
        case .matrix, .diag, .component:
            return (try closed(f, x), [.entries])
        }
    }

    // MARK: Rules

    /// softmax(z) and logsumexp(z) by their own rules, before the quotient and logarithm they
    /// are made of.
    private mutating func namedFunction(_ f: Expr, _ x: Expr, _ kind: VariableKind) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule])? {
        guard kind != .matrix else { return nil }
        if case .function(.log, let total) = f.kind, case .reduction(.sum, let exponential) = total.kind,
           case .function(.exp, let z) = exponential.kind, !z.shape.isScalar, kind == .vector || z == x {
            let outer = { (v: Expr) throws(EngineError) -> Expr in try Expr.transpose(try Expr.softmax(v)) }
            return try chain(f, z, x, kind, outer: outer, rule: .logsumexp, asFactor: true)
        }
        if case .product(_, let scalars, let factors) = f.kind, factors.count == 1, scalars.count == 1,
           case .function(.exp, let z) = factors[0].kind, z.shape.isColumn, kind == .vector,
           try Expr.softmax(z) == f {
            let outer = { (v: Expr) throws(EngineError) -> Expr in
                let s = try Expr.softmax(v)
                return try Expr.subtract(try Expr.diag(s), try Expr.multiply(s, try Expr.transpose(s)))
            }
            return try chain(f, z, x, kind, outer: outer, rule: .softmax, asFactor: true)
        }
        return nil
    }

    /// The chain rule through an entry-wise outer function with derivative `outer(u)` (or, with
    /// `asFactor`, an outer Jacobian: a row for a scalar function of a vector, a matrix for a
    /// vector function): names u unless it is x itself.
    private mutating func chain(
        _ f: Expr, _ u: Expr, _ x: Expr, _ kind: VariableKind,
        outer: (Expr) throws(EngineError) -> Expr, rule: DerivativeRule, asFactor: Bool = false
    ) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule]) {
        let isInnerAtomic = u == x
        let name = isInnerAtomic || u.symbolValue != nil ? nil : self.name(for: u)
        let value = try outer(u)
        let shownFactor = try name.map { (n) throws(EngineError) in try outer(n) } ?? value
        let factor = DerivationTerm.value(value, shown: shownFactor)
        let inner = DerivationTerm.derivative(of: u, wrt: x, shown: name ?? u)
        let rules: [DerivativeRule] = isInnerAtomic ? [rule] : [.chain, rule]
        // ∂f(x)/∂x: nothing inside to differentiate, the outer rule closes it.
        if isInnerAtomic { return (try closed(f, x), rules) }
        if asFactor { return (.product([factor, inner]), rules) }
        switch kind {
        case .vector where !u.shape.isScalar:
            return (.product([.diag(factor), inner]), rules)
        case .scalar where !u.shape.isScalar:
            return (.hadamard([factor, inner]), rules)
        default:
            return (.product([factor, inner]), rules)
        }
    }


    /// c · s₁⋯sₖ · F₁⋯Fₘ: constants move out front, then the product rule over the parts that
    /// depend on x, in the form the shapes need.
    private mutating func product(
        _ f: Expr, _ coefficient: Rational, _ scalars: [Expr], _ factors: [Expr], _ x: Expr, _ kind: VariableKind
    ) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule]) {
        var constants: [Expr] = []
        var varying: [Expr] = []
        for scalar in scalars {
            if depends(scalar, on: x) { varying.append(scalar) } else { constants.append(scalar) }
        }
        let constant = try Expr.multiply([Expr.number(coefficient)] + constants)
        if constant == Expr.minusOne, scalars.isEmpty, let asPrinted = try negationAbsorbed(factors, x, kind) {
            return asPrinted
        }
        if !constant.isOne {
            let rest = try Self.multiplied(varying + factors)
            if constant == Expr.minusOne { return (.negate(open(rest, x)), [.constantFactor]) }
            return (.product([.value(constant), open(rest, x)]), [.constantFactor])
        }
        let matrixPart = factors.isEmpty ? nil : try Self.multiplied(factors)
        if kind == .scalar {
            // Entry by entry: the ordered product rule, every operand in its place.
            let operands = scalars + factors
            var terms: [DerivationTerm] = []
            for (index, operand) in operands.enumerated() where depends(operand, on: x) {
                terms.append(.product(operands.enumerated().map { $0.offset == index ? open(operand, x) : .value($0.element) }))
            }
            return (terms.count == 1 ? terms[0] : .sum(terms), [terms.count == 1 ? .constantFactor : .product])
        }
        if let matrixPart, !varying.isEmpty {
            // s · M with s a scalar and M a column (or a 1×1 product): M ∂s/∂x + s ∂M/∂x.
            let scalarPart = try Expr.multiply(varying)
            let isExpansion = factors.count == 1 && { if case .ones = factors[0].kind { true } else { false } }()
            guard depends(matrixPart, on: x) else {
                return (.product([.value(matrixPart), open(scalarPart, x)]), [isExpansion ? .scalarExpansion : .constantFactor])
            }
            guard matrixPart.shape.isScalar || (kind == .vector && matrixPart.shape.isColumn) || kind == .matrix && matrixPart.shape.isScalar else {
                return (try closed(f, x), [.product])
            }
            return (.sum([.product([.value(matrixPart), open(scalarPart, x)]), .product([.value(scalarPart), open(matrixPart, x)])]), [.product])
        }
        if matrixPart == nil {
            // Scalars only: Σᵢ (∏ⱼ≠ᵢ sⱼ) ∂sᵢ/∂x.
            var terms: [DerivationTerm] = []
            for index in varying.indices {
                var others = varying
                others.remove(at: index)
                let rest = try Expr.multiply(others)
                terms.append(rest.isOne ? open(varying[index], x) : .product([.value(rest), open(varying[index], x)]))
            }
            return (terms.count == 1 ? terms[0] : .sum(terms), [.product])
        }
        // Matrix factors only (the scalar part is 1): F₁ · (F₂⋯Fₘ).
        guard kind == .vector, factors.count >= 2 else { return (try closed(f, x), [kind == .matrix ? .matrixGradient : .product]) }
        let first = factors[0]
        let rest = try Self.multiplied(Array(factors.dropFirst()))
        let firstVaries = depends(first, on: x), restVaries = depends(rest, on: x)
        if f.shape.isScalar, first.shape.isRow, rest.shape.isColumn {
            // uᵀv: vᵀ ∂u/∂x + uᵀ ∂v/∂x, with u = first ᵀ.
            let u = try Expr.transpose(first)
            var terms: [DerivationTerm] = []
            if firstVaries { terms.append(.product([.value(try Expr.transpose(rest)), open(u, x)])) }
            if restVaries { terms.append(.product([.value(first), open(rest, x)])) }
            let rules: [DerivativeRule] = terms.count == 2 ? [.product, .transpose] : (firstVaries ? [.constantFactor, .transpose] : [.constantFactor])
            return (terms.count == 1 ? terms[0] : .sum(terms), rules)
        }
        if f.shape.isColumn, !firstVaries {
            return (.product([.value(first), open(rest, x)]), [.constantFactor])
        }
        if f.shape.isColumn, first.shape.isColumn, rest.shape.isScalar {
            var terms: [DerivationTerm] = []
            if firstVaries { terms.append(.product([.value(rest), open(first, x)])) }
            if restVaries { terms.append(.product([.value(first), open(rest, x)])) }
            return (terms.count == 1 ? terms[0] : .sum(terms), [terms.count == 1 ? .constantFactor : .product])
        }
        return (try closed(f, x), [.product])
    }

    /// −P·(a − v) printed as P·(v − a) (the printer takes the minus into the sum): the constant
    /// factor rule on P and the sum as printed, P ∂(v − a)/∂x, rather than a first line that
    /// pulls the −1 back out and flips the sum the reader sees. Only when the sum is the last
    /// factor and the only operand that depends on x; nil otherwise.
    private mutating func negationAbsorbed(
        _ factors: [Expr], _ x: Expr, _ kind: VariableKind
    ) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule])? {
        guard kind != .matrix, factors.count >= 2, let target = factors.last,
              case .sum = target.kind, LayoutBuilder.negatableTerms(target) != nil,
              factors.first(where: { LayoutBuilder.negatableTerms($0) != nil }) == target,
              depends(target, on: x) else { return nil }
        let prefix = Array(factors.dropLast())
        guard !prefix.contains(where: { depends($0, on: x) }) else { return nil }
        return (.product([.value(try Self.multiplied(prefix)), open(try Expr.negate(target), x)]), [.constantFactor])
    }

    /// The ordered product of operands (1 for none).
    private static func multiplied(_ operands: [Expr]) throws(EngineError) -> Expr {
        var result: Expr?
        for operand in operands { result = try result.map { (r) throws(EngineError) in try Expr.multiply(r, operand) } ?? operand }
        return result ?? Expr.one
    }

    /// u ⊙ v ⊙ …: by a scalar, Σ (others) ⊙ ∂uᵢ/∂x; by a vector, Σ diag(others) ∂uᵢ/∂x.
    private mutating func hadamard(_ operands: [Expr], _ x: Expr, _ kind: VariableKind) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule]) {
        var terms: [DerivationTerm] = []
        for (index, operand) in operands.enumerated() where depends(operand, on: x) {
            var others = operands
            others.remove(at: index)
            var rest = others[0]
            for other in others.dropFirst() { rest = try Expr.hadamard(rest, other) }
            switch kind {
            case .scalar: terms.append(.hadamard([.value(rest), open(operand, x)]))
            case .vector where operand.shape.isColumn: terms.append(.product([.diag(.value(rest)), open(operand, x)]))
            default: return (try closed(try Expr.hadamard(operands[0], try Self.hadamardRest(operands)), x), [.hadamardProduct])
            }
        }
        return (terms.count == 1 ? terms[0] : .sum(terms), [.hadamardProduct])
    }

    private static func hadamardRest(_ operands: [Expr]) throws(EngineError) -> Expr {
        var rest = operands[1]
        for other in operands.dropFirst(2) { rest = try Expr.hadamard(rest, other) }
        return rest
    }

    /// max(a, b) and min(a, b) with the tie convention of `ExtremumConvention`: by cases for a
    /// scalar, by 0/1 weights entry by entry otherwise. max(0, u) names u, as the chain rule does.
    private mutating func extremum(
        _ f: Expr, _ a: Expr, _ b: Expr, isMaximum: Bool, _ x: Expr, _ kind: VariableKind
    ) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule]) {
        func shownOperand(_ e: Expr) -> (DerivationTerm, Expr, Bool) {
            let isNamed = depends(e, on: x) && e != x && e.symbolValue == nil && !depends(a == e ? b : a, on: x)
            if isNamed, let name = self.name(for: e) { return (.derivative(of: e, wrt: x, shown: name), name, true) }
            return (open(e, x), e, false)
        }
        let (da, shownA, namedA) = shownOperand(a)
        let (db, shownB, namedB) = shownOperand(b)
        let rules: [DerivativeRule] = namedA || namedB ? [.chain, .maxMin] : [.maxMin]
        if f.shape.isScalar {
            let real = ExtremumConvention.conditions(a, b, isMaximum: isMaximum)
            let shown = ExtremumConvention.conditions(shownA, shownB, isMaximum: isMaximum)
            return (.piecewise([(real.first, shown.first, da), (real.second, shown.second, db)]), rules)
        }
        let weights = try ExtremumConvention.weights(a, b, isMaximum: isMaximum)
        let shownWeights = try ExtremumConvention.weights(shownA, shownB, isMaximum: isMaximum)
        var terms: [DerivationTerm] = []
        for (weight, shownWeight, operand, term) in [(weights.first, shownWeights.first, a, da), (weights.second, shownWeights.second, b, db)]
        where depends(operand, on: x) && !weight.isZero {
            let factor = DerivationTerm.value(weight, shown: shownWeight)
            switch kind {
            case .scalar: terms.append(.hadamard([factor, term]))
            case .vector where operand.shape.isColumn: terms.append(.product([.diag(factor), term]))
            default: return (try closed(f, x), [.maxMin])
            }
        }
        return (terms.count == 1 ? terms[0] : .sum(terms), rules)
    }

    /// ∂f/∂[x₁, …, xₖ]: entry by entry, each a derivative by one scalar.
    private mutating func entries(_ f: Expr, _ xs: Expr) throws(EngineError) -> (term: DerivationTerm, rules: [DerivativeRule]) {
        guard let variables = xs.literalRows?.map({ $0[0] }) else { return (try closed(f, xs), [.entries]) }
        let functions: [Expr]
        if f.shape.isScalar {
            functions = [f]
        } else if let rows = f.literalRows, f.shape.isColumn {
            functions = rows.map { $0[0] }
        } else {
            return (try closed(f, xs), [.entries])
        }
        return (.matrix(functions.map { g in variables.map { open(g, $0) } }), [.entries])
    }
}
