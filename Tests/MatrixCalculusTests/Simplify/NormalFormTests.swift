import Testing
@testable import MatrixCalculus

/// The normal form of scalar parts: like terms collected across products of sums, quotients
/// cancelled, one form for a sum and its negation — and matrix form kept for vectors.
@Suite struct NormalFormTests {
    let a = scalar("a"), b = scalar("b"), x = scalar("x"), y = scalar("y"), t = scalar("t")
    let v = vector("v"), w = vector("w"), m = vector("m")

    @Test func productsOfSumsCollectLikeTerms() throws {
        #expect(try a * (b + 1) - (a * b + a) == .zero)
        #expect(try (x + 1) ** 2 - x ** 2 == 2 * x + 1)
        #expect(try (x + y) * (x - y) - x ** 2 == -(y ** 2))
    }

    @Test func aFactoredFormThatDoesNotShrinkStaysFactored() throws {
        let derivative = try MatrixCalculus.derivative(of: (x + 1) ** 3, wrt: x)
        #expect(derivative == (try 3 * (x + 1) ** 2))
        guard case .product = derivative.kind else {
            Issue.record("3(x + 1)² was expanded: \(derivative)")
            return
        }
    }

    @Test func quotientsCancel() throws {
        #expect(try (x ** 2 - 1) / (x - 1) == x + 1)
        #expect(try (x - 1) / (x ** 2 - 1) == 1 / (x + 1))
        #expect(try (x ** 2 - y ** 2) / (x + y) == x - y)
        #expect(try (x ** 3 - 1) / (x - 1) == x ** 2 + x + 1)
        // Nothing divides: the quotient stays as it is.
        let kept = try (x ** 2 + 1) / (x - 1)
        guard case .product = kept.kind else {
            Issue.record("(x² + 1)/(x − 1) changed: \(kept)")
            return
        }
    }

    @Test func vectorsKeepMatrixFormWhileTheirCoefficientsCollect() throws {
        #expect(try a * (b + 1) * v - a * b * v - a * v == Expr.zeros(v.shape))
        // Terms that share their matrix part collect into one coefficient, still in matrix form.
        let collected = try a * v + b * v
        #expect(collected == (try (a + b) * v))
        guard case .product(_, _, let factors) = collected.kind else {
            Issue.record("av + bv did not collect into (a + b)v: \(collected)")
            return
        }
        #expect(factors == [v])
        // A collected coefficient keeps a monomial common to its terms as a factor.
        let factored = try a * v - a ** 2 * v
        #expect(try TextWriter().write(factored) == "a(1 − a)v")
    }

    @Test func aSumAndItsNegationShareOnePrimitiveForm() throws {
        let p = try (w - m) ⊙ v
        let q = try (m - w) ⊙ v
        #expect(try p + q == Expr.zeros(v.shape))
        #expect(try p == -q)
    }

    @Test func equalityDecidesRationalIdentitiesSymbolically() throws {
        let left = try cos(x) / x - sin(x) / x ** 2
        let right = try (x * cos(x) - sin(x)) / x ** 2
        #expect(try checkEquality(left, right) == .equalSymbolically)
        #expect(try checkEquality(1 / (x - 1) - 1 / (x + 1), 2 / (x ** 2 - 1)) == .equalSymbolically)
    }

    @Test func equalityByCasesDecidesStepAgainstItsCases() throws {
        let cases = try Expr.piecewise([
            PiecewiseCase(Condition(t, .lessEqual, .zero), .zero),
            PiecewiseCase(Condition(t, .greater, .zero), .one),
        ])
        #expect(try checkEquality(cases, Expr.apply(.step, t)) == .equalSymbolically)
        // A wrong right-hand side is still refuted, by a point.
        #expect(try !checkEquality(cases, Expr.apply(.step, -t)).isEqual)
    }

    @Test func aNonIdentityIsNotDecidedSymbolically() throws {
        #expect(try !checkEquality((x + 1) ** 2, x ** 2 + 1).isEqual)
        #expect(try !checkEquality((x ** 2 - 1) / (x - 1), x - 1).isEqual)
    }
}

