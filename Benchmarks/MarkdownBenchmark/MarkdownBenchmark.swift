import Foundation
import Markdown

/// Parse + render time of Markdown files, side by side with the floor a user would choose
/// instead: libcmark-gfm's own renderer in the same process, and the `cmark-gfm` command.
///
/// Not a test (timing never goes into an assertion):
/// `swift run -c release MarkdownBenchmark [rounds] [file.md …]`, by default the GFM spec
/// (`../shared/testdata/gfm-spec-0.29.txt`). Prints the median of each and the ratios; it also
/// checks that our HTML equals libcmark-gfm's for every file. Say whether you measured a debug
/// or a release build: debug is several times slower.
@main
struct MarkdownBenchmark {
    static func main() throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let rounds = arguments.first.flatMap { Int($0) } ?? 20
        if arguments.first.flatMap({ Int($0) }) != nil { arguments.removeFirst() }
        let paths = arguments.isEmpty ? ["../shared/testdata/gfm-spec-0.29.txt"] : arguments
        let files = try paths.map { path in (path: path, text: try String(contentsOfFile: path, encoding: .utf8)) }
        let bytes = files.reduce(0) { $0 + $1.text.utf8.count }

        for file in files {
            let ours = HTMLRenderer(options: .init(headingAnchors: false)).render(MarkdownParser.parse(file.text))
            if ours != CmarkReference.renderHTML(file.text) {
                print("warning: \(file.path): our HTML differs from libcmark-gfm's")
            }
        }

        let ours = median(rounds) {
            for file in files { _ = HTMLRenderer().render(MarkdownParser.parse(file.text)) }
        }
        let library = median(rounds) {
            for file in files { _ = CmarkReference.renderHTML(file.text) }
        }
        let command = commandPath().map { executable in
            median(rounds) {
                for file in files { runCommand(executable, path: file.path) }
            }
        }

        print("\(files.count) file(s), \(bytes) bytes, median of \(rounds) rounds")
        print("  calcbook Markdown (parse to Swift tree + HTMLRenderer): \(milliseconds(ours)) ms")
        print("  libcmark-gfm in process (parse + cmark_render_html):   \(milliseconds(library)) ms, ours/theirs \(ratio(ours, library))")
        if let command {
            print("  cmark-gfm command, one process per file:              \(milliseconds(command)) ms, ours/theirs \(ratio(ours, command))")
        } else {
            print("  cmark-gfm command: not found on PATH")
        }
    }

    static func median(_ rounds: Int, _ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        let samples = (0..<max(rounds, 1)).map { _ in clock.measure(body) }.sorted()
        return samples[samples.count / 2]
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.1f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    static func ratio(_ a: Duration, _ b: Duration) -> String {
        String(format: "%.2f×", a / b)
    }

    static func commandPath() -> String? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/cmark-gfm" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func runCommand(_ executable: String, path: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist", path]
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            print("warning: could not run \(executable): \(error)")
        }
    }
}
