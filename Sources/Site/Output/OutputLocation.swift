import Diagnostics
import Foundation

/// Refuses an output folder the atomic swap would destroy something precious with: the project
/// root, the lessons or templates folder, or a folder holding one of them. (The swap replaces
/// the whole output folder, so `--output lessons` would otherwise delete the lessons.) The
/// lesson cache may not live inside the output folder either, and a folder calcbook did not
/// write is never replaced (see `OutputFolderMarker`).
struct OutputLocation {
    var configuration: SiteConfiguration

    init(_ configuration: SiteConfiguration) {
        self.configuration = configuration
    }

    func check() throws(SiteBuildFailure) {
        let output = Self.absolute(configuration.onDisk(configuration.output))
        let protected = [
            ("the project root", configuration.onDisk(".")),
            ("the lessons folder", configuration.onDisk(configuration.lessons)),
            ("the templates folder", configuration.onDisk(configuration.templates)),
        ]
        for (name, path) in protected {
            let folder = Self.absolute(path)
            if folder == output || folder.hasPrefix(output == "/" ? "/" : output + "/") {
                throw SiteBuildFailure(Diagnostic(
                    id: "output.unsafe-location",
                    message: "the output folder '\(SiteConfiguration.clean(configuration.output))' is or contains \(name); the build replaces the whole output folder",
                    location: configuration.origins["output"],
                    notes: [.init("choose a folder of its own, such as --output site")]))
            }
        }
        // A folder of someone else's files is never replaced: said before any work is done.
        let ownership = OutputFolderMarker.mayReplace(configuration.onDisk(configuration.output), fileSystem: LocalFileSystem())
        switch ownership {
        case .foreign, .unreadable:
            throw SiteBuildFailure(Diagnostic(
                id: "output.not-calcbook",
                message: AtomicSiteWriter.notOursMessage(SiteConfiguration.clean(configuration.output), ownership),
                location: configuration.origins["output"],
                notes: [
                    .init("choose an empty or new folder, such as --output site"),
                    .init("calcbook marks the folders it writes with a \(OutputFolderMarker.fileName) file; a folder an older calcbook wrote has none: delete it and build again"),
                ]))
        case .absent, .empty, .writtenByCalcbook, .notAFolder: break
        }
        // The lesson cache must survive the swap, and site/ holds nothing but the site.
        if let cache = configuration.cacheFolder {
            let folder = Self.absolute(cache)
            if folder == output || folder.hasPrefix(output == "/" ? "/" : output + "/") {
                throw SiteBuildFailure(Diagnostic(
                    id: "output.unsafe-location",
                    message: "the lesson cache folder '\(cache)' is inside the output folder '\(SiteConfiguration.clean(configuration.output))', which the build replaces as a whole",
                    location: configuration.origins["output"],
                    notes: [.init("choose a cache folder outside the site with --cache-dir DIR, or build with --no-cache")]))
            }
        }
    }

    /// The absolute, symlink-free form of `path`, for comparing folders.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