/// The named forms: σ, softmax and logsumexp recognised and printed by name.
@Suite struct NamedFormTests {
    let u = scalar("u"), t = scalar("t")
    let z = vector("z"), y = vector("y")

    func text(_ e: Expr) throws -> String { try TextWriter().write(e) }

    @Test func sigmoidIsRecognisedWrittenOut() throws {
        #expect(try exp(u) / (1 + exp(u)) == Expr.sigmoid(u))
        #expect(try 1 / (1 + exp(-u)) == Expr.sigmoid(u))
        #expect(try exp(z) ⊘ (exp(z) + 1) == Expr.sigmoid(z))
    }

    @Test func softplusHasTheSigmoidAsDerivative() throws {
        #expect(try derivative(of: log(1 + exp(u)), wrt: u) == Expr.sigmoid(u))
        #expect(try text(jacobian(of: log(exp(z) + 1), wrt: z)) == "diag(σ(z))")
    }

    @Test func derivativesOfSigmoidAndTanhReadAsTheTextbookWritesThem() throws {
        #expect(try text(derivative(of: Expr.sigmoid(u), wrt: u)) == "σ(u)(1 − σ(u))")
        #expect(try text(derivative(of: Expr.apply(.tanh, u), wrt: u)) == "1 − tanh(u)²")
    }

    @Test func logsumexpAndSoftmaxArePrintedByName() throws {
        #expect(try text(Expr.logsumexp(z)) == "logsumexp(z)")
        #expect(try text(Expr.softmax(z)) == "softmax(z)")
        #expect(try text(gradient(of: Expr.logsumexp(z), wrt: z)) == "softmax(z)ᵀ")
        #expect(try text(jacobian(of: Expr.softmax(z), wrt: z)) == "diag(softmax(z)) − softmax(z)softmax(z)ᵀ")
        #expect(try text(hessian(of: Expr.logsumexp(z), wrt: z)) == "diag(softmax(z)) − softmax(z)softmax(z)ᵀ")
        #expect(try text(log(Expr.softmax(z))) == "z − logsumexp(z)")
    }

    @Test func crossEntropyOfASoftmax() throws {
        // −yᵀlog softmax(z): (softmax(z) − y)ᵀ when sum(y) = 1, which the engine cannot assume.
        let general = try gradient(of: -(y.T * log(Expr.softmax(z))), wrt: z)
        #expect(try text(general) == "(sum(y)softmax(z) − y)ᵀ")
        // Written for a probability vector y (sum(y) = 1), as textbooks do: logsumexp(z) − yᵀz.
        let forProbabilities = try gradient(of: Expr.logsumexp(z) - y • z, wrt: z)
        #expect(try text(forProbabilities) == "(softmax(z) − y)ᵀ")
    }

    @Test func theDerivativeCheckVerifiesTheNamedForms() throws {
        let lse = try Expr.logsumexp(z)
        #expect(try checkDerivative(gradient(of: lse, wrt: z), .gradient, of: lse, wrt: [z]).passed)
        #expect(try checkDerivative(hessian(of: lse, wrt: z), .hessian, of: lse, wrt: [z]).passed)
        let softmax = try Expr.softmax(z)
        #expect(try checkDerivative(jacobian(of: softmax, wrt: z), .jacobian, of: softmax, wrt: [z]).passed)
        let softplus = try log(1 + exp(u))
        #expect(try checkDerivative(derivative(of: softplus, wrt: u), .derivative, of: softplus, wrt: [u]).passed)
        // A wrong claim is refuted: the check is not a formality.
        #expect(try !checkDerivative(Expr.softmax(z), .jacobian, of: softmax, wrt: [z]).passed)
    }

    @Test func piecewiseSumsWithComplementaryConditionsFold() throws {
        #expect(try derivative(of: Expr.relu(t) - Expr.relu(-t), wrt: t) == .one)
        #expect(try derivative(of: Expr.apply(.abs, t) - Expr.apply(.abs, t) * 1, wrt: t) == .zero)
    }
}
