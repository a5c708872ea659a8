@testable import CellLanguage
import Diagnostics
import MatrixCalculus
import Testing

/// `CellRuns` replays a cell run by another lesson only where running it would give the same
/// result: every lesson below is run twice, alone and after other lessons shared their runs,
/// and everything a page or a later cell can see must be the same.
@Suite struct CellRunsTests {
    /// A lesson: its file, where its cells start, and their texts.
    struct Lesson {
        var file: String
        var column = 1
        var cells: [String]
    }

    /// Everything of a result a page, a notebook or the numeric check reads.
    struct Seen: Equatable {
        var outputs: [String]
        var diagnostics: [Diagnostic]
        var claims: [DerivativeClaim]
        var expectations: [HeldExpectation]
        var expectationsPassed: Int
        var expectationsSymbolic: Int

        init(_ result: CellResult) {
            outputs = result.outputs.map { "\($0.value) at \($0.range.start)-\($0.range.end)" }
            diagnostics = result.diagnostics
            claims = result.claims
            expectations = result.expectations
            expectationsPassed = result.expectationsPassed
            expectationsSymbolic = result.expectationsSymbolic
        }
    }

    /// The lesson's results, each cell read and run as the notebook pass does.
    static func run(_ lesson: Lesson, sharing runs: CellRuns?, layout: Layout = .numerator) -> [Seen] {
        var session = CellSession(options: CellOptions(layout: layout))
        var line = 3
        return lesson.cells.map { text in
            let source = CellSource(text: text, file: lesson.file, line: line, column: lesson.column)
            line += text.split(separator: "\n", omittingEmptySubsequences: false).count + 4
            return Seen(session.run(cell: ParsedCell(source), sharing: runs))
        }
    }

    static let gradient = "let x, y: Scalar\nlet f = 3 * x^2 * y\n#expect(f == 3 * y * x^2)\ngradient(of: f, wrt: [x, y])"
    static let uses = "let g = x + y\ng"
    static let vector = "let v: Vector<n>\nlet A: Matrix<n, n>\nhessian(of: v.T * A * v, wrt: v)"

    static let lessons = [
        Lesson(file: "lessons/a.md", cells: [gradient, uses, vector, "n"]),
        // The same cells elsewhere, after a cell that binds x to a vector: `uses` reads x.
        Lesson(file: "lessons/b.md", column: 4, cells: ["let x: Vector<3>\nlet y: Vector<3>", uses, gradient, uses]),
        // `n` already a dimension: the declaration uses it rather than declaring it.
        Lesson(file: "lessons/c.md", cells: ["let w: Vector<n>", vector, uses, gradient, uses, "n"]),
        // x a dimension: redeclaring it as a scalar fails, so the run differs.
        Lesson(file: "lessons/d.md", column: 3, cells: ["let z: Vector<x>", gradient, uses]),
        // A function and an assignment: never replayed, always right.
        Lesson(file: "lessons/e.md", cells: ["func sq(_ t: Scalar) -> Scalar { t^2 }", gradient, "var s = x\ns = y\ns", uses]),
        Lesson(file: "lessons/f.md", column: 2, cells: [gradient, gradient, uses, vector, vector]),
    ]

    @Test func replayedRunsAreTheRunsThemselves() {
        let runs = CellRuns()
        for lesson in Self.lessons {
            #expect(Self.run(lesson, sharing: runs) == Self.run(lesson, sharing: nil), "\(lesson.file)")
        }
        // And in another order, with the runs the first pass kept.
        for lesson in Self.lessons.reversed() {
            #expect(Self.run(lesson, sharing: runs) == Self.run(lesson, sharing: nil), "\(lesson.file)")
        }
        // The comparison means something only if runs were replayed.
        #expect(runs.keptRuns > 0)
        #expect(runs.replays >= 20)
    }

    @Test func theLayoutIsPartOfARun() {
        let runs = CellRuns()
        let lesson = Lesson(file: "lessons/a.md", cells: [Self.vector])
        _ = Self.run(lesson, sharing: runs, layout: .numerator)
        #expect(Self.run(lesson, sharing: runs, layout: .denominator) == Self.run(lesson, sharing: nil, layout: .denominator))
    }

    /// Names a replayed cell binds are where the cell declared them, as later cells' errors say.
    @Test func aReplayedCellsNamesAreDeclaredAtItsOwnPlace() {
        let runs = CellRuns()
        _ = Self.run(Lesson(file: "lessons/a.md", cells: [Self.gradient]), sharing: runs)
        // The second cell starts on line 8 (`run` leaves four lines between cells).
        let lesson = Lesson(file: "lessons/b.md", column: 5, cells: ["let u: Scalar", Self.gradient, "let q: Vector<2>\nq • x"])
        let replayed = Self.run(lesson, sharing: runs)
        #expect(replayed == Self.run(lesson, sharing: nil))
        #expect(runs.replays == 1)
        #expect(replayed[2].diagnostics.contains { $0.notes.contains { $0.message.contains("x is Scalar (line 8)") } })
    }

    /// What a trace keeps: the first sight of each name before the cell binds it.
    @Test func aTraceKeepsWhatTheCellFoundBeforeItBoundTheName() throws {
        var environment = CellEnvironment()
        let place = Diagnostics.SourceLocation(file: "a.md", line: 1, column: 1)
        environment.bind("n", .dimension(.symbolic("n")), at: place)
        let trace = EnvironmentTrace()
        environment.trace = trace
        #expect(!environment.isDimension("x"))
        _ = environment["x"]
        environment.bind("x", .dimension(.concrete(3)), at: place)
        _ = environment["x"]
        #expect(environment.isDimension("n"))
        let (reads, written) = try #require(trace.record)
        #expect(written == ["x"])
        #expect(reads["x"]?.matches(nil) == true)
        #expect(reads["x"]?.matches(.dimension(.concrete(3))) == false)
        #expect(reads["n"]?.matches(.dimension(.concrete(7))) == true)
        #expect(reads["n"]?.matches(nil) == false)
        _ = environment.names
        #expect(trace.record == nil)
    }
}
