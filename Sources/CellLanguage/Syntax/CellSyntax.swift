/// The cell language's own syntax tree, lowered from swift-syntax's Swift tree.
///
/// Lowering checks once that a cell uses only the language (no loops, classes, strings…), so
/// the interpreter walks a small closed set of cases and never meets arbitrary Swift.
/// Every node keeps the span of its source text for diagnostics.
struct CellProgram: Sendable {
    var statements: [CellStatement]
}

struct CellStatement: Sendable {
    var kind: Kind
    var span: CellSpan

    enum Kind: Sendable {
        /// `let x, y: Scalar`, `@positive var s: Scalar`: symbols without a value.
        case declaration(names: [CellName], type: CellTypeSyntax, attributes: [CellName], isVariable: Bool)
        /// `let b = 2 * x + 1` (optionally `let b: Vector<3> = …`, which checks the shape).
        case binding(name: CellName, type: CellTypeSyntax?, value: CellExpression, isVariable: Bool)
        /// `z = w • x`, re-binding a `var`.
        case assignment(name: CellName, value: CellExpression)
        /// `func f(_ x: Scalar, _ y: Scalar) -> Scalar { 3 * x^2 * y }`.
        case function(CellFunction)
        /// `#expect(a == b)` or `#expect(a == b, "message")`.
        case expect(lhs: CellExpression, rhs: CellExpression, message: String?)
        /// A bare expression: its value is an output of the cell.
        case expression(CellExpression)
    }
}

/// A name with where it was written.
struct CellName: Hashable, Sendable {
    var text: String
    var span: CellSpan
}

/// `Scalar`, `Vector<n>`, `Matrix<m, n>`.
struct CellTypeSyntax: Sendable {
    enum Kind: String, Sendable {
        case scalar = "Scalar", vector = "Vector", matrix = "Matrix"
    }

    var kind: Kind
    var dimensions: [CellDimensionSyntax]
    var span: CellSpan

    /// How the type reads in messages.
    var text: String {
        dimensions.isEmpty ? kind.rawValue : "\(kind.rawValue)<\(dimensions.map(\.text).joined(separator: ", "))>"
    }
}

enum CellDimensionSyntax: Sendable {
    case literal(Int, CellSpan)
    case name(CellName)

    var text: String {
        switch self {
        case .literal(let value, _): String(value)
        case .name(let name): name.text
        }
    }

    var span: CellSpan {
        switch self {
        case .literal(_, let span): span
        case .name(let name): name.span
        }
    }
}

struct CellFunction: Sendable {
    struct Parameter: Sendable {
        /// The argument label callers write, `nil` for `_`.
        var label: String?
        var name: CellName
        var type: CellTypeSyntax
    }

    var name: CellName
    var parameters: [Parameter]
    var resultType: CellTypeSyntax?
    var body: CellExpression
}

/// One argument of a call: `wrt: x` or just `x`.
struct CellArgument: Sendable {
    var label: CellName?
    var value: CellExpression
    var span: CellSpan
}

indirect enum CellExpressionKind: Sendable {
    /// An integer or decimal literal, kept as written so it becomes an exact rational.
    case number(String)
    case name(String)
    /// `[a, b, c]`: a column vector.
    case vector([CellExpression])
    /// `[[a, b], [c, d]]`: a matrix given by rows.
    case matrix([[CellExpression]])
    /// `[x: 1, y: 2]`: values for symbols.
    case point([(name: CellName, value: CellExpression)])
    /// `f(x, y)`, `gradient(of: f, wrt: x)`, `∂(f, x)`.
    case call(callee: CellName, arguments: [CellArgument])
    /// `e.evaluated(at: p)`.
    case methodCall(base: CellExpression, method: CellName, arguments: [CellArgument])
    /// `x.T`.
    case transpose(CellExpression)
    /// `x[i]`, `A[i, j]`.
    case subscripted(base: CellExpression, indices: [CellExpression])
    case binary(operator: CellName, lhs: CellExpression, rhs: CellExpression)
    /// `a + b - c + …` or `a * b / c …`: three or more operands joined by left-associative
    /// operators of one precedence, meaning `((a + b) - c) + …`. Kept flat, so that a sum of
    /// thousands of written-out terms is neither deep to lower nor deep to evaluate.
    case chain(first: CellExpression, rest: [CellLink])
    /// Prefix `-` or `+`.
    case prefix(operator: CellName, operand: CellExpression)
    /// `.full`: an option, as the last argument of `derivation(of:wrt:detail:)` takes it.
    case option(String)
}

struct CellExpression: Sendable {
    var kind: CellExpressionKind
    var span: CellSpan
}

/// One `op operand` of a chain: `- c` in `a + b - c`.
struct CellLink: Sendable {
    var `operator`: CellName
    var operand: CellExpression
}
