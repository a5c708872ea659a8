import CellLanguage
import Diagnostics
import Foundation
import Testing

/// The exact text of the diagnostics of wrong cells, as a lesson author sees them.
///
/// Each cell sits in a synthetic lesson at line 12, indented by three spaces (as inside a list
/// item), so the goldens also pin down that positions are the lesson file's, not the cell's.
/// Re-record with `CALCBOOK_RECORD=1 swift test --filter GoldenDiagnostics`; a missing golden fails.
@Suite("Golden diagnostics of wrong cells")
struct GoldenDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var cell: String
        var limits = CellLimits.default
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "syntax-unclosed-call", cell: "let x: Scalar\nexp(x, "),
        Case(name: "syntax-unclosed-matrix", cell: "let A = [[1, 2], [3, 4]"),
        Case(name: "syntax-missing-value", cell: "let b = "),
        Case(name: "operator-postfix-power", cell: "let x, y: Scalar\nx^ * y"),
        Case(name: "operator-negative-exponent", cell: "let x: Scalar\nx^-1"),
        Case(name: "operator-prefix-power", cell: "let x: Scalar\nx ^2"),
        Case(name: "operator-unknown", cell: "let x, y: Scalar\nx % y"),
        Case(name: "invalid-character", cell: "let a\u{FFFD} = 1"),
        Case(name: "equality-outside-expect", cell: "let x: Scalar\nx == x"),
        Case(name: "unknown-single-letter", cell: "let x: Scalar\n3 * q + x"),
        Case(name: "unknown-misspelled-builtin", cell: "let x, y: Scalar\ngradiant(of: 3 * x^2 * y, wrt: [x, y])"),
        Case(name: "unknown-misspelled-symbol", cell: "let alpha: Scalar\nalpah + 1"),
        Case(name: "unknown-member", cell: "let x: Vector<3>\nx.transpose"),
        Case(name: "unknown-assumption", cell: "@postive let s: Scalar"),
        Case(name: "wrong-label", cell: "let x: Scalar\nderivative(of: x^2, with: x)"),
        Case(name: "missing-label", cell: "let x: Scalar\ngradient(x^2, wrt: x)"),
        Case(name: "extraneous-label", cell: "let x: Scalar\nexp(of: x)"),
        Case(name: "wrong-argument-count", cell: "let x: Scalar\nmax(x)"),
        Case(name: "function-wrong-label", cell: "func f(_ x: Scalar, _ y: Scalar) -> Scalar { 3 * x^2 * y }\nf(x: 1, 2)"),
        Case(name: "function-argument-shape", cell: "func f(_ x: Scalar) -> Scalar { x^2 }\nlet v: Vector<3>\nf(v)"),
        Case(name: "shape-mismatch-plus", cell: "let w: Vector<3>\nlet x: Vector<4>\nlet y = w + x"),
        Case(name: "shape-mismatch-minus", cell: "let w: Vector<3>\nlet x: Vector<4>\nlet y = w - x"),
        Case(name: "shape-mismatch-hadamard", cell: "let w: Vector<3>\nlet x: Vector<4>\nlet y = w ⊙ x"),
        Case(name: "shape-mismatch-elementwise-divide", cell: "let w: Vector<3>\nlet x: Vector<4>\nlet y = w ⊘ x"),
        Case(name: "shape-mismatch-dot", cell: "let w: Vector<3>\nlet x: Vector<4>\nlet y = w • x"),
        Case(name: "shape-mismatch-matrix-product", cell: "let A: Matrix<2, 3>\nlet B: Matrix<2, 3>\nA * B"),
        Case(name: "shape-mismatch-vector-times-vector", cell: "let w, x: Vector<3>\nw * x"),
        Case(name: "shape-mismatch-division-by-vector", cell: "let x: Scalar\nlet w: Vector<3>\nx / w"),
        Case(name: "shape-mismatch-literal-rows", cell: "let A = [[1, 2], [3]]"),
        Case(name: "unsupported-derivative", cell: "let A: Matrix<2, 2>\nlet x: Vector<2>\nderivative(of: A * x, wrt: A)"),
        Case(name: "wrt-not-a-symbol", cell: "let x: Scalar\nlet f = x^2\nderivative(of: x, wrt: f)"),
        Case(name: "index-out-of-range", cell: "let x: Vector<3>\nx[3]"),
        Case(name: "immutable-binding", cell: "let b = 1\nb = 2"),
        Case(name: "dimension-as-value", cell: "let x: Vector<n>\nlet n = 3"),
        Case(name: "unknown-type", cell: "let x: Double"),
        Case(name: "not-in-language-for", cell: "let x: Scalar\nfor i in 0..<3 {\n    x + 1\n}"),
        Case(name: "not-in-language-class", cell: "class Neuron {\n    var w = 1\n}"),
        Case(name: "not-in-language-closure", cell: "let square = { x in x * x }"),
        Case(name: "not-in-language-interpolation", cell: "let x: Scalar\nlet label = \"x = \\(x)\""),
        Case(name: "not-in-language-import", cell: "import Foundation"),
        Case(name: "budget-time", cell: "let x: Scalar\nx + 1", limits: CellLimits(time: .zero)),
        Case(name: "budget-size", cell: "let x: Vector<4>\ncomponents(x * x.T)", limits: CellLimits(expressionSize: 10)),
        Case(name: "expect-failed-counterexample", cell: "let x, y: Scalar\n#expect(∂(3 * x^2 * y, x) == 6 * x, \"the partial derivative by x\")"),
        Case(name: "expect-undecided", cell: "let x: Scalar\n#expect(log(-x^2 - 1) == log(-x^2 - 2))"),
        Case(name: "evaluation-division-by-zero", cell: "let x: Scalar\n(1 / x).evaluated(at: [x: 0])"),
        Case(name: "evaluation-not-a-symbol", cell: "let x: Scalar\nlet e = x^2\ne.evaluated(at: [e: 1])"),
        Case(name: "expect-failed-shapes", cell: "let x: Vector<3>\n#expect(gradient(of: sum(x), wrt: x) == ones(3))"),
    ]

    static let cellLine = 12
    static let indent = "   "

    @Test("diagnostics match the golden file", arguments: cases)
    func golden(_ testCase: Case) throws {
        let lessonFile = "lessons/golden.md"
        let prose = (1..<Self.cellLine).map { "prose line \($0)" }
        let cellLines = testCase.cell.split(separator: "\n", omittingEmptySubsequences: false).map { Self.indent + $0 }
        let lesson = (prose + cellLines).joined(separator: "\n") + "\n"
        var session = CellSession(options: CellOptions(limits: testCase.limits))
        let result = session.run(cell: CellSource(text: testCase.cell, file: lessonFile, line: Self.cellLine, column: Self.indent.count + 1))
        #expect(!result.succeeded, "a golden case must fail")
        let rendered = TextDiagnosticWriter(sources: SourceFiles([lessonFile: lesson])).write(result.diagnostics)
        try Golden.check(rendered, named: testCase.name + ".txt")
    }

    @Test("there are at least 25 distinct wrong cells with distinct names")
    func count() {
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count)
        #expect(Self.cases.count >= 25)
    }
}

/// Golden files beside the tests: compared byte for byte, re-recorded with `CALCBOOK_RECORD=1`.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CALCBOOK_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden \(name); record it with CALCBOOK_RECORD=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        #expect(actual == expected, "differs from golden \(name)", sourceLocation: sourceLocation)
    }
}
