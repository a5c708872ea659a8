import Foundation
import Testing
@testable import Site

@Suite struct AtomicSiteWriterTests {
    @Test func writesEveryFileAndRemovesStaleOnes() throws {
        // A previous build's output: its marker says calcbook wrote it.
        let folder = try TemporaryFolder([
            "site/old.html": "stale", "site/assets/old.css": "stale", "site/\(OutputFolderMarker.fileName)": "",
        ])
        defer { folder.remove() }
        try AtomicSiteWriter().write(
            [SiteFile(path: "index.html", text: "home"), SiteFile(path: "part1/a.html", text: "a")],
            to: folder.path + "/site")
        #expect(folder.files(under: "site") == [OutputFolderMarker.fileName, "index.html", "part1/a.html"])
        #expect(folder.read("site/part1/a.html") == "a")
        // Nothing left beside the output: no staging or retired folder.
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") })
    }

    @Test func aFailingWriteLeavesThePreviousSiteIntact() throws {
        let folder = try TemporaryFolder([
            "site/index.html": "previous home", "site/notation.html": "previous notation", "site/\(OutputFolderMarker.fileName)": "",
        ])
        defer { folder.remove() }
        let before = folder.snapshot(of: "site")
        let writer = AtomicSiteWriter(fileSystem: FailingFileSystem(failingSuffix: "notation.html"))
        #expect(throws: AtomicSiteWriter.Failure.self) {
            try writer.write(
                [SiteFile(path: "index.html", text: "new home"), SiteFile(path: "notation.html", text: "new notation")],
                to: folder.path + "/site")
        }
        #expect(folder.snapshot(of: "site") == before)
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") }, "the staging folder is cleaned up")
    }

    @Test func theFailureSaysWhy() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = AtomicSiteWriter(fileSystem: FailingFileSystem(failingSuffix: "index.html"))
        do {
            try writer.write([SiteFile(path: "index.html", text: "x")], to: folder.path + "/site")
            Issue.record("the write should have failed")
        } catch {
            #expect(error.description == "cannot write the site into '\(folder.path)/site': no space left on device (simulated)")
        }
        #expect(!folder.exists("site"))
    }

    @Test func refusesPathsLeavingTheOutputFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: AtomicSiteWriter.Failure.self) {
            try AtomicSiteWriter().write([SiteFile(path: "../escaped.html", text: "x")], to: folder.path + "/site")
        }
        #expect(!folder.exists("escaped.html"))
        #expect(!folder.exists("site"))
    }

    @Test func refusesAnOutputThatIsAFile() throws {
        let folder = try TemporaryFolder(["site": "a file"])
        defer { folder.remove() }
        #expect(throws: AtomicSiteWriter.Failure.self) {
            try AtomicSiteWriter().write([SiteFile(path: "index.html", text: "x")], to: folder.path + "/site")
        }
        #expect(folder.read("site") == "a file")
    }
}

/// The output folder is replaced only when calcbook wrote it (its marker file is there), when
/// it is empty, or when it is absent; staging folders of interrupted builds do not pile up.
@Suite struct OutputFolderOwnershipTests {
    @Test func aFolderOfOtherFilesIsRefusedAndLeftUntouched() throws {
        let folder = try TemporaryFolder(["docs/notes.txt": "mine", "docs/photos/a.jpg": "jpeg"])
        defer { folder.remove() }
        let before = folder.snapshot(of: "docs")
        do {
            try AtomicSiteWriter().write([SiteFile(path: "index.html", text: "x")], to: folder.path + "/docs", shownAs: "docs")
            Issue.record("a folder calcbook did not write was replaced")
        } catch {
            #expect(error.id == "output.not-calcbook")
            #expect(error.description.contains("'docs' holds files calcbook did not write ('notes.txt', 'photos')"))
        }
        #expect(folder.snapshot(of: "docs") == before)
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("docs/") }, "no staging folder left beside it")
    }

    @Test func itsOwnOutputIsReplacedAndCarriesTheMarker() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = AtomicSiteWriter()
        try writer.write([SiteFile(path: "index.html", text: "one"), SiteFile(path: "old.html", text: "old")], to: folder.path + "/site")
        #expect(folder.read("site/" + OutputFolderMarker.fileName) == String(decoding: OutputFolderMarker.contents, as: UTF8.self))
        try writer.write([SiteFile(path: "index.html", text: "two")], to: folder.path + "/site")
        #expect(folder.files(under: "site") == [OutputFolderMarker.fileName, "index.html"])
        #expect(folder.read("site/index.html") == "two")
    }

    @Test func anEmptyFolderIsWrittenInto() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/out", withIntermediateDirectories: true)
        try AtomicSiteWriter().write([SiteFile(path: "index.html", text: "x")], to: folder.path + "/out")
        #expect(folder.read("out/index.html") == "x")
    }

    @Test func aMarkerThatIsASymbolicLinkDoesNotCount() throws {
        let folder = try TemporaryFolder(["elsewhere/marker": "x", "docs/notes.txt": "mine"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(
            atPath: folder.path + "/docs/" + OutputFolderMarker.fileName, withDestinationPath: folder.path + "/elsewhere/marker")
        #expect(!OutputFolderMarker.mayReplace(folder.path + "/docs", fileSystem: LocalFileSystem()).mayReplace)
    }

    /// The id of a process that has ended.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func staleStagingFoldersOfEndedProcessesAreRemoved() throws {
        let dead = try Self.deadProcessID()
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try sleeper.run()
        defer { sleeper.terminate() }
        let live = sleeper.processIdentifier
        let marker = String(decoding: OutputFolderMarker.contents, as: UTF8.self)
        let folder = try TemporaryFolder([
            "site.tmp-\(dead)/\(OutputFolderMarker.fileName)": marker, "site.tmp-\(dead)/part1/a.html": "half-written",
            "site.old-\(dead)/\(OutputFolderMarker.fileName)": marker,
            "site.tmp-\(live)/\(OutputFolderMarker.fileName)": marker,
            "site.tmp-\(dead)x/notes.txt": "not a staging folder",
            "other.tmp-\(dead)/\(OutputFolderMarker.fileName)": marker,
        ])
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/site.old-1", withIntermediateDirectories: true)
        try folder.write("site.old-1/notes.txt", "pid 1 is running, and calcbook did not write this")
        try AtomicSiteWriter().write([SiteFile(path: "index.html", text: "x")], to: folder.path + "/site")
        #expect(!folder.exists("site.tmp-\(dead)"))
        #expect(!folder.exists("site.old-\(dead)"))
        #expect(folder.exists("site.tmp-\(live)"), "a running build's staging folder stays")
        #expect(folder.exists("site.tmp-\(dead)x/notes.txt"))
        #expect(folder.exists("other.tmp-\(dead)"), "only the output's own staging folders")
        #expect(folder.exists("site.old-1/notes.txt"))
    }

    @Test func stagingFolderNamesGiveTheirProcess() {
        #expect(AtomicSiteWriter.stagingProcess("site.tmp-123", of: "site") == 123)
        #expect(AtomicSiteWriter.stagingProcess("site.old-7", of: "site") == 7)
        #expect(AtomicSiteWriter.stagingProcess("site.tmp-", of: "site") == nil)
        #expect(AtomicSiteWriter.stagingProcess("site.tmp-12a", of: "site") == nil)
        #expect(AtomicSiteWriter.stagingProcess("site.tmp-١٢", of: "site") == nil)
        #expect(AtomicSiteWriter.stagingProcess("docs.tmp-12", of: "site") == nil)
    }
}
