import Diagnostics

/// The values a page template sees, as Mustache wants them: dictionaries, arrays, strings,
/// booleans. Documented here because a site's own templates depend on these names.
///
/// ```
/// site.title, site.baseURL, site.hasSearch (the search box; off with `search = false`)
/// page.title, page.description?, page.body (HTML: use {{{page.body}}}), page.path,
///   page.notebook? (link to the lesson's .ipynb; absent with `notebooks = false` and on the
///   generated contents page), page.isSearch (search.html), page.noindex,
///   page.canonicalURL?, page.isHome, page.hasDiagnostics, page.diagnostics[location, severity, message]
/// root                 "../" per folder level: prefix for links to the site root (assets, index)
/// previous?, next?     {title, href}; hasNeighbours when either exists
/// toc.sections[]       {caption?, captionHref?, isExpanded, holdsCurrentPage, isCurrentPart, items[], itemsHTML}:
///                      the page's own section expanded, the others folded (no items); captionHref links to the
///                      part's contents page, isCurrentPart on that page itself; an item is
///                      {title, href?, isCurrent, hasChildren, children[]}, children listed only on the path to the
///                      current page; itemsHTML is the items through partials/toc-item (see TableOfContents).
/// toc.html             partials/toc rendered for this page (use {{{toc.html}}})
/// contents.sections[]  the generated home page only (contents.mustache): {isPart, title, href, lessonCount,
///                      lessonSpan?} for a part ("20 lessons"; lessonSpan, for a group, its first and last
///                      lessons' titles), {isPart: false, itemsHTML} for the entries outside any part,
///                      every child shown
/// part                 a part's contents page only (part.mustache): {title, lessonCount, itemsHTML}, its
///                      entries with every child shown
///
/// A group of a run of more than 50 lessons (`LessonGroups`: "Lessons 1–32") is a part for all of
/// these: a section of toc.sections with its title as caption, a line of contents.sections, a page.
/// ```
struct PageContext {
    var configuration: SiteConfiguration
    var navigation: SiteNavigation
    /// Each page's place in the reading order: a page finds its neighbours without a search
    /// through every page.
    private let positions: [String: Int]

    init(configuration: SiteConfiguration, navigation: SiteNavigation) {
        self.configuration = configuration
        self.navigation = navigation
        positions = Dictionary(
            navigation.readingOrder.enumerated().map { ($1.outputPath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// `neighbours`: the page's previous and next pages when it is not in the reading order
    /// itself (a part's contents page); by default its neighbours in the reading order.
    func values(
        outputPath: String, title: String, description: String?, body: String, isHome: Bool,
        tocSections: [[String: Any]], diagnostics: [Diagnostic],
        neighbours given: (previous: SiteNavigation.Page?, next: SiteNavigation.Page?)? = nil
    ) -> [String: Any] {
        var page: [String: Any] = [
            "title": title,
            "body": body,
            "path": outputPath,
            "isHome": isHome,
            "hasDiagnostics": !diagnostics.isEmpty,
            "diagnostics": diagnostics.map { diagnostic -> [String: Any] in
                [
                    "location": diagnostic.location?.description ?? "",
                    "severity": diagnostic.severity.rawValue,
                    "message": diagnostic.message,
                ]
            },
        ]
        if let description, !description.isEmpty { page["description"] = description }
        if !configuration.baseURL.isEmpty {
            let base = configuration.baseURL.hasSuffix("/") ? configuration.baseURL : configuration.baseURL + "/"
            page["canonicalURL"] = base + (outputPath == "index.html" ? "" : outputPath)
        }

        var values: [String: Any] = [
            "site": ["title": configuration.title, "baseURL": configuration.baseURL, "hasSearch": configuration.hasSearch] as [String: Any],
            "page": page,
            "root": SitePath.rootPrefix(from: outputPath),
            "toc": ["sections": tocSections] as [String: Any],
        ]
        let (previous, next) = given ?? neighbours(of: outputPath)
        if let previous { values["previous"] = link(to: previous, from: outputPath) }
        if let next { values["next"] = link(to: next, from: outputPath) }
        values["hasNeighbours"] = previous != nil || next != nil
        return values
    }

    /// `SiteNavigation.neighbours(of:)`.
    private func neighbours(of outputPath: String) -> (previous: SiteNavigation.Page?, next: SiteNavigation.Page?) {
        guard let index = positions[outputPath] else { return (nil, nil) }
        let order = navigation.readingOrder
        return (index > 0 ? order[index - 1] : nil, index + 1 < order.count ? order[index + 1] : nil)
    }

    /// A part's contents page as if it stood in the reading order just before its first
    /// lesson, like a book's part title page: after the page before that lesson, before the lesson.
    func neighbours(ofPart part: PartPage) -> (previous: SiteNavigation.Page?, next: SiteNavigation.Page?) {
        guard let first = part.firstPage, let index = positions[first] else { return (nil, nil) }
        let order = navigation.readingOrder
        return (index > 0 ? order[index - 1] : nil, order[index])
    }

    private func link(to page: SiteNavigation.Page, from outputPath: String) -> [String: Any] {
        ["title": page.title, "href": SitePath.link(from: outputPath, to: page.outputPath)]
    }
}
