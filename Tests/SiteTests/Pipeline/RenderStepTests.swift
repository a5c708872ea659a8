import Testing
@testable import Site

/// The render step on several jobs: the same pages, in the same order, as one job.
@Suite struct RenderStepTests {
    @Test func slicesCoverEveryLessonOnceInOrder() {
        for count in [0, 1, 2, 7, 100, 1001] {
            for jobs in [1, 2, 3, 8] {
                let slices = RenderStep.slices(count, jobs: jobs)
                #expect(slices.flatMap { Array($0) } == Array(0..<count))
                #expect(slices.allSatisfy { !$0.isEmpty })
            }
        }
    }

    @Test func pagesRenderedOnSeveralJobsAreThePagesOfOne() async throws {
        let folder = try SiteBuilderTests.project("tour")
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path)
        let analysis = try await SiteAnalysis.run(configuration, cacheAccess: .readOnly, identity: nil)
        let step = RenderStep(configuration: configuration, theme: analysis.theme)
        let serial = try step.run(lessons: analysis.lessons, navigation: analysis.navigation, diagnostics: analysis.diagnostics)
        for jobs in [1, 2, 4] {
            let parallel = try await step.run(
                lessons: analysis.lessons, navigation: analysis.navigation, diagnostics: analysis.diagnostics, jobs: jobs)
            #expect(parallel == serial)
        }
        let notebooks = NotebookStep().run(lessons: analysis.lessons)
        #expect(await NotebookStep().run(lessons: analysis.lessons, jobs: 3) == notebooks)
    }

    /// A page of a lesson whose HTML is large is the layout rendered around a mark, the HTML
    /// put in the mark's place: the same page as the layout rendered around the HTML.
    @Test func aLargeBodyIsPutInTheLayoutsPlaceForIt() async throws {
        let folder = try SiteBuilderTests.project("tour")
        defer { folder.remove() }
        let configuration = SiteConfiguration(root: folder.path)
        let analysis = try await SiteAnalysis.run(configuration, cacheAccess: .readOnly, identity: nil)
        let step = RenderStep(configuration: configuration, theme: analysis.theme)
        let small = "<p>small &amp; plain</p>\n"
        let large = String(repeating: "<p>x &lt; y, \u{2207}f</p>\n", count: 60_000)
        #expect(large.utf8.count >= RenderStep.splicedBodyBytes)
        func page(body: String) throws -> String {
            var lessons = analysis.lessons
            lessons[0].rendered.bodyHTML = body
            let files = try step.run(lessons: lessons, navigation: analysis.navigation, diagnostics: analysis.diagnostics)
            return String(decoding: try #require(files.first { $0.path == lessons[0].outputPath }).contents, as: UTF8.self)
        }
        let spliced = try page(body: large)
        #expect(spliced.components(separatedBy: large).count == 2)
        #expect(spliced.replacingOccurrences(of: large, with: small) == (try page(body: small)))
    }

    @Test func theBodyIsSplicedOnlyWhereTheLayoutShowsTheMarkOnce() {
        let mark = RenderStep.bodyMark
        let body = "<p>∇ &amp;</p>"
        let once = RenderStep.spliced(body, into: "<main>" + mark + "</main>", path: "a.html")
        #expect(once.map { String(decoding: $0.contents, as: UTF8.self) } == "<main><p>∇ &amp;</p></main>")
        #expect(once?.path == "a.html")
        #expect(RenderStep.spliced(body, into: "<main>" + mark + mark + "</main>", path: "a.html") == nil)
        #expect(RenderStep.spliced(body, into: "<main>\u{1}calcbook&lt;page-body&gt;&amp;\u{1}</main>", path: "a.html") == nil)
        #expect(RenderStep.spliced(body, into: "<main></main>", path: "a.html") == nil)
    }
}
