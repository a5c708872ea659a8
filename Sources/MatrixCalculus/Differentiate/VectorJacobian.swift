/// The Jacobian of an expression with respect to a column-vector symbol x (length n), in
/// numerator layout and in closed matrix form: a scalar's Jacobian is its 1×n gradient row, a
/// column vector's of length m is m×n, a row vector's is that of its transpose. Nothing here
/// loops over n, so the cost does not depend on the size of x.
///
/// Intermediate values that are matrices depending on x (other than diag(u)) would need
/// third-order tensors; they are reported as unsupported rather than answered wrongly.
struct VectorJacobian {
    let variable: Expr
    let n: Dimension
    private var dependence: Dependence
    private var memo: [Expr: Expr] = [:]

    init(variable: Expr) {
        self.variable = variable
        n = variable.shape.rows
        dependence = Dependence(on: variable)
    }

    mutating func jacobian(_ e: Expr) throws(EngineError) -> Expr {
        if e.shape.isRow { return try jacobian(try Expr.transpose(e)) }
        if !dependence.check(e) { return constantRule(e) }
        if e == variable { return Expr.identity(n) }
        if e.shape.isMatrix {
            throw .unsupportedDerivative(of: e.shape, wrt: variable.shape,
                                         reason: "the value \(e.textbookText) is a matrix that depends on the vector, whose derivative is not a matrix")
        }
        if let done = memo[e] { return done }
        let result = try rule(for: e)
        memo[e] = result
        return result
    }

    /// Rows of the Jacobian: 1 for a scalar, m for a column vector.
    private func rows(of e: Expr) -> Dimension { e.shape.rows }

    private func constantRule(_ e: Expr) -> Expr {
        Expr.zeros(Shape(rows: rows(of: e), cols: n))
    }

    private mutating func rule(for e: Expr) throws(EngineError) -> Expr {
        switch e.kind {
        case .sum(let terms):
            return try sumRule(terms, shape: e.shape)
        case .product(let coefficient, let scalars, let factors):
            return try productRule(coefficient, scalars, factors, shape: e.shape)
        case .hadamard(let factors):
            return try hadamardProductRule(factors)
        case .power(let base, let exponent):
            return dependence.check(exponent) ? try generalPowerRule(base, exponent) : try powerRule(base, exponent)
        case .function(let function, let argument):
            return try scaleRows(by: try FunctionDerivatives.derivative(of: function, at: argument), try jacobian(argument))
        case .maximum(let a, let b):
            return try extremumRule(a, b, isMaximum: true, shape: e.shape)
        case .minimum(let a, let b):
            return try extremumRule(a, b, isMaximum: false, shape: e.shape)
        case .reduction(.sum, let argument):
            return try reductionRule(argument)
        case .reduction(.norm, let argument) where argument.shape.isVector:
            return try normRule(argument)
        case .component(let argument, let row, let column) where argument.shape.isVector:
            return try componentRule(argument, index: argument.shape.isColumn ? row : column)
        case .matrix(let rows):
            return try literalRule(rows)
        case .piecewise(let cases):
            var derived: [PiecewiseCase] = []
            for piece in cases { derived.append(PiecewiseCase(piece.condition, try jacobian(piece.value))) }
            return try Expr.piecewise(derived)
        default:
            throw .unsupportedDerivative(of: e.shape, wrt: variable.shape,
                                         reason: "no matrix-form rule for \(e.textbookText) with respect to a vector")
        }
    }

    /// J(u + v) = J(u) + J(v); a scalar term s of a vector sum contributes 1·J(s).
    private mutating func sumRule(_ terms: [Expr], shape: Shape) throws(EngineError) -> Expr {
        var derived: [Expr] = []
        for term in terms where dependence.check(term) {
            let j = try jacobian(term)
            derived.append(term.shape.isScalar && !shape.isScalar ? try Expr.multiply(Expr.ones(shape), j) : j)
        }
        return derived.isEmpty ? constantRule(Expr.zeros(shape)) : try Expr.sum(derived)
    }

