/// Everything a lesson's `RenderedLesson` depends on, stored whole in its cache entry.
///
/// A lesson's page body, headings, links, diagnostics and notebook summary are a function of
/// its own text and path, the settings of the Lesson stage (raw HTML, cell limits), the theme's
/// cell templates, and the calcbook binary that computed them. Nothing else: not the other
/// lessons, not `SUMMARY.md`, not the layout template. The entry's file is named by a digest of
/// the key, but a lookup compares the stored key with the wanted one field by field, so a
/// digest collision can only cost a miss, never a wrong page.
struct LessonCacheKey: Hashable, Codable, Sendable {
    /// `LessonCacheIdentity.formatVersion`: bumped when the entry format or the meaning of a
    /// stored field changes.
    var formatVersion: Int
    /// Which calcbook computed the entry (see `ExecutableIdentity`): a rebuilt binary may
    /// evaluate differently, so it never reads an older binary's results.
    var executable: String
    /// As diagnostics name the lesson: `lessons/jacobian.md`.
    var path: String
    var text: String
    /// The Stage settings that shape the result, as `name=value` lines in a fixed order.
    var settings: [String]

    /// The entry's file name: hex SHA-256 over every field, each length-prefixed so no two keys
    /// serialize alike.
    var digest: String {
        var hasher = SHA256()
        for field in [String(formatVersion), executable, path, text] + settings {
            hasher.update(String(field.utf8.count).utf8)
            hasher.update([0])
            hasher.update(field.utf8)
        }
        return hasher.finalizeHex()
    }
}

/// The version of the cache format and the binary that reads and writes it.
public struct LessonCacheIdentity: Hashable, Sendable {
    /// Bump when `RenderedLesson`'s stored form or the cache's layout changes in a way the
    /// executable's identity would not catch (it always changes with a rebuild anyway).
    public static let currentFormatVersion = 4

    public var formatVersion: Int
    public var executable: String

    public init(formatVersion: Int = Self.currentFormatVersion, executable: String) {
        self.formatVersion = formatVersion
        self.executable = executable
    }

    /// This process's identity, or `nil` when the running executable cannot be identified
    /// (then nothing is cached: results of an unknown binary must not be reused).
    public static var current: LessonCacheIdentity? {
        ExecutableIdentity.current.map { LessonCacheIdentity(executable: $0) }
    }
}
