import Foundation

/// Writes a finished site so that readers only ever see a whole site: the old one or the new.
///
/// Every file goes into a staging folder beside the output (`site.tmp-<pid>`); only when all
/// are written does the staging folder replace the output, by two renames in the same parent
/// folder. A write that fails removes the staging folder and leaves the output untouched; files
/// of earlier builds that are not in the new site disappear with the old folder.
public struct AtomicSiteWriter: Sendable {
    public var fileSystem: any SiteFileSystem

    public init(fileSystem: any SiteFileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Replaces the folder at `outputPath` by exactly `files`; messages name the folder
    /// `shownAs` (the path as the user wrote it).
    public func write(_ files: [SiteFile], to outputPath: String, shownAs: String? = nil) throws(Failure) {
        let shownName = shownAs ?? outputPath
        for file in files where !SitePath.isSafeRelative(file.path) {
            throw Failure(description: "refusing to write '\(file.path)', which is not a plain path inside the output folder")
        }
        let output = Self.trimmingTrailingSlashes(outputPath)
        let parent = SitePath.directory(of: output)
        let name = output.split(separator: "/").last.map(String.init) ?? output
        let prefix = parent.isEmpty ? (output.hasPrefix("/") ? "/" : "") : parent + "/"
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = prefix + name + ".tmp-\(pid)"
        let retired = prefix + name + ".old-\(pid)"

        switch fileSystem.itemKind(atPath: output) {
        case .file: throw Failure(description: "the output '\(shownName)' is a file, not a folder")
        case .missing, .directory: break
        }
        do {
            if !parent.isEmpty { try fileSystem.createDirectory(atPath: parent) }
            try removeIfPresent(staging)
            try fileSystem.createDirectory(atPath: staging)
            try writeFiles(files, into: staging)
        } catch {
            try? removeIfPresent(staging)
            throw Failure(description: "cannot write the site into '\(shownName)': \(Self.reason(error))")
        }
        try swap(staging: staging, retired: retired, into: output, displayName: shownName)
    }

    private func writeFiles(_ files: [SiteFile], into staging: String) throws {
        var created: Set<String> = [""]
        // Sorted so a build's sequence of writes (and any failure) is the same every time.
        for file in files.sorted(by: { $0.path < $1.path }) {
            let folder = SitePath.directory(of: file.path)
            if !created.contains(folder) {
                try fileSystem.createDirectory(atPath: staging + "/" + folder)
                created.insert(folder)
            }
            try fileSystem.writeFile(file.contents, toPath: staging + "/" + file.path)
        }
    }

    /// Moves the old output aside, the staging folder in, then deletes the old one. If the
    /// second rename fails, the old output is moved back.
    private func swap(staging: String, retired: String, into output: String, displayName: String) throws(Failure) {
        do {
            try removeIfPresent(retired)
            let hadOutput = fileSystem.itemKind(atPath: output) == .directory
            if hadOutput { try fileSystem.moveItem(atPath: output, toPath: retired) }
            do {
                try fileSystem.moveItem(atPath: staging, toPath: output)
            } catch {
                if hadOutput { try? fileSystem.moveItem(atPath: retired, toPath: output) }
                throw error
            }
            if hadOutput { try? fileSystem.removeItem(atPath: retired) }
        } catch {
            try? removeIfPresent(staging)
            throw Failure(description: "cannot replace '\(displayName)' with the new site: \(Self.reason(error))")
        }
    }

    private func removeIfPresent(_ path: String) throws {
        if fileSystem.itemKind(atPath: path) != .missing { try fileSystem.removeItem(atPath: path) }
    }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// Foundation's errors carry the useful part (permission denied, no space) in the
    /// underlying POSIX error; show that rather than a Cocoa error number.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if nsError.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(nsError.code)) {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if let localized = error as? LocalizedError, let text = localized.errorDescription { return text }
        return nsError.localizedDescription
    }
}
