import Foundation
import Testing

/// `calcbook build` with the lesson cache, as a user sees it: the summary says what came from
/// the cache, `--no-cache` evaluates everything, and `check` reads but never writes the cache.
@Suite struct BuildCacheCommandTests {
    static let lesson = "# Shapes\n\n```swift\nlet x: Vector<3>\ngradient(of: sum(x), wrt: x)\n```\n"

    @Test func aSecondBuildTakesTheLessonFromTheCacheUnlessToldNotTo() throws {
        let project = try ProjectFolder(["lessons/shapes.md": Self.lesson])
        let cache = FileManager.default.temporaryDirectory.path + "/calcbook-cli-cache-test-" + UUID().uuidString
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: cache)
        }
        let first = try CalcbookProcess.run(["build", "--cache-dir", cache], in: project.path)
        #expect(first.status == 0)
        #expect(first.standardError == "Built 3 pages (1 cell run) into site/\n")
        let page = project.read("site/shapes.html")

        let second = try CalcbookProcess.run(["build", "--cache-dir", cache], in: project.path)
        #expect(second.standardError == "Built 3 pages (1 lesson from cache) into site/\n")
        #expect(project.read("site/shapes.html") == page)

        let bypassed = try CalcbookProcess.run(["build", "--cache-dir", cache, "--no-cache"], in: project.path)
        #expect(bypassed.standardError == "Built 3 pages (1 cell run) into site/\n")
        // Nothing of the cache in the project.
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path).sorted() == ["lessons", "site"])
    }

    @Test func checkDoesNotCreateTheCache() throws {
        let project = try ProjectFolder(["lessons/shapes.md": Self.lesson])
        let cache = FileManager.default.temporaryDirectory.path + "/calcbook-cli-cache-test-" + UUID().uuidString
        defer {
            project.remove()
            try? FileManager.default.removeItem(atPath: cache)
        }
        let result = try CalcbookProcess.run(["check", "--cache-dir", cache], in: project.path)
        #expect(result.status == 0)
        #expect(!FileManager.default.fileExists(atPath: cache))
    }

    @Test func verboseSaysWhenTheCacheCannotBeWritten() throws {
        let project = try ProjectFolder(["lessons/shapes.md": Self.lesson, "not-a-folder": "x"])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build", "--verbose", "--cache-dir", project.path + "/not-a-folder"], in: project.path)
        #expect(result.status == 0)
        #expect(result.standardError.hasPrefix("warning: cannot create the lesson cache folder"))
        #expect(result.standardError.hasSuffix("Built 3 pages (1 cell run) into site/\n"))
    }
}
