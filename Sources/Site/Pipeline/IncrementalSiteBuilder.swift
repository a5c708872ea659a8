import Diagnostics
import Foundation
import Lesson

/// `calcbook preview`'s builder: the first build is a whole one, and it keeps what that build
/// made (the loaded project, every lesson's result, the navigation, the site's files) in
/// memory, so that the next edit of a lesson costs that lesson only.
///
/// After an edit of lessons alone, only those lessons are read, evaluated (or taken from the
/// lesson cache) and rendered again; if the navigation (titles, order, sections) comes out
/// the same, only their pages and notebooks, the pages whose error lists changed, and the
/// search index are made again, and only files whose bytes changed are written, each by a
/// rename in the output folder. A changed title renders every page again in memory and still
/// writes only what changed. A file in the lessons folder that no lesson links to (an
/// editor's backup `a.md~`, Vim's `4913` probe, an image not used yet) changes no page: it
/// builds nothing. Anything else (a template, `calcbook.toml`, `SUMMARY.md`, the macro or
/// bibliography file, a linked image, a lesson added, removed or unreadable) is a whole
/// build, as `calcbook build` does it. Every path gives the bytes a whole build of the same sources
/// gives (`IncrementalSiteBuilderTests` checks it).
public actor IncrementalSiteBuilder {
    /// How a build was made, for the terminal.
    public enum Kind: Sendable, Equatable {
        /// Everything loaded and rendered, the output folder replaced as a whole: the first
        /// build, or after a change that is not to lessons alone (`reason` says which).
        case whole(reason: String?)
        /// The edited lessons evaluated again and every page rendered again, because the
        /// navigation changed (`reason`: a title); only changed files written.
        case allPages(reason: String)
        /// Only the edited lessons evaluated and their pages, notebooks and the search index
        /// made again; only changed files written.
        case lessons
        /// Nothing built or written: every changed file is in the lessons folder and no lesson
        /// links to it (`paths`, as the terminal shows them).
        case unusedFiles([String])
    }

    public struct Outcome: Sendable {
        public var report: SiteBuildReport
        public var kind: Kind
        /// How many files were written into the output folder.
        public var filesWritten: Int
    }

    private let fileSystem: any SiteFileSystem
    /// Which binary and cache format the lesson cache is keyed by (tests change it).
    var cacheIdentity = LessonCacheIdentity.current
    private var state: State?

    /// What the last build made, once it wrote the site.
    private struct State {
        var configuration: SiteConfiguration
        var analysis: SiteAnalysis
        var setup: ParseStep.Setup
        var assembled: SiteBuilder.Assembled
        /// Each lesson's index in `analysis`, by its path relative to the lessons folder.
        var lessonIndex: [String: Int]
        /// Each file's diagnostics (every severity), in the order a page lists them.
        var diagnosticsByFile: [String: [Diagnostic]]
        /// Each lesson's links to files, as `LinkedFiles.collect` resolves them.
        var links: [(wanted: [String], diagnostics: [Diagnostic])]
    }

    public init(fileSystem: any SiteFileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Builds the site for `configuration` after the files `changed` (absolute paths, as
    /// the watcher names them) changed since the last call; the first call, or one after a
    /// failure, builds everything. Throws as `SiteBuilder.build` does.
    public func build(_ configuration: SiteConfiguration, changed: [String]) async throws(SiteBuildFailure) -> Outcome {
        guard let state else { return try await whole(configuration, reason: nil) }
        guard state.configuration == configuration else { return try await whole(configuration, reason: "the settings changed") }
        switch Self.edits(changed, state: state) {
        case .whole(let reason):
            return try await whole(configuration, reason: reason)
        case .unusedFiles(let files):
            self.state = noting(files.map(\.relative), in: state)
            return Outcome(report: state.assembled.report, kind: .unusedFiles(files.map(\.shown)), filesWritten: 0)
        case .lessons(let edits, let unused):
            self.state = nil  // until the update is written: a failure half-way leads to a whole build
            return try await update(noting(unused.map(\.relative), in: state), edits: edits)
        }
    }

    /// `state` with the files of the lessons folder that exist among `paths` (changed files no
    /// lesson links to), so that a lesson edited later to link to one finds it.
    private func noting(_ paths: [String], in state: State) -> State {
        var state = state
        let folder = state.configuration.onDisk(state.configuration.lessons)
        for path in paths {
            if fileSystem.itemKind(atPath: folder + "/" + path) == .file {
                state.analysis.project.otherFiles.insert(path)
            } else {
                state.analysis.project.otherFiles.remove(path)
            }
        }
        return state
    }

    private func whole(_ configuration: SiteConfiguration, reason: String?) async throws(SiteBuildFailure) -> Outcome {
        state = nil
        var builder = SiteBuilder(configuration: configuration, fileSystem: fileSystem)
        builder.cacheIdentity = cacheIdentity
        let (report, built, analysis) = try await builder.buildKeepingState()
        if let built, let analysis {
            let parse = ParseStep(configuration: configuration, theme: analysis.theme, cache: analysis.cache)
            state = State(
                configuration: configuration, analysis: analysis, setup: parse.setup(analysis.project), assembled: built,
                lessonIndex: Self.lessonIndex(analysis), diagnosticsByFile: Self.diagnosticsByFile(analysis.diagnostics),
                links: await ParseStep.renderConcurrently(analysis.lessons, jobs: configuration.jobs) { [available = analysis.project.otherFiles] in
                    LinkedFiles.links(of: $0, available: available)
                })
        }
        return Outcome(report: report, kind: .whole(reason: reason), filesWritten: report.wroteSite ? report.files : 0)
    }

    private enum Plan {
        case whole(reason: String)
        /// Lessons (by index) and their new text, and changed files no lesson links to.
        case lessons([(index: Int, source: LessonSource)], unused: [UnusedFile])
        /// Only files no lesson links to.
        case unusedFiles([UnusedFile])
    }

    /// A changed file of the lessons folder that no lesson links to.
    private struct UnusedFile {
        /// Relative to the lessons folder.
        var relative: String
        /// As the terminal shows it.
        var shown: String
    }

    /// Whether `changed` are lessons alone, each still a readable lesson (then their new
    /// text), or files in the lessons folder that no page depends on.
    private static func edits(_ changed: [String], state: State) -> Plan {
        let configuration = state.configuration
        let folder = configuration.onDisk(configuration.lessons)
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let projectFiles = Set([configuration.macros, configuration.references].compactMap { $0.map(configuration.onDisk) })
        var edits: [(index: Int, source: LessonSource)] = []
        var unused: [UnusedFile] = []
        var linked: Set<String>?  // every path a lesson links to, found at the first file that needs it
        for path in changed {
            let shown = configuration.shown(path)
            guard path.hasPrefix(prefix), !projectFiles.contains(path) else { return .whole(reason: "\(shown) changed") }
            let relative = String(path.dropFirst(prefix.count))
            guard let index = state.lessonIndex[relative] else {
                if relative == "SUMMARY.md" { return .whole(reason: "\(shown) changed") }
                if relative.hasSuffix(".md") { return .whole(reason: "\(shown) was added") }
                let paths = linked ?? Set(state.analysis.lessons.flatMap(LinkedFiles.linkedPaths(of:)))
                linked = paths
                guard !paths.contains(relative) else { return .whole(reason: "\(shown) changed") }
                unused.append(UnusedFile(relative: relative, shown: shown))
                continue
            }
            switch LoadStep(configuration: configuration).readLesson(relative) {
            case .lesson(let source): edits.append((index, source))
            case .problem: return .whole(reason: "\(shown) was removed or cannot be read")
            }
        }
        return edits.isEmpty && !unused.isEmpty ? .unusedFiles(unused) : .lessons(edits, unused: unused)
    }

    /// Evaluates the edited lessons again and writes what changed.
    private func update(_ previous: State, edits: [(index: Int, source: LessonSource)]) async throws(SiteBuildFailure) -> Outcome {
        let configuration = previous.configuration
        var analysis = previous.analysis
        var changed: [Int] = []
        for (index, source) in edits where analysis.project.lessons[index].source != source {
            analysis.project.lessons[index].source = source
            changed.append(index)
        }
        let parse = ParseStep(configuration: configuration, theme: analysis.theme, cache: analysis.cache)
        let (rendered, use) = await parse.render(changed.map { analysis.project.lessons[$0] }, setup: previous.setup)
        for (index, lesson) in zip(changed, rendered) {
            analysis.lessons[index] = SiteLesson(file: analysis.project.lessons[index], rendered: lesson)
        }
        // The rest of the analysis exactly as `SiteAnalysis.run` makes it.
        let (navigation, diagnostics) = ParseStep.navigation(of: analysis.lessons, in: analysis.project)
        var links = previous.links
        for index in changed { links[index] = LinkedFiles.links(of: analysis.lessons[index], available: analysis.project.otherFiles) }
        let linked = LinkedFiles(configuration: configuration).read(links)
        analysis.navigation = navigation
        analysis.linkedFiles = linked.files
        analysis.diagnostics = analysis.theme.warnings + previous.setup.macroDiagnostics + diagnostics + linked.diagnostics
        analysis.cacheUse = use

        // A page depends on its lesson, the navigation and its own file's errors; the search
        // index on every lesson.
        let diagnosticsByFile = Self.diagnosticsByFile(analysis.diagnostics)
        let navigationReason = Self.navigationChange(from: previous.analysis.navigation, to: navigation, changed: changed.map { analysis.lessons[$0] })
        var kind = Kind.lessons
        var rendering: [SiteLesson]
        if let navigationReason {
            kind = .allPages(reason: navigationReason)
            rendering = analysis.lessons
        } else {
            let edited = Set(changed)
            rendering = analysis.lessons.enumerated().filter { index, lesson in
                edited.contains(index) || diagnosticsByFile[lesson.file.source.path] != previous.diagnosticsByFile[lesson.file.source.path]
            }.map(\.element)
        }
        guard let assembled = try await SiteBuilder.reassemble(
            analysis, rendering: rendering, otherPages: navigationReason != nil, edited: changed.map { analysis.lessons[$0] },
            previous: previous.assembled,
            configuration: configuration)
        else { return try await whole(configuration, reason: "the site's files changed") }

        var report = assembled.report
        let written: Int
        if report.hasErrors && !configuration.keepGoing {
            written = 0
        } else {
            written = try write(assembled.site, over: previous.assembled.site, configuration: configuration)
            report.wroteSite = true
        }
        var assembledNow = assembled
        assembledNow.report = report
        state = State(
            configuration: configuration, analysis: analysis, setup: previous.setup, assembled: assembledNow,
            lessonIndex: previous.lessonIndex, diagnosticsByFile: diagnosticsByFile, links: links)
        return Outcome(report: report, kind: kind, filesWritten: written)
    }

    /// Why the navigation is not the same (the pages of other lessons show it), or `nil`.
    private static func navigationChange(from old: SiteNavigation, to new: SiteNavigation, changed: [SiteLesson]) -> String? {
        guard old.home != new.home || old.readingOrder != new.readingOrder || old.outline != new.outline || old.parts != new.parts else { return nil }
        let paths = changed.map(\.file.source.path)
        return paths.count == 1 ? "the title of \(paths[0]) changed" : "a title changed"
    }

    /// Writes the files of `site` whose bytes differ from `previous`, each into a temporary
    /// file beside it and renamed over it, so a reader sees the old file or the new one. When
    /// the list of files changed, or the output folder is not the one calcbook wrote, the
    /// whole folder is replaced as `build` does.
    private func write(_ site: [SiteFile], over previous: [SiteFile], configuration: SiteConfiguration) throws(SiteBuildFailure) -> Int {
        let output = configuration.onDisk(configuration.output)
        let old = Dictionary(previous.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
        let samePaths = site.count == old.count && site.allSatisfy { old[$0.path] != nil }
        guard samePaths, fileSystem.itemKind(atPath: output + "/" + OutputFolderMarker.fileName) == .file else {
            try WriteStep(configuration: configuration, writer: AtomicSiteWriter(fileSystem: fileSystem)).run(site)
            return site.count
        }
        var count = 0
        for file in site where old[file.path] != file.contents {
            let target = output + "/" + file.path
            let temporary = SitePath.directory(of: target) + "/." + (file.path.split(separator: "/").last.map(String.init) ?? "file")
                + ".calcbook-\(ProcessInfo.processInfo.processIdentifier).tmp"
            let problem: String?
            do {
                try fileSystem.writeFile(file.contents, toPath: temporary)
                problem = rename(temporary, target) == 0 ? nil : String(cString: strerror(errno)).lowercased()
            } catch {
                problem = AtomicSiteWriter.reason(error)
            }
            if let problem {
                try? fileSystem.removeItem(atPath: temporary)
                throw SiteBuildFailure(Diagnostic(
                    id: "output.unwritable",
                    message: "cannot write '\(SiteConfiguration.join(SiteConfiguration.clean(configuration.output), file.path))': \(problem)",
                    location: configuration.origins["output"],
                    notes: [.init("the next change rebuilds the whole site")]))
            }
            count += 1
        }
        return count
    }

    private static func lessonIndex(_ analysis: SiteAnalysis) -> [String: Int] {
        Dictionary(analysis.lessons.enumerated().map { ($1.file.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Diagnostics by the file they are in (those without a place are on no page).
    private static func diagnosticsByFile(_ diagnostics: [Diagnostic]) -> [String: [Diagnostic]] {
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics {
            guard let file = diagnostic.location?.file else { continue }
            byFile[file, default: []].append(diagnostic)
        }
        return byFile
    }
}
