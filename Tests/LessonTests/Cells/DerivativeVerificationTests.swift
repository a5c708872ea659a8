import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing
@testable import Lesson

/// The numeric verification on its own: handed a wrong claimed derivative — a sign flipped, a
/// transpose missing, a factor of 2 dropped — for a gradient, a Jacobian and a Hessian in both
/// layouts, it reports each one once, at the call, with the symbolic result, the point and the
/// numeric value; the engine's own (right) claims pass.
@Suite struct DerivativeVerificationTests {
    static let declarations = "let x: Vector<n>\nlet A: Matrix<n, n>"

    /// The claim of `call` as a cell records it (the call on line 12 of `lessons/wrong.md`),
    /// its result replaced by the value of `claimed` when given: what a wrong rule in the
    /// engine would have answered.
    func claim(_ call: String, claimed: String? = nil, layout: Layout) throws -> DerivativeClaim {
        var session = CellSession(options: CellOptions(layout: layout))
        let result = session.run(cell: CellSource(text: Self.declarations + "\n" + call, file: "lessons/wrong.md", line: 10, column: 1))
        #expect(result.succeeded, "\(result.diagnostics)")
        var claim = try #require(result.claims.first)
        #expect(result.claims.count == 1)
        if let claimed {
            let value = session.evaluate(inline: CellSource(text: claimed, file: "test", line: 1, column: 1))
            claim.result = try value.get().value
        }
        return claim
    }

    struct Mistake: CustomTestStringConvertible, Sendable {
        var call: String
        /// The wrong result in each layout.
        var numerator: String
        var denominator: String
        var operation: String
        var testDescription: String { "\(call) claimed as \(numerator) / \(denominator)" }
    }

    static let mistakes: [Mistake] = [
        // Gradients: xᵀ(A + Aᵀ) in numerator layout, (A + Aᵀ)x in denominator layout.
        Mistake(call: "gradient(of: x.T * A * x, wrt: x)", numerator: "-x.T * (A + A.T)", denominator: "-(A + A.T) * x", operation: "gradient"),
        Mistake(call: "gradient(of: x.T * A * x, wrt: x)", numerator: "2 * x.T * A", denominator: "2 * A * x", operation: "gradient"),
        Mistake(call: "gradient(of: x.T * x, wrt: x)", numerator: "x.T", denominator: "x", operation: "gradient"),
        // Jacobians: A in numerator layout, Aᵀ in denominator layout; diag(2x) in both.
        Mistake(call: "jacobian(of: A * x, wrt: x)", numerator: "-A", denominator: "-A.T", operation: "Jacobian"),
        Mistake(call: "jacobian(of: A * x, wrt: x)", numerator: "A.T", denominator: "A", operation: "Jacobian"),
        Mistake(call: "jacobian(of: x ⊙ x, wrt: x)", numerator: "diag(x)", denominator: "diag(x)", operation: "Jacobian"),
        // Hessians: A + Aᵀ and 2I in both layouts.
        Mistake(call: "hessian(of: x.T * A * x, wrt: x)", numerator: "-(A + A.T)", denominator: "-(A + A.T)", operation: "Hessian"),
        Mistake(call: "hessian(of: x.T * A * x, wrt: x)", numerator: "2 * A", denominator: "2 * A", operation: "Hessian"),
        Mistake(call: "hessian(of: x.T * x, wrt: x)", numerator: "I(n)", denominator: "I(n)", operation: "Hessian"),
    ]

