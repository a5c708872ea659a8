/// The gradient of a scalar with respect to a matrix symbol X, with X's shape, by propagating
/// adjoints backwards: `backpropagate(e, G)` returns ∇_X ⟨G, e⟩ for a seed G of e's shape
/// (⟨G, e⟩ = sum(G ⊙ e)). Each case is one matrix rule — ⟨G, LFR⟩ = ⟨LᵀGRᵀ, F⟩,
/// ∇ trace(F) = I, ∇ det(F) = det(F)F⁻ᵀ, ∇ F⁻¹ = −F⁻ᵀGF⁻ᵀ — so results come out in closed form:
/// ∇ trace(XB) = Bᵀ, ∇ log det X = X⁻ᵀ.
///
/// The pass is reverse-mode accumulation over the DAG: the nodes that depend on X are visited
/// once each, parents before children, and a node shared by several parents sends its children
/// one seed, the sum of what its parents sent it. So the work is linear in the number of
/// distinct nodes, not in the size of the tree they stand for (a 16-level shared expression
/// has 2¹⁶ paths but 16 levels of nodes).
struct MatrixGradient {
    let variable: Expr
    private var dependence: Dependence
    /// How many node rules ran (each dependent node once per pass): the measure of the work.
    private(set) var rulesApplied = 0

    init(variable: Expr) {
        self.variable = variable
        dependence = Dependence(on: variable)
    }

    mutating func gradient(_ e: Expr) throws(EngineError) -> Expr {
        try backpropagate(e, Expr.one) ?? Expr.zeros(variable.shape)
    }

    /// ∇_X ⟨seed, root⟩; nil when root does not depend on X.
    mutating func backpropagate(_ root: Expr, _ seed: Expr) throws(EngineError) -> Expr? {
        guard dependence.check(root) else { return nil }
        var adjoints: [Expr: [Expr]] = [root: [seed]]
        var result: [Expr] = []
        for node in try parentsFirst(root) {
            guard let parts = adjoints.removeValue(forKey: node) else { continue }
            let adjoint = parts.count == 1 ? parts[0] : try Expr.sum(parts)
            if node == variable {
                result.append(adjoint)
                continue
            }
            rulesApplied += 1
            for contribution in try propagate(node, adjoint) {
                switch contribution {
                case .toChild(let child, let childSeed):
                    if dependence.check(child) { adjoints[child, default: []].append(childSeed) }
                case .toResult(let part):
                    result.append(part)
                }
            }
        }
        return result.isEmpty ? nil : try Expr.sum(result)
    }

