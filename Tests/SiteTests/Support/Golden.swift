import Foundation
import Testing

/// Compares produced files with the expected files committed under `Tests/SiteTests/Golden/`.
///
/// `CALCBOOK_RECORD=1 swift test` rewrites the expected files from the current output; without
/// it, a missing expected file fails the test, as does any difference.
enum Golden {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
    static var isRecording: Bool { ProcessInfo.processInfo.environment["CALCBOOK_RECORD"] == "1" }

    /// Checks that `files` (relative path → bytes) equal the folder `Golden/<name>` exactly:
    /// the same file names and the same bytes.
    static func assertMatches(_ files: [String: Data], named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let folder = testsFolder + "/Golden/" + name
        if isRecording {
            try? FileManager.default.removeItem(atPath: folder)
            for (path, data) in files {
                let url = URL(fileURLWithPath: folder + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            return
        }
        let expected = try expectedFiles(in: folder)
        if expected.isEmpty {
            Issue.record("no golden files in \(folder); run CALCBOOK_RECORD=1 swift test to record them", sourceLocation: sourceLocation)
            return
        }
        #expect(files.keys.sorted() == expected.keys.sorted(), "files differ from Golden/\(name)", sourceLocation: sourceLocation)
        for path in files.keys.sorted() {
            guard let want = expected[path], let got = files[path] else { continue }
            if want != got {
                Issue.record(
                    "Golden/\(name)/\(path) differs (CALCBOOK_RECORD=1 re-records):\n\(firstDifference(String(decoding: want, as: UTF8.self), String(decoding: got, as: UTF8.self)))",
                    sourceLocation: sourceLocation)
            }
        }
    }

    static func expectedFiles(in folder: String) throws -> [String: Data] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [:] }
        var result: [String: Data] = [:]
        for case let item as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[item] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + item))
            }
        }
        return result
    }

    /// The first differing line, expected and actual, so a failure is readable.
    static func firstDifference(_ expected: String, _ actual: String) -> String {
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let got = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(want.count, got.count) {
            let w = index < want.count ? String(want[index]) : "<end of file>"
            let g = index < got.count ? String(got[index]) : "<end of file>"
            if w != g { return "line \(index + 1):\n  expected: \(w)\n  actual:   \(g)" }
        }
        return "(no line differs; line endings or trailing bytes do)"
    }
}
