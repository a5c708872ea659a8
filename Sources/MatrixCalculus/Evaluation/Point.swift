/// A point at which to evaluate: numeric values for symbols and sizes for symbolic dimensions.
/// Sizes not given are inferred from the values (a 3-vector for `x: Vector<n>` means n = 3).
public struct Point: Hashable, Sendable, CustomStringConvertible {
    public private(set) var values: [Symbol: Value]
    public private(set) var sizes: [String: Int]

    public init(values: [Symbol: Value] = [:], sizes: [String: Int] = [:]) throws(EvaluationError) {
        self.values = values
        self.sizes = sizes
        for (name, size) in sizes where size < 1 {
            throw .invalidBinding("the size \(name) must be at least 1, not \(size)")
        }
        for (symbol, value) in values {
            try infer(symbol.shape.rows, from: value.rows, symbol: symbol, value: value)
            try infer(symbol.shape.cols, from: value.cols, symbol: symbol, value: value)
        }
    }

    /// Values keyed by symbol expressions (`[x: 1, y: 2]`); a key that is not a symbol is an error.
    public init(_ bindings: [Expr: Value], sizes: [String: Int] = [:]) throws(EvaluationError) {
        var values: [Symbol: Value] = [:]
        for (key, value) in bindings {
            guard let symbol = key.symbolValue else { throw .invalidBinding("only a symbol can be given a value, not \(key)") }
            values[symbol] = value
        }
        try self.init(values: values, sizes: sizes)
    }

    private mutating func infer(_ dimension: Dimension, from actual: Int, symbol: Symbol, value: Value) throws(EvaluationError) {
        let mismatch = EvaluationError.valueShape(symbol: symbol.name, expected: symbol.shape.description, got: "\(value.rows)×\(value.cols) value")
        switch dimension {
        case .concrete(let expected):
            if expected != actual { throw mismatch }
        case .symbolic(let name):
            if let known = sizes[name], known != actual { throw mismatch }
            sizes[name] = actual
        }
    }

    /// `x = 1, y = [1, 2]; n = 2`, names in order.
    public var description: String {
        let symbols = values.sorted { $0.key.name < $1.key.name }.map { "\($0.key.name) = \($0.value)" }
        let dimensions = sizes.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
        return [symbols.joined(separator: ", "), dimensions.joined(separator: ", ")]
            .filter { !$0.isEmpty }.joined(separator: "; ")
    }
}

extension Expr {
    /// The numeric value at a point: exact where the arithmetic is exact, Double otherwise.
    /// Undefined points (log of a non-positive number, a singular inverse, …) throw.
    public func value(at point: Point) throws(EvaluationError) -> Value {
        var evaluator = Evaluator<Number>(values: point.values.mapValues { $0.array { $0 } }, sizes: point.sizes)
        return Value(try evaluator.evaluate(self))
    }
}
