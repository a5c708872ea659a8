import Diagnostics
import Lesson

/// What `build` and `check` both do before anything is rendered: load → parse (evaluate) →
/// find linked files. `build` goes on to render and write; `check` goes on to its checkers
/// and writes nothing.
struct SiteAnalysis {
    var project: LoadedProject
    var theme: Theme
    var lessons: [SiteLesson]
    var navigation: SiteNavigation
    var linkedFiles: [SiteFile]
    /// Every problem the shared steps found, unsorted.
    var diagnostics: [Diagnostic]

    static func run(
        _ configuration: SiteConfiguration, verification: DerivativeVerification = DerivativeVerification()
    ) async throws(SiteBuildFailure) -> SiteAnalysis {
        let project = try LoadStep(configuration: configuration).run()
        let theme = try ThemeLoader.load(configuration)
        // parse, then evaluate: each lesson's cells run in its own session (NotebookPass).
        let parsed = await ParseStep(configuration: configuration, theme: theme, verification: verification).run(project)
        let linked = LinkedFiles(configuration: configuration).collect(from: parsed.lessons, available: project.otherFiles)
        return SiteAnalysis(
            project: project, theme: theme, lessons: parsed.lessons, navigation: parsed.navigation,
            linkedFiles: linked.files, diagnostics: parsed.diagnostics + linked.diagnostics)
    }

    /// Cells that ran, over all lessons.
    var cellsRun: Int { lessons.reduce(0) { $0 + $1.rendered.notebook.cellsRun } }

    /// The text of every lesson and `SUMMARY.md`, for writers that quote the offending line.
    var sources: SourceFiles {
        SourceFiles(Dictionary(
            (project.lessons.map(\.source) + [project.summary].compactMap { $0 }).map { ($0.path, $0.text) },
            uniquingKeysWith: { first, _ in first }))
    }
}
