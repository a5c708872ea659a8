import CellLanguage
import Foundation
import MatrixCalculus
import Testing

/// The derivations of the seed's examples and of Part 4's results, written as the course
/// writes them (cells), against golden files in text and MathML (re-record with
/// `CALCBOOK_RECORD=1 swift test --filter DerivationGoldenTests`, then read the diff).
///
/// Each is also verified step by step, independently of the derivation's own check (which
/// may find two lines equal symbolically): every line's value, and every sub-derivation's, is
/// compared with the dual-number derivative of the function at random points, and the test
/// asserts that this ran for every line.
@Suite struct DerivationGoldenTests {
    struct Example: Sendable, CustomStringConvertible {
        let name: String
        let cells: [String]
        var description: String { name }
    }

    static let neuron = "let w, x: Vector<n>\nlet b: Scalar"
    static let network = """
        let x: Vector<n>
        let W1: Matrix<k, n>
        let b1: Vector<k>
        let W2: Matrix<m, k>
        let b2: Vector<m>
        let t: Vector<m>
        let C = norm(W2 * max(0, W1 * x + b1) + b2 - t)^2 / 2
        """

    static let examples: [Example] = [
        Example(name: "partial-3x2y", cells: ["let x, y: Scalar", "derivation(of: 3 * x^2 * y, wrt: x)"]),
        Example(name: "jacobian-3x2y-2x-y8", cells: ["let x, y: Scalar", "derivation(of: [3 * x^2 * y, 2 * x + y^8], wrt: [x, y])"]),
        Example(name: "neuron-gradient", cells: [neuron, "derivation(of: max(0, w • x + b), wrt: w)"]),
        Example(name: "loss-gradient-one-example", cells: [neuron, "let y: Scalar", "derivation(of: (y - max(0, w • x + b))^2, wrt: w)"]),
        Example(name: "loss-gradient", cells: [
            "let X: Matrix<N, n>\nlet y: Vector<N>\nlet w: Vector<n>\nlet b: Scalar",
            "derivation(of: mean((y - max(0, X * w + b))^2), wrt: w)",
        ]),
        Example(name: "cross-entropy-gradient", cells: ["let z, y: Vector<n>", "derivation(of: -(y.T * log(softmax(z))), wrt: z)"]),
        Example(name: "cross-entropy-gradient-targets-sum-to-one", cells: ["let z, y: Vector<n>", "derivation(of: logsumexp(z) - y • z, wrt: z)"]),
        Example(name: "network-gradient-b2", cells: [network, "derivation(of: C, wrt: b2)"]),
        Example(name: "network-gradient-b1", cells: [network, "derivation(of: C, wrt: b1)"]),
        Example(name: "network-gradient-W2", cells: [network, "derivation(of: C, wrt: W2)"]),
        Example(name: "network-gradient-W1", cells: [network, "derivation(of: C, wrt: W1)"]),
        Example(name: "hessian-quadratic", cells: [
            "let v, b: Vector<n>\n@spd let A: Matrix<n, n>",
            "derivation(of: gradient(of: v.T * A * v / 2 - b • v, wrt: v).T, wrt: v)",
        ]),
        Example(name: "hessian-logistic-regression", cells: [
            "let X: Matrix<N, n>\nlet y: Vector<N>\nlet w: Vector<n>",
            "derivation(of: gradient(of: sum(log(1 + exp(X * w))) - y • (X * w), wrt: w).T, wrt: w)",
        ]),
    ]

    /// The derivation the example's last cell shows.
    static func derivation(of example: Example) throws -> Derivation {
        var session = CellSession()
        var last: CellResult?
        for (index, text) in example.cells.enumerated() {
            let result = session.run(cell: CellSource(text: text, file: "\(example.name)-\(index + 1)"))
            #expect(result.succeeded, "\(example.name): cell \(index + 1) failed: \(result.diagnostics)")
            last = result
        }
        return try #require(last?.outputs.last?.derivation, "\(example.name): the last cell shows no derivation")
    }

    /// The variables to differentiate by, as the numeric check takes them.
    static func variables(of d: Derivation) -> [Expr] {
        if case .matrix(let rows) = d.variable.kind, d.variable.shape.isColumn, rows.allSatisfy({ $0.count == 1 && $0[0].symbolValue != nil }) {
            return rows.map { $0[0] }
        }
        return [d.variable]
    }

    /// Checks every line of `d` (and of its sub-derivations) against the dual-number derivative
    /// of its function; returns one line per derivation saying how many lines were checked.
    static func verifyNumerically(_ d: Derivation, label: String) throws -> [String] {
        var report: [String] = []
        let variables = variables(of: d)
        var checked = 0
        for (index, step) in d.steps.enumerated() {
            #expect(step.verdict.isEqual, "\(label): line \(index + 1) was not found equal to the line before")
            let verdict = try checkDerivative(step.value, .derivative, of: d.function, wrt: variables)
            #expect(verdict.passed, "\(label): line \(index + 1) (\(step.rules.map(\.title))): \(verdict)")
            if verdict.passed { checked += 1 }
        }
        #expect(checked == d.steps.count && checked > 0, "\(label): \(checked) of \(d.steps.count) lines verified")
        report.append("\(label): \(checked) of \(d.steps.count) lines agree with the numeric derivative")
        for definition in d.definitions {
            guard let sub = definition.derivation else { continue }
            report += try verifyNumerically(sub, label: "  ∂\(try TextWriter().write(definition.name))")
        }
        return report
    }

    @Test(arguments: examples)
    func derivationMatchesGoldenAndIsVerified(_ example: Example) throws {
        let d = try Self.derivation(of: example)
        let verification = try Self.verifyNumerically(d, label: "derivation")
        var golden = example.cells.map { $0 + "\n" }.joined() + "\n"
        golden += "text:\n" + (try TextWriter().write(d)) + "\n\n"
        golden += "mathml:\n" + (try MathMLWriter().write(d)) + "\n\n"
        golden += "verified:\n" + verification.joined(separator: "\n") + "\n"
        try Golden.check(golden, named: "derivation-\(example.name).txt")
    }
}
