import Foundation
import Testing
@testable import Markdown

/// Parse + render time of a large file (the GFM spec itself), ours against libcmark-gfm's own
/// renderer in the same process. Run on request only, since timings on a shared machine vary:
/// `CALCBOOK_BENCH=1 swift test --filter RendererBenchmark`. It prints the numbers; what it
/// asserts is that both produced the same HTML.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["CALCBOOK_BENCH"] == "1" && GFMSpecFiles.isAvailable("gfm-spec-0.29.txt")))
struct RendererBenchmarkTests {
    @Test func gfmSpecParseAndRender() throws {
        let text = try String(contentsOf: GFMSpecFiles.url("gfm-spec-0.29.txt"), encoding: .utf8)
        let rounds = 10
        let clock = ContinuousClock()
        var ours = ""
        var parseTime = Duration.zero
        var renderTime = Duration.zero
        for _ in 0..<rounds {
            var document = MarkdownNode(.document)
            parseTime += clock.measure { document = MarkdownParser.parse(text) }
            renderTime += clock.measure { ours = HTMLRenderer(options: .init(headingAnchors: false)).render(document) }
        }
        var reference = ""
        let referenceTime = clock.measure {
            for _ in 0..<rounds { reference = CmarkReferenceRenderer.renderHTML(text) }
        }
        #expect(ours == reference)
        print("""
            GFM spec (\(text.utf8.count) bytes), mean of \(rounds): \
            parse to Swift tree \(parseTime / rounds), render \(renderTime / rounds), \
            total \((parseTime + renderTime) / rounds); libcmark-gfm parse + render in process \(referenceTime / rounds)
            """)
    }
}
