import Diagnostics
import Foundation

/// The table-of-contents values of a page: folded to the page's own part, with each entry
/// rendered once per folder.
///
/// A page shows its own section (part) expanded and every other section as its caption alone,
/// linking to the section's contents page (`PartPage`); inside the expanded section an entry
/// lists its children only when it holds the page. So a page's navigation grows with the size
/// of one part and the number of parts, not with the number of lessons: copying the whole list
/// into every page made a 1000-lesson site grow with lessons². The generated contents pages
/// list the parts (`contentsSections`) and one part's lessons (`expandedItemsHTML`).
///
/// An entry's HTML depends only on the folder of the page showing it (its relative link) and
/// on whether it holds the page being shown. So each top-level entry is rendered once per
/// folder with nothing current, and each page renders again only the top-level entry (with its
/// children) that holds the page; `partials/toc` places a section's entries as `itemsHTML`.
///
/// `partials/toc-item` therefore sees the entry, its section's `caption`, `root` and `site`,
/// not `page.*` (it is shared by the pages of a folder). The structured `items` stay in the
/// values for a `partials/toc` that lays entries out itself.
struct TableOfContents {
    var outline: SiteOutline
    /// Per section, its contents page (`SiteNavigation.parts`).
    var parts: [PartPage?]
    var configuration: SiteConfiguration
    var theme: Theme
    /// Per folder of the site: each section's entries with nothing current, as values and HTML.
    private var folders: [String: [RenderedSection?]] = [:]
    /// Per folder of the site: each section as a page outside it shows it (see `navigation`).
    private var outsideSections: [String: [OutsideSection?]] = [:]
    /// Folded sections by section and caption link: a folded section depends on the folder only
    /// through its caption's link, which is the same from every folder at the same depth but one.
    private var foldedSections: [FoldedKey: OutsideSection] = [:]
    /// Per folder and the sections a page is in: the page's navigation around those (`frame`).
    private var frames: [FrameKey: [FramePiece]] = [:]
    /// The built-in partial's text around a page's own section's entries (`ownSection`);
    /// `nil` when it could not be split.
    private var ownSections: [OwnSectionKey: (prefix: String, suffix: String)?] = [:]

    private struct FoldedKey: Hashable {
        var section: Int
        var captionHref: String?
    }
    /// Per section, per top-level entry: the lessons in it and below it.
    private let lessonsBelow: [[Set<String>]]
    /// Per lesson: the sections that list it (in or below an entry).
    private let sectionsHolding: [String: Set<Int>]
    /// Whether `partials/toc` is the built-in one, which can be rendered a section at a time.
    private let rendersSectionBySection: Bool
    /// Whether `partials/toc-item` is the built-in one, which `BuiltInTocItemHTML` writes.
    private let writesEntriesByHand: Bool

    private struct RenderedSection {
        var items: [[String: Any]]
        var html: [String]
    }

    /// A section as every page of a folder outside the section shows it.
    private struct OutsideSection {
        var values: [String: Any]
        /// `partials/toc` for this section alone (when `rendersSectionBySection`).
        var html: String?
    }

    init(navigation: SiteNavigation, configuration: SiteConfiguration, theme: Theme) {
        outline = navigation.outline
        parts = navigation.parts
        self.configuration = configuration
        self.theme = theme
        lessonsBelow = navigation.outline.sections.map { $0.entries.map(Self.lessons) }
        var holding: [String: Set<Int>] = [:]
        for (sectionIndex, entries) in lessonsBelow.enumerated() {
            for lessons in entries {
                for lesson in lessons { holding[lesson, default: []].insert(sectionIndex) }
            }
        }
        sectionsHolding = holding
        rendersSectionBySection = Self.builtInTocText != nil && theme.sources[Self.tocTemplate + ".mustache"]?.text == Self.builtInTocText
        writesEntriesByHand = BuiltInTocItemHTML.template != nil
            && theme.sources[Self.itemTemplate + ".mustache"]?.text == BuiltInTocItemHTML.template
    }

