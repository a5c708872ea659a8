// The named forms a textbook prefers, recognised wherever the builders meet them written out:
// exp(u)/(1 + exp(u)) = σ(u) and 1/(1 + exp(−u)) = σ(u) among the factors of a product or a
// Hadamard product (so the gradient of softplus log(1 + exp(u)) is σ(u)); log(c·exp(z)) split
// into log(c) + z for positive factors (so log(softmax(z)) is z − logsumexp(z)). softmax(z) is
// exp(z)/sum(exp(z)) and logsumexp(z) is log(sum(exp(z))): the writers print those by name.
enum NamedForms {
    /// u when `e` is exp(u) + 1 (a scalar 1 expanded over a vector or matrix u alike).
    private static func onePlusExpArgument(_ e: Expr) -> Expr? {
        guard case .sum(let terms) = e.kind, terms.count == 2 else { return nil }
        let (a, b) = (terms[0], terms[1])
        if b.isOne, case .function(.exp, let u) = a.kind { return u }
        if a.isOne, case .function(.exp, let u) = b.kind { return u }
        return nil
    }

    /// The operands with exp(u)·(exp(u) + 1)⁻¹ replaced by σ(u) and a remaining
    /// (exp(v) + 1)⁻¹ by σ(−v); nil when there is none.
    static func foldSigmoid(_ operands: [Expr]) throws(EngineError) -> [Expr]? {
        guard operands.contains(where: { if case .power = $0.kind { true } else { false } }) else { return nil }
        var result = operands
        var changed = false
        var index = 0
        while index < result.count {
            guard case .power(let base, let exponent) = result[index].kind, exponent == Expr.minusOne,
                  let u = onePlusExpArgument(base) else {
                index += 1
                continue
            }
            let numerator = try Expr.exp(u)
            if let partner = result.firstIndex(of: numerator) {
                let sigmoid = try Expr.sigmoid(u)
                result[index] = sigmoid
                result.remove(at: partner)
                if partner < index { index -= 1 }
            } else {
                result[index] = try Expr.sigmoid(try Expr.negate(u))
            }
            changed = true
            index += 1
        }
        return changed ? result : nil
    }

    /// log(c·s₁·…·v) for a positive constant c and positive factors, one of them an exp:
    /// the sum of the logarithms (log(exp(z)) = z then cancels). Nil when the rule does not apply.
    static func splitLogarithm(of x: Expr) throws(EngineError) -> Expr? {
        guard case .product(let c, let scalars, let factors) = x.kind, c.isPositive, factors.count <= 1 else { return nil }
        let operands = scalars + factors
        guard operands.allSatisfy(\.isPositive), operands.contains(where: isExponential) else { return nil }
        var terms: [Expr] = []
        if !c.isOne { terms.append(try Expr.log(Expr.number(c))) }
        for operand in operands { terms.append(try Expr.log(operand)) }
        return try Expr.sum(terms)
    }

    private static func isExponential(_ e: Expr) -> Bool {
        if case .function(.exp, _) = e.kind { return true }
        return false
    }
}

extension Expr {
    /// `softmax(z)` = exp(z)/sum(exp(z)): kept as that quotient, so that every rule of exp, sum
    /// and division applies to it (its Jacobian is diag(softmax(z)) − softmax(z)softmax(z)ᵀ by
    /// the product and chain rules, and the derivative check verifies it like any other), and
    /// printed by name.
    public static func softmax(_ z: Expr) throws(EngineError) -> Expr {
        let exponential = try exp(z)
        return try divide(exponential, try reduceSum(exponential))
    }

    /// `logsumexp(z)` = log(sum(exp(z))), printed by name; its gradient is softmax(z)ᵀ.
    public static func logsumexp(_ z: Expr) throws(EngineError) -> Expr {
        try log(try reduceSum(try exp(z)))
    }
}
