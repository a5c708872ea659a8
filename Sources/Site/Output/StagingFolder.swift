import Foundation
import Synchronization

/// The staging folder of one `AtomicSiteWriter` write, filled while the site is still being
/// made.
///
/// Files handed to `add` are written on a thread of their own, in the order given, while the
/// build goes on rendering: writing a site is mostly the kernel creating files (a fifth of a
/// 1000-lesson build's wall time when it came after rendering, on one core). `commit` then
/// writes whatever the finished site has that was not written yet (or differs from what was),
/// removes what the site does not contain, and swaps the folder in; `discard` throws it away.
final class StagingFolder: Sendable {
    private let writer: AtomicSiteWriter
    /// The staging folder itself, `<output>.tmp-<pid>`.
    let path: String
    private let output: String
    private let retired: String
    private let shownName: String
    private let queue = DispatchQueue(label: "calcbook.site-writer")
    private let state = Mutex(State())

    private struct State {
        /// What each written path holds, to skip rewriting it at `commit`.
        var written: [String: Data] = [:]
        var createdFolders: Set<String> = [""]
        /// Why a write failed; nothing more is written after that.
        var failure: String?
    }

    init(writer: AtomicSiteWriter, path: String, output: String, retired: String, shownName: String) {
        self.writer = writer
        self.path = path
        self.output = output
        self.retired = retired
        self.shownName = shownName
    }

    /// Writes `files` soon, in the background; a later file with the same path replaces it.
    func add(_ files: [SiteFile]) {
        guard !files.isEmpty else { return }
        queue.async { [self] in
            for file in files where !write(file) { return }
        }
    }

    /// Makes the staging folder hold exactly `files`, then replaces the output with it.
    func commit(_ files: [SiteFile]) throws(AtomicSiteWriter.Failure) {
        queue.sync {}
        if let unsafe = files.first(where: { !SitePath.isSafeRelative($0.path) }) {
            discard()
            throw AtomicSiteWriter.refusing(unsafe)
        }
        let wanted = Set(files.map(\.path))
        let stray = state.withLock { state in state.written.keys.filter { !wanted.contains($0) } }
        do {
            for strayPath in stray.sorted() {
                try InterruptCleanup.shared.uninterrupted { try writer.fileSystem.removeItem(atPath: path + "/" + strayPath) }
            }
        } catch {
            fail(error)
        }
        // Sorted so a build's sequence of writes (and any failure) is the same every time.
        for file in files.sorted(by: { $0.path < $1.path }) {
            let isWritten = state.withLock { state in state.written[file.path] == file.contents }
            if !isWritten, !write(file) { break }
        }
        if let failure = state.withLock({ $0.failure }) {
            discard()
            throw AtomicSiteWriter.Failure(description: "cannot write the site into '\(shownName)': \(failure)")
        }
        defer { InterruptCleanup.shared.unregister(path) }
        try writer.replace(output, with: path, retired: retired, shownName: shownName)
    }

    /// Removes the staging folder: the build will not replace the output.
    func discard() {
        queue.sync {}
        InterruptCleanup.shared.uninterrupted { try? writer.removeIfPresent(path) }
        InterruptCleanup.shared.unregister(path)
    }

    /// Writes one file (and its folder), unless an earlier write failed; false once one has.
    private func write(_ file: SiteFile) -> Bool {
        guard SitePath.isSafeRelative(file.path) else { return true }  // refused by `commit`
        let folder = SitePath.directory(of: file.path)
        let (hasFailed, needsFolder, isWritten) = state.withLock { state in
            (state.failure != nil, !state.createdFolders.contains(folder), state.written[file.path] != nil)
        }
        guard !hasFailed else { return false }
        do {
            try InterruptCleanup.shared.uninterrupted {
                if needsFolder { try writer.fileSystem.createDirectory(atPath: path + "/" + folder) }
                let target = path + "/" + file.path
                // `writeFile` makes a new file: one written before with other bytes goes first.
                if isWritten { try writer.fileSystem.removeItem(atPath: target) }
                try writer.fileSystem.writeFile(file.contents, toPath: target)
            }
        } catch {
            fail(error)
            return false
        }
        state.withLock { state in
            state.createdFolders.insert(folder)
            state.written[file.path] = file.contents
        }
        return true
    }

    private func fail(_ error: any Error) {
        state.withLock { state in
            if state.failure == nil { state.failure = AtomicSiteWriter.reason(error) }
        }
    }
}
