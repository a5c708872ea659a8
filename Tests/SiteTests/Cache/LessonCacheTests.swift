import Diagnostics
import Foundation
import Lesson
import Testing
@testable import Site

/// The lesson cache: a warm build evaluates nothing and writes the same bytes, every input of a
/// lesson's result invalidates it, bad entries are misses, and `check` only reads.
/// Every test uses a cache folder of its own, never the user's.
@Suite struct LessonCacheTests {
    /// A fixture project and an empty cache base beside it, both removed by `remove()`.
    struct Setup {
        let project: TemporaryFolder
        let cacheBase: TemporaryFolder
        var cacheFolder: String { cacheBase.path + "/project" }

        init(_ fixture: String) throws {
            project = try SiteBuilderTests.project(fixture)
            cacheBase = try TemporaryFolder()
        }

        func configuration(keepGoing: Bool = false, allowRawHTML: Bool = false, cache: Bool = true) -> SiteConfiguration {
            SiteConfiguration(
                root: project.path, title: "Tour", allowRawHTML: allowRawHTML, jobs: 2, keepGoing: keepGoing,
                cacheFolder: cache ? cacheFolder : nil)
        }

        func build(
            keepGoing: Bool = false, allowRawHTML: Bool = false, cache: Bool = true,
            identity: LessonCacheIdentity? = LessonCacheIdentity.current
        ) async throws -> SiteBuildReport {
            var builder = SiteBuilder(configuration: configuration(keepGoing: keepGoing, allowRawHTML: allowRawHTML, cache: cache))
            builder.cacheIdentity = identity
            return try await builder.build()
        }

        /// The cache entries' names.
        var entries: [String] { cacheBase.files(under: "project").filter { $0.hasSuffix(LessonCache.entryExtension) } }

        func remove() {
            project.remove()
            cacheBase.remove()
        }
    }

    @Test func aSecondBuildWithUnchangedInputsEvaluatesNoLessonAndWritesTheSameBytes() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        let cold = try await setup.build()
        #expect(cold.lessonsFromCache == 0)
        #expect(cold.cells == 1)
        #expect(setup.entries.count == 3)
        let coldSite = setup.project.snapshot(of: "site")

