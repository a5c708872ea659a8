import Foundation
import Testing

/// `build --output DIR` replaces DIR only when calcbook wrote it; an interrupted build leaves
/// the previous site and no staging folder.
@Suite struct OutputFolderCommandTests {
    static let lesson = "# Notation\n\nVectors are columns.\n"

    @Test func aFolderCalcbookDidNotWriteExitsTwoAndKeepsEveryFile() throws {
        let project = try ProjectFolder([
            "lessons/notation.md": Self.lesson, "docs/notes.txt": "my notes", "docs/drafts/a.md": "draft",
        ])
        defer { project.remove() }
        let result = try CalcbookProcess.run(["build", "--output", "docs"], in: project.path)
        #expect(result.status == 2)
        #expect(result.standardError.hasPrefix(
            "error: the output folder 'docs' holds files calcbook did not write ('drafts', 'notes.txt'); calcbook replaces its output folder as a whole, so it leaves this one untouched\n"))
        #expect(project.read("docs/notes.txt") == "my notes")
        #expect(project.read("docs/drafts/a.md") == "draft")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.path + "/docs").sorted() == ["drafts", "notes.txt"])
    }

    @Test func rebuildingItsOwnOutputWorks() throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson])
        defer { project.remove() }
        #expect(try CalcbookProcess.run(["build", "--quiet"], in: project.path).status == 0)
        #expect(project.exists("site/.calcbook-site"))
        try Data("# Notation\n\nRows too.\n".utf8).write(to: URL(fileURLWithPath: project.path + "/lessons/notation.md"))
        #expect(try CalcbookProcess.run(["build", "--quiet"], in: project.path).status == 0)
        #expect(project.read("site/notation.html")?.contains("Rows too.") == true)
        // An empty folder named by --output is written into, and marked.
        try FileManager.default.createDirectory(atPath: project.path + "/public", withIntermediateDirectories: true)
        #expect(try CalcbookProcess.run(["build", "--quiet", "--output", "public"], in: project.path).status == 0)
        #expect(project.exists("public/notation.html") && project.exists("public/.calcbook-site"))
    }

    /// Builds a project whose write step takes a while (4,000 theme assets: files are written
    /// without `fsync`, so it takes many to keep the write step open), interrupts it
    /// with `signal` once its staging folder exists, and checks that the folder is gone and the
    /// previous site is as it was.
    @Test(.timeLimit(.minutes(3)), arguments: [SIGINT, SIGTERM])
    func anInterruptedBuildRemovesItsStagingFolder(signal: Int32) throws {
        let project = try ProjectFolder(["lessons/notation.md": Self.lesson])
        defer { project.remove() }
        #expect(try CalcbookProcess.run(["build", "--quiet"], in: project.path).status == 0)
        try FileManager.default.createDirectory(atPath: project.path + "/templates/assets/many", withIntermediateDirectories: true)
        let filler = Data(repeating: 0x61, count: 4_096)
        for index in 0..<4_000 {
            try filler.write(to: URL(fileURLWithPath: project.path + "/templates/assets/many/\(index).txt"))
        }
        var interrupted = false
        for _ in 0..<5 where !interrupted {
            // What the site is before this attempt (a previous attempt may have finished).
            let before = try FileManager.default.contentsOfDirectory(atPath: project.path + "/site").sorted()
            let page = project.read("site/notation.html")
            let process = Process()
            process.executableURL = CalcbookProcess.executable
            process.arguments = ["build", "--quiet", "--no-cache"]
            process.currentDirectoryURL = URL(fileURLWithPath: project.path)
            process.standardError = FileHandle.nullDevice
            try process.run()
            let staging = project.path + "/site.tmp-\(process.processIdentifier)"
            // Bounded: at most 60 s of polling for the write step to start.
            for _ in 0..<60_000 where process.isRunning && !FileManager.default.fileExists(atPath: staging) {
                usleep(1_000)
            }
            if process.isRunning { kill(process.processIdentifier, signal) }
            process.waitUntilExit()
            interrupted = process.terminationReason == .uncaughtSignal && process.terminationStatus == signal
            if interrupted {
                #expect(!FileManager.default.fileExists(atPath: staging))
                #expect(try FileManager.default.contentsOfDirectory(atPath: project.path).sorted() == ["lessons", "site", "templates"])
                #expect(try FileManager.default.contentsOfDirectory(atPath: project.path + "/site").sorted() == before)
                #expect(project.read("site/notation.html") == page)
            }
        }
        #expect(interrupted, "the build was never caught in its write step")
    }
}
