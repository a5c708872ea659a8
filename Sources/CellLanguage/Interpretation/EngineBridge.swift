import MatrixCalculus

/// Every call from the cell language into the engine, in one place: which engine builder each
/// operator and built-in name means. The interpreter decides nothing mathematical itself.
enum EngineBridge {
    static func number(_ value: Rational) -> Expr { Expr.number(value) }
    static func symbol(_ symbol: Symbol) -> Expr { Expr.symbol(symbol) }
    static func size(_ dimension: Dimension) -> Expr { Expr.size(dimension) }
    static func identity(_ n: Dimension) -> Expr { Expr.identity(n) }
    static func ones(_ rows: Dimension, _ cols: Dimension) -> Expr { Expr.ones(rows, cols) }
    static func zeros(_ rows: Dimension, _ cols: Dimension) -> Expr { Expr.zeros(rows, cols) }

    /// `[a, b]` (one column) or `[[a, b], [c, d]]`.
    static func matrix(_ rows: [[Expr]]) throws(EngineError) -> Expr { try Expr.matrix(rows) }

    static func transpose(_ value: Expr) throws(EngineError) -> Expr { try Expr.transpose(value) }
    static func negate(_ value: Expr) throws(EngineError) -> Expr { try Expr.negate(value) }

    static func component(_ value: Expr, row: Int, column: Int) throws(EngineError) -> Expr {
        if value.shape.isColumn { return try Expr.component(value, row) }
        if value.shape.isRow { return try Expr.component(value, column) }
        return try Expr.entry(value, row, column)
    }

    /// The binary operators of the language.
    static func binary(_ op: String, _ a: Expr, _ b: Expr) throws(EngineError) -> Expr {
        switch op {
        case "+": try Expr.add(a, b)
        case "-": try Expr.subtract(a, b)
        case "*": try Expr.multiply(a, b)
        case "/": try Expr.divide(a, b)
        case "⊙", ".*", "⊗": try Expr.hadamard(a, b)
        case "⊘", "./": try Expr.elementwiseDivide(a, b)
        case "•": try Expr.dot(a, b)
        case "^": try Expr.power(a, b)
        default: throw .invalidArgument("operator '\(op)' is not part of the cell language")
        }
    }

    /// `v₀ op₁ v₁ op₂ v₂ …` built at once: a sum and difference of terms, or a product of
    /// scalars. Nil for any other chain (the caller combines it one operator at a time).
    static func flatChain(_ values: [Expr], operators: [String]) throws(EngineError) -> Expr? {
        if operators.allSatisfy({ $0 == "+" || $0 == "-" }) {
            var terms = [values[0]]
            for (index, op) in operators.enumerated() {
                terms.append(op == "-" ? try Expr.negate(values[index + 1]) : values[index + 1])
            }
            return try Expr.sum(terms)
        }
        if operators.allSatisfy({ $0 == "*" }), values.allSatisfy(\.shape.isScalar) {
            return try Expr.multiply(values)
        }
        return nil
    }

    /// The built-in functions whose arguments are all values (the labels are already checked).
    static func apply(_ name: String, _ arguments: [Expr]) throws(EngineError) -> Expr {
        switch (name, arguments.count) {
        case ("σ", 1): return try Expr.apply(.sigmoid, arguments[0])
        case ("sqrt", 1): return try Expr.sqrt(arguments[0])
        case ("relu", 1): return try Expr.relu(arguments[0])
        case ("softmax", 1): return try Expr.softmax(arguments[0])
        case ("logsumexp", 1): return try Expr.logsumexp(arguments[0])
        case ("sum", 1): return try Expr.reduceSum(arguments[0])
        case ("mean", 1): return try Expr.mean(arguments[0])
        case ("norm", 1): return try Expr.norm(arguments[0])
        case ("trace", 1): return try Expr.trace(arguments[0])
        case ("det", 1): return try Expr.det(arguments[0])
        case ("diag", 1): return try Expr.diag(arguments[0])
        case ("transpose", 1): return try Expr.transpose(arguments[0])
        case ("inverse", 1): return try Expr.inverse(arguments[0])
        case ("components", 1): return try Expr.components(arguments[0])
        case ("pow", 2): return try Expr.power(arguments[0], arguments[1])
        case ("max", 2): return try Expr.maximum(arguments[0], arguments[1])
        case ("min", 2): return try Expr.minimum(arguments[0], arguments[1])
        case ("dot", 2): return try Expr.dot(arguments[0], arguments[1])
        default:
            if arguments.count == 1, let function = ElementwiseFunction(rawValue: name) {
                return try Expr.apply(function, arguments[0])
            }
            throw .invalidArgument("'\(name)' is not a built-in function")
        }
    }
}

extension EngineBridge {
    enum DerivativeKind: Hashable, Sendable {
        case derivative, gradient, jacobian, hessian

        /// The same operation as the numeric check names it.
        var operation: DerivativeOperation {
            switch self {
            case .derivative: .derivative
            case .gradient: .gradient
            case .jacobian: .jacobian
            case .hessian: .hessian
            }
        }
    }