    /// The lessons in and below `entry`.
    static func lessons(in entry: SiteOutline.Entry) -> Set<String> {
        entry.children.reduce(into: Set(entry.lesson.map { [$0] } ?? [])) { $0.formUnion(lessons(in: $1)) }
    }

    /// `toc.sections` for the page at `outputPath`, with `currentLesson`'s entries marked: its
    /// section (or `currentPart`, on a part's contents page) expanded, the others folded to
    /// their captions.
    mutating func sections(
        for outputPath: String, currentLesson: String?, currentPart: Int? = nil
    ) throws(SiteBuildFailure) -> [[String: Any]] {
        var result: [[String: Any]] = []
        for sectionIndex in outline.sections.indices {
            if holds(sectionIndex, currentLesson) || sectionIndex == currentPart {
                result.append(try sectionValues(sectionIndex, for: outputPath, currentLesson: currentLesson, currentPart: currentPart))
            } else {
                result.append(try outsideSection(sectionIndex, for: outputPath).values)
            }
        }
        return result
    }

    /// A page's `toc.sections` (as `sections(for:currentLesson:)` gives them) and, when the
    /// theme's `partials/toc` is the built-in one, that partial rendered for the page;
    /// `nil` HTML means the caller renders the partial itself.
    ///
    /// Why: on a site of many parts most of a page's navigation is the other parts' folded
    /// captions, the same on every page of a folder. The built-in partial is one loop over
    /// `toc.sections` that reads only a section's own values, so its rendering is the
    /// concatenation of each section's rendering alone; the sections outside the page are
    /// rendered once per folder, and a page renders only its own. A theme's own `partials/toc`
    /// may read anything of the page, so it is rendered whole for every page.
    ///
    /// The sections outside the page come as runs shared by every page of the folder held by the
    /// same sections (`frame`), and the page's own section as the partial's rendering around its
    /// entries (`ownSection`): a page renders only the entry that holds it.
    mutating func navigation(
        for outputPath: String, currentLesson: String?, currentPart: Int? = nil
    ) throws(SiteBuildFailure) -> (sections: [[String: Any]], html: String?) {
        guard rendersSectionBySection else {
            return (try sections(for: outputPath, currentLesson: currentLesson, currentPart: currentPart), nil)
        }
        var sections: [[String: Any]] = []
        sections.reserveCapacity(outline.sections.count)
        var html = ""
        for piece in try frame(for: outputPath, currentLesson: currentLesson, currentPart: currentPart) {
            switch piece {
            case .outside(let values, let rendered):
                sections += values
                html += rendered
            case .own(let sectionIndex):
                let values = try sectionValues(sectionIndex, for: outputPath, currentLesson: currentLesson, currentPart: currentPart)
                sections.append(values)
                html += try ownSection(sectionIndex, values: values, for: outputPath)
            }
        }
        return (sections, html)
    }

    /// A page's sections in order: runs of sections outside the page (their values and their
    /// rendering joined) and the sections it is in.
    private enum FramePiece {
        case outside(values: [[String: Any]], html: String)
        case own(Int)
    }

    private struct FrameKey: Hashable {
        var folder: String
        var own: [Int]
    }

