import Foundation
import Lesson

/// The content-hash cache of evaluated lessons: one file per lesson result (`CompactCoder`'s
/// form), named by the digest of its `LessonCacheKey`, in the project's cache folder (see
/// `LessonCacheLocation`).
///
/// A hit skips the Markdown parse and every cell of the lesson. The cache is an optimisation
/// only, so it never fails a build: an entry that is missing, unreadable, corrupt, from another
/// format or binary, or whose stored key differs from the wanted one is a miss; a write that
/// fails is remembered as a note (shown with `build --verbose`) and the build goes on.
struct LessonCache: Sendable {
    enum Access: Sendable {
        /// `build`: reads entries, writes new ones, removes entries it no longer uses.
        case readWrite
        /// `check`: reads entries and writes nothing.
        case readOnly
    }

    /// The project's cache folder, absolute.
    var folder: String
    var access: Access
    var identity: LessonCacheIdentity

    /// What one stored file holds: the exact inputs and the result.
    struct Entry: Codable {
        var key: LessonCacheKey
        var lesson: RenderedLesson
    }

    func key(path: String, text: String, settings: [String]) -> LessonCacheKey {
        LessonCacheKey(
            formatVersion: identity.formatVersion, executable: identity.executable, path: path, text: text,
            settings: settings)
    }

    func entryPath(_ digest: String) -> String { folder + "/" + digest + Self.entryExtension }

    static let entryExtension = ".entry"

    /// How entries were named by earlier calcbooks (JSON, up to format version 3): pruned like
    /// entries, never read.
    static let formerEntryExtensions = [".json"]

    /// The stored result for `key`, or `nil` (a miss) for any reason at all.
    func lookup(_ key: LessonCacheKey, digest: String) -> RenderedLesson? {
        guard let data = FileManager.default.contents(atPath: entryPath(digest)),
              let entry = try? data.withUnsafeBytes({ raw in try Self.entry(in: raw) }),
              entry.key == key
        else { return nil }
        return entry.lesson
    }

    /// The entry a file holds: its `CompactCoder` bytes, then their `EntryChecksum` (eight
    /// bytes, little-endian), which must match.
    static func entry(in file: UnsafeRawBufferPointer) throws -> Entry {
        guard file.count >= 8 else { throw CompactCoder.Mismatch() }
        let body = UnsafeRawBufferPointer(rebasing: file[..<(file.count - 8)])
        let stored = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: file.count - 8, as: UInt64.self))
        guard EntryChecksum.of(body) == stored else { throw CompactCoder.Mismatch() }
        return try body.withMemoryRebound(to: UInt8.self) { try CompactCoder.decode(Entry.self, from: $0) }
    }

    /// Stores `lesson` under `key`; returns why it could not, if it could not. Written to a
    /// temporary file and renamed, so a reader never sees half an entry.
    func store(_ lesson: RenderedLesson, for key: LessonCacheKey, digest: String) -> String? {
        guard access == .readWrite else { return nil }
        do {
            let file = try FileDescriptorSink(replacing: entryPath(digest))
            try CompactCoder.write(Entry(key: key, lesson: lesson), to: file)
            try withUnsafeBytes(of: try file.checksumOfContents().littleEndian) { try file.append($0) }
            try file.commit()
            return nil
        } catch {
            return "cannot write the lesson cache in '\(folder)': \(AtomicSiteWriter.reason(error))"
        }
    }

    /// Makes the folder for `store`; returns why it could not, if it could not.
    func prepare() -> String? {
        guard access == .readWrite else { return nil }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return nil
        } catch {
            return "cannot create the lesson cache folder '\(folder)': \(AtomicSiteWriter.reason(error))"
        }
    }

    /// Removes the entries of this folder that the build did not use (`kept` are digests),
    /// so edited and deleted lessons do not pile up. Only files named like entries are touched,
    /// and nothing below the folder.
    func prune(keeping kept: Set<String>) {
        guard access == .readWrite, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names {
            if Self.isLeftBehind(name) {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
                continue
            }
            guard let suffix = ([Self.entryExtension] + Self.formerEntryExtensions).first(where: name.hasSuffix) else { continue }
            let digest = String(name.dropLast(suffix.count))
            guard Self.isDigest(digest), !kept.contains(digest) else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Whether `name` is an entry a process stopped writing (`FileDescriptorSink`'s temporary
    /// `<digest>.entry.partial-<pid>`, its process gone): another build's may still be written.
    static func isLeftBehind(_ name: String) -> Bool {
        let parts = name.components(separatedBy: entryExtension + ".partial-")
        guard parts.count == 2, isDigest(parts[0]), let pid = Int32(parts[1]), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    static func isDigest(_ name: String) -> Bool {
        name.utf8.count == 64 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

extension LessonCache {
    /// Whether a result may be stored: one that hit a cell's time limit depends on how busy
    /// the machine was, so it is evaluated again next time rather than remembered.
    static func isReusable(_ lesson: RenderedLesson) -> Bool {
        !lesson.diagnostics.contains { $0.id == "cell.budget-exceeded" }
    }
}

/// What the lesson cache did in one build or check, for its report and for pruning.
struct LessonCacheUse: Sendable {
    /// Lessons read from the cache: neither parsed nor evaluated.
    var hits = 0
    /// Lessons parsed and evaluated.
    var evaluated = 0
    /// Cells run by the evaluated lessons (cached lessons ran none).
    var cellsRun = 0
    /// The digests of every lesson's key: the entries a build keeps when it prunes.
    var digests: Set<String> = []
    /// Why the cache could not be written, if it could not (shown by `build --verbose`).
    var problems: [String] = []
    /// Results of large lessons left for the build to store while it goes on (`LaterCacheStores`).
    var laterStores: [LaterCacheStores.Store] = []
}
