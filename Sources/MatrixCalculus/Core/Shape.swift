/// rows × cols of a value. A 1×1 shape is a scalar; n×1 a (column) vector; 1×n a row vector.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
    public let rows: Dimension
    public let cols: Dimension

    public init(rows: Dimension, cols: Dimension) {
        self.rows = rows
        self.cols = cols
    }

    public static let scalar = Shape(rows: .one, cols: .one)
    public static func column(_ n: Dimension) -> Shape { Shape(rows: n, cols: .one) }
    public static func row(_ n: Dimension) -> Shape { Shape(rows: .one, cols: n) }
    public static func matrix(_ m: Dimension, _ n: Dimension) -> Shape { Shape(rows: m, cols: n) }

    public var isScalar: Bool { rows.isOne && cols.isOne }
    /// A column vector (n×1 with n ≠ 1).
    public var isColumn: Bool { cols.isOne && !rows.isOne }
    /// A row vector (1×n with n ≠ 1).
    public var isRow: Bool { rows.isOne && !cols.isOne }
    public var isVector: Bool { isColumn || isRow }
    /// Neither side is 1.
    public var isMatrix: Bool { !rows.isOne && !cols.isOne }
    public var isSquare: Bool { rows == cols }
    public var transposed: Shape { Shape(rows: cols, cols: rows) }

    /// Both sides concrete (and positive): the value can be written out entry by entry.
    public var concreteSize: (rows: Int, cols: Int)? {
        guard let r = rows.concreteValue, let c = cols.concreteValue, r > 0, c > 0 else { return nil }
        return (r, c)
    }

    /// rows × cols when concrete and at most `limit`; nil otherwise (no overflow).
    func entryCount(atMost limit: Int) -> Int? {
        guard let size = concreteSize else { return nil }
        let (count, overflow) = size.rows.multipliedReportingOverflow(by: size.cols)
        return overflow || count > limit ? nil : count
    }

    /// The type as the cell language spells it, for error messages: `Scalar`, `Vector<3>`,
    /// `RowVector<n>`, `Matrix<m, n>`.
    public var description: String {
        if isScalar { return "Scalar" }
        if isColumn { return "Vector<\(rows)>" }
        if isRow { return "RowVector<\(cols)>" }
        return "Matrix<\(rows), \(cols)>"
    }
}
