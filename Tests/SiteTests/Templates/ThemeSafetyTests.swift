import Diagnostics
import Foundation
import Testing
@testable import Site

/// A theme reads nothing outside its folder, and a template that includes itself is an error
/// rather than a stack overflow.
@Suite struct ThemeSafetyTests {
    @Test func symbolicLinksLeavingTheTemplatesFolderAreIgnoredWithAWarning() async throws {
        let folder = try TemporaryFolder([
            "lessons/index.md": "# Home\n",
            "secret/passwd": "root:x:0:0:SECRET",
            "templates/partials/shared.mustache": "<p>inside</p>",
        ])
        defer { folder.remove() }
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder.path + "/templates/assets", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: folder.path + "/templates/partials/x.mustache", withDestinationPath: folder.path + "/secret/passwd")
        try manager.createSymbolicLink(atPath: folder.path + "/templates/assets/passwd", withDestinationPath: folder.path + "/secret/passwd")
        try manager.createSymbolicLink(atPath: folder.path + "/templates/assets/secret", withDestinationPath: folder.path + "/secret")
        // A link that stays inside the folder is fine.
        try manager.createSymbolicLink(atPath: folder.path + "/templates/partials/alias.mustache", withDestinationPath: "shared.mustache")

        let configuration = SiteConfiguration(root: folder.path, jobs: 1)
        let theme = try ThemeLoader.load(configuration)
        #expect(theme.warnings.map(\.message) == [
            "'templates/assets/passwd' is a symbolic link to a place outside the templates folder; it is ignored",
            "'templates/assets/secret' is a symbolic link to a place outside the templates folder; it is ignored",
            "'templates/partials/x.mustache' is a symbolic link to a place outside the templates folder; it is ignored",
        ])
        #expect(theme.library.getTemplate(named: "partials/x") == nil)
        #expect(theme.library.getTemplate(named: "partials/alias") != nil)

        let report = try await SiteBuilder(configuration: configuration).build()
        #expect(report.diagnostics.map(\.id) == Array(repeating: "templates.link-outside", count: 3))
        #expect(report.wroteSite)
        for file in folder.files(under: "site") {
            #expect(folder.read("site/" + file)?.contains("SECRET") != true, "\(file)")
        }
    }

    static func loadTheme(_ templates: [String: String]) throws -> Result<Theme, SiteBuildFailure> {
        var files: [String: String] = [:]
        for (name, text) in templates { files["templates/" + name] = text }
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        do {
            return .success(try ThemeLoader.load(SiteConfiguration(root: folder.path)))
        } catch {
            return .failure(error)
        }
    }

    static func errors(_ templates: [String: String]) throws -> [Diagnostic] {
        if case .failure(let failure) = try loadTheme(templates) { return failure.diagnostics }
        return []
    }

    @Test func aPartialThatIncludesItselfIsATemplateError() throws {
        let errors = try Self.errors(["partials/x.mustache": "before\n  {{> partials/x}}\n"])
        #expect(errors.map(\.id) == ["templates.recursive-partial"])
        #expect(errors.first?.message == "template 'partials/x' includes itself, so it would never finish rendering")
        #expect(errors.first?.location == SourceLocation(file: "templates/partials/x.mustache", line: 2, column: 3))
    }

    @Test func aCycleThroughOtherPartialsSectionsAndNewDelimitersIsFound() throws {
        let errors = try Self.errors([
            "partials/a.mustache": "{{#page}}{{>partials/b}}{{/page}}",
            "partials/b.mustache": "{{=<% %>=}}<%^x%><%> partials/a %><%/x%>",
        ])
        #expect(errors.map(\.id) == ["templates.recursive-partial"])
        #expect(errors.first?.message == "template 'partials/a' includes itself through 'partials/b', so it would never finish rendering")
        #expect(errors.first?.location?.file == "templates/partials/b.mustache")
    }

    @Test func aParentThatInheritsFromItselfIsATemplateError() throws {
        #expect(try Self.errors(["layout.mustache": "{{<layout}}{{$body}}x{{/body}}{{/layout}}"]).map(\.id) == ["templates.recursive-partial"])
    }

    @Test func aPartialNamedAtRenderTimeIsRefused() throws {
        let errors = try Self.errors(["partials/x.mustache": "{{>*page.title}}"])
        #expect(errors.map(\.id) == ["templates.dynamic-partial"])
    }

    @Test func nestedEntriesMayIncludeTheirOwnPartial() throws {
        // The built-in toc-item does exactly this; the built-in theme loads.
        guard case .success = try Self.loadTheme(["partials/item.mustache": "<li>{{#children}}{{>partials/item}}{{/children}}</li>"]) else {
            Issue.record("a partial recursing into {{#children}} was refused")
            return
        }
    }
}
