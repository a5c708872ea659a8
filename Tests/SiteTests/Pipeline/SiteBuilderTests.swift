import Diagnostics
import Foundation
import Testing
@testable import Site

/// The whole build, lessons in, HTML out, against committed expected pages.
@Suite struct SiteBuilderTests {
    static let fixtures = Golden.testsFolder + "/Fixtures"

    /// Copies a fixture's lessons into a fresh project folder (so the build's output never
    /// lands in the source tree).
    static func project(_ fixture: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: fixtures + "/" + fixture + "/lessons", toPath: folder.path + "/lessons")
        return folder
    }

    static func build(_ folder: TemporaryFolder, jobs: Int = 2, keepGoing: Bool = false, fileSystem: any SiteFileSystem = LocalFileSystem()) async throws -> SiteBuildReport {
        let configuration = SiteConfiguration(root: folder.path, title: "Tour", jobs: jobs, keepGoing: keepGoing)
        return try await SiteBuilder(configuration: configuration, fileSystem: fileSystem).build()
    }

    /// The pages and the list of every file written; the theme's assets are compared with
    /// the theme itself instead of being copied into the golden folder.
    static func pagesAndManifest(_ folder: TemporaryFolder) -> [String: Data] {
        let site = folder.snapshot(of: "site")
        // The marker is listed in files.txt; its text is checked by the writer's tests.
        var result = site.filter { !$0.key.hasPrefix("assets/") && $0.key != OutputFolderMarker.fileName }
        result["files.txt"] = Data((site.keys.sorted().joined(separator: "\n") + "\n").utf8)
        return result
    }

    @Test func buildsTheTourFixtureIntoTheExpectedPages() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        let report = try await Self.build(folder)
        // The fixture's <script> is shown as text; that is its only (warning) diagnostic.
        #expect(report.diagnostics.map(\.id) == ["lesson.raw-html"])
        #expect(!report.hasErrors)
        #expect(report.wroteSite)
        try Golden.assertMatches(Self.pagesAndManifest(folder), named: "tour")
        let theme = try ThemeLoader.load(SiteConfiguration(root: folder.path))
        for asset in theme.assets {
            #expect(FileManager.default.contents(atPath: folder.path + "/site/" + asset.path) == asset.contents, "\(asset.path)")
        }
    }

    @Test func withoutSummaryOrIndexTheHomePageIsTheTableOfContents() async throws {
        let folder = try Self.project("no-summary")
        defer { folder.remove() }
        let report = try await Self.build(folder)
        #expect(report.diagnostics.isEmpty)
        try Golden.assertMatches(Self.pagesAndManifest(folder), named: "no-summary")
    }

    @Test func buildingTwiceGivesIdenticalBytes() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        _ = try await Self.build(folder, jobs: 1)
        let first = folder.snapshot(of: "site")
        _ = try await Self.build(folder, jobs: 4)
        #expect(folder.snapshot(of: "site") == first)
    }

    @Test func aFailingWriteLeavesThePreviousSiteIntact() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        _ = try await Self.build(folder)
        let before = folder.snapshot(of: "site")
        try folder.write("lessons/jacobian.md", "# Changed\n")
        await #expect(throws: SiteBuildFailure.self) {
            _ = try await Self.build(folder, fileSystem: FailingFileSystem(failingSuffix: "jacobian.html"))
        }
        #expect(folder.snapshot(of: "site") == before)
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") || $0.hasPrefix("lessons/") })
    }

    /// The site starts going to disk while it is rendered; an error found only after that (two
    /// files wanting one path) still leaves the previous site as it was, and no staging folder.
    @Test func anErrorFoundAfterRenderingLeavesThePreviousSiteIntact() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        _ = try await Self.build(folder)
        let before = folder.snapshot(of: "site")
        try folder.write("lessons/search.html", "<p>the author's own search page</p>")
        try folder.write("lessons/jacobian.md", "# The Jacobian\n\nSee [my search page](search.html).\n")
        let report = try await Self.build(folder)
        #expect(report.diagnostics.filter { $0.severity == .error }.map(\.id) == ["site.path-conflict"])
        #expect(!report.wroteSite)
        #expect(folder.snapshot(of: "site") == before)
        #expect(folder.files(under: "").allSatisfy { $0.hasPrefix("site/") || $0.hasPrefix("lessons/") })
    }

    @Test func staleFilesDisappear() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        _ = try await Self.build(folder)
        try folder.write("site/removed-lesson.html", "old")
        _ = try await Self.build(folder)
        #expect(!folder.exists("site/removed-lesson.html"))
    }

    /// An output folder calcbook did not write stops the build before any lesson is
    /// evaluated, and keeps its files.
    @Test func anOutputFolderOfOtherFilesIsRefusedBeforeAnyWork() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        try folder.write("site/notes.txt", "mine")
        do {
            _ = try await Self.build(folder)
            Issue.record("the build replaced a folder it did not write")
        } catch {
            let diagnostics = (error as? SiteBuildFailure)?.diagnostics ?? []
            #expect(diagnostics.map(\.id) == ["output.not-calcbook"])
            #expect(diagnostics.first?.message.contains("'site' holds files calcbook did not write ('notes.txt')") == true)
        }
        #expect(folder.files(under: "site") == ["notes.txt"])
    }

    @Test func aMissingLessonsFolderInAnEmptyFolderSuggestsInit() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        await #expect {
            _ = try await Self.build(folder)
        } throws: { error in
            let diagnostics = (error as? SiteBuildFailure)?.diagnostics ?? []
            return diagnostics == [Diagnostic(
                id: "lessons.missing-folder",
                message: "the lessons folder 'lessons' does not exist",
                location: nil,
                notes: [.init("to start a project here, run calcbook init")])]
        }
    }

    @Test func aMissingLessonsFolderBesideACalcbookTomlSuggestsTheFlag() async throws {
        let folder = try TemporaryFolder(["calcbook.toml": "title = \"T\"\n"])
        defer { folder.remove() }
        await #expect {
            _ = try await Self.build(folder)
        } throws: { error in
            let diagnostics = (error as? SiteBuildFailure)?.diagnostics ?? []
            return diagnostics.map(\.notes) == [[.init("run calcbook from the project root, or name the folder with --lessons DIR")]]
        }
    }

    @Test func aSummaryEntryForAMissingLessonIsAnErrorAndNothingIsWritten() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        try folder.write("lessons/SUMMARY.md", "- [Notation](basics/notation.md)\n- [Gone](gone.md)\n")
        let report = try await Self.build(folder)
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors == [Diagnostic(
            id: "summary.missing-lesson",
            message: "SUMMARY.md lists 'gone.md', but there is no such lesson",
            location: SourceLocation(file: "lessons/SUMMARY.md", line: 2, column: 3))])
        #expect(report.diagnostics.contains {
            $0.id == "summary.unlisted-lesson" && $0.location?.file == "lessons/jacobian.md"
        })
        #expect(!report.wroteSite)
        #expect(!folder.exists("site"))
    }

    @Test func aLinkLeavingTheLessonsFolderIsAnErrorAtTheLink() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        try folder.write("secret.txt", "outside")
        try folder.write("lessons/jacobian.md", "# The Jacobian\n\nSee [the secret](../secret.txt).\n")
        let report = try await Self.build(folder, keepGoing: true)
        #expect(report.diagnostics.map(\.id) == ["link.outside-lessons"])
        #expect(report.diagnostics.first?.location == SourceLocation(file: "lessons/jacobian.md", line: 3, column: 5))
        #expect(!folder.exists("site/secret.txt"))
        // --keep-going writes the page with the problem shown in it.
        #expect(folder.read("site/jacobian.html")?.contains("lessons/jacobian.md:3:5</code> error: &#39;../secret.txt&#39; points outside") == true)
    }

    @Test func onlyLinkedFilesAreCopied() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        _ = try await Self.build(folder)
        #expect(folder.exists("site/basics/images/arrow.svg"))
        #expect(!folder.exists("site/basics/images/unused.txt"))
    }

    @Test func aBaseURLGivesCanonicalLinksWhilePagesStayRelative() async throws {
        let folder = try Self.project("tour")
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path, title: "Tour", baseURL: "https://example.org/calc")
        _ = try await SiteBuilder(configuration: configuration).build()
        let page = folder.read("site/basics/notation.html") ?? ""
        #expect(page.contains(#"<link rel="canonical" href="https://example.org/calc/basics/notation.html">"#))
        #expect(page.contains(#"<link rel="stylesheet" href="../assets/style.css">"#))
        #expect(folder.read("site/index.html")?.contains(#"<link rel="canonical" href="https://example.org/calc/">"#) == true)
    }

    @Test func titlesAndTextFromLessonsAreEscaped() async throws {
        let folder = try TemporaryFolder(["lessons/x.md": "---\ntitle: <script>alert(1)</script>\n---\n\nBody\n"])
        defer { folder.remove() }
        _ = try await Self.build(folder)
        let page = folder.read("site/x.html") ?? ""
        #expect(!page.contains("<script>"))
        #expect(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · Tour</title>"))
    }
}
