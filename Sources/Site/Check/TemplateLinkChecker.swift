import Diagnostics
import Foundation
import Lesson

/// The theme's own links: what the layout and partials put on every page (stylesheets, the
/// home link, the skip link, previous/next, the table of contents) and the `url(…)`s of the
/// theme's stylesheets must reach a file of the site, and a `#fragment` an `id` of its page.
///
/// A lesson's links are checked where the lesson writes them; these come from `templates/`,
/// so pages are rendered with an empty body and what is left is the theme's. A problem is
/// reported once, at the template line that writes the link, however many pages repeat it.
struct TemplateLinkChecker {
    var configuration: SiteConfiguration
    var theme: Theme

    /// A theme's links: `href` and `src`, and a form's `action` (the search box).
    static let linkAttributes = HTMLReferences.linkAttributes.union(["action"])

    struct Result {
        var diagnostics: [Diagnostic] = []
        /// Distinct template links followed (one per template position and target).
        var links = 0
    }

    func check(lessons: [SiteLesson], navigation: SiteNavigation, linkedFiles: [SiteFile]) throws(SiteBuildFailure) -> Result {
        // The theme writes the same links on every page but for `{{root}}`, which depends
        // only on the page's depth: one page per depth (and the home page) shows them all,
        // without rendering every page's table of contents again.
        var depths: Set<Int> = []
        let samples = lessons.filter { lesson in
            lesson.outputPath == "index.html" || depths.insert(lesson.outputPath.split(separator: "/").count).inserted
        }.map { lesson in
            var lesson = lesson
            lesson.rendered.bodyHTML = ""
            return lesson
        }
        let files = try RenderStep(configuration: configuration, theme: theme)
            .run(lessons: samples, navigation: navigation, diagnostics: [])
        // Every file a build writes: pages, notebooks, the search index, theme assets, linked files.
        let paths = Set(files.map(\.path) + lessons.map(\.outputPath) + linkedFiles.map(\.path)
            + (configuration.writesNotebooks ? lessons.map { NotebookFile.path(forLesson: $0.file.relativePath) } : [])
            + (configuration.hasSearch ? [SearchIndex.path] : []))
        // Ids the layout gives every page, and each lesson's heading anchors.
        var layoutIDs: Set<String> = []
        for page in files where page.path.hasSuffix(".html") {
            layoutIDs.formUnion(HTMLReferences.attributes(["id"], in: String(decoding: page.contents, as: UTF8.self)).map(\.value))
        }
        var ids: [String: Set<String>] = [:]
        for page in paths where page.hasSuffix(".html") { ids[page] = layoutIDs }
        for lesson in lessons {
            ids[lesson.outputPath, default: []].formUnion(lesson.rendered.headings.map(\.anchor))
        }
        let written = TemplateLinkOrigins(theme: theme)

        var result = Result()
        var seen: Set<String> = []
        func follow(_ value: String, from file: String, origin: SourceLocation?, isPage: Bool) {
            guard let target = Target(value, from: file) else { return }
            // A page's same-page `#fragment` is one link of the template, whichever page;
            // a path is one link per target, whatever `../` the page's depth adds.
            let key = "\(origin?.description ?? file) " + (target.isSamePage ? value : "\(target.path ?? value)#\(target.fragment ?? "")")
            guard seen.insert(key).inserted else { return }
            result.links += 1
            guard let problem = problem(target, value: value, paths: paths, ids: ids) else { return }
            result.diagnostics.append(Diagnostic(
                id: problem.id, message: problem.message, location: origin,
                notes: isPage ? [.init("the page '\(file)' links to '\(value)'")] : []))
        }
        for page in files where page.path.hasSuffix(".html") {
            for reference in HTMLReferences.attributes(Self.linkAttributes, in: String(decoding: page.contents, as: UTF8.self)) {
                // Links made wholly of calcbook's values ({{href}} of the table of contents,
                // previous/next) come from SUMMARY.md and the lessons, checked there; the
                // theme's own are those it writes at least in part.
                guard let origin = written.origin(of: reference.value) else { continue }
                follow(reference.value, from: page.path, origin: origin, isPage: true)
            }
        }
        for stylesheet in theme.assets where stylesheet.path.hasSuffix(".css") {
            guard let source = theme.sources[stylesheet.path] else { continue }
            for reference in HTMLReferences.cssURLs(in: source.text) {
                let origin = SourceLocation(file: source.shownPath, line: reference.line, column: reference.column)
                follow(reference.value, from: stylesheet.path, origin: origin, isPage: false)
            }
        }
        return result
    }