    @Test(arguments: mistakes, [Layout.numerator, .denominator])
    func eachWrongClaimIsReportedOnceAtItsCallWithTheValuesAndThePoint(mistake: Mistake, layout: Layout) throws {
        let wrong = try claim(mistake.call, claimed: layout == .numerator ? mistake.numerator : mistake.denominator, layout: layout)
        let report = DerivativeVerification().verify([wrong], in: "cell [3]")
        #expect(report.verified == 0)
        #expect(report.unverifiable == 0)
        try #require(report.diagnostics.count == 1)
        let problem = report.diagnostics[0]
        #expect(problem.id == "math.derivative-mismatch")
        #expect(problem.severity == .error)
        #expect(problem.message == "the \(mistake.operation) in cell [3] does not match its numeric check")
        #expect(problem.location == SourceLocation(file: "lessons/wrong.md", line: 12, column: 1))
        #expect(problem.highlights == [wrong.range])
        let notes = problem.notes.map(\.message)
        try #require(notes.count == 5, "\(notes)")
        #expect(notes[0].hasPrefix("checked: the \(mistake.operation) of "))
        #expect(notes[0].hasSuffix("with respect to x (\(layout) layout)"))
        #expect(notes[1] == "symbolic result: " + (try TextWriter().write(wrong.result)))
        // The symbols by name, then the size drawn for n.
        #expect(notes[2].hasPrefix(mistake.call.contains("A") ? "at the point A = [[" : "at the point x = ["))
        #expect(notes[2].contains("x = [") && notes[2].contains("]ᵀ; n = "))
        #expect(notes[3].hasPrefix("symbolic value there: "))
        #expect(notes[4].hasPrefix("numeric value there (dual numbers): "))
        #expect(notes[3].dropFirst("symbolic value there: ".count) != notes[4].dropFirst("numeric value there (dual numbers): ".count))
    }

