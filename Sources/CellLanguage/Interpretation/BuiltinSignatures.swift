/// The built-in functions of the cell language and the argument labels each accepts.
///
/// Kept as data, apart from what the functions do, so that label checking, "did you mean"
/// suggestions and the reference page all read one list.
struct BuiltinSignature: Sendable {
    var name: String
    /// Each accepted list of labels (`nil` for an unlabeled argument); `zeros` has two.
    var forms: [[String?]]

    /// `gradient(of:wrt:)`, `pow(_:_:)`: how Swift names a function.
    static func written(_ name: String, _ labels: [String?]) -> String {
        "\(name)(\(labels.map { ($0 ?? "_") + ":" }.joined()))"
    }

    var written: String { forms.map { Self.written(name, $0) }.joined(separator: " or ") }
}

enum Builtins {
    static let elementwise = ["exp", "log", "sin", "cos", "tan", "tanh", "sigmoid", "σ", "sqrt", "abs", "relu", "step", "sign"]
    static let reductions = ["sum", "mean", "norm", "trace", "det"]
    /// Deep-learning functions with their own names in results: softmax(z), logsumexp(z).
    static let named = ["softmax", "logsumexp"]

    static let signatures: [String: BuiltinSignature] = {
        var table: [String: BuiltinSignature] = [:]
        func add(_ name: String, _ forms: [[String?]]) { table[name] = BuiltinSignature(name: name, forms: forms) }
        for name in elementwise + reductions + named + ["diag", "transpose", "inverse", "components", "I", "identity"] {
            add(name, [[nil]])
        }
        add("ones", [[nil], [nil, nil]])
        add("zeros", [[nil], [nil, nil]])
        for name in ["pow", "max", "min", "dot", "∂", "∇"] { add(name, [[nil, nil]]) }
        for name in ["derivative", "gradient", "jacobian", "hessian"] { add(name, [["of", "wrt"]]) }
        add("derivation", [["of", "wrt"], ["of", "wrt", "detail"]])
        add("evaluate", [[nil, "at"]])
        return table
    }()

    /// Member functions: `e.evaluated(at: p)`, `e.decimal(digits: 4)`.
    static let methods: [String: BuiltinSignature] = [
        "evaluated": BuiltinSignature(name: "evaluated", forms: [["at"]]),
        "decimal": BuiltinSignature(name: "decimal", forms: [["digits"]]),
    ]
}
