import Testing
@testable import MatrixCalculus

/// Results as the textbooks print them — Parr & Howard ("The Matrix Calculus You Need for Deep
/// Learning"), the Matrix Cookbook, and a deep-learning text (softmax, cross-entropy, logistic
/// regression, least squares, layers, attention) — each with the textbook's printed form written
/// in calcbook's text notation. The engine's text must be no longer than 1.3× the textbook's and
/// equal to it as `#expect` decides equality (symbolically, or at random points).
struct TextbookResult: Sendable, CustomTestStringConvertible {
    /// Where the result comes from and what it is.
    let source: String
    /// The printed form, in calcbook's text notation (ᵀ, ⊙, ⊘, 𝟏, juxtaposition).
    let textbook: String
    /// The engine's computation.
    let computed: @Sendable () throws -> Expr
    /// The textbook's form, built from the same symbols.
    let expected: @Sendable () throws -> Expr

    init(_ source: String, _ textbook: String, _ computed: @escaping @Sendable () throws -> Expr,
         is expected: @escaping @Sendable () throws -> Expr) {
        self.source = source
        self.textbook = textbook
        self.computed = computed
        self.expected = expected
    }

    var testDescription: String { "\(source): \(textbook)" }
}

/// The symbols of the corpus: x, w, b, a, c, s, m, y, z: Vector<n>; A, B, X, W: Matrix<n, n>;
/// S symmetric, P symmetric positive definite; q: Vector<d>; K, V: Matrix<k, d>.
private enum Symbols {
    static let x = vector("x"), w = vector("w"), b = vector("b"), a = vector("a"), c = vector("c")
    static let s = vector("s"), m = vector("m"), y = vector("y"), z = vector("z")
    static let A = matrix("A"), B = matrix("B"), X = matrix("X"), W = matrix("W")
    static let S = matrix("S", "n", "n", [.symmetric]), P = matrix("P", "n", "n", [.spd])
    static let q = vector("q", "d"), K = matrix("K", "k", "d"), V = matrix("V", "k", "d")
    static let t = scalar("t"), u = scalar("u"), λ = scalar("λ"), β = scalar("b")
    static let xs = scalar("x"), zs = scalar("z")
}

