import Diagnostics

/// The table-of-contents values of every page, with each entry rendered once per folder.
///
/// Every page lists every lesson, so rendering the whole list through `partials/toc-item` for
/// each page cost lessons² entry renders: for 200 lessons, 40,000, two thirds of a debug build.
/// But an entry's HTML depends only on the folder of the page showing it (its relative link)
/// and on whether it holds the page being shown. So each top-level entry is rendered once per
/// folder with nothing current, and each page renders again only the top-level entry (with its
/// children) that holds the page; `partials/toc` places a section's entries as `itemsHTML`.
///
/// `partials/toc-item` therefore sees the entry, its section's `caption`, `root` and `site`,
/// not `page.*` (it is shared by the pages of a folder). The structured `items` stay in the
/// values for a `partials/toc` that lays entries out itself.
struct TableOfContents {
    var outline: SiteOutline
    var configuration: SiteConfiguration
    var theme: Theme
    /// Per folder of the site: each section's entries with nothing current, as values and HTML.
    private var folders: [String: [RenderedSection]] = [:]
    /// Per section, per top-level entry: the lessons in it and below it.
    private let lessonsBelow: [[Set<String>]]

    private struct RenderedSection {
        var items: [[String: Any]]
        var html: [String]
    }

    init(outline: SiteOutline, configuration: SiteConfiguration, theme: Theme) {
        self.outline = outline
        self.configuration = configuration
        self.theme = theme
        func lessons(_ entry: SiteOutline.Entry) -> Set<String> {
            entry.children.reduce(into: Set(entry.lesson.map { [$0] } ?? [])) { $0.formUnion(lessons($1)) }
        }
        lessonsBelow = outline.sections.map { $0.entries.map(lessons) }
    }

    /// `toc.sections` for the page at `outputPath`, with `currentLesson`'s entries marked.
    mutating func sections(for outputPath: String, currentLesson: String?) throws(SiteBuildFailure) -> [[String: Any]] {
        let folder = SitePath.directory(of: outputPath)
        let plain: [RenderedSection]
        if let known = folders[folder] {
            plain = known
        } else {
            plain = try outline.sections.map { section throws(SiteBuildFailure) in
                let items = section.entries.map { item($0, from: outputPath, currentLesson: nil) }
                return RenderedSection(
                    items: items,
                    html: try items.map { values throws(SiteBuildFailure) in try render(values, section: section, outputPath: outputPath) })
            }
            folders[folder] = plain
        }
        var result: [[String: Any]] = []
        for (sectionIndex, section) in outline.sections.enumerated() {
            var rendered = plain[sectionIndex]
            if let currentLesson {
                for (index, entry) in section.entries.enumerated() where lessonsBelow[sectionIndex][index].contains(currentLesson) {
                    rendered.items[index] = item(entry, from: outputPath, currentLesson: currentLesson)
                    rendered.html[index] = try render(rendered.items[index], section: section, outputPath: outputPath)
                }
            }
            var values: [String: Any] = ["items": rendered.items, "itemsHTML": rendered.html.joined()]
            if let caption = section.caption { values["caption"] = caption }
            result.append(values)
        }
        return result
    }

    private func item(_ entry: SiteOutline.Entry, from outputPath: String, currentLesson: String?) -> [String: Any] {
        var values: [String: Any] = [
            "title": entry.title,
            "isCurrent": entry.lesson != nil && entry.lesson == currentLesson,
            "hasChildren": !entry.children.isEmpty,
            "children": entry.children.map { item($0, from: outputPath, currentLesson: currentLesson) },
        ]
        if let lesson = entry.lesson {
            let page = SitePath.link(from: outputPath, to: SitePath.pagePath(forLesson: lesson))
            values["href"] = entry.fragment.map { page + "#" + $0 } ?? page
        }
        return values
    }

    /// One top-level entry through `partials/toc-item`, in the context a page would give it:
    /// the entry's values first, then its section's, then the folder-wide ones.
    private func render(_ item: [String: Any], section: SiteOutline.Section, outputPath: String) throws(SiteBuildFailure) -> String {
        var context: [String: Any] = [
            "site": ["title": configuration.title, "baseURL": configuration.baseURL] as [String: Any],
            "root": SitePath.rootPrefix(from: outputPath),
        ]
        if let caption = section.caption { context["caption"] = caption }
        context.merge(item) { _, entry in entry }
        guard let html = theme.library.render(context, withTemplate: Self.itemTemplate) else {
            throw SiteBuildFailure(Diagnostic(
                id: "templates.missing-layout", message: "there is no \(Self.itemTemplate).mustache template", location: nil))
        }
        return html
    }

    static let itemTemplate = "partials/toc-item"
}
