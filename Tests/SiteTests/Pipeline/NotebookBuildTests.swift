import Diagnostics
import Foundation
import Testing
@testable import Site

/// Lessons with cells, built end to end: cells run, outputs typeset, failures reported.
@Suite struct NotebookBuildTests {
    @Test func everyKindOfCellIsReportedAndTheBuildFails() async throws {
        let folder = try SiteBuilderTests.project("notebook")
        defer { folder.remove() }
        let report = try await SiteBuilderTests.build(folder)
        #expect(!report.wroteSite)
        #expect(!folder.exists("site/cells.html"))
        let problems = report.diagnostics.map { "\($0.location?.description ?? "-") \($0.severity.rawValue) \($0.id)" }
        #expect(problems == [
            "lessons/cells.md:42:1 error cell.unknown-name",
            "lessons/cells.md:47:10 error cell.unexpected-success",
            "lessons/cells.md:53:10 warning cell.unknown-flag",
            "lessons/cells.md:57:38 error cell.unknown-name",
        ])
        #expect(report.cells == 7)
    }

    @Test func keepGoingWritesThePagesWithTheErrorsShown() async throws {
        let folder = try SiteBuilderTests.project("notebook")
        defer { folder.remove() }
        let report = try await SiteBuilderTests.build(folder, keepGoing: true)
        #expect(report.wroteSite)
        try Golden.assertMatches(SiteBuilderTests.pagesAndManifest(folder), named: "notebook")
    }

    @Test func aLessonWhoseCellsWorkBuildsWithoutProblems() async throws {
        let folder = try SiteBuilderTests.project("notebook-ok")
        defer { folder.remove() }
        let report = try await SiteBuilderTests.build(folder)
        // The fixture's <script> is shown as text; that is its only (warning) diagnostic.
        #expect(report.diagnostics.map(\.id) == ["lesson.raw-html"])
        #expect(!report.hasErrors)
        #expect(report.wroteSite)
        let page = try #require(folder.read("site/index.html"))
        // The Jacobian of [3x²y, 2x + y⁸] is a 2×2 matrix of MathML.
        #expect(page.contains("<mtable"))
        #expect(!page.contains("<script>"))
        try Golden.assertMatches(SiteBuilderTests.pagesAndManifest(folder), named: "notebook-ok")
    }
}
