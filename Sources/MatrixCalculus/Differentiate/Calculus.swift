// The public calculus API: derivative, gradient, jacobian, hessian (lessons/reference/cell-language.md, Calculus).
// Each picks the differentiator that fits the shapes — a scalar variable (entry-wise rules), a
// vector variable (Jacobians in matrix form), a matrix variable (gradients of scalars by adjoint
// propagation) or a list of scalar variables (written out) — and applies the layout.

/// ∂f/∂x by the shapes of f and x (numerator layout unless told otherwise):
/// scalar/scalar → scalar; scalar/vector n → row (1×n); vector m/scalar → column (m);
/// vector m/vector n → m×n Jacobian; scalar/matrix → the matrix's shape; matrix/scalar → the
/// matrix's shape. Denominator layout transposes the vector cases.
public func derivative(of f: Expr, wrt x: Expr, layout: Layout = .numerator) throws(EngineError) -> Expr {
    try derivative(of: f, wrt: x, layout: layout, byDeclaredMatrix: true)
}

/// `byDeclaredMatrix: false` treats a `Matrix<n, 1>` symbol as the vector of its entries (a
/// Jacobian's rows are gradients as rows, whatever the variable was declared as).
func derivative(of f: Expr, wrt x: Expr, layout: Layout, byDeclaredMatrix: Bool) throws(EngineError) -> Expr {
    guard case .symbol(let symbol) = x.kind else { throw .notASymbol(x.textbookText) }
    let shape = x.shape
    if byDeclaredMatrix && symbol.isDeclaredMatrix && !shape.isScalar && f.shape.isScalar {
        // A Matrix<n, 1> or Matrix<1, n> is a matrix: the gradient has its shape.
        return try matrixGradient(of: f, wrt: x, symbol: symbol)
    }
    if shape.isScalar {
        var d = ScalarVariableDerivative(variable: x)
        let result = try d.derivative(f)
        return layout == .denominator && f.shape.isVector ? try Expr.transpose(result) : result
    }
    if shape.isColumn {
        if f.shape.isMatrix {
            throw .unsupportedDerivative(of: f.shape, wrt: shape, reason: "the derivative of a matrix by a vector is not a matrix")
        }
        var j = VectorJacobian(variable: x)
        let result: Expr
        do {
            result = try j.jacobian(f)
        } catch {
            // A value through matrices that depend on x (aᵀ(A + diag(x))⁻¹b, the gradient of a
            // softmax loss) has no forward matrix-form Jacobian here, but adjoint propagation
            // handles it: directly for a scalar, through a seed vector for a vector.
            guard case .unsupportedDerivative = error else { throw error }
            if f.shape.isScalar {
                var g = MatrixGradient(variable: x)
                let column = try g.gradient(f)
                return layout == .denominator ? column : try Expr.transpose(column)
            }
            guard let reverse = try ReverseJacobian.jacobian(of: f, wrt: x) else { throw error }
            return layout == .denominator ? try Expr.transpose(reverse) : reverse
        }
        return layout == .denominator ? try Expr.transpose(result) : result
    }
    if shape.isRow {
        throw .unsupportedDerivative(of: f.shape, wrt: shape, reason: "differentiate with respect to the column vector instead of its transpose")
    }
    guard f.shape.isScalar else {
        throw .unsupportedDerivative(of: f.shape, wrt: shape, reason: "only a scalar can be differentiated with respect to a matrix")
    }
    return try matrixGradient(of: f, wrt: x, symbol: symbol)
}

/// ∇f by a matrix symbol, of the matrix's shape. By a `@symmetric` X it is the symmetric G
/// with df = trace(Gᵀ dX) for every symmetric dX: sym(∇f) = (∇f + ∇fᵀ)/2 of the unconstrained
/// gradient (Srinivasan & Panda, 2019; the convention of the reference's rule page) — so
/// ∇ log det X = X⁻¹ and ∇ bᵀXa = (abᵀ + baᵀ)/2.
private func matrixGradient(of f: Expr, wrt x: Expr, symbol: Symbol) throws(EngineError) -> Expr {
    var g = MatrixGradient(variable: x)
    let gradient = try g.gradient(f)
    guard symbol.isSymmetric, x.shape.isSquare, !x.shape.isScalar else { return gradient }
    return try Expr.divide(try Expr.add(gradient, try Expr.transpose(gradient)), Expr.integer(2))
}

