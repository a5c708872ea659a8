import CellLanguage
import Diagnostics
import Lesson

/// A lesson after the parse step: its file and what the Lesson stage made of it.
public struct SiteLesson: Sendable {
    public var file: LoadedProject.LessonFile
    public var rendered: RenderedLesson

    /// `notation.md` → `notation.html`.
    public var outputPath: String { SitePath.pagePath(forLesson: file.relativePath) }
}

/// Steps 2 and 3, **parse** and **evaluate**: every lesson through the Lesson stage (front
/// matter, Markdown, prose math, anchors, link rewriting), its cells run by the notebook pass
/// (one session per lesson), and `SUMMARY.md` into the outline.
///
/// Each lesson goes through the whole of it (Markdown parse, prose math, cells, HTML) as one
/// task, `--jobs` lessons at a time (libcmark-gfm's parses run concurrently once its global
/// table is filled, see `CmarkParse`). Results land in load order, so the output does not
/// depend on which lesson finished first.
///
/// Before any of that, each lesson is looked up in the lesson cache (`LessonCache`); a hit is
/// neither parsed nor evaluated, and a miss is stored once it is rendered.
struct ParseStep {
    var configuration: SiteConfiguration
    var theme: Theme
    /// Where evaluated lessons are looked up first and stored after; `nil` evaluates all.
    var cache: LessonCache?
    /// The numeric check of the cells' derivatives (part of evaluating, for build and check).
    var verification = DerivativeVerification()
    /// Whether a large lesson's result is left in `LessonCacheUse.laterStores` rather than
    /// stored here: `build` stores it while it makes and writes the pages (`LaterCacheStores`).
    var storesLargeLessonsLater = false

    struct Result {
        var lessons: [SiteLesson]
        var navigation: SiteNavigation
        var diagnostics: [Diagnostic]
        var cacheUse: LessonCacheUse
    }

    /// The reference rule table a derivation's rule names link to, when the project has it.
    static let rulePagePath = "reference/derivative-rules.md"

    /// Each lesson's link to the rule table (by the lesson's `source.path`), or none at all.
    static func rulePageLinks(_ project: LoadedProject) -> [String: String] {
        guard project.lessons.contains(where: { $0.relativePath == rulePagePath }) else { return [:] }
        let target = SitePath.pagePath(forLesson: rulePagePath)
        var links: [String: String] = [:]
        for lesson in project.lessons {
            links[lesson.source.path] = SitePath.link(from: SitePath.pagePath(forLesson: lesson.relativePath), to: target)
        }
        return links
    }

    /// What every lesson of a project is rendered with: the Lesson stage's options, the
    /// settings its cache key holds, and the macro file's problems. An incremental build keeps
    /// it, since it depends on the project's shared files only, not on any lesson's text.
    struct Setup: Sendable {
        var options: LessonRenderOptions
        /// Every setting that shapes a RenderedLesson, built from the same values as `options`.
        var cacheSettings: [String]
        var macroDiagnostics: [Diagnostic]
    }

    func setup(_ project: LoadedProject) -> Setup {
        let limits = CellLimits.default
        let (macros, macroDiagnostics) = project.macros.map { ProjectMacros.load($0.text, path: $0.path) } ?? (ProjectMacros(), [])
        let rulePage = Self.rulePageLinks(project)
        var notebook = NotebookPass(
            renderer: ThemeCellRendering(theme: theme), limits: limits, verification: verification,
            defaultLayout: configuration.layout, rulePage: { rulePage[$0.path] })
        // The lessons of this build (and of a preview's rebuilds) share their cells' work.
        notebook.shareWorkBetweenLessons()
        let options = LessonRenderOptions(
            allowRawHTML: configuration.allowRawHTML,
            passes: [
                notebook,
                CitationPass(
                    bibliography: project.references?.bibliography, bibliographyPath: project.references?.shownPath ?? "references.json"),
            ],
            macros: macros)
        let settings = [
            "raw-html=\(configuration.allowRawHTML)",
            "layout=\(configuration.layout.rawValue)",
            "cell-limits=\(limits.time.components.seconds)s+\(limits.time.components.attoseconds)as,\(limits.expressionSize)",
            "cell-templates=\(theme.cellTemplatesDigest)",
            "derivative-check=\(verification.settingsDescription)",
            "macros=\(project.macros?.text ?? "")",
            "rule-page=\(project.lessons.contains { $0.relativePath == Self.rulePagePath })",
        ]
            // Only a project with a bibliography adds a setting, so other projects' entries stay valid.
            + (project.references.map { ["references=\($0.shownPath):\($0.digest)"] } ?? [])
        return Setup(options: options, cacheSettings: settings, macroDiagnostics: macroDiagnostics)
    }

    func run(_ project: LoadedProject) async -> Result {
        let setup = setup(project)
        let (rendered, use) = await render(project.lessons, setup: setup)
        let lessons = zip(project.lessons, rendered).map { SiteLesson(file: $0, rendered: $1) }
        let (navigation, diagnostics) = Self.navigation(of: lessons, in: project)
        return Result(lessons: lessons, navigation: navigation, diagnostics: setup.macroDiagnostics + diagnostics, cacheUse: use)
    }

