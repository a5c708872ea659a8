/// What the engine knows about the sign of a value, from assumptions (`@positive`) and
/// structure (exp is positive, squares are nonnegative). Computed once per node when it is made,
/// from its children's flags, so asking is O(1) even on huge DAGs.
enum SignAnalysis {
    /// Known to be ≥ 0 (entry-wise) from assumptions and structure, given what is known of the
    /// children (each child's flags were computed when it was made, so this is O(children)).
    static func isNonnegative(_ kind: Expr.Kind) -> Bool {
        switch kind {
        case .number(let value): return !value.isNegative
        case .decimal: return true
        case .symbol(let symbol): return symbol.isNonnegative
        case .size, .ones, .zeros, .identity: return true
        case .transpose(let inner), .diag(let inner): return inner.isNonnegative
        case .function(let function, let argument):
            switch function {
            case .exp, .abs, .sigmoid, .step: return true
            default: return function == .sign && argument.isPositive
            }
        case .power(let base, let exponent):
            if base.isNonnegative { return true }
            if let p = exponent.numberValue, p.isInteger, let n = p.intValue { return n % 2 == 0 }
            return false
        case .product(let c, let scalars, let factors):
            return !c.isNegative && factors.isEmpty && scalars.allSatisfy(\.isNonnegative)
        case .hadamard(let factors):
            return factors.allSatisfy(\.isNonnegative)
        case .sum(let terms):
            return terms.allSatisfy(\.isNonnegative)
        case .reduction(.norm, _):
            return true
        case .reduction(.sum, let inner):
            return inner.isNonnegative
        default:
            return false
        }
    }

    /// Known to be > 0 (entry-wise).
    static func isPositive(_ kind: Expr.Kind) -> Bool {
        switch kind {
        case .number(let value): return value.isPositive
        case .decimal(let value): return value.value > 0
        case .symbol(let symbol): return symbol.isPositive
        case .size, .ones: return true
        case .transpose(let inner): return inner.isPositive
        case .function(.exp, _), .function(.sigmoid, _): return true
        case .power(let base, _): return base.isPositive
        case .product(let c, let scalars, let factors):
            return c.isPositive && factors.isEmpty && scalars.allSatisfy(\.isPositive)
        case .hadamard(let factors):
            return factors.allSatisfy(\.isPositive)
        case .sum(let terms):
            return terms.allSatisfy(\.isPositive)
        case .reduction(.sum, let inner):
            return inner.isPositive
        default:
            return false
        }
    }
}