    /// A link resolved to a path of the site (`nil` when it leaves the site) and a fragment.
    struct Target {
        var path: String?
        var fragment: String?
        /// `#content`: a fragment of the page the link is on.
        var isSamePage = false

        /// `nil` for what is not a file of the site: web addresses, `data:`, site-absolute paths.
        init?(_ value: String, from page: String) {
            if value.isEmpty || LinkTarget.hasScheme(value) || value.hasPrefix("/") { return nil }
            let fragmentStart = value.firstIndex(of: "#")
            fragment = fragmentStart.map { String(value[value.index(after: $0)...]) }.map { $0.removingPercentEncoding ?? $0 }
            let pathPart = LinkTarget.pathPart(of: value)
            if pathPart.isEmpty {
                path = page
                isSamePage = true
            } else if var resolved = SitePath.resolve(pathPart, against: SitePath.directory(of: page)) {
                if resolved.isEmpty || pathPart.hasSuffix("/") { resolved += resolved.isEmpty ? "index.html" : "/index.html" }
                path = resolved
            } else {
                path = nil
            }
        }
    }

    private func problem(_ target: Target, value: String, paths: Set<String>, ids: [String: Set<String>]) -> (id: String, message: String)? {
        guard let path = target.path else {
            return ("template.broken-link", "the theme links to '\(value)', which leaves the site")
        }
        guard paths.contains(path) else {
            return ("template.broken-link", "the theme links to '\(path)', which is not a file of the site")
        }
        if let fragment = target.fragment, !fragment.isEmpty, let pageIDs = ids[path], !pageIDs.contains(fragment) {
            let page = target.isSamePage ? "the page it is on" : "'\(path)'"
            return ("template.missing-fragment", "the theme links to '#\(fragment)', which is not an id of \(page)")
        }
        return nil
    }
}

/// Where in the templates a rendered link was written: the `href`/`src` whose literal text
/// (what is left of its value without `{{…}}` tags) fits the rendered value best.
struct TemplateLinkOrigins {
    private struct Written {
        var literals: [String]
        var anchoredStart: Bool
        var anchoredEnd: Bool
        var location: SourceLocation
        var length: Int { literals.reduce(0) { $0 + $1.count } }
    }

    private let written: [Written]

    init(theme: Theme) {
        var written: [Written] = []
        for path in theme.sources.keys.sorted() where path.hasSuffix(".mustache") {
            guard let source = theme.sources[path] else { continue }
            for reference in HTMLReferences.attributes(TemplateLinkChecker.linkAttributes, in: source.text) {
                let parts = Self.literals(of: reference.value)
                written.append(Written(
                    literals: parts.literals.filter { !$0.isEmpty },
                    anchoredStart: parts.startsWithLiteral, anchoredEnd: parts.endsWithLiteral,
                    location: SourceLocation(file: source.shownPath, line: reference.line, column: reference.column)))
            }
        }
        self.written = written
    }

    /// `nil` when no template writes any literal part of it (`href="{{href}}"`).
    func origin(of value: String) -> SourceLocation? {
        written
            .filter { $0.length > 0 && Self.fits($0, value) }
            .max { $0.length < $1.length }?
            .location
    }

    private static func fits(_ written: Written, _ value: String) -> Bool {
        var rest = Substring(value)
        for (index, literal) in written.literals.enumerated() {
            guard let range = rest.range(of: literal) else { return false }
            if index == 0, written.anchoredStart, range.lowerBound != rest.startIndex { return false }
            rest = rest[range.upperBound...]
        }
        if written.anchoredEnd, !written.literals.isEmpty, !rest.isEmpty { return false }
        return true
    }

    /// `{{root}}assets/style.css` → literals ["", "assets/style.css"].
    private static func literals(of value: String) -> (literals: [String], startsWithLiteral: Bool, endsWithLiteral: Bool) {
        var literals: [String] = []
        var current = ""
        var rest = Substring(value)
        while let open = rest.range(of: "{{") {
            current += rest[..<open.lowerBound]
            literals.append(current)
            current = ""
            guard let close = rest[open.upperBound...].range(of: "}}") else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        current += rest
        literals.append(current)
        return (literals.map { HTMLReferences.decodeEntities($0) }, !value.hasPrefix("{{"), !value.hasSuffix("}}"))
    }
}
