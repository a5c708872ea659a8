import CellLanguage
import Diagnostics
import Lesson

/// What `build` and `check` both do before anything is rendered: load → parse (evaluate) →
/// find linked files. `build` goes on to render and write; `check` goes on to its checkers
/// and writes nothing.
struct SiteAnalysis: Sendable {
    var project: LoadedProject
    var theme: Theme
    var lessons: [SiteLesson]
    var navigation: SiteNavigation
    var linkedFiles: [SiteFile]
    /// Every problem the shared steps found, unsorted.
    var diagnostics: [Diagnostic]
    /// What the lesson cache did (all zero without one).
    var cacheUse: LessonCacheUse
    /// The cache the lessons were looked up in, if any.
    var cache: LessonCache?

    /// `cacheAccess` is how `configuration.cacheFolder` is used: `build` reads and writes it,
    /// `check` only reads it. Without a folder, or an `identity` for this binary, every lesson
    /// is evaluated. With `storesLargeLessonsLater`, large lessons' results are left in
    /// `cacheUse.laterStores` for the caller to store (`LaterCacheStores`).
    static func run(
        _ configuration: SiteConfiguration, cacheAccess: LessonCache.Access,
        identity: LessonCacheIdentity? = LessonCacheIdentity.current,
        verification: DerivativeVerification = DerivativeVerification(),
        storesLargeLessonsLater: Bool = false
    ) async throws(SiteBuildFailure) -> SiteAnalysis {
        let project = try LoadStep(configuration: configuration).run()
        let theme = try ThemeLoader.load(configuration)
        let cache = configuration.cacheFolder.flatMap { folder in
            identity.map { LessonCache(folder: folder, access: cacheAccess, identity: $0) }
        }
        // parse, then evaluate: each lesson's cells run in its own session (NotebookPass),
        // unless the cache has its result.
        let parsed = await ParseStep(
            configuration: configuration, theme: theme, cache: cache, verification: verification,
            storesLargeLessonsLater: storesLargeLessonsLater
        ).run(project)
        let linked = await LinkedFiles(configuration: configuration)
            .collect(from: parsed.lessons, available: project.otherFiles, jobs: configuration.jobs)
        return SiteAnalysis(
            project: project, theme: theme, lessons: parsed.lessons, navigation: parsed.navigation,
            linkedFiles: linked.files, diagnostics: theme.warnings + parsed.diagnostics + linked.diagnostics,
            cacheUse: parsed.cacheUse, cache: cache)
    }

    /// The text of the lessons (and `SUMMARY.md`) the analysis's diagnostics are in, for
    /// writers that quote the offending line.
    var sources: SourceFiles { sources(naming: diagnostics) }

    /// The text of the lessons (and `SUMMARY.md`) `diagnostics` are in. Only those: cutting
    /// every lesson of a large course into lines took longer than any other serial part of a
    /// build, which mostly has nothing to quote.
    func sources(naming diagnostics: [Diagnostic]) -> SourceFiles {
        var named: Set<String> = []
        for diagnostic in diagnostics {
            if let file = diagnostic.location?.file { named.insert(file) }
            for note in diagnostic.notes {
                if let file = note.location?.file { named.insert(file) }
            }
        }
        guard !named.isEmpty else { return SourceFiles() }
        let files = (project.lessons.map(\.source) + [project.summary].compactMap { $0 }).filter { named.contains($0.path) }
        return SourceFiles(Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { first, _ in first }))
    }
}
