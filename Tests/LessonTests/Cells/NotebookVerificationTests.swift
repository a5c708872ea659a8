import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing
@testable import Lesson

/// The evaluate step verifies every derivative its cells and inline values compute: a right one
/// is counted, a wrong one is an error at the call and never reaches the page.
@Suite struct NotebookVerificationTests {
    static let lessonText = """
        ```swift
        let x: Vector<n>
        let A: Matrix<n, n>
        ```

        The gradient is `{swift} gradient(of: x.T * A * x, wrt: x)`.

        ```swift
        let J = jacobian(of: A * x, wrt: x)
        J
        #expect(gradient(of: x.T * A * x, wrt: x) == x.T * (A + A.T))
        ```
        """

    func render(_ text: String = lessonText, verification: DerivativeVerification = DerivativeVerification()) -> RenderedLesson {
        LessonRenderer.render(
            LessonSource(path: "lessons/a.md", text: text),
            options: LessonRenderOptions(passes: [
                NotebookPass(renderer: NotebookPassTests.LineRenderer(), verification: verification),
            ]))
    }

    @Test func everyDerivativeOfCellsAndInlineValuesIsVerifiedAndCounted() {
        let lesson = render()
        #expect(lesson.diagnostics.isEmpty, "\(lesson.diagnostics)")
        #expect(lesson.notebook.derivativesVerified == 3)
        #expect(lesson.notebook.derivativesUnverifiable == 0)
        #expect(lesson.bodyHTML.contains("<cell In[2] line=9> A\n"))
    }

    /// A verification that sees every Jacobian with its sign flipped, as a wrong rule would give it.
    static var flippedJacobians: DerivativeVerification {
        var verification = DerivativeVerification()
        verification.claimUnderCheck = { claim in
            guard claim.operation == .jacobian, let flipped = try? Expr.negate(claim.result) else { return claim }
            var wrong = claim
            wrong.result = flipped
            return wrong
        }
        return verification
    }

    @Test func aWrongDerivativeIsAnErrorAtItsCallAndTheCellShowsItInsteadOfTheValue() throws {
        let lesson = render(verification: Self.flippedJacobians)
        #expect(lesson.diagnostics.map(\.id) == ["math.derivative-mismatch"])
        let problem = try #require(lesson.diagnostics.first)
        #expect(problem.message == "the Jacobian in cell [2] does not match its numeric check")
        #expect(problem.location == SourceLocation(file: "lessons/a.md", line: 9, column: 9))
        #expect(problem.notes.map(\.message).prefix(2) == [
            "checked: the Jacobian of Ax with respect to x (numerator layout)",
            "symbolic result: −A",
        ])
        #expect(lesson.notebook.cellsFailed == 1)
        #expect(lesson.notebook.derivativesVerified == 2)
        // The page shows the error, not the wrong value.
        #expect(lesson.bodyHTML.contains("<cell In[2] line=9>  error(unexpected): lessons/a.md:9:9: error: the Jacobian in cell [2] does not match its numeric check\n"))
    }

    @Test func aWrongInlineDerivativeIsNotShown() {
        var verification = DerivativeVerification()
        verification.claimUnderCheck = { claim in
            var wrong = claim
            wrong.result = (try? Expr.multiply(.number(2), claim.result)) ?? claim.result
            return wrong
        }
        let lesson = render("```swift\nlet s: Scalar\n```\n\nSee `{swift} derivative(of: s^3, wrt: s)`.\n", verification: verification)
        #expect(lesson.diagnostics.map(\.message) == ["the derivative in an inline value does not match its numeric check"])
        #expect(lesson.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 5, column: 14))
        #expect(lesson.bodyHTML.contains("<code class=\"cell-inline-error\">derivative(of: s^3, wrt: s)</code>"))
        #expect(!lesson.bodyHTML.contains("<math"))
    }

    @Test func aClaimMadeTwiceAtOnePlaceIsReportedOnce() {
        // `slope` computes its gradient in its body: both calls make the same claim there.
        let lesson = render("""
            ```swift
            let x: Vector<2>
            func slope(_ w: Vector<2>) -> Scalar { sum(gradient(of: w • x, wrt: x)) }
            ```

            ```swift
            let a: Vector<2>
            slope(a)
            ```

            ```swift
            slope(a)
            ```
            """, verification: DerivativeVerification(workLimit: 0))
        #expect(lesson.diagnostics.map(\.id) == ["math.derivative-unverifiable"])
        #expect(lesson.diagnostics.first?.severity == .note)
        #expect(lesson.notebook.derivativesUnverifiable == 1)
        #expect(lesson.notebook.derivativesVerified == 0)
    }

    @Test func aDerivativeOfAFailingCellIsNotVerified() {
        let lesson = render("```swift\nlet s: Scalar\nderivative(of: s^2, wrt: s)\nnope\n```\n")
        #expect(lesson.diagnostics.map(\.id) == ["cell.unknown-name"])
        #expect(lesson.notebook.derivativesVerified == 0)
    }
}
