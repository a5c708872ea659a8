import Diagnostics
import Foundation
import Lesson

/// Step 1, **load**: reads every Markdown file under the lessons folder (recursively, hidden
/// files and folders skipped) and lists the other files there.
///
/// A missing or unreadable lessons folder stops the build (exit code 2); an unreadable or
/// non-UTF-8 lesson is a lesson problem reported at that file (exit code 1).
struct LoadStep {
    var configuration: SiteConfiguration

    /// A folder with neither a lessons folder nor `calcbook.toml` is not a project yet:
    /// the missing-folder error then suggests `calcbook init` rather than `--lessons`.
    private var startsAProject: Bool {
        configuration.origins["lessons"] == nil
            && !FileManager.default.fileExists(atPath: configuration.onDisk(ConfigurationLoader.fileName))
    }

    func run() throws(SiteBuildFailure) -> LoadedProject {
        let rootOnDisk = configuration.onDisk(configuration.lessons)
        let shownName = SiteConfiguration.clean(configuration.lessons)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rootOnDisk, isDirectory: &isDirectory) else {
            throw SiteBuildFailure(Diagnostic(
                id: "lessons.missing-folder",
                message: "the lessons folder '\(shownName)' does not exist",
                location: configuration.origins["lessons"],
                notes: [.init(startsAProject
                    ? "to start a project here, run calcbook init"
                    : "run calcbook from the project root, or name the folder with --lessons DIR")]))
        }
        guard isDirectory.boolValue else {
            throw SiteBuildFailure(Diagnostic(
                id: "lessons.not-a-folder",
                message: "the lessons folder '\(shownName)' is a file, not a folder",
                location: configuration.origins["lessons"]))
        }
        let realRoot = URL(fileURLWithPath: rootOnDisk).resolvingSymlinksInPath().path
        var walk = FolderWalk(rootOnDisk: rootOnDisk, realRoot: realRoot)
        do throws(FolderWalk.Unreadable) {
            try walk.visit(relative: "")
        } catch {
            throw SiteBuildFailure(Diagnostic(
                id: "lessons.unreadable-folder",
                message: "cannot read the lessons folder '\(SiteConfiguration.join(shownName, error.relativePath))': \(error.reason)",
                location: error.relativePath.isEmpty ? configuration.origins["lessons"] : nil))
        }

