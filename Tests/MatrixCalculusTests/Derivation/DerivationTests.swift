import Foundation
import Testing
@testable import MatrixCalculus

/// Derivations of the seed's examples: each ends in the engine's result, every step is checked,
/// and the text form is as a textbook writes it.
@Suite struct DerivationTests {
    static let n = Dimension.symbolic("n")
    static let x = Expr.symbol("x"), y = Expr.symbol("y")
    static let w = Expr.symbol("w", .column(n)), input = Expr.symbol("x", .column(n)), b = Expr.symbol("b")

    static func threeXSquaredY() throws -> Expr { try Expr.multiply([Expr.integer(3), try Expr.power(x, 2), y]) }
    static func neuron() throws -> Expr { try Expr.maximum(Expr.zero, try Expr.add(try Expr.dot(w, input), b)) }

    @Test func partialOfThreeXSquaredY() throws {
        let d = try derivation(of: try Self.threeXSquaredY(), wrt: Self.x)
        #expect(d.result == (try derivative(of: try Self.threeXSquaredY(), wrt: Self.x)))
        let text = try TextWriter().write(d)
        #expect(text == """
            ∂/∂x (3x²y) = 3y ∂/∂x (x²)   (constant factor)
                        = 3y·2x          (power)
                        = 6xy            (simplify)
            """)
        #expect(d.steps.allSatisfy { $0.verdict.isEqual })
    }

    @Test func jacobianOfAList() throws {
        let f = try Expr.vector([try Self.threeXSquaredY(), try Expr.add(try Expr.multiply(Expr.integer(2), Self.x), try Expr.power(Self.y, 8))])
        let d = try derivation(of: f, wrt: [Self.x, Self.y])
        #expect(d.result == (try jacobian(of: f, wrt: [Self.x, Self.y])))
        #expect(d.steps.first?.rules == [.entries])
        #expect(d.steps.last?.value == d.result)
    }

    @Test func neuronGradientNamesTheAffineValue() throws {
        let d = try derivation(of: try Self.neuron(), wrt: Self.w)
        #expect(d.result == (try gradient(of: try Self.neuron(), wrt: Self.w)))
        #expect(d.definitions.map(\.name) == [Expr.symbol("u")])
        #expect(d.steps.first?.rules == [.constant, .chain, .maxMin])
        let sub = try #require(d.definitions.first?.derivation)
        #expect(sub.result == (try derivative(of: try Expr.add(try Expr.dot(Self.w, Self.input), Self.b), wrt: Self.w)))
    }

    @Test func fullDetailHasOneRulePerLine() throws {
        let d = try derivation(of: try Self.neuron(), wrt: Self.w, detail: .full)
        #expect(d.steps.dropLast().allSatisfy { $0.rules.count <= 2 })
        let textbook = try derivation(of: try Self.neuron(), wrt: Self.w)
        #expect(d.steps.count > textbook.steps.count)
        #expect(d.result == (try gradient(of: try Self.neuron(), wrt: Self.w)))
    }

    @Test func denominatorLayoutEndsInTheTransposedResult() throws {
        let d = try derivation(of: try Self.neuron(), wrt: Self.w, layout: .denominator)
        #expect(d.result == (try gradient(of: try Self.neuron(), wrt: Self.w, layout: .denominator)))
        #expect(d.steps.contains { $0.rules.contains(.layout) })
    }

    /// A step that does not follow is refused with its rule named, never returned.
    @Test func aWrongStepIsAnErrorNamingTheRule() throws {
        let builder = DerivationBuilder(function: Self.x, variable: Self.x, detail: .textbook, options: NumericCheckOptions())
        #expect(throws: DerivationError.self) {
            _ = try builder.checked(.value(Expr.integer(2)), rules: [.power], after: Expr.one, line: 1)
        }
        do {
            _ = try builder.checked(.value(try Expr.power(Self.x, 2)), rules: [.power], after: Self.x, line: 3)
            Issue.record("a false step was accepted")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("power"))
            #expect(message.contains("step 3"))
        }
    }

    /// log(softmax(z)) simplifies to z − logsumexp(z), a vector sum with a scalar term: the
    /// sum rule once added the row ∂logsumexp/∂z to the matrix I (a shape error). The scalar
    /// term stands for logsumexp(z)𝟏, whose derivative is 𝟏 softmax(z)ᵀ.
    @Test func logSoftmaxExpandsTheScalarTerm() throws {
        let z = Expr.symbol("z", .column(Self.n)), y = Expr.symbol("y", .column(Self.n))
        let logSoftmax = try Expr.log(try Expr.softmax(z))
        let d = try derivation(of: logSoftmax, wrt: z)
        #expect(d.result == (try jacobian(of: logSoftmax, wrt: z)))
        #expect(d.steps.first?.rules.contains(.scalarExpansion) == true)
        #expect(try TextWriter().write(d) == """
            ∂/∂z (z − logsumexp(z)) = I − 𝟏 ∂/∂z logsumexp(z)   (variable, sum, scalar expansion)
                                    = I − 𝟏·softmax(z)ᵀ         (logsumexp)
            """)
        let loss = try Expr.negate(try Expr.multiply(try Expr.transpose(y), logSoftmax))
        let lossDerivation = try derivation(of: loss, wrt: z)
        #expect(lossDerivation.result == (try gradient(of: loss, wrt: z)))
        #expect(lossDerivation.steps.allSatisfy { $0.verdict.isEqual })
    }

    /// −yᵀ(z − logsumexp(z)) prints as yᵀ(logsumexp(z) − z): the first step differentiates that
    /// sum as printed, not −∂/∂z (yᵀ(z − logsumexp(z))), which flipped the sum the reader saw.
    @Test func aNegatedSumIsDifferentiatedAsPrinted() throws {
        let z = Expr.symbol("z", .column(Self.n)), y = Expr.symbol("y", .column(Self.n))
        let loss = try Expr.negate(try Expr.multiply(try Expr.transpose(y), try Expr.log(try Expr.softmax(z))))
        let d = try derivation(of: loss, wrt: z)
        #expect(d.result == (try gradient(of: loss, wrt: z)))
        #expect(d.steps.allSatisfy { $0.verdict.isEqual })
        #expect(d.steps.first?.rules == [.constantFactor])
        let firstLine = try #require(try TextWriter().write(d).split(separator: "\n").first)
        #expect(firstLine.hasPrefix("∂/∂z (yᵀ(logsumexp(z) − z)) = yᵀ ∂/∂z (logsumexp(z) − z) "))

        let X = Expr.symbol("X", .matrix(Dimension.symbolic("N"), Self.n)), t = Expr.symbol("y", .column(Dimension.symbolic("N")))
        let w = Self.w
        let residual = try Expr.multiply(try Expr.transpose(X), try Expr.subtract(try Expr.sigmoid(try Expr.multiply(X, w)), t))
        let hessian = try derivation(of: residual, wrt: w)
        #expect(hessian.result == (try derivative(of: residual, wrt: w)))
        let hessianText = try TextWriter().write(hessian)
        #expect(!hessianText.contains("= −∂/∂w"))
        #expect(hessianText.contains("∂/∂w (Xᵀ(σ(Xw) − y)) = Xᵀ ∂/∂w (σ(Xw) − y) "))
    }

    /// A name's derivative closed in a line is shown with the names its sub-derivation made
    /// (v for wᵀx + b), not written out in full.
    @Test func aClosedNameDerivativeIsShownWithTheNames() throws {
        let loss = try Expr.power(try Expr.subtract(Self.y, try Self.neuron()), Expr.integer(2))
        let d = try derivation(of: loss, wrt: Self.w)
        #expect(d.result == (try gradient(of: loss, wrt: Self.w)))
        #expect(d.steps.allSatisfy { $0.verdict.isEqual })
        #expect(d.definitions.map(\.name) == [Expr.symbol("u"), Expr.symbol("v")])
        let text = try TextWriter().write(d)
        #expect(text.contains("= 2u{𝟎ᵀ if v ≤ 0; −xᵀ if v > 0} "))
        #expect(d.steps.last?.rules == [.simplify])
    }

    /// A constant scalar term of a vector sum contributes 𝟏·𝟎ᵀ, which the textbook drops.
    @Test func aConstantScalarTermOfAVectorSumVanishes() throws {
        let z = Expr.symbol("z", .column(Self.n))
        let d = try derivation(of: try Expr.subtract(z, Expr.integer(3)), wrt: z)
        #expect(try TextWriter().write(d) == "∂/∂z (z − 3) = I   (constant, variable, sum, scalar expansion)")
    }

    @Test func unsupportedShapesAreReadableErrors() throws {
        let a = Expr.symbol("A", .matrix(Self.n, Self.n))
        #expect(throws: DerivationError.self) { _ = try derivation(of: a, wrt: Self.w) }
    }
}

/// The rule table of the reference and the registry cannot drift: every rule has its entry.
@Suite struct DerivativeRuleTableTests {
    static let tableURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons/reference/derivative-rules.md")

    /// GitHub-style anchor of a heading, as the site makes it.
    static func anchor(_ heading: String) -> String {
        heading.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }.map { $0 == " " ? "-" : String($0) }.joined()
    }

    @Test func everyRuleHasAnEntry() throws {
        let text = try String(contentsOf: Self.tableURL, encoding: .utf8)
        let anchors = Set(text.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { Self.anchor(String($0.dropFirst(4))) })
        for rule in DerivativeRule.allCases {
            #expect(anchors.contains(rule.anchor), "the rule table lacks \(rule.anchor) (a heading \"### Rule: \(rule.title)\")")
        }
    }
}
