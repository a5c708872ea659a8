/// The derivative of any expression with respect to one scalar symbol x, entry by entry: the
/// result has the shape of the expression (∂F/∂x for a matrix F is a matrix). These are the
/// textbook rules of single-variable calculus, applied to vectors and matrices entry-wise, with
/// the matrix product rule keeping the order of factors.
struct ScalarVariableDerivative {
    let variable: Expr
    private var dependence: Dependence
    private var memo: [Expr: Expr] = [:]

    init(variable: Expr) {
        self.variable = variable
        dependence = Dependence(on: variable)
    }

    mutating func derivative(_ e: Expr) throws(EngineError) -> Expr {
        if !dependence.check(e) { return constantRule(e) }
        if e == variable { return variableRule(e) }
        if let done = memo[e] { return done }
        let result = try rule(for: e)
        memo[e] = result
        return result
    }

    private mutating func rule(for e: Expr) throws(EngineError) -> Expr {
        switch e.kind {
        case .sum(let terms):
            return try sumRule(terms, shape: e.shape)
        case .product(let coefficient, let scalars, let factors):
            return try productRule(coefficient, scalars + factors)
        case .hadamard(let factors):
            return try hadamardProductRule(factors)
        case .power(let base, let exponent):
            return dependence.check(exponent) ? try generalPowerRule(base, exponent) : try powerRule(base, exponent)
        case .function(let function, let argument):
            return try chainRule(function, argument)
        case .maximum(let a, let b):
            return try extremumRule(a, b, isMaximum: true, shape: e.shape)
        case .minimum(let a, let b):
            return try extremumRule(a, b, isMaximum: false, shape: e.shape)
        case .transpose(let argument):
            return try Expr.transpose(try derivative(argument))
        case .reduction(.sum, let argument):
            return try Expr.reduceSum(try derivative(argument))
        case .reduction(.norm, let argument):
            return try normRule(argument)
        case .reduction(.trace, let argument):
            return try Expr.trace(try derivative(argument))
        case .reduction(.det, let argument):
            return try determinantRule(argument)
        case .inverse(let argument):
            return try inverseRule(argument)
        case .diag(let argument):
            return try Expr.diag(try derivative(argument))
        case .component(let argument, let row, let column):
            return try Expr.entry(try derivative(argument), row, column)
        case .matrix(let rows):
            var derived: [[Expr]] = []
            for row in rows {
                var out: [Expr] = []
                for entry in row { out.append(try derivative(entry)) }
                derived.append(out)
            }
            return try Expr.matrix(derived)
        case .piecewise(let cases):
            var derived: [PiecewiseCase] = []
            for piece in cases { derived.append(PiecewiseCase(piece.condition, try derivative(piece.value))) }
            return try Expr.piecewise(derived)
        case .number, .decimal, .symbol, .size, .identity, .ones, .zeros:
            return constantRule(e)
        }
    }

    /// d(c)/dx = 0.
    private func constantRule(_ e: Expr) -> Expr { constantRule(e.shape) }

    private func constantRule(_ shape: Shape) -> Expr { Expr.zeros(shape) }

    /// dx/dx = 1.
    private func variableRule(_ e: Expr) -> Expr { Expr.ones(e.shape) }

    /// d(u + v) = du + dv, over the terms that depend on x only: in a sum of many terms
    /// (xᵀAx written out has n² of them) most are constants, and skipping them keeps the
    /// work proportional to the terms that contain x.
    private mutating func sumRule(_ terms: [Expr], shape: Shape) throws(EngineError) -> Expr {
        var derived: [Expr] = []
        for term in terms where dependence.check(term) { derived.append(try derivative(term)) }
        // A scalar term of a vector sum is expanded to the sum's shape; its derivative must be too.
        if !derived.contains(where: { $0.shape == shape }) { derived.append(constantRule(shape)) }
        return try Expr.sum(derived)
    }

    /// d(u·v·w) = du·v·w + u·dv·w + u·v·dw, keeping the order of matrix factors.
    private mutating func productRule(_ coefficient: Rational, _ operands: [Expr]) throws(EngineError) -> Expr {
        var terms: [Expr] = []
        for index in operands.indices where dependence.check(operands[index]) {
            var replaced = operands
            replaced[index] = try derivative(operands[index])
            terms.append(try Expr.product(coefficient: coefficient, replaced))
        }
        return try Expr.sum(terms)
    }

