/// The gradient of a scalar with respect to a matrix symbol X, with X's shape, by propagating
/// adjoints backwards: `backpropagate(e, G)` returns ∇_X ⟨G, e⟩ for a seed G of e's shape
/// (⟨G, e⟩ = sum(G ⊙ e)). Each case is one matrix rule — ⟨G, LFR⟩ = ⟨LᵀGRᵀ, F⟩,
/// ∇ trace(F) = I, ∇ det(F) = det(F)F⁻ᵀ, ∇ F⁻¹ = −F⁻ᵀGF⁻ᵀ — so results come out in closed form:
/// ∇ trace(XB) = Bᵀ, ∇ log det X = X⁻ᵀ.
struct MatrixGradient {
    let variable: Expr
    private var dependence: Dependence

    init(variable: Expr) {
        self.variable = variable
        dependence = Dependence(on: variable)
    }

    mutating func gradient(_ e: Expr) throws(EngineError) -> Expr {
        try backpropagate(e, Expr.one) ?? Expr.zeros(variable.shape)
    }

    /// nil when e does not depend on X.
    private mutating func backpropagate(_ e: Expr, _ seed: Expr) throws(EngineError) -> Expr? {
        if !dependence.check(e) { return nil }
        if e == variable { return seed }
        switch e.kind {
        case .sum(let terms):
            var parts: [Expr] = []
            for term in terms {
                let termSeed = term.shape.isScalar && !e.shape.isScalar ? try Expr.reduceSum(seed) : seed
                if let part = try backpropagate(term, termSeed) { parts.append(part) }
            }
            return try Expr.sum(parts)
        case .product(let coefficient, let scalars, let factors):
            return try productRule(coefficient, scalars, factors, seed, shape: e.shape)
        case .hadamard(let factors):
            var parts: [Expr] = []
            for index in factors.indices {
                var others = factors
                others.remove(at: index)
                if let part = try backpropagate(factors[index], try Expr.hadamard([seed] + others)) { parts.append(part) }
            }
            return try Expr.sum(parts)
        case .power(let base, let exponent):
            var parts: [Expr] = []
            let outer = try Expr.multiply(exponent, try Expr.power(base, try Expr.subtract(exponent, Expr.one)))
            if let part = try backpropagate(base, try Expr.hadamard(seed, outer)) { parts.append(part) }
            if dependence.check(exponent) {
                let viaExponent = try Expr.reduceSum(try Expr.hadamard([seed, e, try Expr.log(base)]))
                if let part = try backpropagate(exponent, viaExponent) { parts.append(part) }
            }
            return try Expr.sum(parts)
        case .function(let function, let argument):
            let outer = try FunctionDerivatives.derivative(of: function, at: argument)
            return try backpropagate(argument, try Expr.hadamard(seed, outer))
        case .maximum(let a, let b), .minimum(let a, let b):
            let isMaximum: Bool
            if case .maximum = e.kind { isMaximum = true } else { isMaximum = false }
            return try extremumRule(a, b, isMaximum: isMaximum, seed, shape: e.shape)
        case .transpose(let argument):
            return try backpropagate(argument, try Expr.transpose(seed))
        case .reduction(.sum, let argument):
            return try backpropagate(argument, try Expr.multiply(seed, Expr.ones(argument.shape)))
        case .reduction(.norm, let argument):
            return try backpropagate(argument, try Expr.multiply(seed, try Expr.divide(argument, try Expr.norm(argument))))
        case .reduction(.trace, let argument):
            return try backpropagate(argument, try Expr.multiply(seed, Expr.identity(argument.shape.rows)))
        case .reduction(.det, let argument):
            let adjoint = try Expr.multiply(try Expr.det(argument), try Expr.transpose(try Expr.inverse(argument)))
            return try backpropagate(argument, try Expr.multiply(seed, adjoint))
        case .inverse(let argument):
            let inverseTransposed = try Expr.transpose(try Expr.inverse(argument))
            let adjoint = try Expr.negate(try Expr.multiply(try Expr.multiply(inverseTransposed, seed), inverseTransposed))
            return try backpropagate(argument, adjoint)
        case .diag(let argument):
            // ⟨G, diag(u)⟩ = ⟨(G ⊙ I)·1, u⟩.
            let n = argument.shape.rows
            let diagonal = try Expr.multiply(try Expr.hadamard(seed, Expr.identity(n)), Expr.ones(n))
            return try backpropagate(argument, diagonal)
        case .component(let argument, let row, let column):
            guard let size = argument.shape.concreteSize, argument.shape.entryCount(atMost: Limits.maxComponents) != nil else {
                throw .unsupportedDerivative(of: .scalar, wrt: variable.shape, reason: "a component of a value of symbolic size")
            }
            let rows = (0..<size.rows).map { i in (0..<size.cols).map { j in i == row && j == column ? seed : Expr.zero } }
            return try backpropagate(argument, try Expr.matrix(rows))
        case .matrix(let rows):
            var parts: [Expr] = []
            for (i, row) in rows.enumerated() {
                for (j, entry) in row.enumerated() {
                    if let part = try backpropagate(entry, try Expr.entry(seed, i, j)) { parts.append(part) }
                }
            }
            return try Expr.sum(parts)
        case .piecewise(let cases):
            var derived: [PiecewiseCase] = []
            for piece in cases {
                derived.append(PiecewiseCase(piece.condition, try backpropagate(piece.value, seed) ?? Expr.zeros(variable.shape)))
            }
            return try Expr.piecewise(derived)
        default:
            throw .unsupportedDerivative(of: e.shape, wrt: variable.shape, reason: "no rule for \(e.textbookText)")
        }
    }

