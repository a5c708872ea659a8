import Foundation
import Testing
@testable import Site

@Suite struct ThemeTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The binary's built-in theme must be exactly the repository's templates/ folder.
    @Test func builtInThemeMatchesTheTemplatesFolder() throws {
        let folder = Self.packageRoot + "/templates"
        var onDisk = ThemeFiles(files: [:])
        try onDisk.overlay(folder: folder, shownAs: "templates")
        let builtIn = ThemeFiles.builtIn()
        #expect(
            builtIn.files.keys.sorted() == onDisk.files.keys.sorted(),
            "templates/ changed: run scripts/embed-default-theme")
        for (path, file) in onDisk.files {
            #expect(builtIn.files[path]?.contents == file.contents, "templates/\(path) changed: run scripts/embed-default-theme")
        }
    }

    @Test func aProjectWithoutTemplatesGetsTheBuiltInTheme() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let theme = try ThemeLoader.load(SiteConfiguration(root: folder.path))
        #expect(theme.library.getTemplate(named: "layout") != nil)
        #expect(theme.library.getTemplate(named: "partials/toc") != nil)
        let assets = theme.assets.map(\.path)
        #expect(assets.contains("assets/style.css"))
        #expect(assets.contains("assets/fonts/latinmodern-math.otf"))
        #expect(assets.contains("assets/fonts/GUST-FONT-LICENSE.txt"))
    }

    @Test func aProjectOverridesSingleFiles() throws {
        let folder = try TemporaryFolder([
            "templates/partials/navigation.mustache": "<nav>mine</nav>",
            "templates/assets/style.css": "body { color: red }",
            "templates/assets/extra.js": "// extra",
        ])
        defer { folder.remove() }
        let theme = try ThemeLoader.load(SiteConfiguration(root: folder.path))
        #expect(theme.library.render([String: Any](), withTemplate: "partials/navigation") == "<nav>mine</nav>")
        #expect(theme.library.getTemplate(named: "layout") != nil, "the built-in layout fills in")
        let style = theme.assets.first { $0.path == "assets/style.css" }
        #expect(style.map { String(decoding: $0.contents, as: UTF8.self) } == "body { color: red }")
        #expect(theme.assets.contains { $0.path == "assets/extra.js" })
    }

    @Test func anUnknownPartialIsAnErrorAtItsPosition() throws {
        let folder = try TemporaryFolder(["templates/layout.mustache": "<html>\n  {{> partials/sidebar }}\n</html>"])
        defer { folder.remove() }
        #expect {
            _ = try ThemeLoader.load(SiteConfiguration(root: folder.path))
        } throws: { error in
            let diagnostics = (error as? SiteBuildFailure)?.diagnostics ?? []
            return diagnostics.map(\.id) == ["templates.unknown-partial"]
                && diagnostics.first?.location?.description == "templates/layout.mustache:2:3"
                && diagnostics.first?.message == "template 'layout' uses 'partials/sidebar', but there is no partials/sidebar.mustache"
        }
    }

    @Test func aTemplateThatDoesNotParseIsAnErrorAtItsPosition() throws {
        let folder = try TemporaryFolder(["templates/layout.mustache": "<html>\n{{#page}}\n</html>"])
        defer { folder.remove() }
        #expect {
            _ = try ThemeLoader.load(SiteConfiguration(root: folder.path))
        } throws: { error in
            let diagnostics = (error as? SiteBuildFailure)?.diagnostics ?? []
            return diagnostics.map(\.id) == ["templates.syntax"]
                && diagnostics.first?.location?.file == "templates/layout.mustache"
        }
    }

    @Test func aNamedTemplatesFolderMustExist() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect {
            _ = try ThemeLoader.load(SiteConfiguration(root: folder.path, templates: "theme"))
        } throws: { error in
            (error as? SiteBuildFailure)?.diagnostics.map(\.message) == ["the templates folder 'theme' does not exist"]
        }
    }
}
