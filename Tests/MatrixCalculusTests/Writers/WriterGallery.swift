import MatrixCalculus

/// A labelled collection of expressions covering every construct the writers know, with the
/// results of the lessons (Parr & Howard) computed by the engine. It feeds the golden file of
/// all three writers and the HTML page for looking at the MathML in a browser.
enum WriterGallery {
    struct Entry {
        let label: String
        let value: Expr
    }

    static func entries() throws -> [Entry] {
        let x = scalar("x"), y = scalar("y"), z = scalar("z"), b = scalar("b")
        let xs = vector("x"), ws = vector("w"), ys = vector("y"), bs = vector("b")
        let A = matrix("A"), B = matrix("B")
        let f = try 3 * x ** 2 * y, g = try 2 * x + y ** 8
        let neuron = try ws • xs + b
        let X = matrix("X", "N", "n"), targets = vector("y", "N"), N = Expr.size("N")
        let loss = try Expr.mean((targets - Expr.maximum(.zero, X * ws + b)) ** 2)
        let softmax = try exp(xs) / sum(exp(xs))

        return [
            // Lesson part 1
            Entry(label: "∂(3x²y)/∂x", value: try derivative(of: f, wrt: x)),
            Entry(label: "∂(3x²y)/∂y", value: try derivative(of: f, wrt: y)),
            Entry(label: "∇f(x, y)", value: try gradient(of: f, wrt: [x, y])),
            Entry(label: "∇g(x, y)", value: try gradient(of: g, wrt: [x, y])),
            Entry(label: "J of [f, g]", value: try jacobian(of: [f, g], wrt: [x, y])),
            Entry(label: "J of [f, g], denominator layout", value: try jacobian(of: [f, g], wrt: [x, y], layout: .denominator)),
            Entry(label: "∂x/∂x", value: try jacobian(of: xs, wrt: xs)),
            Entry(label: "∂(w − x)/∂x", value: try derivative(of: ws - xs, wrt: xs)),
            Entry(label: "∂(w ⊙ x)/∂w", value: try derivative(of: ws ⊙ xs, wrt: ws)),
            Entry(label: "∂(w ⊘ x)/∂x", value: try derivative(of: ws ⊘ xs, wrt: xs)),
            Entry(label: "∂(x + z)/∂z", value: try derivative(of: xs + z, wrt: z)),
            Entry(label: "∂(xz)/∂x", value: try derivative(of: xs * z, wrt: xs)),
            Entry(label: "∇sum(x)", value: try gradient(of: sum(xs), wrt: xs)),
            Entry(label: "∂sum(xz)/∂x", value: try derivative(of: sum(xs * z), wrt: xs)),
            Entry(label: "∂sum(xz)/∂z", value: try derivative(of: sum(xs * z), wrt: z)),
            Entry(label: "∂(x ⊙ x + sin(x))/∂x", value: try jacobian(of: xs ⊙ xs + sin(xs), wrt: xs)),
            Entry(label: "∂max(0, z)/∂z", value: try derivative(of: Expr.relu(z), wrt: z)),
            // Lesson parts 2 and 3
            Entry(label: "d sin(x²)/dx", value: try derivative(of: sin(x ** 2), wrt: x)),
            Entry(label: "d log(sin(x³)²)/dx", value: try derivative(of: log(sin(x ** 3) ** 2), wrt: x)),
            Entry(label: "d(x + x²)/dx", value: try derivative(of: x + x ** 2, wrt: x)),
            Entry(label: "∇_w max(0, w·x + b)", value: try gradient(of: Expr.maximum(.zero, neuron), wrt: ws)),
            Entry(label: "∂max(0, w·x + b)/∂b", value: try derivative(of: Expr.maximum(.zero, neuron), wrt: b)),
            Entry(label: "∇_w C", value: try gradient(of: loss, wrt: ws)),
            Entry(label: "∂C/∂b", value: try gradient(of: loss, wrt: b)),
            // Identities from the literature
            Entry(label: "∂(xᵀAx)/∂x", value: try derivative(of: xs.T * A * xs, wrt: xs)),
            Entry(label: "hessian of xᵀAx + bᵀx", value: try hessian(of: xs.T * A * xs + bs.T * xs, wrt: xs)),
            Entry(label: "∇ (Ax + b)ᵀ(Ax + b)", value: try gradient(of: (A * xs + bs).T * (A * xs + bs), wrt: xs)),
            Entry(label: "∇ log det X", value: try gradient(of: log(Expr.det(matrix("X"))), wrt: matrix("X"))),
            Entry(label: "∇ log sum exp x", value: try gradient(of: log(sum(exp(xs))), wrt: xs)),
            Entry(label: "softmax Jacobian", value: try jacobian(of: softmax, wrt: xs)),
            // Constructs
            Entry(label: "negative, fraction", value: try x - 2 * y + Expr.number(literal: "-0.5")),
            Entry(label: "−(x²) and (x + y)²", value: try -(x ** 2) * y + (x + y) ** 2),
            Entry(label: "a/(b + c)", value: try x / (y + z)),
            Entry(label: "½xᵀAx", value: try xs.T * A * xs / 2),
            Entry(label: "roots", value: try Expr.sqrt(x + 1) + 1 / Expr.sqrt(y)),
            Entry(label: "powers", value: try x ** y + x ** Expr.number(literal: "1.5")),
            Entry(label: "functions", value: try x * sin(x) + Expr.sigmoid(z) + Expr.apply(.abs, y) + Expr.apply(.tanh, x)),
            Entry(label: "elementwise", value: try (A * xs) ⊙ ys + ws ⊘ (xs ⊙ ys)),
            Entry(label: "inverse, trace, det", value: try Expr.inverse(A + B)),
            Entry(label: "tr(AB) + det(A)", value: try Expr.trace(A * B) + Expr.det(A)),
            Entry(label: "norms", value: try Expr.norm(xs) + Expr.norm(A)),
            Entry(label: "ones, zeros", value: try z * ones().T),
            Entry(label: "zero row", value: Expr.zeros(.row("n"))),
            Entry(label: "ones matrix", value: Expr.ones(.matrix("m", "n"))),
            Entry(label: "mean", value: try Expr.mean(xs)),
            Entry(label: "components", value: try Expr.component(vector("v", 3), 0) * Expr.entry(matrix("M", 3, 3), 0, 1)),
            Entry(label: "components(diag(w))", value: try Expr.components(diag(vector("w", 3)))),
            Entry(label: "column vector", value: try Expr.vector([x, x ** 2, Expr.number(literal: "0.25")])),
            Entry(label: "N in a fraction", value: try sum(xs) / N),
            Entry(label: "subscripted names", value: try scalar("x1") * scalar("x2") + scalar("loss") * x),
        ]
    }
}
