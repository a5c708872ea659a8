/// One side of a derivation step: an expression in which some derivatives are still written
/// as ∂f/∂x, combined by the operations the rules produce (sums, products, transposes, diag,
/// cases, entries).
///
/// It cannot be an `Expr`: the builders canonicalise every node, and an unevaluated ∂f/∂x is
/// exactly what a step must keep visible. Each node carries what it stands for (`value`, an
/// `Expr`) apart from how it is shown (`shown`, with intermediate names such as u = wᵀx + b), so
/// a step is evaluated and checked on the real expressions while the page shows the names.
indirect enum DerivationTerm: Hashable, Sendable {
    /// A finished value; `shown` is the same value written with intermediate names.
    case value(Expr, shown: Expr)
    /// ∂f/∂x not yet worked out; `shown` is f as the step writes it (a name like u, or f itself).
    case derivative(of: Expr, wrt: Expr, shown: Expr)
    case sum([DerivationTerm])
    /// An ordered product (matrix products keep their order; scalars may be anywhere).
    case product([DerivationTerm])
    case hadamard([DerivationTerm])
    case transpose(DerivationTerm)
    case diag(DerivationTerm)
    /// sum of the entries (by a scalar variable, the sum rule of a reduction).
    case reduceSum(DerivationTerm)
    case trace(DerivationTerm)
    case negate(DerivationTerm)
    /// Cases, as max and min give them: the conditions are shown with names too.
    case piecewise([(condition: Condition, shown: Condition, term: DerivationTerm)])
    /// Entries given one by one (a Jacobian of a list of functions by a list of variables).
    case matrix([[DerivationTerm]])

    static func value(_ e: Expr) -> DerivationTerm { .value(e, shown: e) }

    static func == (a: DerivationTerm, b: DerivationTerm) -> Bool {
        switch (a, b) {
        case (.value(let x, let sx), .value(let y, let sy)): return x == y && sx == sy
        case (.derivative(let f, let x, let s), .derivative(let g, let y, let t)): return f == g && x == y && s == t
        case (.sum(let p), .sum(let q)), (.product(let p), .product(let q)), (.hadamard(let p), .hadamard(let q)): return p == q
        case (.transpose(let p), .transpose(let q)), (.diag(let p), .diag(let q)), (.reduceSum(let p), .reduceSum(let q)),
             (.trace(let p), .trace(let q)), (.negate(let p), .negate(let q)): return p == q
        case (.piecewise(let p), .piecewise(let q)):
            return p.count == q.count && zip(p, q).allSatisfy { $0.condition == $1.condition && $0.shown == $1.shown && $0.term == $1.term }
        case (.matrix(let p), .matrix(let q)): return p == q
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .value(let e, _): hasher.combine(0); hasher.combine(e)
        case .derivative(let f, let x, _): hasher.combine(1); hasher.combine(f); hasher.combine(x)
        case .sum(let p): hasher.combine(2); hasher.combine(p)
        case .product(let p): hasher.combine(3); hasher.combine(p)
        case .hadamard(let p): hasher.combine(4); hasher.combine(p)
        case .transpose(let p): hasher.combine(5); hasher.combine(p)
        case .diag(let p): hasher.combine(6); hasher.combine(p)
        case .reduceSum(let p): hasher.combine(7); hasher.combine(p)
        case .trace(let p): hasher.combine(8); hasher.combine(p)
        case .negate(let p): hasher.combine(9); hasher.combine(p)
        case .piecewise(let cases): hasher.combine(10); hasher.combine(cases.count)
        case .matrix(let rows): hasher.combine(11); hasher.combine(rows)
        }
    }

    /// Whether a ∂f/∂x is left to work out.
    var hasOpenDerivative: Bool {
        switch self {
        case .value: false
        case .derivative: true
        case .sum(let parts), .product(let parts), .hadamard(let parts): parts.contains { $0.hasOpenDerivative }
        case .transpose(let p), .diag(let p), .reduceSum(let p), .trace(let p), .negate(let p): p.hasOpenDerivative
        case .piecewise(let cases): cases.contains { $0.term.hasOpenDerivative }
        case .matrix(let rows): rows.contains { $0.contains { $0.hasOpenDerivative } }
        }
    }

    /// The expression the term stands for: each open ∂f/∂x computed by the engine, the
    /// operations applied by the builders. Two consecutive steps are checked by comparing these.
    func evaluated(derivative: (Expr, Expr) throws(EngineError) -> Expr) throws(EngineError) -> Expr {
        switch self {
        case .value(let e, _):
            return e
        case .derivative(let f, let x, _):
            return try derivative(f, x)
        case .sum(let parts):
            var terms: [Expr] = []
            for part in parts { terms.append(try part.evaluated(derivative: derivative)) }
            return try Expr.sum(terms)
        case .product(let parts):
            var result: Expr?
            for part in parts {
                let value = try part.evaluated(derivative: derivative)
                result = try result.map { (r) throws(EngineError) in try Expr.multiply(r, value) } ?? value
            }
            return result ?? Expr.one
        case .hadamard(let parts):
            var result: Expr?
            for part in parts {
                let value = try part.evaluated(derivative: derivative)
                result = try result.map { (r) throws(EngineError) in try Expr.hadamard(r, value) } ?? value
            }
            return result ?? Expr.one
        case .transpose(let p):
            return try Expr.transpose(try p.evaluated(derivative: derivative))
        case .diag(let p):
            return try Expr.diag(try p.evaluated(derivative: derivative))
        case .reduceSum(let p):
            return try Expr.reduceSum(try p.evaluated(derivative: derivative))
        case .trace(let p):
            return try Expr.trace(try p.evaluated(derivative: derivative))
        case .negate(let p):
            return try Expr.negate(try p.evaluated(derivative: derivative))
        case .piecewise(let cases):
            var pieces: [PiecewiseCase] = []
            for piece in cases { pieces.append(PiecewiseCase(piece.condition, try piece.term.evaluated(derivative: derivative))) }
            return try Expr.piecewise(pieces)
        case .matrix(let rows):
            var values: [[Expr]] = []
            for row in rows {
                var entries: [Expr] = []
                for entry in row { entries.append(try entry.evaluated(derivative: derivative)) }
                values.append(entries)
            }
            return try Expr.matrix(values)
        }
    }

    /// The term with every open derivative replaced by `expand` (nil keeps it).
    func expanding(_ expand: (Expr, Expr, Expr) throws(EngineError) -> DerivationTerm?) throws(EngineError) -> DerivationTerm {
        switch self {
        case .value:
            return self
        case .derivative(let f, let x, let shown):
            return try expand(f, x, shown) ?? self
        case .sum(let parts):
            var result: [DerivationTerm] = []
            for part in parts { result.append(try part.expanding(expand)) }
            return .sum(result)
        case .product(let parts):
            var result: [DerivationTerm] = []
            for part in parts { result.append(try part.expanding(expand)) }
            return .product(result)
        case .hadamard(let parts):
            var result: [DerivationTerm] = []
            for part in parts { result.append(try part.expanding(expand)) }
            return .hadamard(result)
        case .transpose(let p): return .transpose(try p.expanding(expand))
        case .diag(let p): return .diag(try p.expanding(expand))
        case .reduceSum(let p): return .reduceSum(try p.expanding(expand))
        case .trace(let p): return .trace(try p.expanding(expand))
        case .negate(let p): return .negate(try p.expanding(expand))
        case .piecewise(let cases):
            var result: [(condition: Condition, shown: Condition, term: DerivationTerm)] = []
            for piece in cases { result.append((piece.condition, piece.shown, try piece.term.expanding(expand))) }
            return .piecewise(result)
        case .matrix(let rows):
            var result: [[DerivationTerm]] = []
            for row in rows {
                var entries: [DerivationTerm] = []
                for entry in row { entries.append(try entry.expanding(expand)) }
                result.append(entries)
            }
            return .matrix(result)
        }
    }

    /// The term with each value shown as `rename` writes it (nil keeps how it is shown); the
    /// values, and so the checked steps, are unchanged.
    func reshown(_ rename: (Expr) -> Expr?) -> DerivationTerm {
        switch self {
        case .value(let e, let shown): return .value(e, shown: shown == e ? rename(e) ?? shown : shown)
        case .derivative: return self
        case .sum(let parts): return .sum(parts.map { $0.reshown(rename) })
        case .product(let parts): return .product(parts.map { $0.reshown(rename) })
        case .hadamard(let parts): return .hadamard(parts.map { $0.reshown(rename) })
        case .transpose(let p): return .transpose(p.reshown(rename))
        case .diag(let p): return .diag(p.reshown(rename))
        case .reduceSum(let p): return .reduceSum(p.reshown(rename))
        case .trace(let p): return .trace(p.reshown(rename))
        case .negate(let p): return .negate(p.reshown(rename))
        case .piecewise(let cases): return .piecewise(cases.map { ($0.condition, $0.shown, $0.term.reshown(rename)) })
        case .matrix(let rows): return .matrix(rows.map { $0.map { $0.reshown(rename) } })
        }
    }

    /// The term without the zero terms of its sums (∂b/∂w = 0ᵀ closed beside xᵀ leaves xᵀ) and
    /// the factors 1 of its products, as a textbook drops them; the value is unchanged.
    func withoutZeroTerms() -> DerivationTerm {
        switch self {
        case .value, .derivative: return self
        case .sum(let parts):
            let kept = parts.map { $0.withoutZeroTerms() }.filter { !$0.isZeroValue }
            if kept.isEmpty { return parts[0] }
            return kept.count == 1 ? kept[0] : .sum(kept)
        case .product(let parts):
            // A factor 1 that a trivial rule closed (𝟏 · ∂z/∂z = 𝟏·1) is dropped too.
            // So is a factor I beside a vector or matrix factor (uᵀI = uᵀ); beside scalars only
            // (3I) it carries the shape and stays.
            let simplified = parts.map { $0.withoutZeroTerms() }
            let hasArrayFactor = simplified.contains { $0.isArrayValue }
            let kept = simplified.filter { term in
                guard case .value(let e, _) = term else { return true }
                if case .identity = e.kind { return !hasArrayFactor }
                return !e.isOne
            }
            if kept.isEmpty { return parts[0] }
            return kept.count == 1 ? kept[0] : .product(kept)
        case .hadamard(let parts): return .hadamard(parts.map { $0.withoutZeroTerms() })
        case .transpose(let p): return .transpose(p.withoutZeroTerms())
        case .diag(let p): return .diag(p.withoutZeroTerms())
        case .reduceSum(let p): return .reduceSum(p.withoutZeroTerms())
        case .trace(let p): return .trace(p.withoutZeroTerms())
        case .negate(let p): return .negate(p.withoutZeroTerms())
        case .piecewise(let cases): return .piecewise(cases.map { ($0.condition, $0.shown, $0.term.withoutZeroTerms()) })
        case .matrix(let rows): return .matrix(rows.map { $0.map { $0.withoutZeroTerms() } })
        }
    }

    /// A zero value, or a product or negation with a zero factor (𝟏·𝟎ᵀ from a constant scalar
    /// term of a vector sum).
    /// A value known to be a vector or matrix other than I (whatever its open parts turn into).
    private var isArrayValue: Bool {
        switch self {
        case .value(let e, _):
            if case .identity = e.kind { return false }
            return !e.shape.isScalar
        case .diag: return true
        case .transpose(let p): return p.isArrayValue
        default: return false
        }
    }

    private var isZeroValue: Bool {
        switch self {
        case .value(let e, _): return e.isZero
        case .product(let parts): return parts.contains { $0.isZeroValue }
        case .negate(let p): return p.isZeroValue
        default: return false
        }
    }
}
