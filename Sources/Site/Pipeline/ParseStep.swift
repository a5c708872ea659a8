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
/// libcmark-gfm (0.29.0.gfm.6) is not safe to run on two threads at once: its parsers share a
/// global table of special characters that each parse edits, so concurrent parses sometimes
/// miss a `~~strike~~` or an autolink. The Markdown parse therefore runs one lesson at a time;
/// the passes over the tree and the HTML rendering (the expensive part once cells run) run
/// `--jobs` at a time. Results land in load order, so the output does not depend on which
/// lesson finished first.
struct ParseStep {
    var configuration: SiteConfiguration
    var theme: Theme
    /// The numeric check of the cells' derivatives (part of evaluating, for build and check).
    var verification = DerivativeVerification()

    func run(_ project: LoadedProject) async -> (lessons: [SiteLesson], navigation: SiteNavigation, diagnostics: [Diagnostic]) {
        let options = LessonRenderOptions(
            allowRawHTML: configuration.allowRawHTML,
            passes: [NotebookPass(renderer: ThemeCellRendering(theme: theme), verification: verification)])
        let parsed = project.lessons.map { LessonRenderer.parse($0.source) }
        let rendered = await Self.renderConcurrently(parsed, jobs: configuration.jobs) { lesson in
            var lesson = lesson
            for pass in options.passes { pass.apply(to: &lesson) }
            return LessonRenderer.render(lesson, options: options)
        }
        let lessons = zip(project.lessons, rendered).map { SiteLesson(file: $0, rendered: $1) }
        var diagnostics = project.diagnostics + lessons.flatMap(\.rendered.diagnostics)

        var summaryOutline: SiteOutline?
        if let summary = project.summary {
            let parsed = SummaryParser.parse(summary)
            summaryOutline = parsed.outline
            diagnostics += parsed.diagnostics
        }
        let navigation = SiteNavigation(lessons: lessons, summary: summaryOutline, summaryPath: project.summary?.path)
        diagnostics += navigation.diagnostics
        return (lessons, navigation, diagnostics)
    }

    /// Applies `work` to every input with at most `jobs` running at once, keeping input order.
    static func renderConcurrently<Input: Sendable, Output: Sendable>(
        _ inputs: [Input], jobs: Int, _ work: @escaping @Sendable (Input) -> Output
    ) async -> [Output] {
        await withTaskGroup(of: (Int, Output).self) { group in
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