    @Test(arguments: [Layout.numerator, .denominator])
    func theEnginesOwnClaimsPass(layout: Layout) throws {
        let claims = try Set(Self.mistakes.map(\.call)).sorted().map { try claim($0, layout: layout) }
        let report = DerivativeVerification().verify(claims, in: "cell [1]")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.verified == claims.count)
        #expect(report.unverifiable == 0)
    }

    /// Wrong claims within Double's tolerance (10⁻⁹ relative, 10⁻¹² absolute), each "verified"
    /// before session 10: every point where Double agrees is now confirmed in ball arithmetic.
    /// The notes show the precise values where six digits cannot tell them apart.
    @Test(arguments: [
        ("gradient(of: x.T * A * x, wrt: x)", "x.T * (A + A.T) * (1 + 1e-12)", "gradient"),
        ("hessian(of: x.T * A * x, wrt: x)", "A + A.T + 1e-13 * I(n)", "Hessian"),
        ("jacobian(of: A * x, wrt: x)", "A * (1 - 1e-12)", "Jacobian"),
        ("derivative(of: sum(sin(x)) + 1e-13 * x.T * x, wrt: x)", "cos(x).T", "derivative"),
    ])
    func aClaimWrongBelowDoublesToleranceIsReported(call: String, claimed: String, operation: String) throws {
        let wrong = try claim(call, claimed: claimed, layout: .numerator)
        let report = DerivativeVerification().verify([wrong], in: "cell [6]")
        #expect(report.verified == 0)
        try #require(report.diagnostics.map(\.id) == ["math.derivative-mismatch"], "\(report.diagnostics.map(\.message))")
        #expect(report.diagnostics[0].message == "the \(operation) in cell [6] does not match its numeric check")
        let notes = report.diagnostics[0].notes.map(\.message)
        try #require(notes.count == 5, "\(notes)")
        #expect(notes[3].contains("(precisely "), "\(notes)")
        #expect(notes[3].dropFirst("symbolic value there: ".count) != notes[4].dropFirst("numeric value there (dual numbers): ".count))
    }

    @Test func aGradientOfTheWrongShapeIsReportedWithBothShapes() throws {
        // The denominator-layout gradient (a column) claimed in numerator layout (a row).
        let wrong = try claim("gradient(of: x.T * x, wrt: x)", claimed: "2 * x", layout: .numerator)
        let report = DerivativeVerification().verify([wrong], in: "cell [2]")
        #expect(report.diagnostics.map(\.id) == ["math.derivative-mismatch"])
        #expect(report.diagnostics.first?.notes.map(\.message).dropFirst() == [
            "symbolic result: 2x, a Vector<n>",
            "the numeric check expects a RowVector<n> in numerator layout",
        ])
    }

    @Test func theSameInputGivesTheSameDiagnostics() throws {
        let wrong = try claim("gradient(of: x.T * A * x, wrt: x)", claimed: "2 * A * x", layout: .denominator)
        let first = DerivativeVerification().verify([wrong], in: "cell [1]")
        let second = DerivativeVerification().verify([wrong], in: "cell [1]")
        #expect(first == second)
    }

    @Test func aClaimTheCheckCannotDecideIsCountedAsNotVerifiableNeverAsVerified() throws {
        var session = CellSession()
        // sqrt(-1 - s²) is defined nowhere: no point can be drawn.
        let result = session.run(cell: CellSource(text: "let s: Scalar\nderivative(of: sqrt(-1 - s^2), wrt: s)", file: "lessons/a.md", line: 3, column: 1))
        let nowhere = try #require(result.claims.first)
        let report = DerivativeVerification().verify([nowhere], in: "cell [1]")
        #expect(report.verified == 0)
        #expect(report.unverifiable == 1)
        #expect(report.diagnostics.map(\.severity) == [.note])
        #expect(report.diagnostics.first?.id == "math.derivative-unverifiable")
        #expect(report.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 4, column: 1))
        #expect(report.diagnostics.first?.message.hasPrefix("the derivative in cell [1] cannot be checked numerically: no point found") == true)
    }

    @Test func aClaimBeyondTheWorkLimitIsNotVerifiable() throws {
        let heavy = try claim("hessian(of: x.T * A * x, wrt: x)", layout: .numerator)
        let work = DerivativeVerification.estimatedWork(heavy, options: NumericCheckOptions())
        let report = DerivativeVerification(workLimit: work - 1).verify([heavy], in: "cell [4]")
        #expect(report.unverifiable == 1)
        #expect(report.diagnostics.first?.message.contains("more than the limit of \(work - 1)") == true)
        #expect(DerivativeVerification(workLimit: work).verify([heavy], in: "cell [4]").verified == 1)
    }

    @Test func theClaimsOfOneCellShareItsWorkLimit() throws {
        let first = try claim("hessian(of: x.T * A * x, wrt: x)", layout: .numerator)
        let second = try claim("gradient(of: x.T * A * x, wrt: x)", layout: .numerator)
        let options = NumericCheckOptions()
        let both = DerivativeVerification.estimatedWork(first, options: options) + DerivativeVerification.estimatedWork(second, options: options)
        let tight = DerivativeVerification(cellWorkLimit: both - 1).verify([first, second], in: "cell [5]")
        #expect(tight.verified == 1)
        #expect(tight.unverifiable == 1)
        #expect(tight.diagnostics.map(\.message) == [
            "the gradient in cell [5] cannot be checked numerically: the checks of cell [5] together would take more than its limit of \(both - 1) units of work",
        ])
        #expect(DerivativeVerification(cellWorkLimit: both).verify([first, second], in: "cell [5]").verified == 2)
    }

    @Test func theSettingsDescriptionChangesWithEverySettingThatChangesAVerdict() {
        let standard = DerivativeVerification().settingsDescription
        var seeded = NumericCheckOptions()
        seeded.seed = 7
        #expect(DerivativeVerification(options: seeded).settingsDescription != standard)
        #expect(DerivativeVerification(workLimit: 10).settingsDescription != standard)
        #expect(DerivativeVerification(cellWorkLimit: 10).settingsDescription != standard)
        var underTest = DerivativeVerification()
        underTest.claimUnderCheck = { $0 }
        #expect(underTest.settingsDescription != standard)
        #expect(DerivativeVerification().settingsDescription == standard)
    }

    @Test func numbersAreRoundedToSixDigitsWithTheTextbookMinus() {
        #expect(DerivativeVerification.text(0.0) == "0")
        #expect(DerivativeVerification.text(-1.25) == "−1.25")
        #expect(DerivativeVerification.text(2.0) == "2")
        #expect(DerivativeVerification.text(1.0 / 3.0) == "0.333333")
        #expect(DerivativeVerification.text(-123456789.0) == "−123457000")
        #expect(DerivativeVerification.text(0.000123456789) == "0.000123457")
    }

    @Test func valuesAreWrittenInTheNotationOfTheTextWriter() throws {
        #expect(DerivativeVerification.text(try Value(vector: [.exact(1), .exact(-2)])) == "[1, −2]ᵀ")
        #expect(DerivativeVerification.text(try Value(rows: [[.exact(1), .approximate(0.5)]])) == "[1, 0.5]")
        #expect(DerivativeVerification.text(try Value(rows: [[.exact(1), .exact(2)], [.exact(3), .exact(4)]])) == "[[1, 2], [3, 4]]")
        #expect(DerivativeVerification.text(Value(3)) == "3")
    }
}
