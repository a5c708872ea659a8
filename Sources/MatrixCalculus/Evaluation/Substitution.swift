// `e.evaluated(at: [x: 1, y: 2])`: symbols replaced by values or by other expressions, symbolic
// sizes instantiated, and the result simplified — every node is rebuilt by the builders, and
// every closed subexpression whose value is exact (a determinant, an inverse, a decided piecewise
// value) is replaced by that exact value. Parts that are not exact (sin 1, √2) stay symbolic,
// so the page shows exact mathematics; `value(at:)` gives their Doubles.
extension Expr {
    /// Substitutes expressions for symbols (keys must be symbols; a value must have its symbol's
    /// shape after sizes are instantiated) and sizes for symbolic dimensions (inferred from the
    /// values where not given), and returns the simplified result.
    public func evaluated(at substitution: [Expr: Expr], sizes: [String: Int] = [:]) throws(EvaluationError) -> Expr {
        var pass = try Substitution(substitution, sizes: sizes)
        return try pass.apply(self)
    }
}

/// The substitution pass, memoised over the DAG.
struct Substitution {
    private var replacements: [Symbol: Expr] = [:]
    private let sizes: [String: Int]
    private var memo: [Expr: Expr] = [:]
    private var closed = ClosedSubexpressions()
    private var evaluator: Evaluator<Number>

    init(_ substitution: [Expr: Expr], sizes given: [String: Int]) throws(EvaluationError) {
        var sizes = given
        for (name, size) in sizes where size < 1 {
            throw .invalidBinding("the size \(name) must be at least 1, not \(size)")
        }
        for (key, value) in substitution {
            guard let symbol = key.symbolValue else { throw .invalidBinding("only a symbol can be given a value, not \(key)") }
            let mismatch = EvaluationError.valueShape(symbol: symbol.name, expected: symbol.shape.description, got: value.shape.description)
            for (dimension, actual) in [(symbol.shape.rows, value.shape.rows), (symbol.shape.cols, value.shape.cols)] {
                guard case .symbolic(let name) = dimension, let size = actual.concreteValue else { continue }
                if let known = sizes[name], known != size { throw mismatch }
                sizes[name] = size
            }
        }
        self.sizes = sizes
        evaluator = Evaluator(values: [:], sizes: sizes)
        for (key, value) in substitution {
            guard let symbol = key.symbolValue else { continue }
            let expected = Substitution.instantiate(symbol.shape, sizes)
            guard value.shape == expected || (expected.isScalar && value.shape.isScalar) else {
                throw .valueShape(symbol: symbol.name, expected: expected.description, got: value.shape.description)
            }
            try Substitution.checkAssumptions(of: symbol, value, evaluator: &evaluator)
            replacements[symbol.reshaped(expected)] = value
            replacements[symbol] = value
        }
    }

    /// A value made of numbers (no symbols) must keep the symbol's assumptions.
    private static func checkAssumptions(of symbol: Symbol, _ value: Expr, evaluator: inout Evaluator<Number>) throws(EvaluationError) {
        guard !symbol.assumptions.isEmpty, FreeVariables([value]).symbols.isEmpty else { return }
        let numbers: Value
        do {
            numbers = Value(try evaluator.evaluate(value))
        } catch where error.isUndefinedAtPoint {
            return
        }
        try AssumptionCheck.check(numbers, for: symbol)
    }

    static func instantiate(_ dimension: Dimension, _ sizes: [String: Int]) -> Dimension {
        if case .symbolic(let name) = dimension, let size = sizes[name] { return .concrete(size) }
        return dimension
    }

    static func instantiate(_ shape: Shape, _ sizes: [String: Int]) -> Shape {
        Shape(rows: instantiate(shape.rows, sizes), cols: instantiate(shape.cols, sizes))
    }

    mutating func apply(_ e: Expr) throws(EvaluationError) -> Expr {
        if let done = memo[e] { return done }
        var result: Expr
        do {
            result = try rebuild(e)
        } catch let error as EvaluationError {
            throw error
        } catch let error as EngineError {
            throw .engine(error)
        } catch {
            throw .invalidBinding(String(describing: error))
        }
        result = try foldIfExact(result)
        memo[e] = result
        return result
    }

