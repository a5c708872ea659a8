import Foundation
import TeXMath
import Testing

/// Replays every input in `Fixtures/fuzz` — issue #17's reproducers and what `Fuzz/run-fuzzers`
/// found for `TeXFuzzer` — as inline and display math: each converts or fails with an error
/// inside the formula.
@Suite("Fuzzer findings and issue reproducers replay cleanly (TeX)")
struct TeXFuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test("the fixture folder holds the reproducers")
    func fixturesArePresent() {
        #expect(Self.inputs.count >= 2)
    }

    @Test(arguments: inputs)
    func replays(_ name: String) throws {
        let tex = String(decoding: try Data(contentsOf: Self.directory.appendingPathComponent(name)), as: UTF8.self)
        let length = tex.unicodeScalars.count
        for display in [false, true] {
            do {
                let markup = try TeXToMathML.convert(tex, display: display)
                #expect(markup.hasPrefix("<math"))
            } catch {
                #expect(error.offset >= 0 && error.offset + error.length <= length, "\(name): \(error)")
            }
        }
    }
}
