import Foundation

/// The few file-system operations the writer needs, behind a protocol so a test can make one
/// of them fail half-way and check that the previous site survives.
public protocol SiteFileSystem: Sendable {
    /// Whether something exists at `path`, and whether it is a folder.
    func itemKind(atPath path: String) -> SiteItemKind
    /// Creates the folder and any missing parents.
    func createDirectory(atPath path: String) throws
    /// Writes `data` to a new file at `path` (the folder exists).
    func writeFile(_ data: Data, toPath path: String) throws
    /// Renames `source` to `destination`, which must not exist.
    func moveItem(atPath source: String, toPath destination: String) throws
    /// Removes a file or a whole folder.
    func removeItem(atPath path: String) throws
    /// The names in a folder (not recursive).
    func contentsOfDirectory(atPath path: String) throws -> [String]
    /// Whether `path` is a symbolic link (not followed).
    func isSymbolicLink(atPath path: String) -> Bool
}

extension SiteFileSystem {
    public func contentsOfDirectory(atPath path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path)
    }

    public func isSymbolicLink(atPath path: String) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }
}

public enum SiteItemKind: Sendable, Equatable {
    case missing, file, directory
}

/// The real disk, through `FileManager`.
public struct LocalFileSystem: SiteFileSystem {
    public init() {}

    public func itemKind(atPath path: String) -> SiteItemKind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .directory : .file
    }

    public func createDirectory(atPath path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// With `open`, `write` and `close`: `Data.write(to:)` also calls `fsync` on every file,
    /// and a site of thousands of files waited for the disk once per file (a build never did
    /// promise its files were on the disk: the folders are not synced either).
    public func writeFile(_ data: Data, toPath path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.lastError() }
        do {
            try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
                guard let start = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, start + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        throw Self.lastError()
                    }
                    offset += written
                }
            }
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else { throw Self.lastError() }
    }

    /// `errno` as the error Foundation would report (its message names the cause).
    private static func lastError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    public func moveItem(atPath source: String, toPath destination: String) throws {
        try FileManager.default.moveItem(atPath: source, toPath: destination)
    }

    public func removeItem(atPath path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}
