// Element-wise products and divisions: `⊙` (`.*`, `⊗`) and `⊘` (`./`). Canonical form: a scalar
// operand becomes scalar multiplication, scalar multiples are pulled out (2x ⊙ y → 2(x ⊙ y)),
// ones dropped, equal bases merged (x ⊙ x → x², x ⊙ x⁻¹ → 1), operands sorted; a ⊘ b is a ⊙ b⁻¹;
// a row-shaped product is the transpose of the column one ((u ⊙ v)ᵀ).
extension Expr {
    /// `a ⊙ b`.
    public static func hadamard(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        _ = try elementwiseShape(a.shape, b.shape, operation: "⊙")
        return try hadamard([a, b])
    }

    /// `a ⊘ b`.
    public static func elementwiseDivide(_ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        _ = try elementwiseShape(a.shape, b.shape, operation: "⊘")
        if b.isZero { throw .divisionByZero }
        return try hadamard([a, try power(b, minusOne)])
    }

    /// The element-wise product of operands of one shape (scalars are expanded).
    static func hadamard(_ operands: [Expr]) throws(EngineError) -> Expr {
        var shape = Shape.scalar
        for operand in operands { shape = try elementwiseShape(shape, operand.shape, operation: "⊙") }
        if shape.isScalar { return try product(operands) }
        if let transposed = try transposedOperands(operands, shape: shape) {
            return try transpose(try hadamard(transposed))
        }
        var scalarParts: [Expr] = []
        var parts: [Expr] = []
        for operand in operands {
            if operand.shape.isScalar { scalarParts.append(operand); continue }
            switch operand.kind {
            case .hadamard(let inner):
                parts += inner
            case .product(let c, let scalars, let factors) where factors.count == 1:
                scalarParts.append(number(c))
                scalarParts += scalars
                if case .hadamard(let inner) = factors[0].kind { parts += inner } else { parts.append(factors[0]) }
            case .ones:
                continue
            case .sum:
                let (content, primitive) = try extractContent(operand)
                scalarParts.append(number(content))
                parts.append(primitive)
            default:
                parts.append(operand)
            }
        }
        if parts.contains(where: \.isZero) || scalarParts.contains(where: \.isZero) { return zeros(shape) }
        if parts.isEmpty { return try product(scalarParts + [ones(shape)]) }
        if parts.allSatisfy({ $0.literalRows != nil }) {
            let literal = try entrywise(parts, shape: shape) { entries throws(EngineError) in try product(entries) }
            return try product(scalarParts + [literal])
        }
        // I ⊙ M keeps the diagonal; diag(u) ⊙ M = diag(u ⊙ diagonal of M) needs a diagonal-part
        // node, which the engine does not have, so those stay as products.
        var order: [Expr] = []
        var exponents: [Expr: [Expr]] = [:]
        for part in parts {
            let (base, exponent): (Expr, Expr)
            if case .power(let b, let e) = part.kind { (base, exponent) = (b, e) } else { (base, exponent) = (part, one) }
            if exponents[base] == nil { order.append(base) }
            exponents[base, default: []].append(exponent)
        }
        var merged: [Expr] = []
        for base in order {
            guard let list = exponents[base] else { continue }
            let combined = list.count == 1 ? (list[0].isOne ? base : try power(base, list[0]))
                : try power(base, try sum(list))
            switch combined.kind {
            case .ones:
                continue
            case .hadamard(let inner):
                merged += inner
            case .product(let c, let scalars, let factors) where factors.count == 1:
                scalarParts.append(number(c))
                scalarParts += scalars
                merged.append(factors[0])
            default:
                merged.append(combined)
            }
        }
        if let folded = try NamedForms.foldSigmoid(merged) {
            return try hadamard(scalarParts + folded)
        }
        merged.sort(by: Ordering.factorPrecedes)
        let core: Expr
        switch merged.count {
        case 0: core = ones(shape)
        case 1: core = merged[0]
        default: core = try node(.hadamard(merged), shape)
        }
        return scalarParts.isEmpty ? core : try product(scalarParts + [core])
    }
}
