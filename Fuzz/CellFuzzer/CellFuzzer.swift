import CellLanguage

/// libFuzzer entry for the cell language: every input is parsed, lowered, evaluated under small
/// budgets and written as text, LaTeX and MathML. A finding is a crash (trap, stack overflow,
/// sanitizer report) or a run that libFuzzer's `-timeout` stops: with a 1-second cell limit, a
/// cell may fail, but it must fail with a diagnostic, quickly.
///
/// Fuzz with `Fuzz/run-fuzzers` (it builds with `--sanitize fuzzer --sanitize address` into
/// `.build-fuzz`). In an ordinary build, `swift run CellFuzzer FILE…` replays inputs; the
/// inputs it found are replayed by `CellLanguageTests` (`FuzzRegressionTests`) in every test run.
@_cdecl("LLVMFuzzerTestOneInput")
public func cellFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let problem = CellFuzzCheck.problem(in: text) {
        // A finding: libFuzzer saves the input when the process stops here.
        fatalError(problem)
    }
    return 0
}

enum CellFuzzCheck {
    static let options = CellOptions(limits: CellLimits(time: .seconds(1), expressionSize: 5_000))

    /// A description of what is wrong with how `text` was handled, or nil.
    static func problem(in text: String) -> String? {
        let cell = CellSource(text: text, file: "fuzz.swift")
        for format in [CellOutputFormat.text, .mathml] {
            let evaluation = CellEvaluation(cells: [cell], format: format, options: options)
            if evaluation.failed, evaluation.diagnostics.isEmpty {
                return "the cell failed without a diagnostic\n--- input\n\(text.debugDescription)"
            }
        }
        return nil
    }
}

#if !FUZZING
import Foundation

@main
struct CellFuzzReplay {
    static func main() throws {
        var failures = 0
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let start = ContinuousClock.now
            if let problem = CellFuzzCheck.problem(in: String(decoding: data, as: UTF8.self)) {
                failures += 1
                print("\(path): \(problem)")
            }
            print("\(path): \(ContinuousClock.now - start)")
        }
        print("\(CommandLine.arguments.count - 1) input(s), \(failures) problem(s)")
        if failures > 0 { exit(1) }
    }
}
#endif