/// ∂f/∂[x₁, …, xₖ] for a list of scalar symbols, which stands for the vector of those symbols:
/// for a scalar f the row [∂f/∂x₁ … ∂f/∂xₖ]; for a vector f of concrete length m, the m×k
/// matrix of partials.
public func derivative(of f: Expr, wrt xs: [Expr], layout: Layout = .numerator) throws(EngineError) -> Expr {
    guard !xs.isEmpty else { throw .invalidArgument("differentiate with respect to at least one symbol") }
    for x in xs {
        guard case .symbol = x.kind, x.shape.isScalar else { throw .notASymbol(x.textbookText) }
    }
    let listShape = Shape.column(.concrete(xs.count))
    if f.shape.isMatrix {
        throw .unsupportedDerivative(of: f.shape, wrt: listShape, reason: "the derivative of a matrix by a vector is not a matrix")
    }
    let column = f.shape.isRow ? try Expr.transpose(f) : f
    guard let m = column.shape.rows.concreteValue, m > 0 else {
        throw .symbolicSize(operation: "a derivative with respect to a list of symbols", shape: f.shape)
    }
    // One differentiator per symbol, each memoising over the whole DAG of f.
    var differentiators = xs.map { ScalarVariableDerivative(variable: $0) }
    var rows: [[Expr]] = []
    if let entries = column.literalRows {
        // A list of scalar functions (as SymPy's Jacobian takes them): each entry by each
        // symbol directly, so an entry that does not contain a symbol costs O(1), instead of
        // first building the whole column of partials per symbol and picking entries out.
        for entry in entries {
            var row: [Expr] = []
            for index in differentiators.indices { row.append(try differentiators[index].derivative(entry[0])) }
            rows.append(row)
        }
    } else {
        var partials: [Expr] = []
        for index in differentiators.indices { partials.append(try differentiators[index].derivative(column)) }
        for i in 0..<m {
            var row: [Expr] = []
            for partial in partials { row.append(try Expr.entry(partial, i, 0)) }
            rows.append(row)
        }
    }
    let result = try Expr.matrix(rows)
    return layout == .denominator ? try Expr.transpose(result) : result
}

/// ∇f of a scalar f: by a vector, the row of partials (a column in denominator layout); by a
/// matrix, a matrix of that matrix's shape; by a scalar, the derivative.
public func gradient(of f: Expr, wrt x: Expr, layout: Layout = .numerator) throws(EngineError) -> Expr {
    guard f.shape.isScalar else {
        throw .invalidShape(operation: "gradient", shape: f.shape, expected: "a scalar function (use jacobian for a vector)")
    }
    return try derivative(of: f, wrt: x, layout: layout)
}

/// ∇f of a scalar f with respect to a list of scalar symbols.
public func gradient(of f: Expr, wrt xs: [Expr], layout: Layout = .numerator) throws(EngineError) -> Expr {
    guard f.shape.isScalar else {
        throw .invalidShape(operation: "gradient", shape: f.shape, expected: "a scalar function (use jacobian for a vector)")
    }
    return try derivative(of: f, wrt: xs, layout: layout)
}

/// The Jacobian of a scalar or vector y: m×n in numerator layout (n×m in denominator layout).
public func jacobian(of y: Expr, wrt x: Expr, layout: Layout = .numerator) throws(EngineError) -> Expr {
    guard !y.shape.isMatrix else {
        throw .invalidShape(operation: "jacobian", shape: y.shape, expected: "a scalar or a vector")
    }
    guard x.shape.isScalar || x.shape.isColumn else {
        throw .unsupportedDerivative(of: y.shape, wrt: x.shape, reason: "a Jacobian is taken with respect to a vector")
    }
    if x.shape.isScalar {
        // A one-variable Jacobian is a column of derivatives (a row in denominator layout).
        return try derivative(of: y, wrt: [x], layout: layout)
    }
    return try derivative(of: y, wrt: x, layout: layout, byDeclaredMatrix: false)
}

/// The Jacobian with respect to a list of scalar symbols.
public func jacobian(of y: Expr, wrt xs: [Expr], layout: Layout = .numerator) throws(EngineError) -> Expr {
    guard !y.shape.isMatrix else {
        throw .invalidShape(operation: "jacobian", shape: y.shape, expected: "a scalar or a vector")
    }
    return try derivative(of: y, wrt: xs, layout: layout)
}

/// The Jacobian of a list of scalar functions [f, g, …] (stacked as rows).
public func jacobian(of ys: [Expr], wrt x: Expr, layout: Layout = .numerator) throws(EngineError) -> Expr {
    try jacobian(of: try Expr.vector(ys), wrt: x, layout: layout)
}

/// The Jacobian of a list of scalar functions with respect to a list of scalar symbols.
public func jacobian(of ys: [Expr], wrt xs: [Expr], layout: Layout = .numerator) throws(EngineError) -> Expr {
    try jacobian(of: try Expr.vector(ys), wrt: xs, layout: layout)
}

/// The n×n matrix of second partial derivatives of a scalar f: the Jacobian of its gradient
/// (the gradient as a column). In denominator layout, its transpose.
public func hessian(of f: Expr, wrt x: Expr, layout: Layout = .numerator) throws(EngineError) -> Expr {
    guard f.shape.isScalar else {
        throw .invalidShape(operation: "hessian", shape: f.shape, expected: "a scalar function")
    }
    guard x.shape.isScalar || x.shape.isColumn else {
        throw .unsupportedDerivative(of: f.shape, wrt: x.shape, reason: "a Hessian is taken with respect to a scalar or a vector")
    }
    let gradientColumn = try derivative(of: f, wrt: x, layout: .denominator, byDeclaredMatrix: false)
    return try derivative(of: gradientColumn, wrt: x, layout: layout, byDeclaredMatrix: false)
}

/// The Hessian with respect to a list of scalar symbols.
public func hessian(of f: Expr, wrt xs: [Expr], layout: Layout = .numerator) throws(EngineError) -> Expr {
    guard f.shape.isScalar else {
        throw .invalidShape(operation: "hessian", shape: f.shape, expected: "a scalar function")
    }
    let gradientColumn = try derivative(of: f, wrt: xs, layout: .denominator)
    return try derivative(of: gradientColumn, wrt: xs, layout: layout)
}
