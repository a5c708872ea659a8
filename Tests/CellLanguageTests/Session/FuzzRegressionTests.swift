import CellLanguage
import Foundation
import Testing

/// Replays every input in `Fixtures/fuzz` — the reproducers of issue #17 and what
/// `Fuzz/run-fuzzers` found for `CellFuzzer` — as the fuzzer runs it: parsed, evaluated under
/// a one-second cell limit and written as text and MathML. Each must end with values or with
/// located diagnostics (a crash or hang shows as a test run that dies or does not finish), and
/// within 10 seconds, ten times the cell limit: a check that kept working past its limit (the
/// digits of 2e10000 counted at each of 300 points, 13 s in a debug build) fails here.
@Suite("Fuzzer findings and issue reproducers replay cleanly (cells)")
struct CellFuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test("the fixture folder holds the reproducers")
    func fixturesArePresent() {
        #expect(Self.inputs.count >= 6)
    }

    @Test(arguments: inputs)
    func replays(_ name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
        let text = String(decoding: data, as: UTF8.self)
        let options = CellOptions(limits: CellLimits(time: .seconds(1), expressionSize: 5_000))
        let cell = CellSource(text: text, file: "fuzz.md", line: 1, column: 1)
        let start = ContinuousClock.now
        for format in [CellOutputFormat.text, .mathml] {
            let evaluation = CellEvaluation(cells: [cell], format: format, options: options)
            if evaluation.failed {
                #expect(evaluation.diagnostics.hasPrefix("fuzz.md:"), "\(name): \(evaluation.diagnostics.prefix(300))")
            }
        }
        #expect(ContinuousClock.now - start < .seconds(10), "\(name)")
    }
}
