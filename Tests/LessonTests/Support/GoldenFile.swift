import Foundation
import Testing

/// Expected output kept in a file beside the tests (Tests/LessonTests/Golden/…).
/// `CALCBOOK_RECORD=1 swift test` writes the current output instead of comparing;
/// a missing golden file fails, so a forgotten recording cannot pass silently.
enum GoldenFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL { folder.appendingPathComponent(relativePath) }

    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: url(relativePath), encoding: .utf8)
    }

    static func assertMatches(_ actual: String, golden relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let file = url(relativePath)
        if ProcessInfo.processInfo.environment["CALCBOOK_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing golden file \(relativePath); record it with CALCBOOK_RECORD=1 swift test", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "differs from \(relativePath) (CALCBOOK_RECORD=1 re-records)", sourceLocation: sourceLocation)
    }
}