    /// The pieces of the navigation of a page of `outputPath`'s folder held by the sections
    /// `currentLesson` (or `currentPart`) gives, made once per folder and such sections. Why:
    /// joining each page's forty or fifty folded captions, section by section, was most of the
    /// navigation's time on a site of many parts; they are the same on every page of a folder
    /// (`outsideSection` is per folder) that is in the same sections.
    private mutating func frame(
        for outputPath: String, currentLesson: String?, currentPart: Int?
    ) throws(SiteBuildFailure) -> [FramePiece] {
        let own = outline.sections.indices.filter { holds($0, currentLesson) || $0 == currentPart }
        let key = FrameKey(folder: SitePath.directory(of: outputPath), own: own)
        if let known = frames[key] { return known }
        var pieces: [FramePiece] = []
        var values: [[String: Any]] = []
        var html = ""
        for sectionIndex in outline.sections.indices {
            if own.contains(sectionIndex) {
                if !values.isEmpty { pieces.append(.outside(values: values, html: html)) }
                values = []
                html = ""
                pieces.append(.own(sectionIndex))
            } else {
                let outside = try outsideSection(sectionIndex, for: outputPath)
                values.append(outside.values)
                html += outside.html ?? ""
            }
        }
        if !values.isEmpty { pieces.append(.outside(values: values, html: html)) }
        frames[key] = pieces
        return pieces
    }

    /// The built-in partial's rendering of a section a page is in: the text around its entries
    /// (`itemsHTML`, which the partial writes once, unescaped) is rendered once per folder and
    /// kind of section, and the page's entries go between. Why: rendering the partial for each
    /// page was a third of the page's navigation. Sound because the built-in partial reads
    /// nothing of the section but its caption, link and flags (the same across a folder, as
    /// `outsideSection` relies on) and `itemsHTML`; a rendering in which the stand-in for the
    /// entries does not occur exactly once is not used.
    private mutating func ownSection(_ sectionIndex: Int, values: [String: Any], for outputPath: String) throws(SiteBuildFailure) -> String {
        guard let items = values["itemsHTML"] as? String else { return try renderToc(section: values) }
        let key = OwnSectionKey(
            folder: SitePath.directory(of: outputPath), section: sectionIndex,
            isExpanded: values["isExpanded"] as? Bool, holdsCurrentPage: values["holdsCurrentPage"] as? Bool,
            isCurrentPart: values["isCurrentPart"] as? Bool)
        let around: (prefix: String, suffix: String)?
        if let known = ownSections[key] {
            around = known
        } else {
            var standIn = values
            standIn["itemsHTML"] = Self.entriesStandIn
            let rendered = try renderToc(section: standIn)
            let found = rendered.ranges(of: Self.entriesStandIn)
            around = found.count == 1 ? (String(rendered[..<found[0].lowerBound]), String(rendered[found[0].upperBound...])) : nil
            ownSections[key] = .some(around)
        }
        guard let around else { return try renderToc(section: values) }
        return around.prefix + items + around.suffix
    }

    private struct OwnSectionKey: Hashable {
        var folder: String
        var section: Int
        var isExpanded: Bool?
        var holdsCurrentPage: Bool?
        var isCurrentPart: Bool?
    }

    /// Stands for a section's entries in `ownSection`: control characters no caption, link or
    /// entry can hold (Markdown turns NUL into U+FFFD).
    private static let entriesStandIn = "\u{0}\u{1}calcbook-toc-entries\u{1}\u{0}"

    /// Whether `currentLesson` is listed in the section (in or below one of its entries).
    private func holds(_ sectionIndex: Int, _ currentLesson: String?) -> Bool {
        currentLesson.map { sectionsHolding[$0]?.contains(sectionIndex) ?? false } ?? false
    }

    /// The section as the pages of `outputPath`'s folder that it does not hold show it,
    /// rendered once per folder.
    private mutating func outsideSection(_ sectionIndex: Int, for outputPath: String) throws(SiteBuildFailure) -> OutsideSection {
        let folder = SitePath.directory(of: outputPath)
        if let known = outsideSections[folder]?[sectionIndex] { return known }
        if outsideSections[folder] == nil {
            outsideSections[folder] = Array(repeating: nil, count: outline.sections.count)
        }
        let section = outline.sections[sectionIndex]
        // Folded (it has a caption to fold to): shared with the folders its caption links alike from.
        let foldedKey = section.caption == nil ? nil : FoldedKey(section: sectionIndex, captionHref: captionHref(sectionIndex, from: outputPath))
        let outside: OutsideSection
        if let foldedKey, let known = foldedSections[foldedKey] {
            outside = known
        } else {
            let values = try sectionValues(sectionIndex, for: outputPath, currentLesson: nil, currentPart: nil)
            outside = OutsideSection(values: values, html: rendersSectionBySection ? try renderToc(section: values) : nil)
            if let foldedKey { foldedSections[foldedKey] = outside }
        }
        outsideSections[folder]?[sectionIndex] = outside
        return outside
    }