enum ReadabilityCorpus {
    static let rows: [TextbookResult] = {
        typealias E = Expr
        let (x, w, b, a, c, s, m, y, z) = (Symbols.x, Symbols.w, Symbols.b, Symbols.a, Symbols.c, Symbols.s, Symbols.m, Symbols.y, Symbols.z)
        let (A, B, X, W, S, P) = (Symbols.A, Symbols.B, Symbols.X, Symbols.W, Symbols.S, Symbols.P)
        let (q, K, V) = (Symbols.q, Symbols.K, Symbols.V)
        let (t, u, λ, β, xs, zs) = (Symbols.t, Symbols.u, Symbols.λ, Symbols.β, Symbols.xs, Symbols.zs)
        let σ: @Sendable (Expr) throws -> Expr = { (e: Expr) throws -> Expr in try E.sigmoid(e) }
        let tanh: @Sendable (Expr) throws -> Expr = { (e: Expr) throws -> Expr in try E.apply(.tanh, e) }
        let step: @Sendable (Expr) throws -> Expr = { (e: Expr) throws -> Expr in try E.apply(.step, e) }
        let softmax: @Sendable (Expr) throws -> Expr = { (e: Expr) throws -> Expr in try E.softmax(e) }
        let neuron: @Sendable () throws -> Expr = { () throws -> Expr in try w • x + β }
        let cases: @Sendable (Expr, Expr) throws -> Expr = { (low: Expr, high: Expr) throws -> Expr in
            try E.piecewise([
                PiecewiseCase(Condition(try neuron(), .lessEqual, .zero), low),
                PiecewiseCase(Condition(try neuron(), .greater, .zero), high),
            ])
        }
        let logistic: @Sendable () throws -> Expr = { () throws -> Expr in
            try -(t * log(σ(w • x)) + (1 - t) * log(1 - σ(w • x)))
        }
        let softmaxJacobian: @Sendable (Expr) throws -> Expr = { (z: Expr) throws -> Expr in try diag(softmax(z)) - softmax(z) * softmax(z).T }
        return [
            // Parr & Howard
            TextbookResult("P&H §3 product rule: d(x·x²)/dx", "3x²",
                           { try derivative(of: xs * xs ** 2, wrt: xs) }, is: { try 3 * xs ** 2 }),
            TextbookResult("P&H §4.5 chain rule: d sin(x²)/dx", "2x·cos(x²)",
                           { try derivative(of: sin(xs ** 2), wrt: xs) }, is: { try 2 * xs * cos(xs ** 2) }),
            TextbookResult("P&H §4.5 chain rule: d ln(sin(x³)²)/dx", "6x²cos(x³)/sin(x³)",
                           { try derivative(of: log(sin(xs ** 3) ** 2), wrt: xs) },
                           is: { try 6 * xs ** 2 * cos(xs ** 3) / sin(xs ** 3) }),
            TextbookResult("P&H §4.2 vector chain rule: [ln(x²), sin(3x)]", "[2/x, 3cos(3x)]ᵀ",
                           { try jacobian(of: [log(xs ** 2), sin(3 * xs)], wrt: xs) },
                           is: { try Expr.vector([2 / xs, 3 * cos(3 * xs)]) }),
            TextbookResult("P&H §4.2 element-wise sum: ∂(w + x)/∂w", "I",
                           { try jacobian(of: w + x, wrt: w) }, is: { I() }),
            TextbookResult("P&H §4.2 Hadamard product: ∂(w ⊗ x)/∂w", "diag(x)",
                           { try jacobian(of: w ⊙ x, wrt: w) }, is: { try diag(x) }),
            TextbookResult("P&H §4.2 element-wise quotient: ∂(w ⊘ x)/∂w", "diag(𝟏 ⊘ x)",
                           { try jacobian(of: w ⊘ x, wrt: w) }, is: { try diag(ones() ⊘ x) }),
            TextbookResult("P&H §4.4 vector sum reduction: ∇sum(x)", "𝟏ᵀ",
                           { try gradient(of: sum(x), wrt: x) }, is: { try ones().T }),
            TextbookResult("P&H §4.4 sum of a scaled vector: ∂sum(xz)/∂z", "sum(x)",
                           { try derivative(of: sum(zs * x), wrt: zs) }, is: { try sum(x) }),
            TextbookResult("P&H §4.5 dot product: ∂(w·x)/∂w", "xᵀ",
                           { try gradient(of: w • x, wrt: w) }, is: { try x.T }),
            TextbookResult("P&H §5 neuron activation by w", "{𝟎ᵀ if wᵀx + b ≤ 0; xᵀ if wᵀx + b > 0}",
                           { try gradient(of: Expr.relu(neuron()), wrt: w) }, is: { try cases(Expr.zeros(x.T.shape), x.T) }),
            TextbookResult("P&H §5 neuron activation by b", "{0 if wᵀx + b ≤ 0; 1 if wᵀx + b > 0}",
                           { try derivative(of: Expr.relu(neuron()), wrt: β) }, is: { try cases(.zero, .one) }),
            TextbookResult("P&H §6 loss of one sample by w", "{𝟎ᵀ if wᵀx + b ≤ 0; 2(wᵀx + b − t)xᵀ if wᵀx + b > 0}",
                           { try gradient(of: (Expr.relu(neuron()) - t) ** 2, wrt: w) },
                           is: { try cases(Expr.zeros(x.T.shape), 2 * (neuron() - t) * x.T) }),
            // The Matrix Cookbook
            TextbookResult("Cookbook (69) linear form: ∂aᵀx/∂x", "aᵀ",
                           { try gradient(of: a.T * x, wrt: x) }, is: { try a.T }),
            TextbookResult("Cookbook (81) quadratic form: ∂xᵀAx/∂x", "xᵀ(A + Aᵀ)",
                           { try gradient(of: x.T * A * x, wrt: x) }, is: { try x.T * (A + A.T) }),
            TextbookResult("Cookbook (81) squared norm: ∂xᵀx/∂x", "2xᵀ",
                           { try gradient(of: x.T * x, wrt: x) }, is: { try 2 * x.T }),
            TextbookResult("Cookbook quadratic form: Hessian of xᵀAx", "A + Aᵀ",
                           { try hessian(of: x.T * A * x, wrt: x) }, is: { try A + A.T }),
            TextbookResult("Cookbook (84) symmetric weight: ∂(x − s)ᵀS(x − s)/∂x", "2(x − s)ᵀS",
                           { try gradient(of: (x - s).T * S * (x - s), wrt: x) }, is: { try 2 * (x - s).T * S }),
            TextbookResult("Cookbook (129) Euclidean norm: ∂‖x − a‖/∂x", "(x − a)ᵀ/‖x − a‖",
                           { try gradient(of: Expr.norm(x - a), wrt: x) }, is: { try (x - a).T / Expr.norm(x - a) }),
            TextbookResult("Cookbook (70) bilinear form: ∂aᵀXb/∂X", "abᵀ",
                           { try gradient(of: a.T * X * b, wrt: X) }, is: { try a * b.T }),
            TextbookResult("Cookbook (71) ∂aᵀXᵀb/∂X", "baᵀ",
                           { try gradient(of: a.T * X.T * b, wrt: X) }, is: { try b * a.T }),
            TextbookResult("Cookbook (77) ∂bᵀXᵀXc/∂X", "X(bcᵀ + cbᵀ)",
                           { try gradient(of: b.T * X.T * X * c, wrt: X) }, is: { try X * (b * c.T + c * b.T) }),
            TextbookResult("Cookbook (103) trace: ∂tr(X)/∂X", "I",
                           { try gradient(of: Expr.trace(X), wrt: X) }, is: { I() }),
            TextbookResult("Cookbook (100) ∂tr(XA)/∂X", "Aᵀ",
                           { try gradient(of: Expr.trace(X * A), wrt: X) }, is: { try A.T }),
            TextbookResult("Cookbook (101) ∂tr(AXB)/∂X", "AᵀBᵀ",
                           { try gradient(of: Expr.trace(A * X * B), wrt: X) }, is: { try A.T * B.T }),
            TextbookResult("Cookbook (107) ∂tr(XᵀX)/∂X", "2X",
                           { try gradient(of: Expr.trace(X.T * X), wrt: X) }, is: { try 2 * X }),
            TextbookResult("Cookbook (106) ∂tr(X²)/∂X", "2Xᵀ",
                           { try gradient(of: Expr.trace(X * X), wrt: X) }, is: { try 2 * X.T }),
            TextbookResult("Cookbook (117) ∂tr(XᵀAX)/∂X", "(A + Aᵀ)X",
                           { try gradient(of: Expr.trace(X.T * A * X), wrt: X) }, is: { try (A + A.T) * X }),
            TextbookResult("Cookbook (103) Frobenius norm: ∂‖X‖²/∂X", "2X",
                           { try gradient(of: Expr.norm(X) ** 2, wrt: X) }, is: { try 2 * X }),
            TextbookResult("Cookbook (49) determinant: ∂det(X)/∂X", "det(X)X⁻ᵀ",
                           { try gradient(of: Expr.det(X), wrt: X) }, is: { try Expr.det(X) * Expr.inverse(X).T }),
            TextbookResult("Cookbook (57) log-determinant: ∂log det(X)/∂X", "X⁻ᵀ",
                           { try gradient(of: log(Expr.det(X)), wrt: X) }, is: { try Expr.inverse(X).T }),
            TextbookResult("Cookbook (61) inverse: ∂aᵀX⁻¹b/∂X", "−X⁻ᵀabᵀX⁻ᵀ",
                           { try gradient(of: a.T * Expr.inverse(X) * b, wrt: X) },
                           is: { try -(Expr.inverse(X).T * a * b.T * Expr.inverse(X).T) }),
            TextbookResult("Cookbook (113) ∂tr(AX⁻¹B)/∂X", "−X⁻ᵀAᵀBᵀX⁻ᵀ",
                           { try gradient(of: Expr.trace(A * Expr.inverse(X) * B), wrt: X) },
                           is: { try -(Expr.inverse(X).T * A.T * B.T * Expr.inverse(X).T) }),
            // Least squares
            TextbookResult("least squares: ∇‖Ax − b‖²", "2(Ax − b)ᵀA",
                           { try gradient(of: (A * x - b).T * (A * x - b), wrt: x) }, is: { try 2 * (A * x - b).T * A }),
            TextbookResult("least squares: Hessian of ‖Ax − b‖²", "2AᵀA",
                           { try hessian(of: (A * x - b).T * (A * x - b), wrt: x) }, is: { try 2 * A.T * A }),
            TextbookResult("ridge regression: ∇(‖Ax − b‖² + λ‖x‖²)", "2(Ax − b)ᵀA + 2λxᵀ",
                           { try gradient(of: (A * x - b).T * (A * x - b) + λ * (x • x), wrt: x) },
                           is: { try 2 * (A * x - b).T * A + 2 * λ * x.T }),
            TextbookResult("mean squared error of a linear layer: ∇_W ½‖Wx − y‖²", "(Wx − y)xᵀ",
                           { try gradient(of: (W * x - y).T * (W * x - y) / 2, wrt: W) }, is: { try (W * x - y) * x.T }),
            TextbookResult("weight decay: ∇(λ/2)‖w‖²", "λwᵀ",
                           { try gradient(of: λ / 2 * (w • w), wrt: w) }, is: { try λ * w.T }),
            TextbookResult("quadratic form, symmetric: ∇½xᵀSx", "xᵀS",
                           { try gradient(of: x.T * S * x / 2, wrt: x) }, is: { try x.T * S }),
            TextbookResult("Gaussian log-density: ∇ −½(x − m)ᵀP⁻¹(x − m)", "−(x − m)ᵀP⁻¹",
                           { try gradient(of: -((x - m).T * Expr.inverse(P) * (x - m)) / 2, wrt: x) },
                           is: { try -((x - m).T * Expr.inverse(P)) }),
            // Deep learning
            TextbookResult("sigmoid: σ′(u)", "σ(u)(1 − σ(u))",
                           { try derivative(of: σ(u), wrt: u) }, is: { try σ(u) * (1 - σ(u)) }),
            TextbookResult("hyperbolic tangent: tanh′(u)", "1 − tanh(u)²",
                           { try derivative(of: tanh(u), wrt: u) }, is: { try 1 - tanh(u) ** 2 }),
            TextbookResult("softplus: d log(1 + exp(u))/du", "σ(u)",
                           { try derivative(of: log(1 + exp(u)), wrt: u) }, is: { try σ(u) }),
            TextbookResult("log-sum-exp: ∇logsumexp(z)", "softmax(z)ᵀ",
                           { try gradient(of: Expr.logsumexp(z), wrt: z) }, is: { try softmax(z).T }),
            TextbookResult("softmax: ∂softmax(z)/∂z", "diag(softmax(z)) − softmax(z)softmax(z)ᵀ",
                           { try jacobian(of: softmax(z), wrt: z) }, is: { try softmaxJacobian(z) }),
            TextbookResult("log-softmax: log softmax(z)", "z − logsumexp(z)",
                           { try log(softmax(z)) }, is: { try z - Expr.logsumexp(z) }),
            TextbookResult("cross-entropy of a softmax, y a distribution: ∇(logsumexp(z) − yᵀz)", "(softmax(z) − y)ᵀ",
                           { try gradient(of: Expr.logsumexp(z) - y • z, wrt: z) }, is: { try (softmax(z) - y).T }),
            TextbookResult("softmax regression: ∇_W(logsumexp(Wx) − yᵀWx)", "(softmax(Wx) − y)xᵀ",
                           { try gradient(of: Expr.logsumexp(W * x) - y.T * W * x, wrt: W) },
                           is: { try (softmax(W * x) - y) * x.T }),
            TextbookResult("logistic regression: ∇ of the cross-entropy", "(σ(wᵀx) − t)xᵀ",
                           { try gradient(of: logistic(), wrt: w) }, is: { try (σ(w • x) - t) * x.T }),
            TextbookResult("logistic regression: Hessian of the cross-entropy", "σ(wᵀx)(1 − σ(wᵀx))xxᵀ",
                           { try hessian(of: logistic(), wrt: w) }, is: { try σ(w • x) * (1 - σ(w • x)) * x * x.T }),
            TextbookResult("logistic regression, softplus form: ∇(log(1 + exp(wᵀx)) − twᵀx)", "(σ(wᵀx) − t)xᵀ",
                           { try gradient(of: log(1 + exp(w • x)) - t * (w • x), wrt: w) },
                           is: { try (σ(w • x) - t) * x.T }),
            TextbookResult("linear layer: ∂(Wx + b)/∂x", "W",
                           { try jacobian(of: W * x + b, wrt: x) }, is: { W }),
            TextbookResult("sigmoid layer: ∂σ(Wx + b)/∂b", "diag(σ(Wx + b) ⊙ (𝟏 − σ(Wx + b)))",
                           { try jacobian(of: σ(W * x + b), wrt: b) },
                           is: { try diag(σ(W * x + b) ⊙ (ones() - σ(W * x + b))) }),
            TextbookResult("sigmoid layer: ∂σ(Wx + b)/∂x", "diag(σ(Wx + b) ⊙ (𝟏 − σ(Wx + b)))W",
                           { try jacobian(of: σ(W * x + b), wrt: x) },
                           is: { try diag(σ(W * x + b) ⊙ (ones() - σ(W * x + b))) * W }),
            TextbookResult("ReLU layer: ∂max(0, Wx + b)/∂x", "diag(step(Wx + b))W",
                           { try jacobian(of: Expr.relu(W * x + b), wrt: x) }, is: { try diag(step(W * x + b)) * W }),
            TextbookResult("tanh layer: ∂tanh(Wx + b)/∂b", "diag(𝟏 − tanh(Wx + b)∘²)",
                           { try jacobian(of: tanh(W * x + b), wrt: b) },
                           is: { try diag(ones() - tanh(W * x + b) ** 2) }),
            TextbookResult("attention scores: ∂(Kq/√d)/∂q", "K/√d",
                           { try jacobian(of: K * q / Expr.sqrt(Expr.size("d")), wrt: q) },
                           is: { try K / Expr.sqrt(Expr.size("d")) }),
            TextbookResult("attention weights: ∂softmax(Kq)/∂q", "(diag(softmax(Kq)) − softmax(Kq)softmax(Kq)ᵀ)K",
                           { try jacobian(of: softmax(K * q), wrt: q) }, is: { try softmaxJacobian(K * q) * K }),
            TextbookResult("attention output: ∂Vᵀsoftmax(Kq)/∂q", "Vᵀ(diag(softmax(Kq)) − softmax(Kq)softmax(Kq)ᵀ)K",
                           { try jacobian(of: V.T * softmax(K * q), wrt: q) }, is: { try V.T * softmaxJacobian(K * q) * K }),
            TextbookResult("cross-entropy through a softmax, by the chain rule: (y ⊘ s)ᵀs", "sum(y)",
                           { try (y ⊘ s).T * s }, is: { try sum(y) }),
            TextbookResult("the inverse of a 2×2 matrix of numbers", "[[1, −1], [−1, 2]]",
                           { try Expr.inverse(Expr.matrix([[num(2), num(1)], [num(1), num(1)]])) },
                           is: { try Expr.matrix([[num(1), num(-1)], [num(-1), num(2)]]) }),
        ]
    }()

