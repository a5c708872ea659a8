/// A numeric value of any shape at a point: a scalar, a vector or a matrix of `Number`s
/// (row-major). Exact entries stay exact; see `Number`.
public struct Value: Hashable, Sendable, CustomStringConvertible {
    public let rows: Int
    public let cols: Int
    /// Row-major entries.
    public let entries: [Number]

    /// Rows of equal length (at least one entry).
    public init(rows: [[Number]]) throws(EvaluationError) {
        guard let first = rows.first, !first.isEmpty, rows.allSatisfy({ $0.count == first.count }) else {
            throw .invalidBinding("a value needs at least one entry and rows of one length")
        }
        self.rows = rows.count
        cols = first.count
        entries = rows.flatMap { $0 }
    }

    /// A column vector.
    public init(vector: [Number]) throws(EvaluationError) {
        try self.init(rows: vector.map { [$0] })
    }

    public init(_ scalar: Number) {
        rows = 1
        cols = 1
        entries = [scalar]
    }

    public init(_ scalar: Int) { self.init(.exact(Rational(scalar))) }

    init<S: EvaluationScalar>(_ array: NumericArray<S>) {
        rows = array.rows
        cols = array.cols
        entries = array.entries.map(\.primal)
    }

    public var isScalar: Bool { rows == 1 && cols == 1 }

    /// Every entry is exact.
    public var isExact: Bool { entries.allSatisfy(\.isExact) }

    /// Entry (i, j), from 0.
    public subscript(i: Int, j: Int) -> Number { entries[i * cols + j] }

    /// The entries as Doubles, row-major.
    public var doubleValues: [Double] { entries.map(\.doubleValue) }

    func array<S: EvaluationScalar>(_ convert: (Number) -> S) -> NumericArray<S> {
        NumericArray(rows: rows, cols: cols, entries: entries.map(convert))
    }

    /// The value as an expression: exact entries as numbers; an approximate entry as the exact
    /// rational of its shortest decimal form (`0.5403023058681398`).
    public func expression() throws(EngineError) -> Expr {
        var literal: [[Expr]] = []
        for i in 0..<rows {
            var row: [Expr] = []
            for j in 0..<cols {
                switch self[i, j] {
                case .exact(let value): row.append(.number(value))
                case .approximate(let value): row.append(.number(try Value.decimal(value)))
                }
            }
            literal.append(row)
        }
        return try Expr.matrix(literal)
    }

    /// The shortest decimal that reads back as the Double (`1.5e-20` → 15/10²¹), exactly.
    static func decimal(_ value: Double) throws(EngineError) -> Rational {
        let text = String(describing: value).lowercased()
        let parts = text.split(separator: "e", maxSplits: 1).map(String.init)
        let mantissa = try Rational(literal: parts[0])
        guard parts.count == 2, let exponent = Int(parts[1]) else { return mantissa }
        return mantissa * (try Rational(10).power(exponent))
    }

    /// `12`, `[12, 3]` (a column), `[[1, 2], [3, 4]]` (by rows).
    public var description: String {
        if isScalar { return entries[0].description }
        if cols == 1 { return "[" + entries.map(\.description).joined(separator: ", ") + "]" }
        return "[" + (0..<rows).map { i in
            "[" + (0..<cols).map { j in self[i, j].description }.joined(separator: ", ") + "]"
        }.joined(separator: ", ") + "]"
    }
}
