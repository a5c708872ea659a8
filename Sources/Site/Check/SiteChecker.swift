import CellLanguage
import Diagnostics
import Lesson

/// `calcbook check`: everything `build` evaluates (load → parse → evaluate, the same steps),
/// then the checkers over every lesson's links; nothing is rendered or written.
public struct SiteChecker: Sendable {
    public var configuration: SiteConfiguration
    /// `--external`: how to request web addresses; `nil` keeps the check offline.
    public var externalLinks: ExternalLinkOptions?
    /// How derivatives are verified; tests of the check swap in wrong claims here.
    var verification = DerivativeVerification()

    /// The rules, one type each, run over every link of every lesson.
    static let linkCheckers: [any LinkChecker] = [
        BrokenLinkChecker(), MissingImageChecker(), MissingFragmentChecker(), ExternalLinkChecker(),
    ]

    /// What the build writes besides the lessons' pages and the lessons folder's files, as
    /// `build` would write it with this configuration.
    static func generatedFiles(_ analysis: SiteAnalysis, configuration: SiteConfiguration) -> Set<String> {
        Set(analysis.navigation.generatedPages(search: configuration.hasSearch)
            + (configuration.writesNotebooks ? analysis.lessons.map { NotebookFile.path(forLesson: $0.file.relativePath) } : []))
    }

    public init(configuration: SiteConfiguration, externalLinks: ExternalLinkOptions? = nil) {
        self.configuration = configuration
        self.externalLinks = externalLinks
    }

    /// Throws when the check cannot run (exit code 2); lesson problems are in the report.
    public func check() async throws(SiteBuildFailure) -> SiteCheckReport {
        let analysis = try await SiteAnalysis.run(configuration, cacheAccess: .readOnly, verification: verification)
        var site = CheckedSite(
            lessons: analysis.lessons, otherFiles: analysis.project.otherFiles,
            generatedFiles: Self.generatedFiles(analysis, configuration: configuration))
        site.searchIsOff = !configuration.hasSearch
        var diagnostics = analysis.diagnostics
        var classified: [(link: ClassifiedLink, lesson: Int)] = []
        for (index, lesson) in analysis.lessons.enumerated() {
            for link in lesson.rendered.links {
                classified.append((ClassifiedLink(link, from: lesson.file.relativePath), index))
            }
        }
        let links = classified.count
        try site.readGeneratedPageIDs(links: classified.map(\.link)) { () throws(SiteBuildFailure) in
            try RenderStep(configuration: configuration, theme: analysis.theme).otherPages(navigation: analysis.navigation)
        }
        for (link, index) in classified {
            for checker in Self.linkCheckers {
                diagnostics += checker.check(link, in: analysis.lessons[index], site: site)
            }
        }
        // SUMMARY.md's entries, and the links the theme itself puts on every page.
        let summaryChecker = SummaryFragmentChecker()
        diagnostics += summaryChecker.check(analysis.navigation.outline, site: site)
        let templates = try TemplateLinkChecker(configuration: configuration, theme: analysis.theme)
            .check(lessons: analysis.lessons, navigation: analysis.navigation, linkedFiles: analysis.linkedFiles)
        diagnostics += templates.diagnostics

        var external: ExternalLinkStep.Result?
        if let externalLinks {
            external = await ExternalLinkStep(options: externalLinks).run(analysis.lessons)
            diagnostics += external?.diagnostics ?? []
        }
        diagnostics.sort(by: Diagnostic.sourceOrder)
        var sources = analysis.sources(naming: diagnostics)
        for source in analysis.theme.sources.values { sources.add(source.shownPath, text: source.text) }
        return SiteCheckReport(
            diagnostics: diagnostics,
            sources: sources,
            lessons: analysis.lessons.map { SiteCheckReport.CheckedLesson(lesson: $0) },
            links: links,
            summaryLinks: summaryChecker.linkCount(analysis.navigation.outline),
            templateLinks: templates.links,
            externalLinksRequested: external?.requested)
    }
}

