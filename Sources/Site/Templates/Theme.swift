import Diagnostics
import Foundation
import Mustache

/// The templates and assets a site is rendered with: the built-in theme, with every file the
/// project's `templates/` folder has replacing the built-in file of the same name.
///
/// So a project can override just `layout.mustache`, or just `assets/style.css`, and keep the
/// rest; a project without a `templates/` folder gets the built-in theme whole (compiled into
/// the binary, so an installed `calcbook` needs no resource files beside it).
public struct Theme: Sendable {
    /// Mustache templates by name: the path under `templates/` without `.mustache`
    /// (`layout`, `partials/toc`).
    public var library: MustacheLibrary
    /// The files under `templates/assets/`, as site files under `assets/`.
    public var assets: [SiteFile]
    /// Every template and text asset by its path under `templates/` (`layout.mustache`,
    /// `assets/math.css`), with the name diagnostics give it, so `check` can point at the line
    /// of a template's own broken link.
    var sources: [String: ThemeSource] = [:]
    /// Problems that do not stop the build: files of `templates/` that were skipped (a
    /// symbolic link to a place outside the templates folder).
    var warnings: [Diagnostic] = []

    /// The templates every site needs.
    public static let requiredTemplates = ["layout", "contents", "part", "search", "partials/toc", "partials/cell"]
}

/// A template or asset as written, and how diagnostics name its file
/// (`templates/layout.mustache`, or `<built-in>/layout.mustache`).
struct ThemeSource: Sendable {
    var shownPath: String
    var text: String
}

/// Step 0 of rendering: finds the theme's files and parses its templates. Problems here stop the
/// build (exit code 2): without a layout there are no pages to write.
enum ThemeLoader {
    static func load(_ configuration: SiteConfiguration) throws(SiteBuildFailure) -> Theme {
        var files = ThemeFiles.builtIn()
        let folder = configuration.onDisk(configuration.templates)
        let shownFolder = SiteConfiguration.clean(configuration.templates)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
            do {
                try files.overlay(folder: folder, shownAs: shownFolder)
            } catch {
                throw SiteBuildFailure(Diagnostic(
                    id: "templates.unreadable",
                    message: "cannot read the templates folder '\(shownFolder)': \(AtomicSiteWriter.reason(error))",
                    location: configuration.origins["templates"]))
            }
        } else if configuration.templates != "templates" || configuration.origins["templates"] != nil {
            // The default folder may be absent (the built-in theme is used); a folder the
            // user named must exist.
            throw SiteBuildFailure(Diagnostic(
                id: "templates.missing-folder",
                message: "the templates folder '\(shownFolder)' does not exist",
                location: configuration.origins["templates"]))
        }
        let warnings = files.escaping.map { shown in
            Diagnostic(
                id: "templates.link-outside",
                severity: .warning,
                message: "'\(shown)' is a symbolic link to a place outside the templates folder; it is ignored",
                location: nil,
                notes: [.init("a theme reads only files inside its folder; copy the file in instead")])
        }
        do {
            var theme = try files.theme()
            theme.warnings = warnings
            return theme
        } catch {
            // Said with the errors: a skipped link is often why a partial is missing.
            throw SiteBuildFailure(warnings + error.diagnostics)
        }
    }
}

/// The theme's files by path under `templates/`, and where each came from.
struct ThemeFiles {
    struct File {
        var contents: Data
        /// How diagnostics name it: `templates/layout.mustache`, or `<built-in>/layout.mustache`.
        var shownPath: String
    }

    var files: [String: File]
    /// Files of the project's folder (as diagnostics name them) that are symbolic links to a
    /// place outside it: never read.
    var escaping: [String] = []

    static func builtIn() -> ThemeFiles {
        var files: [String: File] = [:]
        for (path, base64) in BuiltInTheme.files {
            files[path] = File(contents: decoded(base64), shownPath: "<built-in>/" + path)
        }
        return ThemeFiles(files: files)
    }

    /// The text of the built-in theme's file at `path` (`partials/toc.mustache`), as a
    /// project's copy is compared with it to choose a hand-written fast path.
    static func builtInText(_ path: String) -> String? {
        BuiltInTheme.files.first { $0.path == path }.map { String(decoding: decoded($0.base64), as: UTF8.self) }
    }

    private static func decoded(_ base64: String) -> Data {
        Data(base64Encoded: base64, options: .ignoreUnknownCharacters) ?? Data()
    }

