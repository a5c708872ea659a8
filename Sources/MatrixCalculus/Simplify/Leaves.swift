// Builders for leaves: constants, symbols, sizes, and the structured constants I, 1 and 0.
extension Expr {
    public static let zero = Expr.leaf(.number(.zero), .scalar)
    public static let one = Expr.leaf(.number(.one), .scalar)
    public static let minusOne = Expr.leaf(.number(.minusOne), .scalar)

    /// An exact constant.
    public static func number(_ value: Rational) -> Expr {
        if value.isZero { return zero }
        if value.isOne { return one }
        return leaf(.number(value), .scalar)
    }

    public static func integer(_ value: Int) -> Expr { number(Rational(value)) }

    /// A constant from an integer or decimal literal, exactly (`0.5` is ½).
    public static func number(literal: String) throws(EngineError) -> Expr {
        number(try Rational(literal: literal))
    }

    public static func symbol(_ symbol: Symbol) -> Expr { leaf(.symbol(symbol), symbol.shape) }

    public static func symbol(_ name: String, _ shape: Shape = .scalar, assumptions: Assumptions = []) -> Expr {
        symbol(Symbol(name, shape, assumptions: assumptions))
    }

    /// The value of a dimension as a scalar: a number when concrete, `n` when symbolic.
    public static func size(_ dimension: Dimension) -> Expr {
        if let value = dimension.concreteValue { return integer(value) }
        return leaf(.size(dimension), .scalar)
    }

    /// The zero of a shape (the number 0 for a scalar).
    public static func zeros(_ shape: Shape) -> Expr {
        shape.isScalar ? zero : leaf(.zeros(shape), shape)
    }

    /// `zeros(n)` (a column vector) or `zeros(m, n)`.
    public static func zeros(_ rows: Dimension, _ cols: Dimension = .one) -> Expr {
        zeros(Shape(rows: rows, cols: cols))
    }

    /// All ones: **1** of a shape (the number 1 for a scalar).
    public static func ones(_ shape: Shape) -> Expr {
        shape.isScalar ? one : leaf(.ones(shape), shape)
    }

    /// `ones(n)` (a column vector, **1**) or `ones(m, n)`.
    public static func ones(_ rows: Dimension, _ cols: Dimension = .one) -> Expr {
        ones(Shape(rows: rows, cols: cols))
    }

    /// The identity matrix I(n) (the number 1 when n = 1).
    public static func identity(_ n: Dimension) -> Expr {
        n.isOne ? one : leaf(.identity(n), .matrix(n, n))
    }

    /// True for I(n).
    var isIdentity: Bool {
        if case .identity = kind { return true }
        return false
    }
}