        let warm = try await setup.build()
        #expect(warm.lessonsFromCache == 3)
        #expect(warm.cells == 0)
        #expect(warm.diagnostics == cold.diagnostics)
        #expect(warm.summary(output: "site").hasPrefix("Built 5 pages (3 lessons from cache) into site/"))
        #expect(setup.project.snapshot(of: "site") == coldSite)
        try Golden.assertMatches(SiteBuilderTests.pagesAndManifest(setup.project), named: "tour")
    }

    @Test func pagesWithCellErrorsComeBackIdenticalFromTheCache() async throws {
        let setup = try Setup("notebook")
        defer { setup.remove() }
        let cold = try await setup.build(keepGoing: true)
        let warm = try await setup.build(keepGoing: true)
        #expect(warm.lessonsFromCache == 1)
        #expect(warm.diagnostics == cold.diagnostics)
        #expect(!warm.diagnostics.isEmpty)
        try Golden.assertMatches(SiteBuilderTests.pagesAndManifest(setup.project), named: "notebook")
    }

    @Test func editingOneLessonEvaluatesOnlyThatLesson() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        _ = try await setup.build()
        let notation = try #require(setup.project.read("lessons/basics/notation.md"))
        try setup.project.write("lessons/basics/notation.md", notation.replacingOccurrences(of: "scalars are *italic*", with: "scalars are *slanted*"))
        let report = try await setup.build()
        #expect(report.lessonsFromCache == 2)
        #expect(setup.project.read("site/basics/notation.html")?.contains("<em>slanted</em>") == true)
        // The edited lesson's old entry is pruned; the new one replaces it.
        #expect(setup.entries.count == 3)
    }

    @Test func theCellTemplateAnOptionAndTheFormatVersionAreInputs() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        _ = try await setup.build()
        #expect(try await setup.build().lessonsFromCache == 3)

        // Raw HTML changes how every lesson renders.
        #expect(try await setup.build(allowRawHTML: true).lessonsFromCache == 0)
        #expect(try await setup.build(allowRawHTML: true).lessonsFromCache == 3)

        // Another cache format, or another calcbook binary, reads nothing of this one.
        let current = try #require(LessonCacheIdentity.current)
        var newerFormat = current
        newerFormat.formatVersion += 1
        #expect(try await setup.build(allowRawHTML: true, identity: newerFormat).lessonsFromCache == 0)
        let otherBinary = LessonCacheIdentity(executable: current.executable + "-rebuilt")
        #expect(try await setup.build(allowRawHTML: true, identity: otherBinary).lessonsFromCache == 0)

        // The cell template (and what it includes) shapes every lesson's body …
        try setup.project.write("templates/partials/cell.mustache", "<pre class=\"my-cell\">{{{cell.sourceHTML}}}</pre>\n")
        #expect(try await setup.build().lessonsFromCache == 0)
        #expect(setup.project.read("site/jacobian.html")?.contains("<pre class=\"my-cell\">") == true)
        // … but the page layout does not: it is applied after the cache.
        try setup.project.write("templates/layout.mustache", "<main>{{{page.body}}}</main>\n")
        let relaidOut = try await setup.build()
        #expect(relaidOut.lessonsFromCache == 3)
        #expect(setup.project.read("site/jacobian.html")?.hasPrefix("<main>") == true)
    }

    @Test func aLessonsLayoutInItsFrontMatterIsPartOfItsText() async throws {
        let setup = try Setup("notebook-ok")
        defer { setup.remove() }
        _ = try await setup.build()
        let text = try #require(setup.project.read("lessons/index.md"))
        let denominator = text.hasPrefix("---\n")
            ? text.replacingOccurrences(of: "---\n", with: "---\nlayout: denominator\n", options: [], range: text.range(of: "---\n"))
            : "---\nlayout: denominator\n---\n" + text
        try setup.project.write("lessons/index.md", denominator)
        #expect(try await setup.build().lessonsFromCache == 0)
    }

    @Test func aCorruptOrForeignEntryIsAMiss() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        let cold = try await setup.build()
        let expected = setup.project.snapshot(of: "site")
        let entries = setup.entries
        #expect(entries.count == 3)
        let folder = setup.cacheFolder + "/"
        // One entry truncated, one not an entry at all, one holding another lesson's entry (so its
        // file name's digest no longer matches what it holds: the stored key must be compared).
        let first = try Data(contentsOf: URL(fileURLWithPath: folder + entries[0]))
        let second = try Data(contentsOf: URL(fileURLWithPath: folder + entries[1]))
        try first.prefix(first.count / 2).write(to: URL(fileURLWithPath: folder + entries[0]))
        try Data([0xff, 0x00, 0x13]).write(to: URL(fileURLWithPath: folder + entries[1]))
        try second.write(to: URL(fileURLWithPath: folder + entries[2]))
        let report = try await setup.build()
        #expect(report.lessonsFromCache == 0)
        #expect(report.diagnostics == cold.diagnostics)
        #expect(setup.project.snapshot(of: "site") == expected)
    }

    @Test func anEntryWithOneCharacterOfItsPageChangedIsAMiss() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        let cold = try await setup.build()
        let expected = setup.project.snapshot(of: "site")
        // A letter of a page's text changed on disk: still an entry of the right shape, which
        // only the checksum tells from the one written.
        var damagedOne = false
        for name in setup.entries {
            let path = setup.cacheFolder + "/" + name
            var bytes = Array(try #require(FileManager.default.contents(atPath: path)))
            guard let at = bytes.indices.dropLast(4).first(where: { bytes[$0] == UInt8(ascii: "<") && bytes[$0 + 1] == UInt8(ascii: "p") && bytes[$0 + 2] == UInt8(ascii: ">") && bytes[$0 + 3] >= UInt8(ascii: "A") })
            else { continue }
            bytes[at + 3] ^= 0x20
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            damagedOne = true
        }
        #expect(damagedOne)
        let report = try await setup.build()
        #expect(report.lessonsFromCache < 3)
        #expect(report.diagnostics == cold.diagnostics)
        #expect(setup.project.snapshot(of: "site") == expected)
    }

    @Test func aLargeLessonsEntryIsStoredWhileThePagesAreMadeAndReadNextTime() async throws {
        let project = try TemporaryFolder()
        let cacheBase = try TemporaryFolder()
        defer {
            project.remove()
            cacheBase.remove()
        }
        let section = "## Part\n\nProse with $x^2$, `code` and a [link](index.md#part).\n\n"
        let count = ProcessMemory.largeLessonBytes / section.utf8.count + 1
        try project.write("lessons/index.md", "# Large\n\n" + String(repeating: section, count: count))
        let configuration = SiteConfiguration(root: project.path, title: "Large", jobs: 2, cacheFolder: cacheBase.path + "/project")
        let entries = { cacheBase.files(under: "project").filter { $0.hasSuffix(LessonCache.entryExtension) } }

        // The analysis a build starts from leaves the entry to it …
        let analysis = try await SiteAnalysis.run(configuration, cacheAccess: .readWrite, storesLargeLessonsLater: true)
        #expect(analysis.cacheUse.laterStores.count == 1)
        #expect(entries().isEmpty)
        // … which has written it by the time it reports.
        let cold = try await SiteBuilder(configuration: configuration).build()
        #expect(cold.cacheProblems.isEmpty)
        #expect(entries().count == 1)
        #expect(cacheBase.files(under: "project").allSatisfy { !$0.contains(".partial-") })
        let site = project.snapshot(of: "site")

        let warm = try await SiteBuilder(configuration: configuration).build()
        #expect(warm.lessonsFromCache == 1)
        #expect(warm.diagnostics == cold.diagnostics)
        #expect(project.snapshot(of: "site") == site)
    }

    @Test func checkReadsTheCacheAndNeverWritesIt() async throws {
        let setup = try Setup("check-problems")
        defer { setup.remove() }
        // A check with an empty cache creates nothing.
        let coldCheck = try await SiteChecker(configuration: setup.configuration()).check()
        #expect(!FileManager.default.fileExists(atPath: setup.cacheFolder))

        _ = try await setup.build()
        let before = Self.snapshotWithDates(setup.cacheFolder)
        #expect(!before.isEmpty)
        let warmCheck = try await SiteChecker(configuration: setup.configuration()).check()
        #expect(Self.snapshotWithDates(setup.cacheFolder) == before)
        #expect(warmCheck.diagnostics == coldCheck.diagnostics)
        #expect(warmCheck.summary == coldCheck.summary)

        // The check's analysis did read every lesson from the cache.
        let analysis = try await SiteAnalysis.run(setup.configuration(), cacheAccess: .readOnly)
        #expect(analysis.cacheUse.hits == analysis.lessons.count)
        #expect(analysis.cacheUse.evaluated == 0)
        #expect(Self.snapshotWithDates(setup.cacheFolder) == before)
    }

    @Test func withoutACacheFolderEveryLessonIsEvaluated() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        _ = try await setup.build()
        let report = try await setup.build(cache: false)
        #expect(report.lessonsFromCache == 0)
        #expect(report.cells == 1)
    }

    @Test func entriesOfDeletedLessonsArePrunedAndOtherFilesAreLeftAlone() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        _ = try await setup.build()
        try setup.cacheBase.write("project/notes.txt", "mine")
        try setup.cacheBase.write("project/notes.json", "mine too")
        // An entry an earlier calcbook wrote as JSON is an entry no build uses any more.
        let formerEntry = "project/" + String(repeating: "ab", count: 32) + ".json"
        try setup.cacheBase.write(formerEntry, "{}")
        // An entry a build stopped writing goes; one a running build is writing stays.
        let stopped = "project/" + String(repeating: "cd", count: 32) + ".entry.partial-\(Self.pidOfNoProcess())"
        let running = "project/" + String(repeating: "ef", count: 32) + ".entry.partial-\(getpid())"
        try setup.cacheBase.write(stopped, "half")
        try setup.cacheBase.write(running, "half")
        try FileManager.default.removeItem(atPath: setup.project.path + "/lessons/jacobian.md")
        try setup.project.write("lessons/SUMMARY.md", "# Summary\n\n- [Notation](basics/notation.md)\n")
        _ = try await setup.build()
        #expect(setup.entries.count == 2)
        #expect(setup.cacheBase.read("project/notes.txt") == "mine")
        #expect(setup.cacheBase.read("project/notes.json") == "mine too")
        #expect(setup.cacheBase.read(formerEntry) == nil)
        #expect(setup.cacheBase.read(stopped) == nil)
        #expect(setup.cacheBase.read(running) == "half")
    }

    @Test func aCacheThatCannotBeWrittenDoesNotFailTheBuild() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        // A file where the cache folder should be.
        try setup.cacheBase.write("project", "not a folder")
        let report = try await setup.build()
        #expect(report.wroteSite)
        #expect(!report.hasErrors)
        #expect(!report.cacheProblems.isEmpty)
        #expect(report.summary(output: "site").hasPrefix("Built 5 pages (1 cell run) into site/"))
    }

    @Test func aCacheFolderInsideTheOutputFolderIsRefused() async throws {
        let setup = try Setup("tour")
        defer { setup.remove() }
        var configuration = setup.configuration()
        configuration.cacheFolder = setup.project.path + "/site/.cache"
        await #expect(throws: SiteBuildFailure.self) {
            _ = try await SiteBuilder(configuration: configuration).build()
        }
    }

    /// A process id no process has now.
    static func pidOfNoProcess() -> Int32 {
        var pid: Int32 = 4_000_000
        while kill(pid, 0) == 0 || errno != ESRCH { pid -= 1 }
        return pid
    }

    /// Every file under `folder` with its bytes and modification date.
    static func snapshotWithDates(_ folder: String) -> [String: String] {
        var result: [String: String] = [:]
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
            let path = folder + "/" + name
            let date = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            let bytes = manager.contents(atPath: path) ?? Data()
            result[name] = "\(date?.timeIntervalSince1970 ?? 0) \(bytes.count) \(SHA256.hex(String(decoding: bytes, as: UTF8.self)))"
        }
        return result
    }
}
