import Diagnostics
import Foundation
import Lesson

/// Settings given on the command line; `nil` means "not given", so `calcbook.toml` or the
/// default applies. Flags win over the file.
public struct ConfigurationOverrides: Sendable, Hashable {
    public var lessons: String?
    public var templates: String?
    public var output: String?
    public var jobs: Int?
    public var keepGoing: Bool?
    public var title: String?
    public var baseURL: String?
    public var allowRawHTML: Bool?
    /// `--cache-dir`: the base folder of the lesson cache.
    public var cacheBase: String?
    /// `--no-cache`: evaluate every lesson, read and write no cache.
    public var noCache: Bool

    public init(
        lessons: String? = nil, templates: String? = nil, output: String? = nil, jobs: Int? = nil,
        keepGoing: Bool? = nil, title: String? = nil, baseURL: String? = nil, allowRawHTML: Bool? = nil,
        cacheBase: String? = nil, noCache: Bool = false
    ) {
        self.lessons = lessons
        self.templates = templates
        self.output = output
        self.jobs = jobs
        self.keepGoing = keepGoing
        self.title = title
        self.baseURL = baseURL
        self.allowRawHTML = allowRawHTML
        self.cacheBase = cacheBase
        self.noCache = noCache
    }
}

/// Merges defaults, `calcbook.toml` (when the root has one) and flags into one configuration.
public enum ConfigurationLoader {
    public static let fileName = "calcbook.toml"

    /// `environment` supplies the default cache folder (`XDG_CACHE_HOME`, `HOME`).
    public static func load(
        root: String, overrides: ConfigurationOverrides = .init(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(SiteBuildFailure) -> SiteConfiguration {
        let path = root + "/" + fileName
        var file = ConfigurationFile(entries: [:])
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SiteBuildFailure(Diagnostic(id: "config.unreadable", message: "cannot read \(fileName)", location: nil))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw SiteBuildFailure(Diagnostic(
                    id: "config.syntax", message: "\(fileName) is not UTF-8 text",
                    location: SourceLocation(file: fileName, line: 1, column: 1)))
            }
            let parsed = ConfigurationFile.parse(text, path: fileName)
            if !parsed.diagnostics.isEmpty { throw SiteBuildFailure(parsed.diagnostics) }
            file = parsed.file
        }
        if let jobs = overrides.jobs, jobs < 1 {
            throw SiteBuildFailure(Diagnostic(id: "config.invalid-jobs", message: "--jobs must be at least 1, not \(jobs)", location: nil))
        }
        if let jobs = file.integer("jobs"), jobs < 1, let entry = file.entries["jobs"] {
            throw SiteBuildFailure(Diagnostic(
                id: "config.invalid-jobs", message: "'jobs' must be at least 1, not \(jobs)", location: entry.location))
        }
        if let url = overrides.baseURL ?? file.string("base-url"), let problem = BaseURL.problem(in: url) {
            throw SiteBuildFailure(Diagnostic(
                id: "config.invalid-base-url",
                message: "'base-url' must be a web address starting with https:// or http://, such as https://example.org/calculus/; '\(url)' \(problem)",
                location: overrides.baseURL == nil ? file.entries["base-url"]?.location : nil))
        }
        var configuration = SiteConfiguration(
            root: root,
            lessons: overrides.lessons ?? file.string("lessons") ?? "lessons",
            templates: overrides.templates ?? file.string("templates") ?? "templates",
            output: overrides.output ?? file.string("output") ?? "site",
            title: overrides.title ?? file.string("title") ?? "calcbook",
            baseURL: overrides.baseURL ?? file.string("base-url") ?? "",
            allowRawHTML: overrides.allowRawHTML ?? file.boolean("raw-html") ?? false,
            jobs: overrides.jobs ?? file.integer("jobs") ?? SiteConfiguration.defaultJobs,
            keepGoing: overrides.keepGoing ?? file.boolean("keep-going") ?? false,
            writesNotebooks: file.boolean("notebooks") ?? true,
            hasSearch: file.boolean("search") ?? true
        )
        configuration.references = file.string("references")
        if let written = file.string("layout"), let entry = file.entries["layout"] {
            guard let layout = FrontMatter.Layout(rawValue: written) else {
                throw SiteBuildFailure(Diagnostic(
                    id: "config.invalid-layout",
                    message: "'layout' must be \"numerator\" or \"denominator\", not \"\(written)\"", location: entry.location))
            }
            configuration.layout = layout
        }
        configuration.macros = file.string("macros")
        if let entry = file.entries["macros"] { configuration.origins["macros"] = entry.location }
        let flagged: [String: Bool] = [
            "lessons": overrides.lessons != nil, "templates": overrides.templates != nil,
            "output": overrides.output != nil, "references": false,
        ]
        for (key, entry) in file.entries where flagged[key] == false {
            configuration.origins[key] = entry.location
        }
        if !overrides.noCache {
            let chosen = (overrides.cacheBase ?? file.string("cache-dir")).map { OutputLocation.absolute(configuration.onDisk($0)) }
            if let base = chosen ?? LessonCacheLocation.defaultBase(environment: environment) {
                configuration.cacheFolder = LessonCacheLocation.projectFolder(
                    base: base, absoluteLessons: OutputLocation.absolute(configuration.onDisk(configuration.lessons)))
            }
        }
        return configuration
    }
}

/// `base-url` goes into every page's `<link rel="canonical">`: only an http(s) address with a
/// host may, never `javascript:` or a relative path.
enum BaseURL {
    /// Why `text` is not a usable base address (the end of a sentence), or `nil`.
    static func problem(in text: String) -> String? {
        if text.isEmpty { return nil }
        let lowered = text.lowercased()
        guard let schemeEnd = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) else {
            return "does not"
        }
        if let bad = text.unicodeScalars.first(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || "\"'<>\\`{}|^".unicodeScalars.contains($0) }) {
            return "holds \(bad.properties.isWhitespace ? "a space" : "'\(bad)'"), which an address cannot"
        }
        let afterScheme = text.dropFirst(schemeEnd.count)
        let host = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !host.hasPrefix(":"), URL(string: text)?.host?.isEmpty == false else {
            return "has no host name"
        }
        return nil
    }
}
