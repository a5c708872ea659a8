import TeXMath

/// libFuzzer entry for TeX → MathML: every input is converted as inline and display math. A
/// finding is a crash, a hang (libFuzzer's `-timeout`), an error whose offset lies outside the
/// formula, or MathML whose tags do not nest.
///
/// Fuzz with `Fuzz/run-fuzzers`. In an ordinary build, `swift run TeXFuzzer FILE…` replays
/// inputs; the inputs it found are replayed by `TeXMathTests` (`FuzzRegressionTests`).
@_cdecl("LLVMFuzzerTestOneInput")
public func texFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let problem = TeXFuzzCheck.problem(in: text) {
        fatalError(problem)
    }
    return 0
}

enum TeXFuzzCheck {
    static func problem(in tex: String) -> String? {
        let length = tex.unicodeScalars.count
        for display in [false, true] {
            do {
                let markup = try TeXToMathML.convert(tex, display: display)
                if let problem = unbalancedTag(in: markup) {
                    return "\(problem)\n--- input\n\(tex.debugDescription)\n--- MathML\n\(markup)"
                }
            } catch {
                if error.offset < 0 || error.offset > length || error.offset + error.length > length + 1 {
                    return "error outside the formula (offset \(error.offset), length \(error.length), formula \(length)): \(error)"
                }
            }
        }
        return nil
    }

    /// Whether the elements of `markup` nest (every start tag closed in order). Read as UTF-8
    /// bytes: a combining mark after `>` would join it into one `Character`.
    static func unbalancedTag(in markup: String) -> String? {
        let bytes = Array(markup.utf8)
        var open: [String] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return "a tag is not closed" }
            let tag = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            index = end + 1
            if tag.hasSuffix("/") { continue }
            let name = String(tag.prefix { $0 != " " })
            if name.hasPrefix("/") {
                guard open.popLast() == String(name.dropFirst()) else { return "<\(name)> closes the wrong element" }
            } else {
                open.append(name)
            }
        }
        return open.last.map { "<\($0)> is never closed" }
    }
}

#if !FUZZING
import Foundation

@main
struct TeXFuzzReplay {
    static func main() throws {
        var failures = 0
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let start = ContinuousClock.now
            if let problem = TeXFuzzCheck.problem(in: String(decoding: data, as: UTF8.self)) {
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
