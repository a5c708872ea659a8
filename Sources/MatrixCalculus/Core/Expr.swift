/// A symbolic value with a shape: an immutable node of an expression DAG.
///
/// **Representation choice: hash-consing.** Nodes are immutable final classes, each with its
/// structural hash computed once at construction, and every node is made through one intern
/// table (`InternTable`, weak entries behind a `Mutex`): building an expression equal to an
/// existing one returns the existing object. So equality is pointer identity, equal
/// subexpressions are shared automatically (a derivative reuses the nodes of its input), and
/// passes over a DAG (differentiation, components, evaluation) memoise results in dictionaries
/// keyed by `Expr` at O(1) per lookup, processing each shared node once — even when the tree
/// the DAG stands for is exponentially large.
///
/// **Canonical form.** There is no public initializer: every node is made by a builder
/// (`Expr.add`, `Expr.multiply`, `Expr.transpose`, … in Simplify/), which checks shapes and
/// returns the canonical, textbook form. So `Expr` values are always simplified, and two
/// expressions built from equal mathematical input compare equal with `==`.
///
/// Read a node with `kind` (switch over it), `shape` and `children`.
public final class Expr: Hashable, Sendable, CustomStringConvertible {
    /// What the node is. Children are `Expr`s; see each case for its invariants.
    public enum Kind: Hashable, Sendable {
        /// An exact constant (a scalar).
        case number(Rational)
        /// A floating-point constant shown with a number of significant digits, ≥ 0 (a scalar);
        /// made only by `decimal(digits:)`.
        case decimal(DecimalNumber)
        /// A variable.
        case symbol(Symbol)
        /// The value of a dimension as a scalar (`n` in `mean(x) = sum(x)/n`).
        case size(Dimension)
        /// n-ary sum, ≥ 2 terms, no term a sum, like terms collected, sorted; never row-shaped
        /// (a sum of rows is the transpose of a column sum). A scalar term in a non-scalar sum is
        /// expanded to the sum's shape (`x + z` is `x + z·1`).
        case sum([Expr])
        /// `coefficient · scalars… · factors…`: the scalar factors commute (sorted, powers merged,
        /// none a number or a product); `factors` is the ordered matrix product of non-scalar
        /// values (conformable). A product whose factors multiply to 1×1 (`xᵀAx`) is a scalar.
        /// Negation is the coefficient −1. Division is a factor with exponent −1.
        case product(coefficient: Rational, scalars: [Expr], factors: [Expr])
        /// Element-wise product of ≥ 2 non-scalar values of one shape, sorted.
        case hadamard([Expr])
        /// `base ^ exponent`; the exponent is a scalar; a non-scalar base means an element-wise
        /// power. Element-wise division `a ⊘ b` is `a ⊙ b^(-1)`; `sqrt(x)` is `x^(1/2)`.
        case power(base: Expr, exponent: Expr)
        /// A function applied entry by entry.
        case function(ElementwiseFunction, Expr)
        /// Element-wise maximum; one argument may be a scalar, expanded to the other's shape.
        case maximum(Expr, Expr)
        /// Element-wise minimum; one argument may be a scalar, expanded to the other's shape.
        case minimum(Expr, Expr)
        /// Transpose of a symbol, of an element-wise operation (function, power, ⊙, max, min)
        /// or of a sum of column vectors — `exp(x)ᵀ`, `(Ax + b)ᵀ`. Transposes of matrix sums and
        /// of products are pushed inside ((AB)ᵀ = BᵀAᵀ).
        case transpose(Expr)
        /// A reduction to a scalar.
        case reduction(Reduction, Expr)
        /// Matrix inverse of a square matrix.
        case inverse(Expr)
        /// The diagonal matrix with the entries of a column vector on its diagonal.
        case diag(Expr)
        /// The identity matrix I(n).
        case identity(Dimension)
        /// The all-ones value of the node's shape (**1**, a column vector, unless transposed).
        case ones(Shape)
        /// The all-zero value of the node's shape (a scalar zero is `number(0)`).
        case zeros(Shape)
        /// Entry (row, column) of a vector or matrix, counted from 0. `x[i]` is (i, 0).
        case component(Expr, row: Int, column: Int)
        /// A literal matrix given by rows of scalar entries (a vector literal has one column).
        case matrix([[Expr]])
        /// A value defined by cases, tried in order.
        case piecewise([PiecewiseCase])
    }

    public let kind: Kind
    public let shape: Shape
    /// Nesting depth (a leaf is 1); bounded by `Limits.maxDepth`.
    public let depth: Int
    /// Nodes of the tree this DAG stands for, shared nodes counted every time they occur
    /// (saturating at `Int.max`): an upper bound on its distinct nodes known without a walk.
    /// Why: a cell checks the distinct nodes of every value it binds or shows against its size
    /// limit (`CellBudget.checkSize`), and walking each value with a set of visited nodes was
    /// a tenth of running a typical cell whose values are a few dozen nodes; at or under the
    /// limit this bound settles the check at once.
    public let treeSize: Int
    private let structuralHash: Int

    /// Known to be ≥ 0 entry-wise (from assumptions and structure); false means "not known".
    public let isNonnegative: Bool
    /// Known to be > 0 entry-wise; false means "not known".
    public let isPositive: Bool

    /// A Bloom filter of the symbols in this subexpression: the union of `SymbolSignature`s
    /// of its symbols. If a symbol's signature is not contained in it, the expression does not
    /// depend on that symbol — an O(1) answer to the question every differentiation rule asks
    /// of every operand (the Jacobian of n entries by n symbols asks it n² times). A contained
    /// signature means only "may depend"; `Dependence` then looks at the children.
    let symbolSignature: SymbolSignature

