import Foundation

/// Writes a finished site so that readers only ever see a whole site: the old one or the new.
///
/// Every file goes into a staging folder beside the output (`site.tmp-<pid>`); only when all
/// are written does the staging folder replace the output, by two renames in the same parent
/// folder. A write that fails removes the staging folder and leaves the output untouched; files
/// of earlier builds that are not in the new site disappear with the old folder.
///
/// Only a folder calcbook wrote (its `OutputFolderMarker` inside) or an empty one is replaced;
/// an interrupted write removes its staging folder (`InterruptCleanup`), and staging folders
/// left by a process that died anyway are removed by the next write.
public struct AtomicSiteWriter: Sendable {
    public var fileSystem: any SiteFileSystem

    public init(fileSystem: any SiteFileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// The diagnostic's rule: `output.unwritable`, or `output.not-calcbook` for a folder
        /// calcbook did not write.
        public var id = "output.unwritable"
    }

    /// Replaces the folder at `outputPath` by exactly `files`; messages name the folder
    /// `shownAs` (the path as the user wrote it).
    public func write(_ files: [SiteFile], to outputPath: String, shownAs: String? = nil) throws(Failure) {
        // Refused before anything is touched (`commit` checks again, for files added early).
        if let unsafe = files.first(where: { !SitePath.isSafeRelative($0.path) }) { throw Self.refusing(unsafe) }
        try begin(to: outputPath, shownAs: shownAs).commit(files)
    }

    static func refusing(_ file: SiteFile) -> Failure {
        Failure(description: "refusing to write '\(file.path)', which is not a plain path inside the output folder")
    }

    /// Checks that the output folder may be replaced and opens its staging folder, into which
    /// files can be written while the rest of the site is still being made
    /// (`StagingFolder.add`); `commit` then completes and swaps it in.
    func begin(to outputPath: String, shownAs: String? = nil) throws(Failure) -> StagingFolder {
        let shownName = shownAs ?? outputPath
        let output = Self.trimmingTrailingSlashes(outputPath)
        let parent = SitePath.directory(of: output)
        let name = output.split(separator: "/").last.map(String.init) ?? output
        let prefix = parent.isEmpty ? (output.hasPrefix("/") ? "/" : "") : parent + "/"
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = prefix + name + ".tmp-\(pid)"

        let ownership = OutputFolderMarker.mayReplace(output, fileSystem: fileSystem)
        switch ownership {
        case .notAFolder: throw Failure(description: "the output '\(shownName)' is a file, not a folder")
        case .foreign, .unreadable:
            throw Failure(description: Self.notOursMessage(shownName, ownership), id: "output.not-calcbook")
        case .absent, .empty, .writtenByCalcbook: break
        }
        removeStaleStaging(in: parent, of: name)
        let cleanup = InterruptCleanup.shared
        cleanup.register(staging)
        do {
            if !parent.isEmpty { try fileSystem.createDirectory(atPath: parent) }
            try cleanup.uninterrupted {
                try removeIfPresent(staging)
                try fileSystem.createDirectory(atPath: staging)
                try fileSystem.writeFile(OutputFolderMarker.contents, toPath: staging + "/" + OutputFolderMarker.fileName)
            }
        } catch {
            try? removeIfPresent(staging)
            cleanup.unregister(staging)
            throw Failure(description: "cannot write the site into '\(shownName)': \(Self.reason(error))")
        }
        return StagingFolder(
            writer: self, path: staging, output: output, retired: prefix + name + ".old-\(pid)", shownName: shownName)
    }

    /// Moves a finished staging folder into place and removes the old output.
    func replace(_ output: String, with staging: String, retired: String, shownName: String) throws(Failure) {
        let cleanup = InterruptCleanup.shared
        cleanup.register(retired)
        defer { cleanup.unregister(retired) }
        try cleanup.uninterrupted { () throws(Failure) in
            try swap(staging: staging, retired: retired, into: output, displayName: shownName)
        }
        // Uninterrupted too: an interruption that removed the old site at the same time as this
        // did could leave half of it behind (each removal stops where the other was first).
        cleanup.uninterrupted {
            if fileSystem.itemKind(atPath: retired) != .missing { try? fileSystem.removeItem(atPath: retired) }
        }
    }

    /// What a refused output folder is told: which folder, a few of its files, what to do.
    static func notOursMessage(_ shownName: String, _ ownership: OutputFolderMarker.Ownership) -> String {
        var what = "files calcbook did not write"
        if case .foreign(let examples, let count) = ownership {
            let listed = examples.map { "'\($0)'" }.joined(separator: ", ")
            what += count > examples.count ? " (\(listed) and \(count - examples.count) more)" : " (\(listed))"
        } else {
            what = "something calcbook cannot list"
        }
        return "the output folder '\(shownName)' holds \(what); calcbook replaces its output folder as a whole, so it leaves this one untouched"
    }

    /// Removes `<name>.tmp-<pid>` and `<name>.old-<pid>` folders beside the output that a
    /// calcbook process left when it was killed outright (a signal it could not handle, a power
    /// cut): only when that process is gone, and only folders that are empty or carry the
    /// marker, so nothing calcbook did not write is touched.
    func removeStaleStaging(in parent: String, of name: String) {
        let folder = parent.isEmpty ? "." : parent
        let prefix = parent.isEmpty ? "" : parent + "/"
        guard let names = try? fileSystem.contentsOfDirectory(atPath: folder) else { return }
        let own = ProcessInfo.processInfo.processIdentifier
        for entry in names {
            guard let pid = Self.stagingProcess(entry, of: name), pid != own, !Self.isRunning(pid) else { continue }
            let path = prefix + entry
            guard !fileSystem.isSymbolicLink(atPath: path) else { continue }
            switch OutputFolderMarker.mayReplace(path, fileSystem: fileSystem) {
            case .empty, .writtenByCalcbook: try? fileSystem.removeItem(atPath: path)
            default: continue
            }
        }
    }

    /// The process id in `site.tmp-123` or `site.old-123` (for output `site`), else `nil`.
    static func stagingProcess(_ entry: String, of name: String) -> Int32? {
        for kind in [".tmp-", ".old-"] where entry.hasPrefix(name + kind) {
            let digits = entry.dropFirst(name.count + kind.count)
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            return Int32(digits)
        }
        return nil
    }

    /// Whether a process with this id exists (one of another user counts as running).
    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }

    /// Moves the old output aside and the staging folder in (the caller deletes the old one).
    /// If the second rename fails, the old output is moved back.
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
        } catch {
            try? removeIfPresent(staging)
            throw Failure(description: "cannot replace '\(displayName)' with the new site: \(Self.reason(error))")
        }
    }

    func removeIfPresent(_ path: String) throws {
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
