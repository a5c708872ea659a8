/// The symbols and symbolic dimensions an expression depends on (conditions of piecewise values
/// included), and for each dimension the smallest size its component indices need (`x[3]` in a
/// `Vector<n>` needs n ≥ 4).
struct FreeVariables {
    private(set) var symbols: Set<Symbol> = []
    private(set) var minimumSizes: [String: Int] = [:]
    private var visited: Set<Expr> = []

    init(_ expressions: [Expr]) {
        for e in expressions { visit(e) }
    }

    /// Symbols sorted by name, then shape, so that sampling order (and the drawn point) does not
    /// depend on hashing.
    var sortedSymbols: [Symbol] {
        symbols.sorted { ($0.name, $0.shape.description, $0.assumptions.rawValue) < ($1.name, $1.shape.description, $1.assumptions.rawValue) }
    }

    private mutating func visit(_ e: Expr) {
        guard visited.insert(e).inserted else { return }
        note(e.shape.rows, atLeast: 1)
        note(e.shape.cols, atLeast: 1)
        switch e.kind {
        case .symbol(let symbol):
            symbols.insert(symbol)
        case .size(let dimension), .identity(let dimension):
            note(dimension, atLeast: 1)
        case .ones(let shape), .zeros(let shape):
            note(shape.rows, atLeast: 1)
            note(shape.cols, atLeast: 1)
        case .component(let argument, let row, let column):
            note(argument.shape.rows, atLeast: row + 1)
            note(argument.shape.cols, atLeast: column + 1)
        default:
            break
        }
        for child in e.children { visit(child) }
    }

    private mutating func note(_ dimension: Dimension, atLeast size: Int) {
        guard case .symbolic(let name) = dimension else { return }
        minimumSizes[name] = max(minimumSizes[name] ?? 1, size)
    }
}