    /// `files` through the lesson cache and the Lesson stage, results in the same order: the
    /// whole project for a build, the edited lessons for an incremental one.
    func render(_ files: [LoadedProject.LessonFile], setup: Setup) async -> ([RenderedLesson], LessonCacheUse) {
        let options = setup.options
        var use = LessonCacheUse()
        var results: [RenderedLesson?] = Array(repeating: nil, count: files.count)
        var keys: [(key: LessonCacheKey, digest: String)?] = Array(repeating: nil, count: files.count)
        if let cache {
            let settings = setup.cacheSettings
            let found = await Self.renderConcurrently(files, jobs: configuration.jobs) { file in
                let key = cache.key(path: file.source.path, text: file.source.text, settings: settings)
                let digest = key.digest
                return (key, digest, cache.lookup(key, digest: digest))
            }
            for (index, (key, digest, lesson)) in found.enumerated() {
                keys[index] = (key, digest)
                results[index] = lesson
                if lesson != nil { use.hits += 1 }
                use.digests.insert(digest)
            }
            if let problem = cache.prepare() { use.problems.append(problem) }
        }
        let misses = results.indices.filter { results[$0] == nil }
        let cache = self.cache, storeKeys = keys, storesLargeLessonsLater = self.storesLargeLessonsLater
        let sources = misses.map { (index: $0, source: files[$0].source) }
        let evaluated = await Self.renderConcurrently(sources, jobs: configuration.jobs) { item -> (Int, RenderedLesson, String?, LaterCacheStores.Store?) in
            var lesson = LessonRenderer.parse(item.source, macros: options.macros)
            for pass in options.passes { pass.apply(to: &lesson) }
            // A large lesson's first tree and protected text are freed by now, but their pages
            // stay resident under the page, notebook and index made next unless given back.
            if item.source.text.utf8.count >= ProcessMemory.largeLessonBytes { ProcessMemory.releaseFreePages() }
            let rendered = LessonRenderer.render(consume lesson, options: options)
            BuildProgress.lessonEvaluated()
            guard let cache, let stored = storeKeys[item.index], LessonCache.isReusable(rendered) else { return (item.index, rendered, nil, nil) }
            if storesLargeLessonsLater, cache.access == .readWrite, item.source.text.utf8.count >= ProcessMemory.largeLessonBytes {
                return (item.index, rendered, nil, LaterCacheStores.Store(lesson: rendered, key: stored.key, digest: stored.digest))
            }
            return (item.index, rendered, cache.store(rendered, for: stored.key, digest: stored.digest), nil)
        }
        for (index, rendered, problem, later) in evaluated {
            results[index] = rendered
            use.evaluated += 1
            use.cellsRun += rendered.notebook.cellsRun
            if let problem { use.problems.append(problem) }
            if let later { use.laterStores.append(later) }
        }
        return (results.compactMap { $0 }, use)
    }

    /// `SUMMARY.md` into the outline and the reading order of `lessons`, with every problem
    /// found so far: the load's, the lessons', the summary's and the navigation's.
    static func navigation(of lessons: [SiteLesson], in project: LoadedProject) -> (SiteNavigation, [Diagnostic]) {
        var diagnostics = project.diagnostics + lessons.flatMap(\.rendered.diagnostics)
        var summaryOutline: SiteOutline?
        if let summary = project.summary {
            let parsed = SummaryParser.parse(summary)
            summaryOutline = parsed.outline
            diagnostics += parsed.diagnostics
        }
        let navigation = SiteNavigation(lessons: lessons, summary: summaryOutline, summaryPath: project.summary?.path, otherFiles: project.otherFiles)
        diagnostics += navigation.diagnostics
        return (navigation, diagnostics)
    }

    /// Applies `work` to every input with at most `jobs` running at once, keeping input order.
    static func renderConcurrently<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, _ work: @escaping @Sendable (Input) -> Output
    ) async -> [Output] {
        // One input (a one-lesson site) or one job: in this task, on its thread. A child task
        // may run on another thread, whose malloc arena cannot reuse what this one freed: a
        // 10 MB lesson's pages then took 80 MB more memory.
        if inputs.count <= 1 || jobs <= 1 { return inputs.map(work) }
        return await withTaskGroup(of: (Int, Output).self) { group in
            var results: [Output?] = Array(repeating: nil, count: inputs.count)
            var nextIndex = 0
            func startNext() {
                let index = nextIndex
                let input = inputs[index]
                group.addTask { (index, work(input)) }
                nextIndex += 1
            }
            while nextIndex < min(max(jobs, 1), inputs.count) { startNext() }
            for await (index, output) in group {
                results[index] = output
                if nextIndex < inputs.count { startNext() }
            }
            return results.compactMap { $0 }
        }
    }
}