    private mutating func applyAll(_ list: [Expr]) throws(EvaluationError) -> [Expr] {
        var result: [Expr] = []
        for e in list { result.append(try apply(e)) }
        return result
    }

    private mutating func rebuild(_ e: Expr) throws -> Expr {
        switch e.kind {
        case .number, .decimal:
            return e
        case .symbol(let symbol):
            if let replacement = replacements[symbol] { return replacement }
            let shape = Substitution.instantiate(symbol.shape, sizes)
            return shape == symbol.shape ? e : Expr.symbol(symbol.reshaped(shape))
        case .size(let dimension):
            return Expr.size(Substitution.instantiate(dimension, sizes))
        case .sum(let terms):
            return try Expr.sum(try applyAll(terms))
        case .product(let coefficient, let scalars, let factors):
            return try Expr.product(coefficient: coefficient, try applyAll(scalars) + (try applyAll(factors)))
        case .hadamard(let factors):
            return try Expr.hadamard(try applyAll(factors))
        case .power(let base, let exponent):
            return try Expr.power(try apply(base), try apply(exponent))
        case .function(let function, let argument):
            return try Expr.apply(function, try apply(argument))
        case .maximum(let a, let b):
            return try Expr.maximum(try apply(a), try apply(b))
        case .minimum(let a, let b):
            return try Expr.minimum(try apply(a), try apply(b))
        case .transpose(let argument):
            return try Expr.transpose(try apply(argument))
        case .reduction(let reduction, let argument):
            let x = try apply(argument)
            switch reduction {
            case .sum: return try Expr.reduceSum(x)
            case .norm: return try Expr.norm(x)
            case .trace: return try Expr.trace(x)
            case .det: return try Expr.det(x)
            }
        case .inverse(let argument):
            return try Expr.inverse(try apply(argument))
        case .diag(let argument):
            return try Expr.diag(try apply(argument))
        case .identity(let dimension):
            return Expr.identity(Substitution.instantiate(dimension, sizes))
        case .ones(let shape):
            return Expr.ones(Substitution.instantiate(shape, sizes))
        case .zeros(let shape):
            return Expr.zeros(Substitution.instantiate(shape, sizes))
        case .component(let argument, let row, let column):
            return try Expr.entry(try apply(argument), row, column)
        case .matrix(let rows):
            var result: [[Expr]] = []
            for row in rows { result.append(try applyAll(row)) }
            return try Expr.matrix(result)
        case .piecewise(let cases):
            var remaining: [PiecewiseCase] = []
            for piece in cases {
                let lhs = try apply(piece.condition.lhs), rhs = try apply(piece.condition.rhs)
                if let a = lhs.numberValue, let b = rhs.numberValue {
                    // A decided condition: a false case drops out; the first true case is the value.
                    guard Substitution.holds(a, piece.condition.relation, b) else { continue }
                    if remaining.isEmpty { return try apply(piece.value) }
                }
                remaining.append(PiecewiseCase(Condition(lhs, piece.condition.relation, rhs), try apply(piece.value)))
            }
            guard !remaining.isEmpty else { throw EvaluationError.noCaseApplies }
            return try Expr.piecewise(remaining)
        }
    }

    static func holds(_ a: Rational, _ relation: Relation, _ b: Rational) -> Bool {
        switch relation {
        case .less: return a < b
        case .lessEqual: return a <= b
        case .greater: return a > b
        case .greaterEqual: return a >= b
        }
    }

    /// Replaces a closed subexpression (no symbols, no symbolic sizes) by its value when that
    /// value is exact.
    private mutating func foldIfExact(_ e: Expr) throws(EvaluationError) -> Expr {
        switch e.kind {
        case .number, .decimal, .matrix, .identity, .ones, .zeros: return e
        default: break
        }
        guard isClosed(e) else { return e }
        let value: Value
        do {
            value = Value(try evaluator.evaluate(e))
        } catch .limitExceeded {
            return e
        }
        guard value.isExact else { return e }
        do { return try value.expression() } catch { throw .engine(error) }
    }

    private mutating func isClosed(_ e: Expr) -> Bool { closed.contains(e) }
}
