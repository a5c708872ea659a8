import Testing
@testable import Markdown

/// A page of more than a megabyte is written in pieces (`HTMLRenderState.pieceBytes`) and a
/// document of more than 64 KiB is parsed in pieces: the bytes must be libcmark-gfm's still.
@Suite struct LargeDocumentTests {
    @Test func aLargeGeneratedDocumentMatchesLibcmark() {
        let allowRawHTML = true
        var random = DifferentialTests.SeededGenerator(state: 3)
        var markdown = ""
        while markdown.utf8.count < 1_200_000 {
            // Without definitions (`]:`), so that the parse is cut into pieces too.
            markdown += DifferentialTests.document(&random).replacingOccurrences(of: "]:", with: "] :") + "\n## Part\n\n"
        }
        let expected = CmarkReference.renderHTML(markdown, unsafe: allowRawHTML)
        let got = GFMConformanceTests.withoutHeadingIDs(
            HTMLRenderer(options: .init(allowRawHTML: allowRawHTML)).render(MarkdownParser.parse(markdown)))
        #expect(got.utf8.count > 1_100_000)
        #expect(got == expected)
    }
}
