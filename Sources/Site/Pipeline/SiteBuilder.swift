import Diagnostics

/// `calcbook build` as a list of steps, each in its own file:
///
///     load → parse → evaluate → render → write   (the first three: `SiteAnalysis`)
///
/// render writes the pages (with `search.html`), each lesson's notebook and the search index.
///
/// A newcomer reads the whole flow in `build()`, and a new step (evaluate, check) goes
/// between two lines of it.
public struct SiteBuilder: Sendable {
    public var configuration: SiteConfiguration
    public var writer: AtomicSiteWriter
    /// Which binary and cache format the lesson cache is keyed by (tests change it).
    var cacheIdentity = LessonCacheIdentity.current

    public init(configuration: SiteConfiguration, fileSystem: any SiteFileSystem = LocalFileSystem()) {
        self.configuration = configuration
        self.writer = AtomicSiteWriter(fileSystem: fileSystem)
    }

    /// Builds the site. Throws when the build cannot run (exit code 2); lesson problems are in
    /// the report, and then the site is written only with `keepGoing`.
    public func build() async throws(SiteBuildFailure) -> SiteBuildReport {
        try await buildKeepingState().report
    }

    /// `build()` for a process that ends when the build does (`calcbook build`): what the site
    /// was made from and its files are kept until the process exits (`ProcessEnd`) instead of
    /// being freed on the way out, which only delays the exit: freeing the 10 MB lesson's
    /// trees, page and notebook took about 30 ms on one thread at the end of its build.
    public func buildBeforeExit() async throws(SiteBuildFailure) -> SiteBuildReport {
        let (report, built, analysis) = try await buildKeepingState()
        ProcessEnd.keep(built)
        ProcessEnd.keep(analysis)
        return report
    }

    /// The whole build, and, when it wrote the site, what it was made from: what preview's
    /// incremental builds (`IncrementalSiteBuilder`) start from.
    func buildKeepingState() async throws(SiteBuildFailure) -> (report: SiteBuildReport, built: Assembled?, analysis: SiteAnalysis?) {
        try OutputLocation(configuration).check()
        let analysis = try await SiteAnalysis.run(
            configuration, cacheAccess: .readWrite, identity: cacheIdentity, storesLargeLessonsLater: true)
        // The lessons' Markdown trees are freed; their pages are made next.
        ProcessMemory.releaseFreePages()
        // A large lesson's cache entry is written while its page is made and written (storing
        // the 10 MB lesson's took about half a second on one core), and waited for below.
        let laterStores = LaterCacheStores(analysis.cacheUse.laterStores, cache: analysis.cache)
        // A build that stops on an error waits for them too.
        defer { _ = laterStores.finish() }
        // Entries of lessons that were edited or deleted since are of no more use (a partial
        // entry of this process's is not touched).
        analysis.cache?.prune(keeping: analysis.cacheUse.digests)
        let write = WriteStep(configuration: configuration, writer: writer)
        // A site that will be written starts going to disk as its files are made.
        let willWrite = configuration.keepGoing || !analysis.diagnostics.contains { $0.severity == .error }
        let staging: StagingFolder? = willWrite ? try write.begin() : nil
        var made: (@Sendable ([SiteFile]) -> Void)?
        if let staging { made = { files in staging.add(files) } }
        let assembled: Assembled
        do throws(SiteBuildFailure) {
            assembled = try await Self.assemble(analysis, rendering: analysis.lessons, configuration: configuration, made: made)
        } catch {
            staging?.discard()
            throw error
        }
        if assembled.report.hasErrors && !configuration.keepGoing {
            staging?.discard()
            var report = assembled.report
            report.cacheProblems += laterStores.finish()
            return (report, nil, nil)
        }
        try write.run(assembled.site, into: staging)
        var built = assembled
        built.report.wroteSite = true
        built.report.cacheProblems += laterStores.finish()
        return (built.report, built, analysis)
    }

    /// What `assemble` makes: the site's files and the report of the build.
    struct Assembled: Sendable {
        /// Pages (with the theme's assets), notebooks and the search index, in the order they
        /// are merged with the linked files: what an incremental build replaces entries of.
        var pages: [SiteFile]
        /// Every file of the site, sorted by path: what is written.
        var site: [SiteFile]
        var report: SiteBuildReport
        /// The search index's entries, which an incremental build reuses.
        var searchEntries: SearchIndexEntries?
    }

    /// Steps 4 and the start of 5: the pages of `rendering` (every lesson), their notebooks,
    /// the search index and the linked files, merged into the site's files; and the report of
    /// the whole build.
    /// `made` is handed each batch of files as soon as it is made (the write step's staging
    /// folder), in no fixed order; the returned site is what counts.
    static func assemble(
        _ analysis: SiteAnalysis, rendering: [SiteLesson], configuration: SiteConfiguration,
        made: (@Sendable ([SiteFile]) -> Void)? = nil
    ) async throws(SiteBuildFailure) -> Assembled {
        let (made, entries) = try await make(
            analysis, rendering: rendering, otherPages: true, previousEntries: nil, edited: [], configuration: configuration, made: made)
        return finish(analysis, pages: made, searchEntries: entries, configuration: configuration)
    }