    /// `derivative`, `gradient`, `jacobian` or `hessian` of `function` by one symbol or by a
    /// list of scalar symbols (standing for the vector of them).
    ///
    /// Each answer is remembered for every lesson the process builds (`derivatives`): a course
    /// asks for the same derivative in many lessons, and the answer is a pure function of the
    /// question — expressions are hash-consed, so the remembered one is the very node the
    /// engine would build again. Only answers are remembered, never a time-limit failure, and
    /// the cell's size limit is checked on the value as before.
    static func derivative(_ kind: DerivativeKind, of function: Expr, wrt variables: DifferentiationVariables, layout: Layout) throws(EngineError) -> Expr {
        let question = DerivativeQuestion(kind: kind, function: function, variables: variables, layout: layout)
        if let known = derivatives.value(for: question) { return known }
        let answer = try computedDerivative(kind, of: function, wrt: variables, layout: layout)
        derivatives.remember(answer, for: question)
        return answer
    }

    private struct DerivativeQuestion: Hashable, Sendable {
        var kind: DerivativeKind
        var function: Expr
        var variables: DifferentiationVariables
        var layout: Layout
    }

    /// Bounded by count: past it, derivatives are computed again.
    private static let derivatives = SharedMemo<DerivativeQuestion, Expr>(capacity: 20_000)

    private static func computedDerivative(_ kind: DerivativeKind, of function: Expr, wrt variables: DifferentiationVariables, layout: Layout) throws(EngineError) -> Expr {
        switch (kind, variables) {
        case (.derivative, .symbol(let x)): try MatrixCalculus.derivative(of: function, wrt: x, layout: layout)
        case (.derivative, .list(let xs)): try MatrixCalculus.derivative(of: function, wrt: xs, layout: layout)
        case (.gradient, .symbol(let x)): try MatrixCalculus.gradient(of: function, wrt: x, layout: layout)
        case (.gradient, .list(let xs)): try MatrixCalculus.gradient(of: function, wrt: xs, layout: layout)
        case (.jacobian, .symbol(let x)): try MatrixCalculus.jacobian(of: function, wrt: x, layout: layout)
        case (.jacobian, .list(let xs)): try MatrixCalculus.jacobian(of: function, wrt: xs, layout: layout)
        case (.hessian, .symbol(let x)): try MatrixCalculus.hessian(of: function, wrt: x, layout: layout)
        case (.hessian, .list(let xs)): try MatrixCalculus.hessian(of: function, wrt: xs, layout: layout)
        }
    }

    static func derivation(
        of function: Expr, wrt variables: DifferentiationVariables, layout: Layout, detail: DerivationDetail
    ) throws(DerivationError) -> Derivation {
        switch variables {
        case .symbol(let x): try MatrixCalculus.derivation(of: function, wrt: x, layout: layout, detail: detail)
        case .list(let xs): try MatrixCalculus.derivation(of: function, wrt: xs, layout: layout, detail: detail)
        }
    }

    /// `wrt: x` or `wrt: [x, y]`.
    enum DifferentiationVariables: Hashable, Sendable {
        case symbol(Expr)
        case list([Expr])

        var symbols: [Expr] {
            switch self {
            case .symbol(let x): [x]
            case .list(let xs): xs
            }
        }
    }

    /// `e.evaluated(at: [x: 1])`: the engine substitutes and simplifies (exact where the
    /// arithmetic is exact); sizes of symbolic dimensions are inferred from the values.
    static func evaluated(_ value: Expr, at assignments: [(Symbol, Expr)]) throws(EvaluationError) -> Expr {
        var substitution: [Expr: Expr] = [:]
        for (symbol, given) in assignments { substitution[Expr.symbol(symbol)] = given }
        return try value.evaluated(at: substitution)
    }

    /// `e.decimal(digits: 4)`: closed parts in floating point, shown with 4 significant digits.
    static func decimal(_ value: Expr, digits: Int) throws(EvaluationError) -> Expr {
        try value.decimal(digits: digits)
    }

    enum EqualityVerdict: Sendable {
        /// `symbolically` when simplification decided it, not agreement at random points.
        case equal(symbolically: Bool)
        /// With the point where the sides differ, when one was found.
        case different(counterexample: String?)
        case undecided(String)
    }

    /// `#expect(a == b)`: equal as functions — after simplification, or else at random points
    /// inside the assumptions (the engine's numeric check).
    static func equality(_ a: Expr, _ b: Expr) -> EqualityVerdict {
        do {
            switch try checkEquality(a, b) {
            case .equalSymbolically:
                return .equal(symbolically: true)
            case .equalNumerically:
                return .equal(symbolically: false)
            case .differentShapes(let left, let right):
                return .different(counterexample: "the shapes differ: \(left) and \(right)")
            case .different(let counterexample):
                let point = counterexample.point.description
                let place = point.isEmpty ? "" : " at \(point)"
                return .different(counterexample: "they differ\(place): \(counterexample.leftText) ≠ \(counterexample.rightText)")
            case .differentDomains(let mismatch):
                let (defined, undefined) = mismatch.leftIsDefined ? ("left", "right") : ("right", "left")
                return .different(counterexample: "their domains differ at \(mismatch.point): the \(defined) side is \(mismatch.value), the \(undefined) side is undefined (\(mismatch.reason))")
            }
        } catch {
            return .undecided(error.description)
        }
    }

    /// A value as one line of text for messages.
    static func text(_ value: Expr) -> String { (try? TextWriter().write(value)) ?? value.description }
}