    /// Replaces or adds every file under `folder` (hidden files skipped). A symbolic link
    /// whose target is outside the folder is skipped and listed in `escaping`, as the lessons
    /// folder does: a theme must not put `/etc/passwd` into every page.
    mutating func overlay(folder: String, shownAs shownFolder: String) throws {
        let manager = FileManager.default
        let realFolder = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        var visited: Set<String> = []
        func visit(_ relative: String) throws {
            let onDisk = relative.isEmpty ? folder : folder + "/" + relative
            // A link back up the tree would otherwise be followed forever.
            guard visited.insert(URL(fileURLWithPath: onDisk).resolvingSymlinksInPath().path).inserted else { return }
            for name in try manager.contentsOfDirectory(atPath: onDisk).sorted() where !name.hasPrefix(".") {
                let child = relative.isEmpty ? name : relative + "/" + name
                let real = URL(fileURLWithPath: folder + "/" + child).resolvingSymlinksInPath().path
                guard real == realFolder || real.hasPrefix(realFolder + "/") else {
                    escaping.append(SiteConfiguration.join(shownFolder, child))
                    continue
                }
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: folder + "/" + child, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    try visit(child)
                } else {
                    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + child))
                    files[child] = File(contents: data, shownPath: SiteConfiguration.join(shownFolder, child))
                }
            }
        }
        try visit("")
    }

    func theme() throws(SiteBuildFailure) -> Theme {
        var library = MustacheLibrary()
        var assets: [SiteFile] = []
        var diagnostics: [Diagnostic] = []
        var texts: [(name: String, file: File, text: String)] = []
        var unparsed: Set<String> = []
        var sources: [String: ThemeSource] = [:]
        for path in files.keys.sorted() {
            guard let file = files[path] else { continue }
            if let text = String(data: file.contents, encoding: .utf8), path.hasSuffix(".mustache") || path.hasSuffix(".css") {
                sources[path] = ThemeSource(shownPath: file.shownPath, text: text)
            }
            if path.hasPrefix("assets/") {
                assets.append(SiteFile(path: path, contents: file.contents))
            } else if path.hasSuffix(".mustache") {
                let name = String(path.dropLast(".mustache".count))
                guard let text = String(data: file.contents, encoding: .utf8) else {
                    diagnostics.append(Diagnostic(
                        id: "templates.not-utf8", message: "this template is not UTF-8 text",
                        location: SourceLocation(file: file.shownPath, line: 1, column: 1)))
                    continue
                }
                do {
                    library.register(try MustacheTemplate(string: text), named: name)
                    texts.append((name, file, text))
                } catch let error as MustacheTemplate.ParserError {
                    unparsed.insert(name)
                    diagnostics.append(Diagnostic(
                        id: "templates.syntax",
                        message: "this template does not parse: \(Self.explain(error.error))",
                        location: SourceLocation(file: file.shownPath, line: error.context.lineNumber, column: error.context.columnNumber)))
                } catch {
                    unparsed.insert(name)
                    diagnostics.append(Diagnostic(
                        id: "templates.syntax", message: "this template does not parse: \(error)",
                        location: SourceLocation(file: file.shownPath, line: 1, column: 1)))
                }
            }
        }
        for (name, file, text) in texts {
            for reference in PartialReferences.find(in: text) where library.getTemplate(named: reference.name) == nil && !unparsed.contains(reference.name) {
                diagnostics.append(Diagnostic(
                    id: "templates.unknown-partial",
                    message: "template '\(name)' uses '\(reference.name)', but there is no \(reference.name).mustache",
                    location: SourceLocation(file: file.shownPath, line: reference.line, column: reference.column)))
            }
        }
        diagnostics += PartialCycles.diagnostics(texts.map { (name: $0.name, shownPath: $0.file.shownPath, text: $0.text) })
        for name in Theme.requiredTemplates where library.getTemplate(named: name) == nil && !unparsed.contains(name) {
            diagnostics.append(Diagnostic(id: "templates.missing-layout", message: "there is no \(name).mustache template", location: nil))
        }
        if !diagnostics.isEmpty { throw SiteBuildFailure(diagnostics) }
        return Theme(library: library, assets: assets, sources: sources)
    }

    /// swift-mustache's parser errors in words.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened with"
        case .unfinishedName: return "a tag is not finished (missing '}}')"
        case .expectedSectionEnd: return "a section is never closed (missing '{{/name}}')"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "an inheritance section holds something other than blocks"
        case .textInsideInheritSection: return "an inheritance section holds text outside its blocks"
        case .invalidConfigVariableSyntax: return "a configuration tag is malformed"
        case .unrecognisedConfigVariable: return "a configuration tag names an unknown setting"
        @unknown default: return "\(error)"
        }
    }
}
