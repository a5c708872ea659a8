import Foundation
import Testing
@testable import Site

/// `preview`'s builds after an edit redo only the edited lessons, yet must leave exactly the
/// site a whole build would write.
@Suite struct IncrementalSiteBuilderTests {
    static let lessons: [String: String] = [
        "lessons/SUMMARY.md": """
            # Summary

            # First

            - [A](a.md)
            - [B](b.md)

            # Second

            - [C](two/c.md)

            """,
        "lessons/a.md": "# A\n\nSee [B](b.md).\n\n```swift\nlet x: Scalar\nderivative(of: x^3, wrt: x)\n```\n",
        "lessons/b.md": "# B\n\nText with ~~strike~~ and www.example.com.\n",
        "lessons/two/c.md": "# C\n\nBack to [A](../a.md#a).\n",
    ]

    static func configuration(_ folder: TemporaryFolder, output: String = "site") -> SiteConfiguration {
        var configuration = SiteConfiguration(root: folder.path, title: "Tour", jobs: 2, keepGoing: true)
        configuration.output = output
        return configuration
    }

    /// The incremental site, and the site a whole build of the same lessons writes.
    static func sites(_ folder: TemporaryFolder) async throws -> (incremental: [String: Data], whole: [String: Data]) {
        _ = try await SiteBuilder(configuration: configuration(folder, output: "whole")).build()
        return (folder.snapshot(of: "site"), folder.snapshot(of: "whole"))
    }

    @Test func anEditedBodyRebuildsOnlyItsLessonAndGivesTheWholeBuildsSite() async throws {
        let folder = try TemporaryFolder(Self.lessons)
        defer { folder.remove() }
        var builder = IncrementalSiteBuilder(configuration: Self.configuration(folder))
        _ = try await builder.build(configuration: Self.configuration(folder), changedFiles: [])
        #expect(builder.lastKind == .whole)

        try folder.write("lessons/b.md", "# B\n\nNew text, ~~still struck~~.\n\n```swift\nlet y: Scalar\nderivative(of: y^2, wrt: y)\n```\n")
        let report = try await builder.build(configuration: Self.configuration(folder), changedFiles: [folder.path + "/lessons/b.md"])
        #expect(builder.lastKind == .incremental(lessons: 1, pages: 1))
        #expect(report.wroteSite && report.cells == 1)
        let (incremental, whole) = try await Self.sites(folder)
        #expect(incremental == whole)
        #expect(String(decoding: incremental["b.html"] ?? Data(), as: UTF8.self).contains("New text"))
    }

    @Test func aNewTitleRendersEveryPageAgain() async throws {
        let folder = try TemporaryFolder(Self.lessons)
        defer { folder.remove() }
        var builder = IncrementalSiteBuilder(configuration: Self.configuration(folder))
        _ = try await builder.build(configuration: Self.configuration(folder), changedFiles: [])
        // Without SUMMARY.md the titles come from the lessons, so every page's table of contents changes.
        try FileManager.default.removeItem(atPath: folder.path + "/lessons/SUMMARY.md")
        _ = try await builder.build(configuration: Self.configuration(folder), changedFiles: [folder.path + "/lessons/SUMMARY.md"])
        #expect(builder.lastKind == .whole)

        try folder.write("lessons/two/c.md", "# C, renamed\n\nBack to [A](../a.md#a).\n")
        _ = try await builder.build(configuration: Self.configuration(folder), changedFiles: [folder.path + "/lessons/two/c.md"])
        #expect(builder.lastKind == .incremental(lessons: 1, pages: 3))
        let (incremental, whole) = try await Self.sites(folder)
        #expect(incremental == whole)
        // b.html shows it as its next lesson.
        #expect(String(decoding: incremental["b.html"] ?? Data(), as: UTF8.self).contains("C, renamed"))
    }

    @Test func anAddedLessonOrAChangedSummaryIsAWholeBuild() async throws {
        let folder = try TemporaryFolder(Self.lessons)
        defer { folder.remove() }
        var builder = IncrementalSiteBuilder(configuration: Self.configuration(folder))
        _ = try await builder.build(configuration: Self.configuration(folder), changedFiles: [])
        try folder.write("lessons/d.md", "# D\n")
        _ = try await builder.build(configuration: Self.configuration(folder), changedFiles: [folder.path + "/lessons/d.md"])
        #expect(builder.lastKind == .whole)
        #expect(folder.exists("site/d.html"))

        try folder.write("lessons/SUMMARY.md", "# Summary\n\n- [C](two/c.md)\n- [A](a.md)\n- [B](b.md)\n- [D](d.md)\n")
        _ = try await builder.build(configuration: Self.configuration(folder), changedFiles: [folder.path + "/lessons/SUMMARY.md"])
        #expect(builder.lastKind == .whole)
        let (incremental, whole) = try await Self.sites(folder)
        #expect(incremental == whole)
    }
}
