import Diagnostics
import Foundation
import Testing
import Lesson
@testable import Site

/// `calcbook check` on fixture folders: each kind of problem reported once, at its place, in
/// every output format; a clean site passes; nothing is written.
@Suite struct SiteCheckerTests {
    static func check(_ fixture: String) async throws -> (SiteCheckReport, TemporaryFolder) {
        let folder = try SiteBuilderTests.project(fixture)
        let configuration = SiteConfiguration(root: folder.path, title: "Check", jobs: 2)
        return (try await SiteChecker(configuration: configuration).check(), folder)
    }

    @Test func eachLinkProblemIsReportedOnceAtItsLocation() async throws {
        let (report, folder) = try await Self.check("check-problems")
        defer { folder.remove() }
        let found = report.diagnostics.map { "\($0.id) \($0.location.map(\.description) ?? "-")" }
        let expected = [
            "link.broken lessons/problems.md:5:3",
            "link.missing-fragment lessons/problems.md:7:3",
            "link.missing-image lessons/problems.md:9:1",
            "link.outside-lessons lessons/problems.md:11:4",
            "link.malformed-url lessons/problems.md:13:3",
            "math.unknown-command lessons/problems.md:17:18",
            "cell.shape-mismatch lessons/problems.md:27:3",
            "cell.expect-failed lessons/problems.md:31:1",
        ]
        for line in expected {
            #expect(found.filter { $0 == line }.count == 1, "\(line) in \(found)")
        }
        #expect(found.count == expected.count)
        #expect(report.hasErrors)
        // Nothing reported twice.
        #expect(Set(found).count == found.count)
    }

    @Test func theReportMatchesTheGoldenFilesInEveryFormat() async throws {
        let (report, folder) = try await Self.check("check-problems")
        defer { folder.remove() }
        let text = TextDiagnosticWriter(sources: report.sources, colored: false).write(report.diagnostics) + report.summary + "\n"
        try Golden.assertMatches([
            "text.txt": Data(text.utf8),
            "json.json": Data(JSONDiagnosticWriter().write(report.diagnostics).utf8),
            "github.txt": Data(GitHubDiagnosticWriter().write(report.diagnostics).utf8),
            "junit.xml": Data(JUnitWriter(name: "calcbook check").write(report.junitSuites).utf8),
        ], named: "check-problems")
    }

    @Test func everyDiagnosticLandsInExactlyOneJUnitCase() async throws {
        let (report, folder) = try await Self.check("check-problems")
        defer { folder.remove() }
        let suites = report.junitSuites
        let reported = suites.flatMap(\.cases).flatMap(\.problems)
        #expect(reported.sorted(by: Diagnostic.sourceOrder) == report.diagnostics)
        #expect(suites.map(\.name).prefix(2) == ["lessons/problems.md", "lessons/shapes.md"])
        // A passing link is a passing case.
        let shapes = try #require(suites.first { $0.name == "lessons/shapes.md" })
        #expect(shapes.cases.count == 3)
        #expect(shapes.cases.filter { !$0.problems.isEmpty }.isEmpty)
    }

    @Test func aCleanSitePasses() async throws {
        let (report, folder) = try await Self.check("check-clean")
        defer { folder.remove() }
        #expect(report.diagnostics.isEmpty)
        #expect(report.links == 6)
        #expect(report.summary == "Checked 2 lessons, 0 cells, 16 links (34 checks): no problems")
    }

    @Test func theCheckWritesNothing() async throws {
        let folder = try SiteBuilderTests.project("check-problems")
        defer { folder.remove() }
        let before = folder.snapshot(of: "")
        _ = try await SiteChecker(configuration: SiteConfiguration(root: folder.path)).check()
        #expect(folder.snapshot(of: "") == before)
        #expect(!folder.exists("site"))
    }

    @Test func linksAreClassifiedRelativeToTheirLesson() {
        func classify(_ destination: String, from lesson: String = "part/a.md") -> String {
            let link = LessonLink(
                destination: destination, rewrittenDestination: destination, isImage: false,
                location: SourceLocation(file: "x", line: 1, column: 1))
            switch ClassifiedLink(link, from: lesson) {
            case let .external(_, scheme): return "external \(scheme)"
            case .siteAbsolute: return "absolute"
            case let .samePage(_, fragment): return "same #\(fragment)"
            case let .relative(_, path, fragment): return "relative \(path)" + (fragment.map { " #\($0)" } ?? "")
            case .escaping: return "escaping"
            }
        }
        #expect(classify("b.md#x%20y") == "relative part/b.md #x y")
        #expect(classify("../c.md") == "relative c.md")
        #expect(classify("../../c.md") == "escaping")
        #expect(classify("#top") == "same #top")
        #expect(classify("HTTPS://example.org") == "external https")
        #expect(classify("/about.html") == "absolute")
    }
}