    /// The nodes of root that depend on X, each once, every node before its children (the
    /// reverse of a depth-first post-order).
    private mutating func parentsFirst(_ root: Expr) throws(EngineError) -> [Expr] {
        var order: [Expr] = []
        var visited: Set<Expr> = []
        // An explicit stack: (node, children pushed?).
        var stack: [(Expr, Bool)] = [(root, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded {
                order.append(node)
                continue
            }
            guard visited.insert(node).inserted else { continue }
            stack.append((node, true))
            if node == variable { continue }
            for child in node.children.reversed() where !visited.contains(child) && dependence.check(child) {
                stack.append((child, false))
            }
        }
        return order.reversed()
    }

    enum Contribution {
        /// A seed for a child: the child's part of ⟨adjoint, node⟩.
        case toChild(Expr, Expr)
        /// A finished part of the gradient (a piecewise value holds the gradient of each case).
        case toResult(Expr)
    }

    /// One node's rule: what its adjoint sends to each child.
    private mutating func propagate(_ e: Expr, _ seed: Expr) throws(EngineError) -> [Contribution] {
        switch e.kind {
        case .sum(let terms):
            var parts: [Contribution] = []
            for term in terms {
                let termSeed = term.shape.isScalar && !e.shape.isScalar ? try Expr.reduceSum(seed) : seed
                parts.append(.toChild(term, termSeed))
            }
            return parts
        case .product(let coefficient, let scalars, let factors):
            return try productRule(coefficient, scalars, factors, seed, shape: e.shape)
        case .hadamard(let factors):
            var parts: [Contribution] = []
            for index in factors.indices where dependence.check(factors[index]) {
                var others = factors
                others.remove(at: index)
                parts.append(.toChild(factors[index], try Expr.hadamard([seed] + others)))
            }
            return parts
        case .power(let base, let exponent):
            var parts: [Contribution] = []
            if dependence.check(base) {
                let outer = try Expr.multiply(exponent, try Expr.power(base, try Expr.subtract(exponent, Expr.one)))
                parts.append(.toChild(base, try Expr.hadamard(seed, outer)))
            }
            if dependence.check(exponent) {
                parts.append(.toChild(exponent, try Expr.reduceSum(try Expr.hadamard([seed, e, try Expr.log(base)]))))
            }
            return parts
        case .function(let function, let argument):
            let outer = try FunctionDerivatives.derivative(of: function, at: argument)
            return [.toChild(argument, try Expr.hadamard(seed, outer))]
        case .maximum(let a, let b), .minimum(let a, let b):
            let isMaximum: Bool
            if case .maximum = e.kind { isMaximum = true } else { isMaximum = false }
            return try extremumRule(a, b, isMaximum: isMaximum, seed, shape: e.shape)
        case .transpose(let argument):
            return [.toChild(argument, try Expr.transpose(seed))]
        case .reduction(.sum, let argument):
            return [.toChild(argument, try Expr.multiply(seed, Expr.ones(argument.shape)))]
        case .reduction(.norm, let argument):
            return [.toChild(argument, try Expr.multiply(seed, try Expr.divide(argument, try Expr.norm(argument))))]
        case .reduction(.trace, let argument):
            return [.toChild(argument, try Expr.multiply(seed, Expr.identity(argument.shape.rows)))]
        case .reduction(.det, let argument):
            let adjoint = try Expr.multiply(try Expr.det(argument), try Expr.transpose(try Expr.inverse(argument)))
            return [.toChild(argument, try Expr.multiply(seed, adjoint))]
        case .inverse(let argument):
            let inverseTransposed = try Expr.transpose(try Expr.inverse(argument))
            return [.toChild(argument, try Expr.negate(try Expr.multiply(try Expr.multiply(inverseTransposed, seed), inverseTransposed)))]
        case .diag(let argument):
            // ⟨G, diag(u)⟩ = ⟨(G ⊙ I)·1, u⟩.
            let n = argument.shape.rows
            return [.toChild(argument, try Expr.multiply(try Expr.hadamard(seed, Expr.identity(n)), Expr.ones(n)))]
        case .component(let argument, let row, let column):
            guard let size = argument.shape.concreteSize, argument.shape.entryCount(atMost: Limits.maxComponents) != nil else {
                throw .unsupportedDerivative(of: .scalar, wrt: variable.shape, reason: "a component of a value of symbolic size")
            }
            let rows = (0..<size.rows).map { i in (0..<size.cols).map { j in i == row && j == column ? seed : Expr.zero } }
            return [.toChild(argument, try Expr.matrix(rows))]
        case .matrix(let rows):
            var parts: [Contribution] = []
            for (i, row) in rows.enumerated() {
                for (j, entry) in row.enumerated() { parts.append(.toChild(entry, try Expr.entry(seed, i, j))) }
            }
            return parts
        case .piecewise(let cases):
            // The gradient of each case's value, under its condition.
            var derived: [PiecewiseCase] = []
            for piece in cases {
                var sub = MatrixGradient(variable: variable)
                derived.append(PiecewiseCase(piece.condition, try sub.backpropagate(piece.value, seed) ?? Expr.zeros(variable.shape)))
            }
            return [.toResult(try Expr.piecewise(derived))]
        default:
            throw .unsupportedDerivative(of: e.shape, wrt: variable.shape, reason: "no rule for \(e.textbookText)")
        }
    }

    /// ⟨G, c·s·F₁⋯Fᵣ⟩: a scalar factor s gets ⟨G, rest⟩; a matrix factor Fᵢ gets
    /// c·s·(F₁⋯Fᵢ₋₁)ᵀ·G·(Fᵢ₊₁⋯Fᵣ)ᵀ.
    private mutating func productRule(
        _ coefficient: Rational, _ scalars: [Expr], _ factors: [Expr], _ seed: Expr, shape: Shape
    ) throws(EngineError) -> [Contribution] {
        var parts: [Contribution] = []
        for index in scalars.indices where dependence.check(scalars[index]) {
            var others = scalars
            others.remove(at: index)
            let rest = try Expr.product(coefficient: coefficient, others + factors)
            let scalarSeed: Expr
            if shape.isScalar {
                scalarSeed = try Expr.multiply(seed, rest)
            } else if shape.isMatrix, factors.count >= 2, factors[0].shape.isColumn {
                // ⟨G, p·Q⟩ = pᵀ·G·Qᵀ for a column p and a row Q: a product, not the sum of a
                // matrix, so that its own derivatives stay in matrix form.
                let q = try Expr.transpose(try Expr.product(Array(factors.dropFirst())))
                scalarSeed = try Expr.product(coefficient: coefficient, others + [try Expr.transpose(factors[0]), seed, q])
            } else {
                scalarSeed = try Expr.reduceSum(try Expr.hadamard(seed, rest))
            }
            parts.append(.toChild(scalars[index], scalarSeed))
        }
        let scale = try Expr.product(coefficient: coefficient, scalars)
        for index in factors.indices where dependence.check(factors[index]) {
            let left = try Expr.transpose(try Expr.product(Array(factors[..<index])))
            let right = try Expr.transpose(try Expr.product(Array(factors[(index + 1)...])))
            var operands = [scale]
            if index > 0 { operands.append(left) }
            operands.append(seed)
            if index < factors.count - 1 { operands.append(right) }
            parts.append(.toChild(factors[index], try Expr.product(operands)))
        }
        return parts
    }

    private mutating func extremumRule(
        _ a: Expr, _ b: Expr, isMaximum: Bool, _ seed: Expr, shape: Shape
    ) throws(EngineError) -> [Contribution] {
        if shape.isScalar {
            // As cases: the gradient through the winning argument (ExtremumConvention).
            var sub = MatrixGradient(variable: variable)
            let ga = try sub.backpropagate(a, seed) ?? Expr.zeros(variable.shape)
            let gb = try sub.backpropagate(b, seed) ?? Expr.zeros(variable.shape)
            let (first, second) = ExtremumConvention.conditions(a, b, isMaximum: isMaximum)
            return [.toResult(try Expr.piecewise([PiecewiseCase(first, ga), PiecewiseCase(second, gb)]))]
        }
        let (forA, forB) = try ExtremumConvention.weights(a, b, isMaximum: isMaximum)
        func seedFor(_ operand: Expr, _ weight: Expr) throws(EngineError) -> Expr {
            let weighted = try Expr.hadamard(seed, weight)
            return operand.shape.isScalar && !shape.isScalar ? try Expr.reduceSum(weighted) : weighted
        }
        return [.toChild(a, try seedFor(a, forA)), .toChild(b, try seedFor(b, forB))]
    }
}
