/// A deterministic total order on expressions, used to sort the operands of commutative
/// operations so that a canonical form does not depend on the order of the input — and reads
/// like the textbook: numbers first in products (6xy), powers next to their base, symbols in
/// alphabetical order, functions after plain symbols, shallower before deeper; and in sums
/// positive terms before negative ones, matrix products first and higher powers first
/// (`Ax + b`, `x² + x`, `1 − x`), constants last among terms of one sign.
enum Ordering {
    /// Strict "a comes before b" among factors of a product.
    static func factorPrecedes(_ a: Expr, _ b: Expr) -> Bool { compare(a, b, inSum: false) < 0 }

    /// Strict "a comes before b" among terms of a sum.
    static func termPrecedes(_ a: Expr, _ b: Expr) -> Bool { compare(a, b, inSum: true) < 0 }

    private static func rank(_ e: Expr) -> Int {
        switch e.kind {
        case .number, .decimal: return 0
        case .size: return 1
        case .symbol: return 2
        case .transpose: return 3
        case .component: return 4
        case .product: return 5
        case .hadamard: return 6
        case .sum: return 7
        case .reduction: return 8
        case .function: return 9
        case .maximum: return 10
        case .minimum: return 11
        case .inverse: return 12
        case .diag: return 13
        case .identity: return 14
        case .ones: return 15
        case .zeros: return 16
        case .matrix: return 17
        case .piecewise: return 18
        case .power: return 19
        }
    }

    private static func splitPower(_ e: Expr) -> (Expr, Expr?) {
        if case .power(let base, let exponent) = e.kind { return (base, exponent) }
        return (e, nil)
    }

    /// A term of a sum without its numeric coefficient.
    private static func stripCoefficient(_ e: Expr) -> Expr {
        if case .product(let c, let scalars, let factors) = e.kind, !c.isOne,
           scalars.count + factors.count == 1 {
            return scalars.first ?? factors[0]
        }
        return e
    }

    static func compare(_ a0: Expr, _ b0: Expr, inSum: Bool) -> Int {
        if a0 === b0 { return 0 }
        var a = a0, b = b0
        if inSum {
            // Positive terms before negative ones (x − a, 1 − σ(x)); then constants last and
            // matrix products first.
            let aNegative = isNegativeTerm(a), bNegative = isNegativeTerm(b)
            if aNegative != bNegative { return aNegative ? 1 : -1 }
            let an = a.numberValue != nil, bn = b.numberValue != nil
            if an != bn { return an ? 1 : -1 }
            a = stripCoefficient(a)
            b = stripCoefficient(b)
            let ac = isChain(a), bc = isChain(b)
            if ac != bc { return ac ? -1 : 1 }
        }
        let (baseA, expA) = splitPower(a), (baseB, expB) = splitPower(b)
        if expA != nil || expB != nil {
            let byBase = compare(baseA, baseB, inSum: false)
            if byBase != 0 { return byBase }
            let one = Expr.one
            let byExponent = compare(expA ?? one, expB ?? one, inSum: false)
            return inSum ? -byExponent : byExponent
        }
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        // Shallower first (sin(x) before sin(x²)); this also keeps comparisons of deep,
        // different expressions from walking all the way down.
        if a.depth != b.depth { return a.depth < b.depth ? -1 : 1 }
        switch (a.kind, b.kind) {
        case (.number(let x), .number(let y)):
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.symbol(let x), .symbol(let y)):
            if x.name != y.name { return x.name < y.name ? -1 : 1 }
            if x.shape != y.shape { return x.shape.description < y.shape.description ? -1 : 1 }
            return x.assumptions.rawValue == y.assumptions.rawValue ? 0
                : (x.assumptions.rawValue < y.assumptions.rawValue ? -1 : 1)
        case (.size(let x), .size(let y)):
            return x.description == y.description ? 0 : (x.description < y.description ? -1 : 1)
        case (.product(let c1, _, _), .product(let c2, _, _)):
            let byChildren = compareChildren(a, b)
            if byChildren != 0 { return byChildren }
            return c1 == c2 ? 0 : (c1 < c2 ? -1 : 1)
        case (.function(let f, _), .function(let g, _)) where f != g:
            return f.rawValue < g.rawValue ? -1 : 1
        case (.reduction(let f, _), .reduction(let g, _)) where f != g:
            return f.rawValue < g.rawValue ? -1 : 1
        case (.component(_, let r1, let c1), .component(_, let r2, let c2)):
            let byChildren = compareChildren(a, b)
            if byChildren != 0 { return byChildren }
            if r1 != r2 { return r1 < r2 ? -1 : 1 }
            return c1 == c2 ? 0 : (c1 < c2 ? -1 : 1)
        default:
            let byChildren = compareChildren(a, b)
            if byChildren != 0 { return byChildren }
            let sa = a.shape.description, sb = b.shape.description
            if sa != sb { return sa < sb ? -1 : 1 }
            // Same children and shape but different kinds or payloads: fall back to the payload's
            // description, which is deterministic.
            let da = String(describing: a.kind), db = String(describing: b.kind)
            return da == db ? 0 : (da < db ? -1 : 1)
        }
    }

    private static func isNegativeTerm(_ e: Expr) -> Bool {
        switch e.kind {
        case .number(let value): return value.isNegative
        case .product(let c, _, _): return c.isNegative
        default: return false
        }
    }

    private static func isChain(_ e: Expr) -> Bool {
        if case .product(_, _, let factors) = e.kind, factors.count >= 2 { return true }
        return false
    }

    /// `compareLists(a.children, b.children)` for two nodes of one kind, without building the
    /// children arrays: sorting the terms of a sum compares their children many times.
    private static func compareChildren(_ a: Expr, _ b: Expr) -> Int {
        switch (a.kind, b.kind) {
        case (.sum(let xs), .sum(let ys)), (.hadamard(let xs), .hadamard(let ys)):
            return compareLists(xs, ys)
        case (.product(_, let s1, let f1), .product(_, let s2, let f2)):
            // The children are the scalars followed by the factors.
            let count1 = s1.count + f1.count, count2 = s2.count + f2.count
            for index in 0..<min(count1, count2) {
                let x = index < s1.count ? s1[index] : f1[index - s1.count]
                let y = index < s2.count ? s2[index] : f2[index - s2.count]
                let c = compare(x, y, inSum: false)
                if c != 0 { return c }
            }
            return count1 == count2 ? 0 : (count1 < count2 ? -1 : 1)
        case (.function(_, let x), .function(_, let y)), (.transpose(let x), .transpose(let y)),
             (.reduction(_, let x), .reduction(_, let y)), (.inverse(let x), .inverse(let y)),
             (.diag(let x), .diag(let y)), (.component(let x, _, _), .component(let y, _, _)):
            return compare(x, y, inSum: false)
        default:
            return compareLists(a.children, b.children)
        }
    }

    private static func compareLists(_ xs: [Expr], _ ys: [Expr]) -> Int {
        for (x, y) in zip(xs, ys) {
            let c = compare(x, y, inSum: false)
            if c != 0 { return c }
        }
        return xs.count == ys.count ? 0 : (xs.count < ys.count ? -1 : 1)
    }
}