    /// The product rule in matrix form, factor by factor:
    /// - a scalar factor s: (the rest, a column or scalar) · J(s);
    /// - the last factor, a column v: (the factors before it) · J(v);
    /// - the first factor of a scalar chain, a row uᵀ: (the factors after it)ᵀ · J(u);
    /// - a factor diag(u) between L and R: L · diag(R) · J(u).
    private mutating func productRule(
        _ coefficient: Rational, _ scalars: [Expr], _ factors: [Expr], shape: Shape
    ) throws(EngineError) -> Expr {
        if let diagonal = try DiagonalVector.rewrite(factors) {
            // (X ⊙ I)·1, the diagonal of X as a column, written without the matrix X.
            return try jacobian(try Expr.product(coefficient: coefficient, scalars + [diagonal]))
        }
        var terms: [Expr] = []
        for index in scalars.indices where dependence.check(scalars[index]) {
            var others = scalars
            others.remove(at: index)
            let rest = try Expr.product(coefficient: coefficient, others + factors)
            terms.append(try Expr.multiply(rest, try jacobian(scalars[index])))
        }
        let scale = try Expr.product(coefficient: coefficient, scalars)
        for index in factors.indices where dependence.check(factors[index]) {
            let factor = factors[index]
            let left = Array(factors[..<index]), right = Array(factors[(index + 1)...])
            if factor.shape.isColumn && right.isEmpty {
                terms.append(try Expr.product([scale] + left + [try jacobian(factor)]))
            } else if factor.shape.isRow && left.isEmpty && shape.isScalar {
                let rest = try Expr.transpose(try Expr.product(right))
                terms.append(try Expr.product([scale, rest, try jacobian(factor)]))
            } else if factor.shape.isColumn, !left.isEmpty, try isRowTimesColumn(left, right) {
                // L·v is a scalar (L a row): L·v·R = R·(L·v), so J = R·L·J(v).
                let r = right.isEmpty ? Expr.one : try Expr.product(right)
                terms.append(try Expr.product([scale, r, try Expr.product(left), try jacobian(factor)]))
            } else if case .diag(let u) = factor.kind, !right.isEmpty, right.last?.shape.cols.isOne == true {
                let r = try Expr.product(right)
                terms.append(try Expr.product([scale] + left + [try Expr.diag(r), try jacobian(u)]))
            } else {
                throw .unsupportedDerivative(
                    of: shape, wrt: variable.shape,
                    reason: "the factor \(factor.textbookText) is a \(factor.shape) that depends on the vector inside a matrix product")
            }
        }
        return try Expr.sum(terms)
    }

    /// The product of `left` is a row and that of `right` (if any) has one column.
    private func isRowTimesColumn(_ left: [Expr], _ right: [Expr]) throws(EngineError) -> Bool {
        guard try Expr.product(left).shape.isRow else { return false }
        return right.isEmpty ? true : try Expr.product(right).shape.cols.isOne
    }

    /// J(u ⊙ v) = diag(v)·J(u) + diag(u)·J(v).
    private mutating func hadamardProductRule(_ factors: [Expr]) throws(EngineError) -> Expr {
        var terms: [Expr] = []
        for index in factors.indices where dependence.check(factors[index]) {
            var others = factors
            others.remove(at: index)
            terms.append(try scaleRows(by: try Expr.hadamard(others), try jacobian(factors[index])))
        }
        return try Expr.sum(terms)
    }

    /// J(uᵖ) = diag(p·uᵖ⁻¹)·J(u) for a constant p.
    private mutating func powerRule(_ base: Expr, _ exponent: Expr) throws(EngineError) -> Expr {
        let outer = try Expr.multiply(exponent, try Expr.power(base, try Expr.subtract(exponent, Expr.one)))
        return try scaleRows(by: outer, try jacobian(base))
    }

    /// J(uᵛ) = (uᵛ ⊙ log u)·J(v) + diag(v·uᵛ⁻¹)·J(u) for a scalar exponent v.
    private mutating func generalPowerRule(_ base: Expr, _ exponent: Expr) throws(EngineError) -> Expr {
        let whole = try Expr.power(base, exponent)
        let viaExponent = try Expr.multiply(try Expr.hadamard(whole, try Expr.log(base)), try jacobian(exponent))
        let outer = try Expr.multiply(exponent, try Expr.power(base, try Expr.subtract(exponent, Expr.one)))
        let viaBase = dependence.check(base) ? try scaleRows(by: outer, try jacobian(base)) : constantRule(base)
        return try Expr.add(viaExponent, viaBase)
    }

