/// A plain one-line rendering (`6*x*y`, `x^T*(A + A^T)`) for debugging and test messages.
/// Fully parenthesised where precedence could mislead; not the textbook notation.
enum DebugRendering {
    static func render(_ e: Expr) -> String {
        switch e.kind {
        case .number(let value):
            return value.isNegative || !value.isInteger ? "(\(value))" : value.description
        case .decimal(let value):
            return value.description
        case .symbol(let symbol):
            return symbol.name
        case .size(let dimension):
            return dimension.description
        case .sum(let terms):
            return "(" + terms.map(render).joined(separator: " + ") + ")"
        case .product(let coefficient, let scalars, let factors):
            var parts: [String] = []
            if !coefficient.isOne { parts.append(render(Expr.number(coefficient))) }
            parts += scalars.map(render)
            parts += factors.map(render)
            return parts.joined(separator: "*")
        case .hadamard(let factors):
            return "(" + factors.map(render).joined(separator: " ⊙ ") + ")"
        case .power(let base, let exponent):
            return "\(atom(base))^\(atom(exponent))"
        case .function(let function, let argument):
            return "\(function.rawValue)(\(render(argument)))"
        case .maximum(let a, let b):
            return "max(\(render(a)), \(render(b)))"
        case .minimum(let a, let b):
            return "min(\(render(a)), \(render(b)))"
        case .transpose(let argument):
            return "\(atom(argument))^T"
        case .reduction(let reduction, let argument):
            return "\(reduction.rawValue)(\(render(argument)))"
        case .inverse(let argument):
            return "inverse(\(render(argument)))"
        case .diag(let argument):
            return "diag(\(render(argument)))"
        case .identity(let n):
            return "I(\(n))"
        case .ones(let shape):
            return shape.isRow ? "ones(\(shape.cols))^T" : (shape.isColumn ? "ones(\(shape.rows))" : "ones(\(shape.rows), \(shape.cols))")
        case .zeros(let shape):
            return "zeros(\(shape.rows), \(shape.cols))"
        case .component(let argument, let row, let column):
            return argument.shape.isColumn ? "\(atom(argument))[\(row)]" : "\(atom(argument))[\(row), \(column)]"
        case .matrix(let rows):
            if e.shape.isColumn { return "[" + rows.map { render($0[0]) }.joined(separator: ", ") + "]" }
            return "[" + rows.map { "[" + $0.map(render).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        case .piecewise(let cases):
            return "{" + cases.map { piece in
                "\(render(piece.value)) if \(render(piece.condition.lhs)) \(piece.condition.relation.rawValue) \(render(piece.condition.rhs))"
            }.joined(separator: "; ") + "}"
        }
    }

    private static func atom(_ e: Expr) -> String {
        switch e.kind {
        case .symbol, .size, .function, .reduction, .inverse, .diag, .identity, .matrix, .sum, .hadamard:
            return render(e)
        case .number(let value) where value.isInteger && !value.isNegative:
            return render(e)
        default:
            return "(\(render(e)))"
        }
    }
}