    /// The same for an incremental build: only the pages and notebooks of `rendering` (the
    /// lessons whose pages may have changed), the other pages when `otherPages` (the
    /// navigation they show changed), and the search entries of `edited` (the lessons
    /// whose text changed) are made again; the other entries of the `previous` build's pages
    /// and search index are kept. `nil` when a file made now has no place among the
    /// previous pages (the caller then builds everything).
    static func reassemble(
        _ analysis: SiteAnalysis, rendering: [SiteLesson], otherPages: Bool, edited: [SiteLesson], previous: Assembled,
        configuration: SiteConfiguration
    ) async throws(SiteBuildFailure) -> Assembled? {
        let (made, entries) = try await make(
            analysis, rendering: rendering, otherPages: otherPages, previousEntries: previous.searchEntries,
            edited: Set(edited.map(\.outputPath)), configuration: configuration)
        var replacements = Dictionary(made.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let kept = previous.pages.map { replacements.removeValue(forKey: $0.path) ?? $0 }
        guard replacements.isEmpty else { return nil }
        return finish(analysis, pages: kept, searchEntries: entries, configuration: configuration)
    }

    /// Pages (with `search.html`, the contents page and the theme's assets), notebooks and
    /// the search index. Pages, notebooks and search entries each depend on one lesson (and
    /// the shared navigation), so each kind is made `--jobs` lessons at a time, in the
    /// lessons' order, and the three kinds at once: a site of one large lesson otherwise made
    /// its page, its notebook and its index one after another on one core.
    ///
    /// The search index is started after the pages: a child task starts on the next free
    /// thread, and with the index started with the notebooks a large lesson's page waited for
    /// one of them and went to disk only then, the other core idle while the 45 MB page of the
    /// 10 MB lesson was written. Its page is now made beside its notebook and written while the
    /// notebook and the index are made.
    private static func make(
        _ analysis: SiteAnalysis, rendering: [SiteLesson], otherPages: Bool, previousEntries: SearchIndexEntries?, edited: Set<String>,
        configuration: SiteConfiguration, made: (@Sendable ([SiteFile]) -> Void)? = nil
    ) async throws(SiteBuildFailure) -> ([SiteFile], SearchIndexEntries?) {
        let jobs = configuration.jobs
        async let notebooks = configuration.writesNotebooks ? NotebookStep().run(lessons: rendering, jobs: jobs, made: made) : []
        let pages = try await RenderStep(configuration: configuration, theme: analysis.theme)
            .run(
                lessons: rendering, navigation: analysis.navigation, diagnostics: analysis.diagnostics, jobs: jobs,
                otherPages: otherPages, made: made)
        async let search = configuration.hasSearch
            ? SearchIndexEntries.make(
                lessons: analysis.lessons, readingOrder: analysis.navigation.readingOrder.map(\.outputPath), jobs: jobs,
                previous: previousEntries, changed: edited)
            : nil
        guard let (index, entries) = await search else { return (pages + (await notebooks), nil) }
        return (pages + (await notebooks) + [index], entries)
    }

    /// `pages` merged with the linked files, and the report of the build.
    private static func finish(
        _ analysis: SiteAnalysis, pages: [SiteFile], searchEntries: SearchIndexEntries?, configuration: SiteConfiguration
    ) -> Assembled {
        var diagnostics = analysis.diagnostics
        let site = SiteContents.merge(pages: pages, linkedFiles: analysis.linkedFiles, diagnostics: &diagnostics, configuration: configuration)
        diagnostics.sort(by: Diagnostic.sourceOrder)
        let report = SiteBuildReport(
            diagnostics: diagnostics,
            sources: analysis.sources,
            pages: analysis.lessons.count + analysis.navigation.generatedPages(search: configuration.hasSearch).count,
            cells: analysis.cacheUse.cellsRun,
            lessonsFromCache: analysis.cacheUse.hits,
            cacheProblems: analysis.cacheUse.problems,
            files: site.count,
            wroteSite: false)
        return Assembled(pages: pages, site: site, report: report, searchEntries: searchEntries)
    }
}

/// What a build did: its diagnostics (in source order) and what it wrote.
public struct SiteBuildReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// The text of every lesson, for writers that quote the offending line.
    public var sources: SourceFiles
    /// Every HTML page written: the lessons' and the generated ones (home, parts, search).
    public var pages: Int
    /// Cells that ran in this build, over all lessons (a lesson from the cache runs none).
    public var cells: Int
    /// Lessons whose result came from the lesson cache: neither parsed nor evaluated.
    public var lessonsFromCache: Int = 0
    /// Why the lesson cache could not be written, if it could not; the build goes on without.
    public var cacheProblems: [String] = []
    public var files: Int
    public var wroteSite: Bool

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

extension SiteBuildReport {
    /// One line for the end of a build: what was written, and how many problems.
    public func summary(output: String) -> String {
        var counts: [String] = []
        if errorCount > 0 { counts.append(errorCount == 1 ? "1 error" : "\(errorCount) errors") }
        if warningCount > 0 { counts.append(warningCount == 1 ? "1 warning" : "\(warningCount) warnings") }
        let problems = counts.isEmpty ? "" : " (" + counts.joined(separator: ", ") + ")"
        var pageCount = pages == 1 ? "1 page" : "\(pages) pages"
        var work: [String] = []
        if cells > 0 { work.append(cells == 1 ? "1 cell run" : "\(cells) cells run") }
        if lessonsFromCache > 0 { work.append(lessonsFromCache == 1 ? "1 lesson from cache" : "\(lessonsFromCache) lessons from cache") }
        if !work.isEmpty { pageCount += " (" + work.joined(separator: ", ") + ")" }
        if wroteSite {
            return "Built \(pageCount) into \(SiteConfiguration.clean(output))/\(problems)"
        }
        return "Did not write \(SiteConfiguration.clean(output))/: the lessons have problems\(problems); --keep-going writes the pages anyway"
    }
}
