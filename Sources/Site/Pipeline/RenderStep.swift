import Foundation
import Diagnostics
import Lesson
import Mustache

/// Step 4, **render**: every page through the theme's layout, plus the theme's assets and the
/// files lessons link to. The result is the whole site in memory, in a fixed order.
struct RenderStep {
    var configuration: SiteConfiguration
    var theme: Theme

    func run(lessons: [SiteLesson], navigation: SiteNavigation, diagnostics: [Diagnostic]) throws(SiteBuildFailure) -> [SiteFile] {
        let errors = Self.errorsByFile(diagnostics)
        let pages = try lessonPages(lessons[...], navigation: navigation, errors: errors)
        return try pages + otherPages(navigation: navigation)
    }

    /// The same pages as `run`, the lessons' pages rendered `jobs` slices at a time: each slice
    /// of consecutive lessons with its own table of contents (whose per-folder renderings a
    /// slice mostly shares, lessons of a folder being neighbours), so no state is shared.
    /// Without `otherPages`, only the lessons' pages (preview's incremental build, when the
    /// navigation the other pages show is unchanged).
    func run(
        lessons: [SiteLesson], navigation: SiteNavigation, diagnostics: [Diagnostic], jobs: Int, otherPages includesOtherPages: Bool = true,
        made: (@Sendable ([SiteFile]) -> Void)? = nil
    ) async throws(SiteBuildFailure) -> [SiteFile] {
        let errors = Self.errorsByFile(diagnostics)
        let step = self
        // `nil`: `search.html`, the contents pages and the assets, first so that they do not
        // wait for the lessons' pages alone on one core.
        let work: [Range<Int>?] = (includesOtherPages ? [nil] : []) + Self.slices(lessons.count, jobs: jobs)
        let rendered = await ParseStep.renderConcurrently(work, jobs: jobs) { range -> Result<[SiteFile], SiteBuildFailure> in
            do throws(SiteBuildFailure) {
                let files = if let range {
                    try step.lessonPages(lessons[range], navigation: navigation, errors: errors)
                } else {
                    try step.otherPages(navigation: navigation)
                }
                made?(files)
                return .success(files)
            } catch {
                return .failure(error)
            }
        }
        var files: [SiteFile] = []
        files.reserveCapacity(lessons.count + 2 + theme.assets.count)
        // The first failure in lesson order, then the other pages', as the serial loop would have thrown it.
        for slice in rendered.dropFirst(includesOtherPages ? 1 : 0) { files += try slice.get() }
        return try files + (includesOtherPages ? rendered[0].get() : [])
    }

    /// Consecutive ranges covering `0..<count`: a few per job, so a slice of long lessons does
    /// not leave the other cores idle at the end.
    static func slices(_ count: Int, jobs: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let wanted = max(1, jobs) == 1 ? 1 : max(1, jobs) * 4
        let size = max(1, (count + wanted - 1) / wanted)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }

    /// Each lesson's errors by its file, in the order given (a page lists its own).
    private static func errorsByFile(_ diagnostics: [Diagnostic]) -> [String: [Diagnostic]] {
        var errors: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics where diagnostic.severity == .error {
            guard let file = diagnostic.location?.file else { continue }
            errors[file, default: []].append(diagnostic)
        }
        return errors
    }

    /// The pages of `lessons`, in their order.
    private func lessonPages(
        _ lessons: ArraySlice<SiteLesson>, navigation: SiteNavigation, errors: [String: [Diagnostic]]
    ) throws(SiteBuildFailure) -> [SiteFile] {
        let context = PageContext(configuration: configuration, navigation: navigation)
        var toc = TableOfContents(navigation: navigation, configuration: configuration, theme: theme)
        var files: [SiteFile] = []
        files.reserveCapacity(lessons.count)
        for lesson in lessons {
            let shown = lesson.file.source.path
            let navigation = try toc.navigation(for: lesson.outputPath, currentLesson: lesson.file.relativePath)
            func page(body: String) throws(SiteBuildFailure) -> String {
                let values = try withTableOfContents(context.values(
                    outputPath: lesson.outputPath,
                    title: lesson.rendered.title,
                    description: lesson.rendered.description,
                    body: body,
                    isHome: lesson.outputPath == "index.html",
                    tocSections: navigation.sections,
                    // Errors only: a page is written with errors only under --keep-going, which
                    // its problem list says; warnings are for the author, in the build output.
                    diagnostics: errors[shown] ?? []), html: navigation.html)
                var page = values
                if configuration.writesNotebooks {
                    let notebook = SitePath.link(from: lesson.outputPath, to: NotebookFile.path(forLesson: lesson.file.relativePath))
                    page = Self.setting(page: ["notebook": notebook], in: values)
                }
                return try render("layout", page)
            }
            let body = lesson.rendered.bodyHTML
            if body.utf8.count >= Self.splicedBodyBytes,
               let file = Self.spliced(body, into: try page(body: Self.bodyMark), path: lesson.outputPath) {
                files.append(file)
                continue
            }
            files.append(SiteFile(path: lesson.outputPath, text: try page(body: body)))
        }
        return files
    }