    /// Scalar max/min: cases; element-wise: diag(weight of a)·J(a) + diag(weight of b)·J(b)
    /// (`ExtremumConvention`: at a tie the first argument's derivative).
    private mutating func extremumRule(_ a: Expr, _ b: Expr, isMaximum: Bool, shape: Shape) throws(EngineError) -> Expr {
        let ja = try expandedJacobian(a, to: shape), jb = try expandedJacobian(b, to: shape)
        if shape.isScalar {
            let (first, second) = ExtremumConvention.conditions(a, b, isMaximum: isMaximum)
            return try Expr.piecewise([PiecewiseCase(first, ja), PiecewiseCase(second, jb)])
        }
        let (forA, forB) = try ExtremumConvention.weights(a, b, isMaximum: isMaximum)
        var terms: [Expr] = []
        if !ja.isZero { terms.append(try scaleRows(by: forA, ja)) }
        if !jb.isZero { terms.append(try scaleRows(by: forB, jb)) }
        return terms.isEmpty ? Expr.zeros(Shape(rows: shape.rows, cols: n)) : try Expr.sum(terms)
    }

    /// The Jacobian of an operand of an element-wise operation, a scalar operand expanded.
    private mutating func expandedJacobian(_ e: Expr, to shape: Shape) throws(EngineError) -> Expr {
        let j = try jacobian(e)
        return e.shape.isScalar && !shape.isScalar ? try Expr.multiply(Expr.ones(shape), j) : j
    }

    /// J(sum(u)) = 1ᵀ·J(u).
    private mutating func reductionRule(_ argument: Expr) throws(EngineError) -> Expr {
        guard argument.shape.isVector else {
            throw .unsupportedDerivative(of: argument.shape, wrt: variable.shape,
                                         reason: "the sum of a matrix that depends on the vector")
        }
        return try Expr.multiply(Expr.ones(Shape.row(argument.shape.isColumn ? argument.shape.rows : argument.shape.cols)),
                                 try jacobian(argument))
    }

    /// J(‖u‖) = uᵀ·J(u) / ‖u‖.
    private mutating func normRule(_ argument: Expr) throws(EngineError) -> Expr {
        let u = argument.shape.isRow ? try Expr.transpose(argument) : argument
        let row = try Expr.divide(try Expr.transpose(u), try Expr.norm(u))
        return try Expr.multiply(row, try jacobian(u))
    }

    /// J(u[i]) = e_iᵀ·J(u): row i of the Jacobian (a concrete length is needed for e_i).
    private mutating func componentRule(_ argument: Expr, index: Int) throws(EngineError) -> Expr {
        let length = argument.shape.isColumn ? argument.shape.rows : argument.shape.cols
        guard let m = length.concreteValue, m > 0, m <= Limits.maxComponents else {
            throw .unsupportedDerivative(of: .scalar, wrt: variable.shape,
                                         reason: "a component of a vector of symbolic size")
        }
        let unit = try Expr.matrix([(0..<m).map { $0 == index ? Expr.one : Expr.zero }])
        return try Expr.multiply(unit, try jacobian(argument))
    }

    /// A vector literal's Jacobian stacks the gradients of its entries (concrete n only).
    private mutating func literalRule(_ rows: [[Expr]]) throws(EngineError) -> Expr {
        guard let width = n.concreteValue, width > 0, width <= Limits.maxComponents else {
            throw .unsupportedDerivative(of: .column(.concrete(rows.count)), wrt: variable.shape,
                                         reason: "stacking gradients needs a vector of concrete size")
        }
        var result: [[Expr]] = []
        for row in rows {
            let gradient = try jacobian(row[0])
            var out: [Expr] = []
            for j in 0..<width { out.append(try Expr.entry(gradient, 0, j)) }
            result.append(out)
        }
        return try Expr.matrix(result)
    }

    /// diag(g)·J for a vector g, g·J for a scalar g: the element-wise chain rule.
    private func scaleRows(by g: Expr, _ j: Expr) throws(EngineError) -> Expr {
        g.shape.isScalar ? try Expr.multiply(g, j) : try Expr.multiply(try Expr.diag(g), j)
    }
}