    /// The link from `outputPath` to the section's contents page, if it has one.
    private func captionHref(_ sectionIndex: Int, from outputPath: String) -> String? {
        parts[sectionIndex].map { SitePath.link(from: outputPath, to: $0.outputPath) }
    }

    /// One element of `toc.sections`.
    private mutating func sectionValues(
        _ sectionIndex: Int, for outputPath: String, currentLesson: String?, currentPart: Int?
    ) throws(SiteBuildFailure) -> [String: Any] {
        let section = outline.sections[sectionIndex]
        let isCurrentPart = sectionIndex == currentPart
        let holdsPage = holds(sectionIndex, currentLesson) || isCurrentPart
        // A section without a caption has nothing to fold to.
        let isExpanded = holdsPage || section.caption == nil
        var values: [String: Any] = ["isExpanded": isExpanded, "holdsCurrentPage": holdsPage, "isCurrentPart": isCurrentPart]
        if let caption = section.caption { values["caption"] = caption }
        if let href = captionHref(sectionIndex, from: outputPath) { values["captionHref"] = href }
        if isExpanded {
            let rendered = try renderedFolded(sectionIndex, for: outputPath, currentLesson: currentLesson)
            values["items"] = rendered.items
            values["itemsHTML"] = rendered.html.joined()
        } else {
            values["items"] = [[String: Any]]()
            values["itemsHTML"] = ""
        }
        return values
    }

    /// A section's entries, children shown only along the path to `currentLesson`: the
    /// folder's shared rendering with the entry holding the page rendered again.
    private mutating func renderedFolded(
        _ sectionIndex: Int, for outputPath: String, currentLesson: String?
    ) throws(SiteBuildFailure) -> RenderedSection {
        let folder = SitePath.directory(of: outputPath)
        let section = outline.sections[sectionIndex]
        var rendered: RenderedSection
        if let known = folders[folder]?[sectionIndex] {
            rendered = known
        } else {
            if folders[folder] == nil {
                folders[folder] = Array(repeating: nil, count: outline.sections.count)
            }
            let items = section.entries.map { item($0, from: outputPath, currentLesson: nil, expandingAll: false) }
            rendered = RenderedSection(
                items: items,
                html: try zip(section.entries, items).map { entry, values throws(SiteBuildFailure) in
                    try entryHTML(entry, values: values, section: section, outputPath: outputPath, currentLesson: nil, expandingAll: false)
                })
            folders[folder]?[sectionIndex] = rendered
        }
        if let currentLesson {
            for (index, entry) in section.entries.enumerated() where lessonsBelow[sectionIndex][index].contains(currentLesson) {
                rendered.items[index] = item(entry, from: outputPath, currentLesson: currentLesson, expandingAll: false)
                rendered.html[index] = try entryHTML(
                    entry, values: rendered.items[index], section: section, outputPath: outputPath, currentLesson: currentLesson, expandingAll: false)
            }
        }
        return rendered
    }

    /// One top-level entry through `partials/toc-item`: `values` (its `item`) rendered by
    /// Mustache, or the same bytes written by hand while the partial is the built-in one.
    private func entryHTML(
        _ entry: SiteOutline.Entry, values: @autoclosure () -> [String: Any], section: SiteOutline.Section, outputPath: String,
        currentLesson: String?, expandingAll: Bool
    ) throws(SiteBuildFailure) -> String {
        if writesEntriesByHand {
            return BuiltInTocItemHTML.html(entry, from: outputPath, currentLesson: currentLesson, expandingAll: expandingAll)
        }
        return try render(values(), section: section, outputPath: outputPath)
    }

