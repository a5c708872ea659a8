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
}