    private init(kind: Kind, shape: Shape, depth: Int, treeSize: Int, hash: Int, symbolSignature: SymbolSignature) {
        self.kind = kind
        self.shape = shape
        self.depth = depth
        self.treeSize = treeSize
        structuralHash = hash
        self.symbolSignature = symbolSignature
        isNonnegative = SignAnalysis.isNonnegative(kind)
        isPositive = SignAnalysis.isPositive(kind)
    }

    /// The one place nodes are made. Builders call it after canonicalising; it enforces the
    /// depth limit so that every recursive pass stays far from the stack's end, counts a step
    /// of the caller's time budget (`EngineBudget`), and interns the node so that equal
    /// expressions are one object.
    static func node(_ kind: Kind, _ shape: Shape) throws(EngineError) -> Expr {
        try EngineBudget.step()
        var childDepth = 0
        var treeSize = 1
        var signature = SymbolSignature.none
        Expr.forEachChild(of: kind) { child in
            childDepth = max(childDepth, child.depth)
            let (sum, overflow) = treeSize.addingReportingOverflow(child.treeSize)
            treeSize = overflow ? Int.max : sum
            signature.formUnion(child.symbolSignature)
        }
        guard childDepth < Limits.maxDepth else {
            throw .limitExceeded("an expression nested deeper than \(Limits.maxDepth) levels")
        }
        return interned(kind, shape, depth: childDepth + 1, treeSize: treeSize, symbolSignature: signature)
    }

    /// Leaves never exceed the depth limit.
    static func leaf(_ kind: Kind, _ shape: Shape) -> Expr {
        let signature = if case .symbol(let symbol) = kind { SymbolSignature(of: symbol) } else { SymbolSignature.none }
        return interned(kind, shape, depth: 1, treeSize: 1, symbolSignature: signature)
    }

    private static func interned(_ kind: Kind, _ shape: Shape, depth: Int, treeSize: Int, symbolSignature: SymbolSignature) -> Expr {
        var hasher = Hasher()
        hasher.combine(kind)
        hasher.combine(shape)
        let hash = hasher.finalize()
        return InternTable.shared.intern(hash: hash, kind: kind, shape: shape) {
            Expr(kind: kind, shape: shape, depth: depth, treeSize: treeSize, hash: hash, symbolSignature: symbolSignature)
        }
    }

    /// The direct subexpressions, in a fixed order (conditions of a piecewise value included).
    public var children: [Expr] { Expr.children(of: kind) }

    /// Calls `body` on each direct subexpression, in the order of `children`, without building
    /// an array: node construction and ordering run on every node the engine makes.
    static func forEachChild(of kind: Kind, _ body: (Expr) -> Void) {
        switch kind {
        case .number, .decimal, .symbol, .size, .identity, .ones, .zeros:
            return
        case .sum(let terms), .hadamard(let terms):
            for term in terms { body(term) }
        case .product(_, let scalars, let factors):
            for scalar in scalars { body(scalar) }
            for factor in factors { body(factor) }
        case .power(let base, let exponent):
            body(base)
            body(exponent)
        case .function(_, let argument), .transpose(let argument), .reduction(_, let argument),
             .inverse(let argument), .diag(let argument), .component(let argument, _, _):
            body(argument)
        case .maximum(let a, let b), .minimum(let a, let b):
            body(a)
            body(b)
        case .matrix(let rows):
            for row in rows {
                for entry in row { body(entry) }
            }
        case .piecewise(let cases):
            for piece in cases {
                body(piece.condition.lhs)
                body(piece.condition.rhs)
                body(piece.value)
            }
        }
    }

    static func children(of kind: Kind) -> [Expr] {
        switch kind {
        case .number, .decimal, .symbol, .size, .identity, .ones, .zeros:
            return []
        case .sum(let terms), .hadamard(let terms):
            return terms
        case .product(_, let scalars, let factors):
            return scalars + factors
        case .power(let base, let exponent):
            return [base, exponent]
        case .function(_, let argument), .transpose(let argument), .reduction(_, let argument),
             .inverse(let argument), .diag(let argument), .component(let argument, _, _):
            return [argument]
        case .maximum(let a, let b), .minimum(let a, let b):
            return [a, b]
        case .matrix(let rows):
            return rows.flatMap { $0 }
        case .piecewise(let cases):
            return cases.flatMap { [$0.condition.lhs, $0.condition.rhs, $0.value] }
        }
    }

    /// Structural equality, which hash-consing makes pointer identity.
    public static func == (a: Expr, b: Expr) -> Bool {
        a === b
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(structuralHash)
    }

    /// The structural hash computed when the node was made, for tables keyed by node
    /// (`ExprMemo`) that need no further mixing of it.
    var storedHash: Int { structuralHash }

    // MARK: Convenient reading

    /// The constant value, if this is a number.
    public var numberValue: Rational? {
        if case .number(let value) = kind { return value }
        return nil
    }

    public var isZero: Bool {
        switch kind {
        case .number(let value): return value.isZero
        case .zeros: return true
        default: return false
        }
    }

    public var isOne: Bool { numberValue?.isOne ?? false }

    /// The symbol, if this is a symbol.
    public var symbolValue: Symbol? {
        if case .symbol(let symbol) = kind { return symbol }
        return nil
    }

    /// A plain, unambiguous one-line rendering for debugging and test failure messages. The
    /// writers (Writers/) produce the textbook notation; this is not it.
    public var description: String { DebugRendering.render(self) }
}
