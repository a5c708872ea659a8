import Diagnostics
import Foundation

/// `calcbook init [DIR]`: writes a starter project (``StarterProject``) into a folder.
///
/// It never overwrites: when any of the project's files already exists, nothing is written and
/// the error names them. The one exception is `.gitignore`, which many repositories already
/// have: an existing one is kept as it is, and the result says so.
public struct ProjectInitializer: Sendable {
    /// The folder to start the project in (created when missing), absolute or relative to
    /// the current folder.
    public var folder: String
    /// How the folder is named in messages (`course`, or `.`).
    public var shownFolder: String
    /// `.gitignore` lists `site/` (the usual case: CI or `calcbook build` makes it).
    public var ignoresSite: Bool

    public init(folder: String, shownFolder: String, ignoresSite: Bool = true) {
        self.folder = folder
        self.shownFolder = shownFolder
        self.ignoresSite = ignoresSite
    }

    public struct Result: Sendable, Equatable {
        /// The files written, relative to the project folder, in order.
        public var written: [String]
        /// Files left as they were (an existing `.gitignore`).
        public var kept: [String]
    }

    public func create() throws(SiteBuildFailure) -> Result {
        let files = StarterProject.files(title: title, ignoresSite: ignoresSite)
        let taken = files.filter { $0.path != ".gitignore" && exists($0.path) }.map(\.path)
        guard taken.isEmpty else {
            throw SiteBuildFailure(Diagnostic(
                id: "init.exists",
                message: "\(taken.map(shown).joined(separator: ", ")) already \(taken.count == 1 ? "exists" : "exist"); "
                    + "calcbook init never overwrites, so nothing was written",
                location: nil,
                notes: [.init("to add a lesson to an existing project, run calcbook new <name>")]))
        }
        var result = Result(written: [], kept: [])
        for file in files {
            if file.path == ".gitignore", exists(file.path) {
                result.kept.append(file.path)
                continue
            }
            try write(file)
            result.written.append(file.path)
        }
        return result
    }

    /// The site's title: the folder's name in words (`matrix-calculus` → "Matrix calculus"),
    /// or a neutral one for `.`-like names.
    var title: String {
        let name = URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
        let words = name.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
            .trimmingCharacters(in: .whitespaces)
        guard !words.isEmpty, words != "/", words != "." else { return "My course" }
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    private func onDisk(_ relative: String) -> String {
        (folder.hasSuffix("/") ? folder : folder + "/") + relative
    }

    private func shown(_ relative: String) -> String {
        shownFolder == "." || shownFolder.isEmpty ? relative : SiteConfiguration.join(SiteConfiguration.clean(shownFolder), relative)
    }

    private func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: onDisk(relative))
    }

    private func write(_ file: StarterProject.File) throws(SiteBuildFailure) {
        let path = onDisk(file.path)
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // `withoutOverwriting`: a file that appeared since the check above is still not replaced.
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw SiteBuildFailure(Diagnostic(
                id: "init.unwritable", message: "cannot write '\(shown(file.path))': \(AtomicSiteWriter.reason(error))",
                location: nil))
        }
    }
}