    /// d(u ⊙ v) = du ⊙ v + u ⊙ dv.
    private mutating func hadamardProductRule(_ factors: [Expr]) throws(EngineError) -> Expr {
        var terms: [Expr] = []
        for index in factors.indices where dependence.check(factors[index]) {
            var replaced = factors
            replaced[index] = try derivative(factors[index])
            terms.append(try Expr.hadamard(replaced))
        }
        return try Expr.sum(terms)
    }

    /// d(uᵖ) = p·uᵖ⁻¹ ⊙ du for a constant p.
    private mutating func powerRule(_ base: Expr, _ exponent: Expr) throws(EngineError) -> Expr {
        let outer: Expr
        if let p = exponent.numberValue {
            // A numeric exponent (the usual case) folds p − 1 directly.
            outer = try Expr.scale(try Expr.power(base, Expr.number(p - .one)), by: p)
        } else {
            outer = try Expr.multiply(exponent, try Expr.power(base, try Expr.subtract(exponent, Expr.one)))
        }
        return try chain(outer, try derivative(base))
    }

    /// outer ⊙ du, the last step of every chain rule; when u is x itself, du is all ones and
    /// the product is outer (no builder call for the most common case).
    private func chain(_ outer: Expr, _ du: Expr) throws(EngineError) -> Expr {
        if du.shape == outer.shape {
            if du.isOne { return outer }
            if case .ones = du.kind { return outer }
        }
        return try Expr.hadamard(outer, du)
    }

    /// d(uᵛ) = uᵛ ⊙ (log(u) ⊙ dv + v ⊙ du ⊘ u).
    private mutating func generalPowerRule(_ base: Expr, _ exponent: Expr) throws(EngineError) -> Expr {
        let whole = try Expr.power(base, exponent)
        let viaExponent = try Expr.hadamard(try Expr.log(base), try derivative(exponent))
        let viaBase = try Expr.hadamard(try Expr.multiply(exponent, try Expr.power(base, Expr.minusOne)), try derivative(base))
        return try Expr.hadamard(whole, try Expr.add(viaExponent, viaBase))
    }

    /// d f(u) = f′(u) ⊙ du.
    private mutating func chainRule(_ function: ElementwiseFunction, _ argument: Expr) throws(EngineError) -> Expr {
        try chain(try FunctionDerivatives.derivative(of: function, at: argument), try derivative(argument))
    }

    /// d max(a, b) = da where a ≥ b, db where a < b (for scalars, as cases); element-wise,
    /// (1 − step(b − a)) ⊙ da + step(b − a) ⊙ db. min alike (`ExtremumConvention`).
    private mutating func extremumRule(_ a: Expr, _ b: Expr, isMaximum: Bool, shape: Shape) throws(EngineError) -> Expr {
        let da = try derivative(a), db = try derivative(b)
        if shape.isScalar {
            let (first, second) = ExtremumConvention.conditions(a, b, isMaximum: isMaximum)
            return try Expr.piecewise([PiecewiseCase(first, da), PiecewiseCase(second, db)])
        }
        let (forA, forB) = try ExtremumConvention.weights(a, b, isMaximum: isMaximum)
        return try Expr.add(try Expr.hadamard(forA, da), try Expr.hadamard(forB, db))
    }

    /// d‖u‖ = sum(u ⊙ du) / ‖u‖.
    private mutating func normRule(_ argument: Expr) throws(EngineError) -> Expr {
        let inner = try Expr.reduceSum(try Expr.hadamard(argument, try derivative(argument)))
        return try Expr.divide(inner, try Expr.norm(argument))
    }

    /// Jacobi's formula: d det(U) = det(U)·trace(U⁻¹ dU).
    private mutating func determinantRule(_ argument: Expr) throws(EngineError) -> Expr {
        let inner = try Expr.trace(try Expr.multiply(try Expr.inverse(argument), try derivative(argument)))
        return try Expr.multiply(try Expr.det(argument), inner)
    }

    /// d(U⁻¹) = −U⁻¹ dU U⁻¹.
    private mutating func inverseRule(_ argument: Expr) throws(EngineError) -> Expr {
        let inverse = try Expr.inverse(argument)
        return try Expr.negate(try Expr.multiply(try Expr.multiply(inverse, try derivative(argument)), inverse))
    }
}
