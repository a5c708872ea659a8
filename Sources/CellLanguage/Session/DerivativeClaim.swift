import Diagnostics
import MatrixCalculus

/// A derivative the engine produced while a cell ran: "`result` is the `operation` of
/// `function` with respect to `variables` in `layout`", with the place of the call.
///
/// The session records one for every `derivative`, `∂`, `gradient`, `∇`, `jacobian` and
/// `hessian` call it evaluates, so that the evaluate step of a lesson can hand each one to the
/// engine's independent numeric check (correct math, or no page). The claim is the
/// call's, not the name it is bound to: `let J = jacobian(of: f, wrt: x)` records the call.
public struct DerivativeClaim: Hashable, Sendable {
    public var operation: DerivativeOperation
    /// The function differentiated (its value, after the names in it were resolved).
    public var function: Expr
    /// One symbol, or the scalar symbols of a `wrt: [x, y]` list.
    public var variables: [Expr]
    public var layout: Layout
    /// What the engine answered: the value the page shows.
    public var result: Expr
    /// The call in the lesson file (for a call inside a `func` body, the body's text).
    public var range: SourceRange

    public init(operation: DerivativeOperation, function: Expr, variables: [Expr], layout: Layout, result: Expr, range: SourceRange) {
        self.operation = operation
        self.function = function
        self.variables = variables
        self.layout = layout
        self.result = result
        self.range = range
    }
}

/// The claims of one cell (or inline value) as it runs. A reference, because the interpreter
/// evaluates expressions without mutating itself and nests interpreters for function bodies,
/// and every level must add to the same list; the session keeps the list only if the cell
/// succeeds, like the names it binds.
final class DerivativeClaimLog {
    private(set) var claims: [DerivativeClaim] = []

    func record(_ claim: DerivativeClaim) {
        claims.append(claim)
    }
}