    /// The engine's text of a row and its length relative to the textbook's.
    static func ratio(_ row: TextbookResult) throws -> (text: String, ratio: Double) {
        let text = try TextWriter().write(try row.computed())
        return (text, Double(text.count) / Double(row.textbook.count))
    }
}

@Suite struct ReadabilityCorpusTests {
    @Test(arguments: ReadabilityCorpus.rows)
    func readsLikeTheTextbook(_ row: TextbookResult) throws {
        let computed = try row.computed()
        let (text, ratio) = try ReadabilityCorpus.ratio(row)
        #expect(ratio <= 1.3, "\(row.source): calcbook prints \(text) (\(text.count) characters), the textbook \(row.textbook) (\(row.textbook.count))")
        let verdict = try checkEquality(computed, try row.expected())
        #expect(verdict.isEqual, "\(row.source): \(text) is not the textbook's \(row.textbook): \(verdict)")
    }

    /// The corpus is large enough to mean something, and most of it is as short as the textbook.
    @Test func summary() throws {
        let rows = ReadabilityCorpus.rows
        var within1 = 0, within13 = 0, symbolic = 0
        for row in rows {
            let (_, ratio) = try ReadabilityCorpus.ratio(row)
            if ratio <= 1.0 { within1 += 1 }
            if ratio <= 1.3 { within13 += 1 }
            if try checkEquality(try row.computed(), try row.expected()) == .equalSymbolically { symbolic += 1 }
        }
        print("readability corpus: \(rows.count) results, \(within1) within 1.0× of the textbook's length, \(within13) within 1.3×, \(symbolic) equal symbolically")
        #expect(rows.count >= 40)
        #expect(within13 == rows.count)
        #expect(within1 * 10 >= rows.count * 8, "fewer than 80% of the results are as short as the textbook's")
    }
}
