import Diagnostics
import Foundation

/// `preview`'s builds: the first is a whole build, and later ones, when only lessons were
/// edited, redo only what those edits reach.
///
/// It keeps the last build in memory (the loaded project, every rendered lesson and every file
/// of the site). When the changes are edits of existing lessons (not `SUMMARY.md`, templates,
/// `calcbook.toml`, added or removed files), only those lessons are read, parsed and evaluated
/// (the lesson cache still answers for unchanged text); only their pages and notebooks are
/// rendered again, unless an edit changed the table of contents or the reading order (a
/// title), which every page shows; the search index, which holds every lesson, is rebuilt.
/// Only files whose bytes changed are written, each replaced on its own (a reader of a page
/// sees the old page or the new one), so an edit costs about one lesson's work, not the
/// course's. Anything else is a whole build, written as `calcbook build` writes it.
public struct IncrementalSiteBuilder: Sendable {
    public var configuration: SiteConfiguration
    private var last: LastBuild?
    /// Which binary and cache format the lesson cache is keyed by (tests change it).
    var cacheIdentity = LessonCacheIdentity.current

    private struct LastBuild: Sendable {
        var analysis: SiteAnalysis
        /// The site as written, by path.
        var files: [String: Data]
    }

    /// How the last build was done, for tests and the preview's report.
    public enum Kind: Sendable, Equatable {
        case whole
        /// `lessons` were read again; `pages` pages were rendered again.
        case incremental(lessons: Int, pages: Int)
    }

    public private(set) var lastKind: Kind = .whole

    public init(configuration: SiteConfiguration) {
        self.configuration = configuration
    }

    /// Builds after `changedFiles` (absolute paths, as the watcher reports them) changed; an
    /// empty list or a first build is a whole build.
    public mutating func build(
        configuration: SiteConfiguration, changedFiles: [String]
    ) async throws(SiteBuildFailure) -> SiteBuildReport {
        if let last, configuration == self.configuration, let lessons = editedLessons(changedFiles, in: last.analysis.project) {
            if let report = try await rebuild(lessons, after: last) { return report }
        }
        self.configuration = configuration
        return try await wholeBuild()
    }

    /// The lessons (relative paths) when every change is an edit of a lesson the last build
    /// had; nil when anything else changed.
    private func editedLessons(_ changedFiles: [String], in project: LoadedProject) -> [String]? {
        guard !changedFiles.isEmpty else { return nil }
        let root = configuration.onDisk(configuration.lessons)
        let prefix = root.hasSuffix("/") ? root : root + "/"
        let known = Set(project.lessons.map(\.relativePath))
        var lessons: [String] = []
        for file in changedFiles {
            guard file.hasPrefix(prefix) else { return nil }
            let relative = String(file.dropFirst(prefix.count))
            guard known.contains(relative), FileManager.default.fileExists(atPath: file) else { return nil }
            lessons.append(relative)
        }
        return lessons
    }

    private mutating func wholeBuild() async throws(SiteBuildFailure) -> SiteBuildReport {
        last = nil
        try OutputLocation(configuration).check()
        let analysis = try await SiteAnalysis.run(configuration, cacheAccess: .readWrite, identity: cacheIdentity)
        analysis.cache?.prune(keeping: analysis.cacheUse.digests)
        let (site, report) = try SiteBuilder.assemble(analysis, rendering: analysis.lessons, configuration: configuration)
        lastKind = .whole
        if report.hasErrors && !configuration.keepGoing { return report }
        try WriteStep(configuration: configuration, writer: AtomicSiteWriter()).run(site)
        last = LastBuild(analysis: analysis, files: Dictionary(site.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first }))
        var written = report
        written.wroteSite = true
        return written
    }

    /// Reads, parses and evaluates `edited` again and renders what they reach; nil when the
    /// edit needs a whole build after all (a lesson became unreadable, the linked files moved).
    private mutating func rebuild(_ edited: [String], after last: LastBuild) async throws(SiteBuildFailure) -> SiteBuildReport? {
        let load = LoadStep(configuration: configuration)
        var project = last.analysis.project
        var changed = LoadedProject(lessons: [], summary: nil, otherFiles: [], diagnostics: [])
        for relative in edited {
            guard case .success(let source) = load.readLesson(relative),
                  let index = project.lessons.firstIndex(where: { $0.relativePath == relative }) else { return nil }
            project.lessons[index].source = source
            changed.lessons.append(project.lessons[index])
        }
        let parsed = await ParseStep(
            configuration: configuration, theme: last.analysis.theme, cache: last.analysis.cache).run(changed)
        var lessons = last.analysis.lessons
        for lesson in parsed.lessons {
            guard let index = lessons.firstIndex(where: { $0.file.relativePath == lesson.file.relativePath }) else { return nil }
            lessons[index] = lesson
        }
        let (navigation, diagnostics) = ParseStep.navigation(of: lessons, in: project)
        let linked = LinkedFiles(configuration: configuration).collect(from: lessons, available: project.otherFiles)
        guard Set(linked.files.map(\.path)) == Set(last.analysis.linkedFiles.map(\.path)) else { return nil }

        var analysis = last.analysis
        analysis.project = project
        analysis.lessons = lessons
        analysis.navigation = navigation
        analysis.linkedFiles = linked.files
        analysis.diagnostics = diagnostics + linked.diagnostics
        analysis.cacheUse = parsed.cacheUse
        // Every page shows the table of contents and its neighbours' titles.
        let sameNavigation = navigation.outline == last.analysis.navigation.outline
            && navigation.readingOrder == last.analysis.navigation.readingOrder
            && navigation.home == last.analysis.navigation.home
        let rendering = sameNavigation ? parsed.lessons : lessons
        var (site, report) = try SiteBuilder.assemble(analysis, rendering: rendering, configuration: configuration)
        lastKind = .incremental(lessons: edited.count, pages: rendering.count)

        var files = last.files
        for file in site { files[file.path] = file.contents }
        report.files = files.count
        if report.hasErrors && !configuration.keepGoing {
            self.last = nil
            return report
        }
        try writeChanges(site, comparedWith: last.files)
        self.last = LastBuild(analysis: analysis, files: files)
        report.wroteSite = true
        return report
    }

    /// Replaces each file whose bytes changed, one by one: written beside it, then renamed
    /// over it, so a reader never sees half a page.
    private func writeChanges(_ site: [SiteFile], comparedWith previous: [String: Data]) throws(SiteBuildFailure) {
        let output = configuration.onDisk(configuration.output)
        let suffix = ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        for file in site where previous[file.path] != file.contents {
            let path = output + "/" + file.path
            do {
                try FileManager.default.createDirectory(
                    atPath: SitePath.directory(of: path), withIntermediateDirectories: true)
                try file.contents.write(to: URL(fileURLWithPath: path + suffix))
                if rename(path + suffix, path) != 0 {
                    throw AtomicSiteWriter.Failure(description: String(cString: strerror(errno)).lowercased())
                }
            } catch {
                try? FileManager.default.removeItem(atPath: path + suffix)
                throw SiteBuildFailure(Diagnostic(
                    id: "output.unwritable",
                    message: "cannot write '\(SiteConfiguration.join(SiteConfiguration.clean(configuration.output), file.path))': \(AtomicSiteWriter.reason(error))",
                    location: configuration.origins["output"]))
            }
        }
    }
}
