import Diagnostics
import Lesson

/// Everything one build needs to know, after `calcbook.toml` and the flags are merged.
///
/// Folder paths are kept as the user wrote them (relative to `root`, or absolute) because
/// diagnostics show them that way: `lessons/notation.md:3:1`, not an absolute path.
public struct SiteConfiguration: Sendable, Hashable {
    /// The project root: the folder holding `lessons/`, `templates/`, `calcbook.toml`.
    public var root: String
    public var lessons: String
    public var templates: String
    public var output: String
    /// The site's name, shown in every page's header and title.
    public var title: String
    /// Where the site is published (`https://example.org/calculus/`), for canonical links;
    /// empty when unknown. Pages always link to each other relatively, so the site also works
    /// from disk.
    public var baseURL: String
    /// Raw HTML in lessons passes through only when the site trusts its authors.
    public var allowRawHTML: Bool
    /// How many lessons render at once.
    public var jobs: Int
    /// Write every page even when lessons have errors (shown in the pages).
    public var keepGoing: Bool
    /// The derivative layout of lessons whose front matter names none.
    public var layout: FrontMatter.Layout = .numerator
    /// The project's TeX macro file (`macros = "macros.tex"`), relative to the root as written;
    /// every lesson starts with its definitions.
    public var macros: String?
    /// Write each lesson's Jupyter notebook beside its page, linked from it (`notebooks`).
    public var writesNotebooks: Bool
    /// Write `search.html`, `search-index.js` and a search box on every page (`search`).
    public var hasSearch: Bool
    /// The CSL-JSON bibliography lessons cite from (`references = "references.json"`), as
    /// written: relative to `root`, or absolute; `nil` when the project names none.
    public var references: String?
    /// The project's lesson cache folder (see `LessonCacheLocation`), absolute; `nil` evaluates
    /// every lesson every time (`--no-cache`, and the default for code that builds a
    /// configuration itself, such as tests).
    public var cacheFolder: String?
    /// Where `calcbook.toml` set a key (`lessons`, `output`, …), so a problem with that
    /// setting can point at the line that chose it.
    public var origins: [String: SourceLocation] = [:]

    public init(
        root: String,
        lessons: String = "lessons",
        templates: String = "templates",
        output: String = "site",
        title: String = "calcbook",
        baseURL: String = "",
        allowRawHTML: Bool = false,
        jobs: Int = SiteConfiguration.defaultJobs,
        keepGoing: Bool = false,
        cacheFolder: String? = nil,
        writesNotebooks: Bool = true,
        hasSearch: Bool = true
    ) {
        self.root = root
        self.lessons = lessons
        self.templates = templates
        self.output = output
        self.title = title
        self.baseURL = baseURL
        self.allowRawHTML = allowRawHTML
        self.jobs = max(1, jobs)
        self.keepGoing = keepGoing
        self.cacheFolder = cacheFolder
        self.writesNotebooks = writesNotebooks
        self.hasSearch = hasSearch
    }

    /// All cores, as `calcbook build --help` says for `--jobs`.
    public static var defaultJobs: Int { ProcessInfoCores.active }

    /// `path` (as in the configuration) made usable for the file system.
    public func onDisk(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cleanRoot = root.hasSuffix("/") ? String(root.dropLast()) : root
        return path == "." ? cleanRoot : cleanRoot + "/" + path
    }

    /// An absolute path as the terminal shows it: relative to the project root when inside it.
    public func shown(_ absolute: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// The name a diagnostic uses for `relative`, a file inside the lessons folder.
    public func displayPath(inLessons relative: String) -> String {
        Self.join(Self.clean(lessons), relative)
    }

    static func clean(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    static func join(_ folder: String, _ relative: String) -> String {
        folder.isEmpty || folder == "." ? relative : folder + "/" + relative
    }
}
