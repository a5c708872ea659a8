import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing
@testable import Lesson

/// What the lessons of one build share — cell readings by text (`CellReadings`) and numeric
/// verdicts by claim (`SharedVerdicts`) — must not change any lesson's result: each lesson
/// rendered with the shared memos equals the same lesson rendered alone, whatever was rendered
/// before it, and problems stay at each lesson's own lines.
@Suite struct SharedCellWorkTests {
    /// A pass whose lessons share their work, as the lessons of a build do.
    static func sharingPass(verification: DerivativeVerification = DerivativeVerification()) -> NotebookPass {
        var pass = NotebookPass(renderer: NotebookPassTests.LineRenderer(), verification: verification)
        pass.shareWorkBetweenLessons()
        return pass
    }

    static func render(_ text: String, path: String = "lessons/a.md", pass: NotebookPass? = nil) -> RenderedLesson {
        let pass = pass ?? NotebookPass(renderer: NotebookPassTests.LineRenderer())
        return LessonRenderer.render(LessonSource(path: path, text: text), options: LessonRenderOptions(passes: [pass]))
    }

    static let first = """
        ```swift
        let x: Vector<n>
        let A: Matrix<n, n>
        gradient(of: x.T * A * x, wrt: x)
        ```
        """

    /// The same cells further down another file, after a cell with a syntax error.
    static let second = """
        # Again

        ```swift
        let y = 2 +* 3
        ```

        ```swift
        let x: Vector<n>
        let A: Matrix<n, n>
        gradient(of: x.T * A * x, wrt: x)
        ```

        ```swift
        let y = 2 +* 3
        ```
        """

    @Test func aLessonRendersTheSameSharingWorkAsAlone() {
        let pass = Self.sharingPass()
        for text in [Self.first, Self.second] {
            _ = Self.render(text, path: "lessons/warm-up.md", pass: pass)
        }
        #expect(pass.readings?.reading(of: "let y = 2 +* 3") != nil)
        for text in [Self.first, Self.second] {
            let alone = Self.render(text)
            let shared = Self.render(text, pass: pass)
            #expect(shared.bodyHTML == alone.bodyHTML)
            #expect(shared.diagnostics == alone.diagnostics)
            #expect(shared.notebook == alone.notebook)
        }
    }

    @Test func aRememberedSyntaxErrorIsReportedAtEachCellsOwnLine() {
        let lesson = Self.render(Self.second, pass: Self.sharingPass())
        #expect(lesson.diagnostics.count == 2)
        #expect(lesson.diagnostics.map(\.location?.line) == [4, 14])
        #expect(Set(lesson.diagnostics.map(\.location?.file)) == ["lessons/a.md"])
    }

    @Test func aSharedVerdictIsTheVerdictTheClaimGetsAlone() {
        // A wrong Jacobian (its sign flipped) fails in every lesson that computes it, not only
        // in the first one checked.
        let pass = Self.sharingPass(verification: NotebookVerificationTests.flippedJacobians)
        let text = "```swift\nlet x: Vector<n>\nlet A: Matrix<n, n>\njacobian(of: A * x, wrt: x)\n```\n"
        for path in ["lessons/a.md", "lessons/b.md"] {
            let lesson = Self.render(text, path: path, pass: pass)
            #expect(lesson.diagnostics.map(\.id) == ["math.derivative-mismatch"])
            #expect(lesson.diagnostics.first?.location == SourceLocation(file: path, line: 4, column: 1))
            #expect(lesson.notebook.cellsFailed == 1)
        }
    }
}
