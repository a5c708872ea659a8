import Foundation

/// What `preview` watches: every file under the lessons and templates folders and
/// `calcbook.toml`, by size and modification time.
///
/// Polling, not inotify: it works the same on every platform and file system (network
/// mounts, containers, editors that replace files), and a scan of a few hundred files every
/// fraction of a second costs next to nothing.
struct SiteWatcher: Sendable {
    struct Stamp: Hashable, Sendable {
        var size: Int
        var modified: Double
    }

    /// Absolute paths of the folders and files to watch.
    var roots: [String]

    /// Every file under the roots (hidden files and folders skipped) with its stamp.
    func scan() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        let manager = FileManager.default
        func visit(_ path: String) {
            guard let attributes = try? manager.attributesOfItem(atPath: path) else { return }
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                for name in (try? manager.contentsOfDirectory(atPath: path)) ?? [] where !name.hasPrefix(".") {
                    visit(path + "/" + name)
                }
            } else {
                stamps[path] = Self.stamp(attributes)
            }
        }
        for root in roots { visit(root) }
        return stamps
    }

    /// The stamp of one file, `nil` when it is missing (or a folder): what the watch loop
    /// checks every few milliseconds for the files an author is most likely editing.
    static func stamp(ofFile path: String) -> Stamp? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType != .typeDirectory
        else { return nil }
        return stamp(attributes)
    }

    private static func stamp(_ attributes: [FileAttributeKey: Any]) -> Stamp {
        Stamp(
            size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
            modified: (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
    }

    /// The paths added, removed or changed between two scans, sorted.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
