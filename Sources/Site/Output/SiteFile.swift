import Foundation

/// One file of the finished site: its path inside the output folder and its bytes.
///
/// The whole site is built in memory as a list of these before anything touches the disk, so
/// the write step can be all-or-nothing.
public struct SiteFile: Sendable, Hashable {
    /// Relative to the output folder, `/`-separated, never leaving it (see `SitePath`).
    public var path: String
    public var contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}
