// A piece of a piecewise value simplified under its own condition, as the textbook writes it:
// where z > 0, max(0, z) is z, relu(z) is z, |z| is z, step(z) and sign(z) are 1; where z ≤ 0,
// max(0, z) is 0, min(0, z) is z, |z| is −z, step(z) is 0. A nested piecewise value whose
// condition the piece's condition decides becomes the case that holds.
//
// The rule is one comparison: a condition `lhs rel rhs` says which signs d = lhs − rhs can have;
// an operation whose outcome depends on the sign of some u (u = a − b for max(a, b) and
// min(a, b), the argument of abs, sign and step, the lhs − rhs of a nested condition) is decided
// when u is ±d in canonical form (hash-consing makes that a pointer comparison).

/// Which of negative, zero and positive a scalar can be.
struct SignSet: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let negative = SignSet(rawValue: 1)
    static let zero = SignSet(rawValue: 2)
    static let positive = SignSet(rawValue: 4)
    static let nonnegative: SignSet = [.zero, .positive]
    static let nonpositive: SignSet = [.negative, .zero]

    /// The signs of `lhs − rhs` where `lhs relation rhs` holds.
    init(_ relation: Relation) {
        switch relation {
        case .less: self = .negative
        case .lessEqual: self = .nonpositive
        case .greater: self = .positive
        case .greaterEqual: self = .nonnegative
        }
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The signs of −u when u has these signs.
    var negated: SignSet {
        var result: SignSet = intersection(.zero)
        if contains(.negative) { result.insert(.positive) }
        if contains(.positive) { result.insert(.negative) }
        return result
    }
}

/// The refinement pass for one condition, memoised over the DAG of the value.
struct ConditionRefinement {
    /// lhs − rhs of the condition, canonical.
    private let difference: Expr
    private let negatedDifference: Expr
    /// The signs `difference` can have where the condition holds.
    private let signs: SignSet
    private var memo: [Expr: Expr] = [:]

    init(_ condition: Condition) throws(EngineError) {
        difference = try Expr.subtract(condition.lhs, condition.rhs)
        negatedDifference = try Expr.negate(difference)
        signs = SignSet(condition.relation)
    }

    /// The signs `u` can have where the condition holds, or nil when the condition says nothing
    /// about u.
    func signs(of u: Expr) -> SignSet? {
        if u == difference { return signs }
        if u == negatedDifference { return signs.negated }
        return nil
    }

    /// The signs of a − b, when the condition decides them.
    private func signs(of a: Expr, minus b: Expr) throws(EngineError) -> SignSet? {
        guard a.shape.isScalar, b.shape.isScalar else { return nil }
        return signs(of: try Expr.subtract(a, b))
    }

    /// `value` with every operation the condition decides replaced by its outcome.
    mutating func refine(_ value: Expr) throws(EngineError) -> Expr {
        // A subexpression without the condition's symbols holds nothing the condition decides.
        if !value.symbolSignature.mayContain(difference.symbolSignature) || value.depth == 1 { return value }
        if let done = memo[value] { return done }
        let result: Expr
        if let decided = try decide(value) {
            result = try refine(decided)
        } else {
            result = try Expr.rebuilt(value) { (child: Expr) throws(EngineError) -> Expr in try refine(child) }
        }
        memo[value] = result
        return result
    }

    /// The outcome of `e` itself when the condition decides it, else nil.
    private func decide(_ e: Expr) throws(EngineError) -> Expr? {
        switch e.kind {
        case .maximum(let a, let b), .minimum(let a, let b):
            guard let s = try signs(of: a, minus: b) else { return nil }
            let isMaximum = if case .maximum = e.kind { true } else { false }
            if s.isSubset(of: .nonnegative) { return isMaximum ? a : b }
            if s.isSubset(of: .nonpositive) { return isMaximum ? b : a }
            return nil
        case .function(let function, let u):
            guard let s = signs(of: u) else { return nil }
            switch function {
            case .abs:
                if s.isSubset(of: .nonnegative) { return u }
                if s.isSubset(of: .nonpositive) { return try Expr.negate(u) }
            case .step:
                if s.isSubset(of: .positive) { return Expr.one }
                if s.isSubset(of: .nonpositive) { return Expr.zero }
            case .sign:
                if s.isSubset(of: .positive) { return Expr.one }
                if s.isSubset(of: .negative) { return Expr.minusOne }
                if s.isSubset(of: .zero) { return Expr.zero }
            default:
                break
            }
            return nil
        case .piecewise(let cases):
            // Cases are tried in order: a case the condition rules out is skipped, and the first
            // case the condition implies is the value. Stop at a case it leaves open.
            for piece in cases {
                guard let s = try signs(of: piece.condition.lhs, minus: piece.condition.rhs) else { return nil }
                let required = SignSet(piece.condition.relation)
                if s.isSubset(of: required) { return piece.value }
                if !s.isDisjoint(with: required) { return nil }
            }
            return nil
        default:
            return nil
        }
    }
}
