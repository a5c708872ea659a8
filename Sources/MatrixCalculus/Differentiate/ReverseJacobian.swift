/// The Jacobian of a vector u(x) by a vector x when factors of a matrix product both depend on
/// x — (A + diag(x))⁻¹b, the gradient of −yᵀlog softmax(z) — where the forward rules would need
/// a third-order tensor. For a constant seed vector c, ∇ₓ(cᵀu) = J(u)ᵀc: the adjoint pass
/// (`MatrixGradient`) gives that column in closed form, linear in c, and its forward Jacobian
/// by c (`VectorJacobian`) is J(u)ᵀ. Symbolic sizes stay symbolic.
enum ReverseJacobian {
    /// J(u) in numerator layout (rows of u by entries of x), or nil when the result cannot be
    /// freed of the seed.
    static func jacobian(of u: Expr, wrt x: Expr) throws(EngineError) -> Expr? {
        let column = u.shape.isRow ? try Expr.transpose(u) : u
        // A name no cell can declare: it never meets a user's symbol.
        let seed = Expr.symbol("⟨seed⟩", .column(column.shape.rows))
        var reverse = MatrixGradient(variable: x)
        let weighted = try Expr.multiply(try Expr.transpose(seed), column)
        let gradient = try reverse.gradient(weighted)
        var forward = VectorJacobian(variable: seed)
        let transposed: Expr
        do {
            transposed = try forward.jacobian(gradient)
        } catch {
            guard case .unsupportedDerivative = error else { throw error }
            return nil
        }
        var dependence = Dependence(on: seed)
        guard !dependence.check(transposed) else { return nil }
        return try Expr.transpose(transposed)
    }
}