        var project = LoadedProject(lessons: [], summary: nil, otherFiles: [], diagnostics: walk.diagnostics(configuration))
        for relative in walk.files.sorted(by: Self.pathOrder) {
            guard relative.hasSuffix(".md") else {
                project.otherFiles.insert(relative)
                continue
            }
            let source: LessonSource
            switch readLesson(relative) {
            case .lesson(let read): source = read
            case .problem(let problem):
                project.diagnostics.append(problem)
                continue
            }
            if relative == "SUMMARY.md" {
                project.summary = source
            } else {
                project.lessons.append(.init(relativePath: relative, source: source))
            }
        }
        if let macros = configuration.macros { loadMacros(macros, into: &project) }
        project.references = try loadReferences()
        return project
    }

    /// One Markdown file of the lessons folder, read as a build reads it (preview's
    /// incremental build reads an edited lesson again the same way).
    enum LessonRead {
        case lesson(LessonSource)
        /// Unreadable, or not UTF-8: a lesson problem at the file.
        case problem(Diagnostic)
    }

    func readLesson(_ relative: String) -> LessonRead {
        let shown = configuration.displayPath(inLessons: relative)
        guard let data = FileManager.default.contents(atPath: configuration.onDisk(configuration.lessons) + "/" + relative) else {
            return .problem(Diagnostic(
                id: "lessons.unreadable-file", message: "cannot read this lesson",
                location: SourceLocation(file: shown, line: 1, column: 1)))
        }
        guard let text = UTF8Check.text(of: data) else {
            let (line, column) = UTF8Check.firstInvalidPosition(in: data) ?? (1, 1)
            return .problem(Diagnostic(
                id: "lessons.not-utf8", message: "this lesson is not UTF-8 text",
                location: SourceLocation(file: shown, line: line, column: column)))
        }
        let leavesProject = shown.hasPrefix("/") || shown.hasPrefix("../") || shown.hasPrefix("~")
        return .lesson(LessonSource(path: shown, text: text, pagePath: leavesProject ? relative : shown))
    }

    /// The bibliography `references` names. A missing or broken file stops the build (exit
    /// code 2), like a broken `calcbook.toml`: every citation of the course depends on it.
    func loadReferences() throws(SiteBuildFailure) -> LoadedProject.References? {
        guard let written = configuration.references else { return nil }
        let shown = SiteConfiguration.clean(written)
        guard let data = FileManager.default.contents(atPath: configuration.onDisk(written)) else {
            let exists = FileManager.default.fileExists(atPath: configuration.onDisk(written))
            throw SiteBuildFailure(Diagnostic(
                id: "references.missing-file",
                message: exists ? "cannot read the bibliography '\(shown)'" : "the bibliography '\(shown)' does not exist",
                location: configuration.origins["references"],
                notes: [.init("'references' names a CSL-JSON file relative to the project root (Zotero: Export… → CSL JSON)")]))
        }
        do throws(Bibliography.Problem) {
            let bibliography = try Bibliography.decode(data)
            return .init(bibliography: bibliography, shownPath: shown, digest: { var hasher = SHA256(); hasher.update(data); return hasher.finalizeHex() }())
        } catch {
            throw SiteBuildFailure(Diagnostic(
                id: "references.invalid",
                message: "the bibliography '\(shown)' \(error.message)",
                location: SourceLocation(file: shown, line: error.line ?? 1, column: error.column ?? 1),
                notes: [.init("named here", at: configuration.origins["references"])]))
        }
    }

    /// The TeX macro file `calcbook.toml` names; a missing or unreadable one is a problem at
    /// the line of `calcbook.toml` that names it, and every lesson then starts without macros.
    private func loadMacros(_ path: String, into project: inout LoadedProject) {
        let shown = SiteConfiguration.clean(path)
        guard let data = FileManager.default.contents(atPath: configuration.onDisk(path)) else {
            project.diagnostics.append(Diagnostic(
                id: "config.missing-macros",
                message: "the macro file '\(shown)' named by 'macros' cannot be read; create it (a list of \\newcommand definitions) or remove the setting",
                location: configuration.origins["macros"]))
            return
        }
        if let (line, column) = UTF8Check.firstInvalidPosition(in: data) {
            project.diagnostics.append(Diagnostic(
                id: "lessons.not-utf8", message: "this macro file is not UTF-8 text",
                location: SourceLocation(file: shown, line: line, column: column)))
            return
        }
        project.macros = LessonSource(path: shown, text: String(decoding: data, as: UTF8.self))
    }

    /// Orders `a/b.md` after `a.md` and before `b.md`: component by component, a file's name
    /// compared without `.md`, so a lesson comes just before the folder of the same name and the
    /// files of a folder stay together. Byte order, so it is the same on every machine.
    static func pathOrder(_ a: String, _ b: String) -> Bool {
        let left = sortKey(a), right = sortKey(b)
        for (l, r) in zip(left, right) where l != r {
            return l.utf8.lexicographicallyPrecedes(r.utf8)
        }
        return left.count < right.count
    }

    private static func sortKey(_ path: String) -> [Substring] {
        var components = path.split(separator: "/")
        if let last = components.last, last.hasSuffix(".md") {
            components[components.count - 1] = last.dropLast(3)
        }
        return components
    }
}

/// A recursive listing of a folder that reports unreadable folders instead of skipping them.
private struct FolderWalk {
    struct Unreadable: Error {
        var relativePath: String
        var reason: String
    }

    let rootOnDisk: String
    let realRoot: String
    var files: [String] = []
    /// Entries whose real location is outside the lessons folder (a symbolic link pointing
    /// out): never read, each reported.
    var escaping: [String] = []
    var visitedFolders: Set<String> = []

    init(rootOnDisk: String, realRoot: String) {
        self.rootOnDisk = rootOnDisk
        self.realRoot = realRoot
    }

    mutating func visit(relative: String) throws(Unreadable) {
        let folder = relative.isEmpty ? rootOnDisk : rootOnDisk + "/" + relative
        let realFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard visitedFolders.insert(realFolder).inserted else { return }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw Unreadable(relativePath: relative, reason: AtomicSiteWriter.reason(error))
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = relative.isEmpty ? name : relative + "/" + name
            let onDisk = rootOnDisk + "/" + child
            let real = URL(fileURLWithPath: onDisk).resolvingSymlinksInPath().path
            guard real == realRoot || real.hasPrefix(realRoot + "/") else {
                escaping.append(child)
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: onDisk, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try visit(relative: child)
            } else {
                files.append(child)
            }
        }
    }

    func diagnostics(_ configuration: SiteConfiguration) -> [Diagnostic] {
        escaping.map { child in
            Diagnostic(
                id: "lessons.link-outside",
                severity: .warning,
                message: "'\(configuration.displayPath(inLessons: child))' is a symbolic link to a place outside the lessons folder; it is ignored",
                location: nil)
        }
    }
}