    /// ⟨G, c·s·F₁⋯Fᵣ⟩: a scalar factor s gets ⟨G, rest⟩; a matrix factor Fᵢ gets
    /// c·s·(F₁⋯Fᵢ₋₁)ᵀ·G·(Fᵢ₊₁⋯Fᵣ)ᵀ.
    private mutating func productRule(
        _ coefficient: Rational, _ scalars: [Expr], _ factors: [Expr], _ seed: Expr, shape: Shape
    ) throws(EngineError) -> Expr? {
        var parts: [Expr] = []
        for index in scalars.indices where dependence.check(scalars[index]) {
            var others = scalars
            others.remove(at: index)
            let rest = try Expr.product(coefficient: coefficient, others + factors)
            let scalarSeed = shape.isScalar ? try Expr.multiply(seed, rest) : try Expr.reduceSum(try Expr.hadamard(seed, rest))
            if let part = try backpropagate(scalars[index], scalarSeed) { parts.append(part) }
        }
        let scale = try Expr.product(coefficient: coefficient, scalars)
        for index in factors.indices where dependence.check(factors[index]) {
            let left = try Expr.transpose(try Expr.product(Array(factors[..<index])))
            let right = try Expr.transpose(try Expr.product(Array(factors[(index + 1)...])))
            var operands = [scale]
            if index > 0 { operands.append(left) }
            operands.append(seed)
            if index < factors.count - 1 { operands.append(right) }
            if let part = try backpropagate(factors[index], try Expr.product(operands)) { parts.append(part) }
        }
        return try Expr.sum(parts)
    }

    private mutating func extremumRule(
        _ a: Expr, _ b: Expr, isMaximum: Bool, _ seed: Expr, shape: Shape
    ) throws(EngineError) -> Expr? {
        let seedFor = { (operand: Expr, weight: Expr) throws(EngineError) -> Expr in
            let weighted = try Expr.hadamard(seed, weight)
            return operand.shape.isScalar && !shape.isScalar ? try Expr.reduceSum(weighted) : weighted
        }
        if shape.isScalar {
            let ga = try backpropagate(a, seed) ?? Expr.zeros(variable.shape)
            let gb = try backpropagate(b, seed) ?? Expr.zeros(variable.shape)
            let (first, second) = ExtremumConvention.conditions(a, b, isMaximum: isMaximum)
            return try Expr.piecewise([PiecewiseCase(first, ga), PiecewiseCase(second, gb)])
        }
        let (forA, forB) = try ExtremumConvention.weights(a, b, isMaximum: isMaximum)
        var parts: [Expr] = []
        if let part = try backpropagate(a, try seedFor(a, forA)) { parts.append(part) }
        if let part = try backpropagate(b, try seedFor(b, forB)) { parts.append(part) }
        return try Expr.sum(parts)
    }
}
