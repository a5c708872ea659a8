import Foundation

/// The file calcbook leaves in every output folder it writes, so that a later build knows the
/// folder is its own to replace.
///
/// The write step replaces the output folder as a whole, which deletes whatever else it held:
/// `--output ~/Documents` would otherwise wipe a folder of the user's files. So an existing
/// output folder is replaced only when it is empty or carries this marker.
public enum OutputFolderMarker {
    /// Hidden, so a file listing of the site shows the pages; web servers skip dot-files too.
    public static let fileName = ".calcbook-site"

    /// Stable text (no date, no version): a build stays byte-for-byte reproducible.
    public static let contents = Data("""
        This folder was written by calcbook (calcbook build / calcbook preview).
        calcbook replaces it as a whole on the next build: keep no other files here.

        """.utf8)

    /// Whether calcbook may replace what is at `path`: nothing there, an empty folder, or a
    /// folder holding the marker as a regular file.
    public static func mayReplace(_ path: String, fileSystem: any SiteFileSystem) -> Ownership {
        switch fileSystem.itemKind(atPath: path) {
        case .missing: return .absent
        case .file: return .notAFolder
        case .directory:
            guard let names = try? fileSystem.contentsOfDirectory(atPath: path) else { return .unreadable }
            if names.isEmpty { return .empty }
            if names.contains(fileName), fileSystem.itemKind(atPath: path + "/" + fileName) == .file,
               !fileSystem.isSymbolicLink(atPath: path + "/" + fileName)
            {
                return .writtenByCalcbook
            }
            return .foreign(examples: Array(names.sorted().prefix(3)), count: names.count)
        }
    }

    public enum Ownership: Equatable, Sendable {
        case absent, empty, writtenByCalcbook
        case notAFolder, unreadable
        /// A folder of someone else's files: a few names, and how many there are.
        case foreign(examples: [String], count: Int)

        public var mayReplace: Bool {
            switch self {
            case .absent, .empty, .writtenByCalcbook: true
            case .notAFolder, .unreadable, .foreign: false
            }
        }
    }
}
