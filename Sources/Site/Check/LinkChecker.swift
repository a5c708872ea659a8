import Diagnostics
import Foundation
import Lesson

/// One rule of `calcbook check`, as a small type: given a lesson's links and what the site
/// holds, the problems it finds. Each checker reports only its own rule, so a problem is
/// reported once.
protocol LinkChecker: Sendable {
    func check(_ link: ClassifiedLink, in lesson: SiteLesson, site: CheckedSite) -> [Diagnostic]
}

/// What the checkers look links up in: the lessons by path, the other files of the
/// lessons folder, and what the build writes besides (search, contents pages, notebooks).
struct CheckedSite: Sendable {
    var lessonsByPath: [String: SiteLesson]
    /// `part1/jacobian.html` → `part1/jacobian.md`, so a link may name the page as well.
    var lessonsByPage: [String: String]
    var otherFiles: Set<String>
    /// Files the build writes that no lesson or file of the lessons folder is: `search.html`,
    /// the generated `index.html`, `contents/<part>.html`, the notebooks. A lecturer links to
    /// them as to any page; one the build does not write (search switched off) stays broken.
    var generatedFiles: Set<String>
    /// The `id`s of each generated page, for a link's `#fragment` into one. Filled only when a
    /// lesson has such a link: rendering the pages for it costs what the build spends on them.
    var generatedPageIDs: [String: Set<String>] = [:]
    /// `search = false`: a link to `search.html` is then broken, and the report says why.
    var searchIsOff = false

    init(lessons: [SiteLesson], otherFiles: Set<String>, generatedFiles: Set<String> = []) {
        lessonsByPath = Dictionary(lessons.map { ($0.file.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        lessonsByPage = Dictionary(lessons.map { ($0.outputPath, $0.file.relativePath) }, uniquingKeysWith: { first, _ in first })
        self.otherFiles = otherFiles
        self.generatedFiles = generatedFiles
    }

    /// The lesson a resolved path names: `a.md`, `a.html`, or a folder with an `index.md`.
    func lesson(at path: String) -> SiteLesson? {
        if let lesson = lessonsByPath[path] { return lesson }
        if let source = lessonsByPage[path] { return lessonsByPath[source] }
        let index = path.isEmpty ? "index.md" : path + "/index.md"
        return lessonsByPath[index]
    }

    /// The generated file a resolved path names: itself, or for a folder (`../` to the site's
    /// root) its `index.html`.
    func generatedFile(at path: String) -> String? {
        if generatedFiles.contains(path) { return path }
        let index = path.isEmpty ? "index.html" : path + "/index.html"
        return generatedFiles.contains(index) ? index : nil
    }

    func exists(_ path: String) -> Bool {
        lesson(at: path) != nil || otherFiles.contains(path) || generatedFile(at: path) != nil
    }
}

/// A link destination sorted into the kinds the checkers care about.
enum ClassifiedLink: Sendable {
    /// `https://…`, `mailto:…`: not a file of the site.
    case external(LessonLink, scheme: String)
    /// `/about.html`: relative to wherever the site is published, so not checkable here.
    case siteAbsolute(LessonLink)
    /// `#shape`: a heading of the same page.
    case samePage(LessonLink, fragment: String)
    /// `jacobian.md#shape`: `path` resolved against the lesson's folder, relative to the
    /// lessons folder; `fragment` without `#`, `nil` when there is none.
    case relative(LessonLink, path: String, fragment: String?)
    /// `../secret.png`: leaves the lessons folder (reported by the build's linked-files step).
    case escaping(LessonLink)

    init(_ link: LessonLink, from lessonPath: String) {
        let destination = link.destination
        let fragment = Self.fragment(of: destination)
        if LinkTarget.hasScheme(destination) {
            let scheme = destination[..<(destination.firstIndex(of: ":") ?? destination.endIndex)]
            self = .external(link, scheme: scheme.lowercased())
        } else if destination.hasPrefix("/") {
            self = .siteAbsolute(link)
        } else if destination.hasPrefix("#") || destination.hasPrefix("?") || destination.isEmpty {
            self = .samePage(link, fragment: fragment ?? "")
        } else if let path = SitePath.resolve(LinkTarget.pathPart(of: destination), against: SitePath.directory(of: lessonPath)) {
            self = .relative(link, path: path, fragment: fragment)
        } else {
            self = .escaping(link)
        }
    }

    private static func fragment(of destination: String) -> String? {
        guard let hash = destination.firstIndex(of: "#") else { return nil }
        let raw = String(destination[destination.index(after: hash)...])
        return raw.removingPercentEncoding ?? raw
    }
}