    /// A section's entries with every child shown, through `partials/toc-item` (a part's
    /// contents page, and the untitled sections on the home contents page).
    func expandedItemsHTML(_ sectionIndex: Int, for outputPath: String) throws(SiteBuildFailure) -> String {
        let section = outline.sections[sectionIndex]
        return try section.entries.map { entry throws(SiteBuildFailure) in
            try entryHTML(
                entry, values: item(entry, from: outputPath, currentLesson: nil, expandingAll: true), section: section, outputPath: outputPath,
                currentLesson: nil, expandingAll: true)
        }.joined()
    }

    /// `contents.sections` of the generated home page: each titled section as a part (its
    /// caption, the link to its contents page, how many lessons), each untitled one as its
    /// entries. It grows with the number of parts, not of lessons.
    func contentsSections(for outputPath: String) throws(SiteBuildFailure) -> [[String: Any]] {
        // An untitled section without entries (a project without lessons) lists nothing.
        try outline.sections.indices.filter { parts[$0] != nil || !outline.sections[$0].entries.isEmpty }
            .map { sectionIndex throws(SiteBuildFailure) -> [String: Any] in
            guard let part = parts[sectionIndex] else {
                // Without its last newline: the template puts it on a line of its own.
                var html = try expandedItemsHTML(sectionIndex, for: outputPath)
                while html.hasSuffix("\n") { html.removeLast() }
                return ["isPart": false, "itemsHTML": html]
            }
            var values: [String: Any] = [
                "isPart": true, "title": part.title, "href": SitePath.link(from: outputPath, to: part.outputPath),
                "lessonCount": Self.lessonCountText(part.lessonCount),
            ]
            if let span = part.lessonSpan { values["lessonSpan"] = span }
            return values
        }
    }

    /// `20 lessons`, `1 lesson`: the count as a part's listing says it.
    static func lessonCountText(_ count: Int) -> String {
        count == 1 ? "1 lesson" : "\(count) lessons"
    }

    /// An entry's values; its `children` are listed only when it is or holds the current
    /// lesson (or everything is expanded), so a folded entry shows no children.
    private func item(_ entry: SiteOutline.Entry, from outputPath: String, currentLesson: String?, expandingAll: Bool) -> [String: Any] {
        let holdsPage = currentLesson.map { Self.lessons(in: entry).contains($0) } ?? false
        let children = expandingAll || holdsPage
            ? entry.children.map { item($0, from: outputPath, currentLesson: currentLesson, expandingAll: expandingAll) }
            : []
        var values: [String: Any] = [
            "title": entry.title,
            "isCurrent": entry.lesson != nil && entry.lesson == currentLesson,
            "hasChildren": !children.isEmpty,
            "children": children,
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

    /// The built-in `partials/toc` with one section: the part of the whole partial's rendering
    /// that this section gives (see `navigation`). The section is looked up from a context
    /// holding nothing else; the built-in partial reads nothing outside the section.
    private func renderToc(section: [String: Any]) throws(SiteBuildFailure) -> String {
        let context: [String: Any] = ["toc": ["sections": [section]] as [String: Any]]
        guard let html = theme.library.render(context, withTemplate: Self.tocTemplate) else {
            throw SiteBuildFailure(Diagnostic(
                id: "templates.missing-layout", message: "there is no \(Self.tocTemplate).mustache template", location: nil))
        }
        return html
    }

    static let itemTemplate = "partials/toc-item"
    static let tocTemplate = "partials/toc"

    /// The built-in theme's `partials/toc.mustache`, as a project's copy is compared with it.
    static let builtInTocText = ThemeFiles.builtInText(tocTemplate + ".mustache")
}
