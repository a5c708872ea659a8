import Foundation
import Testing

/// `calcbook preview-worker`, the build worker `preview` starts: one JSON request per line on
/// standard input, progress lines and then one answer per request on standard output, diagnostics and summaries on
/// standard error; the second build after a lesson's edit is incremental.
@Suite struct PreviewWorkerCommandTests {
    @Test(.timeLimit(.minutes(2)))
    func answersEachRequestAndRebuildsAnEditedLessonAlone() throws {
        let project = try ProjectFolder([
            "lessons/index.md": "# Home\n\nFirst words.\n",
            "lessons/part1/a.md": "# Gradients\n\n```swift\nlet x: Scalar\nderivative(of: x^2, wrt: x)\n```\n",
        ])
        defer { project.remove() }
        let cacheHome = project.path + "-cache"
        defer { try? FileManager.default.removeItem(atPath: cacheHome) }
        let process = Process()
        process.executableURL = CalcbookProcess.executable
        process.arguments = ["preview-worker", "--color", "never"]
        process.currentDirectoryURL = URL(fileURLWithPath: project.path)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CACHE_HOME"] = cacheHome
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()

        var pending = Data()
        var progressLines = 0
        /// The answer to one request; the progress lines before it (no `status`) are counted.
        func answer(to changed: [String]) throws -> [String: Any] {
            let request = try JSONSerialization.data(withJSONObject: ["changed": changed.map { project.path + "/" + $0 }])
            try input.fileHandleForWriting.write(contentsOf: request + Data("\n".utf8))
            while true {
                while !pending.contains(UInt8(ascii: "\n")) {
                    let chunk = output.fileHandleForReading.availableData
                    guard !chunk.isEmpty else { break }
                    pending.append(chunk)
                }
                let newline = try #require(pending.firstIndex(of: UInt8(ascii: "\n")))
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[pending.index(after: newline)...])
                let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
                guard object["status"] != nil else {
                    #expect(object["progress"] as? String == "lesson evaluated")
                    progressLines += 1
                    continue
                }
                return object
            }
        }

        let first = try answer(to: [])
        #expect(first["status"] as? Int == 0 && first["kind"] as? String == "whole")
        // The lessons evaluated said so (at most once a second, so one or two lines here).
        #expect((1...2).contains(progressLines))
        #expect(project.read("site/index.html")?.contains("First words.") == true)

        try Data("# Home\n\nSecond words.\n".utf8).write(to: URL(fileURLWithPath: project.path + "/lessons/index.md"))
        let second = try answer(to: ["lessons/index.md"])
        #expect(second["status"] as? Int == 0 && second["kind"] as? String == "lessons")
        #expect(project.read("site/index.html")?.contains("Second words.") == true)

        // The worker ends with its standard input, as when the server goes away.
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(stderr.contains("(whole site; "))
        #expect(stderr.contains("(only the edited lessons; 3 files written)"))
    }
}
