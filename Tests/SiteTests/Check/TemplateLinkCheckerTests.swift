import Diagnostics
import Foundation
import Testing
import Lesson
@testable import Site

/// The links the theme writes (layout, partials, stylesheets) and `SUMMARY.md`'s fragments:
/// each broken one reported once, at the template or SUMMARY line that writes it.
@Suite struct TemplateLinkCheckerTests {
    /// The `check-templates` fixture: a layout with a misspelt stylesheet and skip-link target,
    /// a stylesheet with a missing image, and a SUMMARY entry with a misspelt fragment.
    static func check() async throws -> (SiteCheckReport, TemporaryFolder) {
        let folder = try SiteBuilderTests.project("check-templates")
        try FileManager.default.copyItem(
            atPath: SiteBuilderTests.fixtures + "/check-templates/templates", toPath: folder.path + "/templates")
        let configuration = SiteConfiguration(root: folder.path, title: "Check", jobs: 2)
        return (try await SiteChecker(configuration: configuration).check(), folder)
    }

    @Test func eachBrokenThemeLinkIsReportedOnceAtItsTemplateLine() async throws {
        let (report, folder) = try await Self.check()
        defer { folder.remove() }
        let found = report.diagnostics.map { "\($0.id) \($0.location.map(\.description) ?? "-")" }
        #expect(found == [
            "link.missing-fragment lessons/SUMMARY.md:4:3",
            "template.broken-link templates/assets/extra.css:2:24",
            "template.broken-link templates/layout.mustache:16:29",
            "template.missing-fragment templates/layout.mustache:19:27",
        ])
    }

    @Test func theReportMatchesTheGoldenFiles() async throws {
        let (report, folder) = try await Self.check()
        defer { folder.remove() }
        let text = TextDiagnosticWriter(sources: report.sources, colored: false).write(report.diagnostics) + report.summary + "\n"
        try Golden.assertMatches([
            "text.txt": Data(text.utf8),
            "json.json": Data(JSONDiagnosticWriter().write(report.diagnostics).utf8),
        ], named: "check-templates")
    }

    @Test func theBuiltInThemeHasNoBrokenLinks() async throws {
        let folder = try SiteBuilderTests.project("tour")
        defer { folder.remove() }
        let report = try await SiteChecker(configuration: SiteConfiguration(root: folder.path, title: "Tour", jobs: 2)).check()
        #expect(!report.diagnostics.contains { $0.id.hasPrefix("template.") })
        // Stylesheets, home link, skip link, and the font the math stylesheet loads.
        #expect(report.templateLinks >= 4)
    }

    @Test func referencesAreReadFromHTMLAndTemplates() {
        let html = #"<a class="x" href="a.html#b">A</a><img src='i.png' alt=x><p id=top>{{>partials/x}}<li{{#c}} class="y"{{/c}}><a href="{{root}}{{href}}">"#
        let found = HTMLReferences.attributes(["href", "src", "id"], in: html).map { "\($0.attribute)=\($0.value)@\($0.column)" }
        #expect(found == ["href=a.html#b@19", "src=i.png@44", "id=top@64", "href={{root}}{{href}}@117"])
        #expect(HTMLReferences.attributes(["href"], in: #"<a href="x?a=1&amp;b=2">"#).map(\.value) == ["x?a=1&b=2"])
        // Comments hide markup; a `{{<parent}}` tag is not an HTML tag.
        #expect(HTMLReferences.attributes(["href"], in: #"<!-- <a href="no"> -->{{<base}} href="no"<a href="yes">"#).map(\.value) == ["yes"])
    }

    @Test func cssURLsAreFoundQuotedOrNotButNotInComments() {
        let css = "/* url(no.png) */ a { b: url( \"q.png\" ); c: url(u.woff2) format(\"woff2\"); d: url('s.svg') }"
        #expect(HTMLReferences.cssURLs(in: css).map(\.value) == ["q.png", "u.woff2", "s.svg"])
    }

    @Test func summaryFragmentsReachTheTableOfContents() throws {
        let (outline, diagnostics) = SummaryParser.parse(LessonSource(
            path: "lessons/SUMMARY.md", text: "- [Shapes](notation.md#shapes)\n- [Whole](notation.md)\n"))
        #expect(diagnostics.isEmpty)
        #expect(outline.allEntries.map(\.fragment) == ["shapes", nil])
        #expect(outline.allEntries.map(\.lesson) == ["notation.md", "notation.md"])
    }
}
