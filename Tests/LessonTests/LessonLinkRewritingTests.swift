import Testing
import Lesson

@Suite struct LessonLinkRewritingTests {
    @Test(arguments: [
        ("jacobian.md", "jacobian.html"),
        ("jacobian.md#the-shape", "jacobian.html#the-shape"),
        ("../basics/notation.md", "../basics/notation.html"),
        ("sub/x.md?print=1#top", "sub/x.html?print=1#top"),
        ("./index.md", "./index.html"),
    ])
    func relativeLessonLinksPointToPages(written: String, rewritten: String) {
        #expect(LessonLinkRewriting.rewrite(written) == rewritten)
    }

    @Test(arguments: [
        "https://example.com/readme.md", "HTTP://example.com/a.md#x", "mailto:someone@example.com",
        "/abs/x.md", "//host/x.md", "#local", "figure.png", "notes.mdx", "data.md.txt", "", ".md", "x/.md",
    ])
    func otherDestinationsAreUntouched(destination: String) {
        #expect(LessonLinkRewriting.rewrite(destination) == destination)
    }
}
