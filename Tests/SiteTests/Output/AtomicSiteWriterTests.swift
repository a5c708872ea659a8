import Foundation
import Testing
@testable import Site

@Suite struct AtomicSiteWriterTests {
    @Test func writesEveryFileAndRemovesStaleOnes() throws {
        let folder = try TemporaryFolder(["site/old.html": "stale", "site/assets/old.css": "stale"])
        defer { folder.remove() }
        try AtomicSiteWriter().write(
            [SiteFile(path: "index.html", text: "home"), SiteFile(path: "part1/a.html", text: "a")],
            to: folder.path + "/site")
        #expect(folder.files(under: "site") == ["index.html", "part1/a.html"])
        #expect(folder.read("site/part1/a.html") == "a")
        // Nothing left beside the output: no staging or retired folder.
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") })
    }

    @Test func aFailingWriteLeavesThePreviousSiteIntact() throws {
        let folder = try TemporaryFolder(["site/index.html": "previous home", "site/notation.html": "previous notation"])
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
