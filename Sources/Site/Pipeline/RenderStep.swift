import Diagnostics
import Lesson
import Mustache

/// Step 4, **render**: every page through the theme's layout, plus the theme's assets and the
/// files lessons link to. The result is the whole site in memory, in a fixed order.
struct RenderStep {
    var configuration: SiteConfiguration
    var theme: Theme

    func run(lessons: [SiteLesson], navigation: SiteNavigation, diagnostics: [Diagnostic]) throws(SiteBuildFailure) -> [SiteFile] {
        let context = PageContext(configuration: configuration, navigation: navigation)
        var toc = TableOfContents(outline: navigation.outline, configuration: configuration, theme: theme)
        var files: [SiteFile] = []
        for lesson in lessons {
            let shown = lesson.file.source.path
            let values = try withTableOfContents(context.values(
                outputPath: lesson.outputPath,
                title: lesson.rendered.title,
                description: lesson.rendered.description,
                body: lesson.rendered.bodyHTML,
                isHome: lesson.outputPath == "index.html",
                tocSections: try toc.sections(for: lesson.outputPath, currentLesson: lesson.file.relativePath),
                // Errors only: a page is written with errors only under --keep-going, which
                // its problem list says; warnings are for the author, in the build output.
                diagnostics: diagnostics.filter { $0.location?.file == shown && $0.severity == .error }))
            var page = values
            if configuration.writesNotebooks {
                let notebook = SitePath.link(from: lesson.outputPath, to: NotebookFile.path(forLesson: lesson.file.relativePath))
                page = Self.setting(page: ["notebook": notebook], in: values)
            }
            files.append(SiteFile(path: lesson.outputPath, text: try render("layout", page)))
        }
        if configuration.hasSearch { files.append(try searchPage(context: context, toc: &toc)) }
        if navigation.home.lesson == nil {
            // The contents page lists every lesson (its body sees the whole table of contents
            // expanded); its navigation is folded like every other page's.
            func values(expandingAll: Bool) throws(SiteBuildFailure) -> [String: Any] {
                try withTableOfContents(context.values(
                    outputPath: "index.html", title: navigation.home.title, description: nil, body: "", isHome: true,
                    tocSections: try toc.sections(for: "index.html", currentLesson: nil, expandingAll: expandingAll),
                    diagnostics: []))
            }
            var page = try values(expandingAll: false)
            var pageValues = page["page"] as? [String: Any] ?? [:]
            pageValues["body"] = try render("contents", try values(expandingAll: true))
            page["page"] = pageValues
            files.append(SiteFile(path: "index.html", text: try render("layout", page)))
        }
        return files + theme.assets
    }

    /// `search.html`: the layout around `search.mustache`, the one page with a script.
    private func searchPage(context: PageContext, toc: inout TableOfContents) throws(SiteBuildFailure) -> SiteFile {
        let path = SearchIndex.pagePath
        var values = try withTableOfContents(context.values(
            outputPath: path, title: "Search", description: nil, body: "", isHome: false,
            tocSections: try toc.sections(for: path, currentLesson: nil), diagnostics: []))
        values = Self.setting(page: ["isSearch": true, "noindex": true], in: values)
        values = Self.setting(page: ["body": try render("search", values)], in: values)
        return SiteFile(path: path, text: try render("layout", values))
    }

    /// `values` with `page.<key>` set for each entry of `page`.
    private static func setting(page entries: [String: Any], in values: [String: Any]) -> [String: Any] {
        var values = values
        var page = values["page"] as? [String: Any] ?? [:]
        for (key, value) in entries { page[key] = value }
        values["page"] = page
        return values
    }

    /// Renders `partials/toc` once per page into `toc.html`, which the layout places once (a
    /// sidebar on wide screens, below the lesson on a phone). Its entries come pre-rendered
    /// (see `TableOfContents`).
    private func withTableOfContents(_ values: [String: Any]) throws(SiteBuildFailure) -> [String: Any] {
        var values = values
        var toc = values["toc"] as? [String: Any] ?? [:]
        var html = try render("partials/toc", values)
        // The layout puts the tag on a line of its own; a partial ends with its own newline.
        while html.hasSuffix("\n") { html.removeLast() }
        toc["html"] = html
        values["toc"] = toc
        return values
    }

    private func render(_ template: String, _ values: [String: Any]) throws(SiteBuildFailure) -> String {
        guard let html = theme.library.render(values, withTemplate: template) else {
            throw SiteBuildFailure(Diagnostic(
                id: "templates.missing-layout", message: "there is no \(template).mustache template", location: nil))
        }
        return html
    }
}