    /// From this size of a lesson's HTML on, its page is the layout rendered around
    /// `bodyMark` with the HTML put in the mark's place (`spliced`), rather than the layout
    /// rendered around the HTML: the template engine's output grew by doubling to the 45 MB
    /// page of the 10 MB lesson and was then copied into the file's bytes, 140 MB at once.
    static let splicedBodyBytes = 1 << 20

    /// What stands for the body while the layout is rendered: characters that no rendering
    /// of a lesson's layout writes by itself, and that HTML escaping would change (`<`, `&`).
    static let bodyMark = "\u{1}calcbook<page-body>&\u{1}"

    /// `layout` (the layout rendered around `bodyMark`) as a file with `body` in the mark's
    /// place; `nil` unless the mark occurs exactly once (a layout that escapes the body, shows
    /// it twice or not at all is then rendered around the body itself).
    static func spliced(_ body: String, into layout: String, path: String) -> SiteFile? {
        guard let mark = layout.range(of: bodyMark), layout[mark.upperBound...].range(of: bodyMark) == nil else { return nil }
        let before = layout[..<mark.lowerBound].utf8, after = layout[mark.upperBound...].utf8
        var bytes = Data(capacity: before.count + body.utf8.count + after.count)
        bytes.append(contentsOf: before)
        if body.utf8.withContiguousStorageIfAvailable({ bytes.append($0) }) == nil { bytes.append(contentsOf: body.utf8) }
        bytes.append(contentsOf: after)
        return SiteFile(path: path, contents: bytes)
    }

    /// `search.html`, the generated contents page when no lesson is the home page, each
    /// part's contents page, and the theme's assets (also what `check` reads their ids from).
    func otherPages(navigation: SiteNavigation) throws(SiteBuildFailure) -> [SiteFile] {
        let context = PageContext(configuration: configuration, navigation: navigation)
        var toc = TableOfContents(navigation: navigation, configuration: configuration, theme: theme)
        var files: [SiteFile] = []
        if configuration.hasSearch { files.append(try searchPage(context: context, toc: &toc)) }
        if navigation.home.lesson == nil {
            // The contents page lists the parts (each a link to its own contents page) and
            // the lessons outside any part; its navigation is folded like every other page's.
            var page = try withTableOfContents(context.values(
                outputPath: "index.html", title: navigation.home.title, description: nil, body: "", isHome: true,
                tocSections: try toc.sections(for: "index.html", currentLesson: nil), diagnostics: []))
            page["contents"] = ["sections": try toc.contentsSections(for: "index.html")] as [String: Any]
            page = Self.setting(page: ["body": try render("contents", page)], in: page)
            files.append(SiteFile(path: "index.html", text: try render("layout", page)))
        }
        for case let part? in navigation.parts {
            files.append(try partPage(part, context: context, toc: &toc))
        }
        return files + theme.assets
    }

    /// A part's contents page: the layout around `part.mustache`, which lists the part's
    /// lessons with every child; the sidebar shows the part expanded, its caption current.
    private func partPage(_ part: PartPage, context: PageContext, toc: inout TableOfContents) throws(SiteBuildFailure) -> SiteFile {
        let path = part.outputPath
        // Section by section, as a lesson's page (`TableOfContents.navigation`).
        let navigation = try toc.navigation(for: path, currentLesson: nil, currentPart: part.section)
        var values = try withTableOfContents(context.values(
            outputPath: path, title: part.title, description: nil, body: "", isHome: false,
            tocSections: navigation.sections, diagnostics: [],
            neighbours: context.neighbours(ofPart: part)), html: navigation.html)
        values["part"] = [
            "title": part.title, "lessonCount": TableOfContents.lessonCountText(part.lessonCount),
            "itemsHTML": try toc.expandedItemsHTML(part.section, for: path),
        ] as [String: Any]
        values = Self.setting(page: ["body": try render("part", values)], in: values)
        return SiteFile(path: path, text: try render("layout", values))
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
    /// sidebar on wide screens, below the lesson on a phone), unless `html` is that rendering
    /// already (`TableOfContents.navigation`). Its entries come pre-rendered (see `TableOfContents`).
    private func withTableOfContents(_ values: [String: Any], html rendered: String? = nil) throws(SiteBuildFailure) -> [String: Any] {
        var values = values
        var toc = values["toc"] as? [String: Any] ?? [:]
        var html: String
        if let rendered {
            html = rendered
        } else {
            html = try render("partials/toc", values)
        }
        // The layout puts the tag on a line of its own; a partial ends with its own newline.
        while html.hasSuffix("\n") { html.removeLast() }
        toc["html"] = html
        values["toc"] = toc
        return values
    }

    private func render(_ template: String, _ values: [String: Any]) throws(SiteBuildFailure) -> String {
        if template == "layout", BuiltInLayoutHTML.isBuiltIn(theme), let html = BuiltInLayoutHTML.html(values) { return html }
        guard let html = theme.library.render(values, withTemplate: template) else {
            throw SiteBuildFailure(Diagnostic(
                id: "templates.missing-layout", message: "there is no \(template).mustache template", location: nil))
        }
        return html
    }
}