/// What a check found: its diagnostics (in source order) and what it looked at.
public struct SiteCheckReport: Sendable {
    /// One lesson as the report lists it: what was checked in it.
    public struct CheckedLesson: Sendable {
        /// As diagnostics name it: `lessons/jacobian.md`.
        public var path: String
        public var links: [LessonLink]
        public var headings: Int
        /// Cells that ran, and `#expect`s that held, in the evaluate step.
        public var cells: Int
        public var expectationsPassed: Int
        /// Of those `#expect`s, the ones simplification decided (the rest agreed at random points).
        public var expectationsSymbolic: Int
        /// Derivatives the numeric check confirmed, and those it could not decide.
        public var derivativesVerified: Int
        public var derivativesUnverifiable: Int
        /// Cells that ran as they should and `#expect`s that held, with their places.
        public var passed: [NotebookCheck]

        init(lesson: SiteLesson) {
            cells = lesson.rendered.notebook.cellsRun
            expectationsPassed = lesson.rendered.notebook.expectationsPassed
            expectationsSymbolic = lesson.rendered.notebook.expectationsSymbolic
            derivativesVerified = lesson.rendered.notebook.derivativesVerified
            derivativesUnverifiable = lesson.rendered.notebook.derivativesUnverifiable
            passed = lesson.rendered.notebook.passed
            path = lesson.file.source.path
            links = lesson.rendered.links
            headings = lesson.rendered.headings.count
        }
    }

    public var diagnostics: [Diagnostic]
    public var sources: SourceFiles
    public var lessons: [CheckedLesson]
    /// Links of the lessons.
    public var links: Int
    /// `SUMMARY.md` entries that point at a lesson (it exists; its fragment, if any, is a heading).
    public var summaryLinks = 0
    /// Distinct links the theme's templates and stylesheets write.
    public var templateLinks = 0
    /// Distinct web addresses requested (`--external`); `nil` when the check stayed offline.
    public var externalLinksRequested: Int? = nil

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    public var cells: Int { lessons.reduce(0) { $0 + $1.cells } }
    public var derivativesVerified: Int { lessons.reduce(0) { $0 + $1.derivativesVerified } }
    public var derivativesUnverifiable: Int { lessons.reduce(0) { $0 + $1.derivativesUnverifiable } }
    public var expectationsPassed: Int { lessons.reduce(0) { $0 + $1.expectationsPassed } }
    /// How many `#expect`s simplification decided: an author can see how much rests on sampling.
    public var expectationsSymbolic: Int { lessons.reduce(0) { $0 + $1.expectationsSymbolic } }

    /// Checks run: each link through each link rule, each cell, each `#expect` that held and
    /// each derivative verified (failing ones are among the diagnostics).
    public var checks: Int {
        links * SiteChecker.linkCheckers.count + summaryLinks + templateLinks + cells
            + expectationsPassed + derivativesVerified
    }

    /// The last line of a check: what was looked at and how many problems.
    public var summary: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(n) \(many)" }
        let problems = errorCount + warningCount
        // The derivatives are counted with the cells that computed them: "60 cells (41
        // derivatives verified, 1 not verifiable)"; a site without cells says nothing of them.
        // The `#expect`s that held follow, split by how they were decided, when there are any.
        var derivatives = ""
        if cells > 0 {
            derivatives = " (" + count(derivativesVerified, "derivative verified", "derivatives verified")
                + (derivativesUnverifiable > 0 ? ", \(derivativesUnverifiable) not verifiable" : "")
            if expectationsPassed > 0 {
                derivatives += "; " + count(expectationsPassed, "#expect held", "#expects held")
                    + ": \(expectationsSymbolic) symbolically, \(expectationsPassed - expectationsSymbolic) at random points"
            }
            derivatives += ")"
        }
        var line = "Checked \(count(lessons.count, "lesson", "lessons")), \(count(cells, "cell", "cells"))\(derivatives), "
            + "\(count(links + summaryLinks + templateLinks, "link", "links")) (\(count(checks, "check", "checks")))"
        if let externalLinksRequested {
            line += ", \(count(externalLinksRequested, "external link", "external links")) requested"
        }
        line += ": "
        if problems == 0 {
            line += "no problems"
        } else {
            line += count(errorCount, "error", "errors") + ", " + count(warningCount, "warning", "warnings")
        }
        return line
    }
}
