import Foundation
import Testing
@testable import Site

/// Files written while the site is still being made: whatever was written early, the output
/// ends up holding exactly the finished site, or stays as it was.
@Suite struct StagingFolderTests {
    @Test func theOutputHoldsExactlyTheCommittedFiles() throws {
        let folder = try TemporaryFolder(["site/old.html": "stale", "site/\(OutputFolderMarker.fileName)": ""])
        defer { folder.remove() }
        let staging = try AtomicSiteWriter().begin(to: folder.path + "/site")
        // Written early: one file the site keeps, one it changes, one it drops.
        staging.add([SiteFile(path: "index.html", text: "home"), SiteFile(path: "part1/a.html", text: "first draft")])
        staging.add([SiteFile(path: "part2/dropped.html", text: "x")])
        try staging.commit([
            SiteFile(path: "index.html", text: "home"), SiteFile(path: "part1/a.html", text: "final"),
            SiteFile(path: "part3/late.html", text: "late"),
        ])
        #expect(folder.files(under: "site") == [
            OutputFolderMarker.fileName, "index.html", "part1/a.html", "part3/late.html",
        ])
        #expect(folder.read("site/part1/a.html") == "final")
        #expect(folder.read("site/part3/late.html") == "late")
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") }, "no staging or retired folder is left")
    }

    @Test func aFileWrittenEarlyThatFailsLeavesThePreviousSiteIntact() throws {
        let folder = try TemporaryFolder(["site/index.html": "previous", "site/\(OutputFolderMarker.fileName)": ""])
        defer { folder.remove() }
        let before = folder.snapshot(of: "site")
        let staging = try AtomicSiteWriter(fileSystem: FailingFileSystem(failingSuffix: "b.html")).begin(to: folder.path + "/site")
        staging.add([SiteFile(path: "a.html", text: "a"), SiteFile(path: "b.html", text: "b"), SiteFile(path: "c.html", text: "c")])
        do {
            try staging.commit([SiteFile(path: "a.html", text: "a"), SiteFile(path: "index.html", text: "new")])
            Issue.record("the commit should have failed: an early write failed")
        } catch {
            #expect(error.description == "cannot write the site into '\(folder.path)/site': no space left on device (simulated)")
        }
        #expect(folder.snapshot(of: "site") == before)
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") }, "the staging folder is removed")
    }

    @Test func aDiscardedStagingFolderLeavesNothingBehind() throws {
        let folder = try TemporaryFolder(["site/index.html": "previous", "site/\(OutputFolderMarker.fileName)": ""])
        defer { folder.remove() }
        let before = folder.snapshot(of: "site")
        let staging = try AtomicSiteWriter().begin(to: folder.path + "/site")
        staging.add([SiteFile(path: "index.html", text: "new"), SiteFile(path: "deep/er/page.html", text: "x")])
        staging.discard()
        #expect(folder.snapshot(of: "site") == before)
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") })
    }

    @Test func aPathLeavingTheOutputIsRefusedAtCommitAndNeverWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let staging = try AtomicSiteWriter().begin(to: folder.path + "/site")
        staging.add([SiteFile(path: "../escaped.html", text: "x")])
        #expect(throws: AtomicSiteWriter.Failure.self) {
            try staging.commit([SiteFile(path: "../escaped.html", text: "x")])
        }
        #expect(!folder.exists("escaped.html"))
        #expect(!folder.exists("site"))
        #expect(folder.files(under: "").isEmpty, "the staging folder is removed")
    }

    @Test func aFolderCalcbookDidNotWriteIsRefusedBeforeAnythingIsMade() throws {
        let folder = try TemporaryFolder(["site/notes.txt": "mine"])
        defer { folder.remove() }
        #expect(throws: AtomicSiteWriter.Failure.self) { try AtomicSiteWriter().begin(to: folder.path + "/site") }
        #expect(folder.files(under: "") == ["site/notes.txt"])
    }
}
