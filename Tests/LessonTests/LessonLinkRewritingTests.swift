import Testing
@testable import Lesson

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

    /// The byte-wise reading of ASCII destinations gives what the `Character`-wise one gives:
    /// every destination of up to four characters from an alphabet of the characters that
    /// matter (schemes, `:`, `?`, `#`, `/`, `.md`, CRLF), and longer ones built from pieces.
    @Test func asciiDestinationsReadAsCharactersDo() {
        let alphabet = ["a", "Z", "1", "+", ":", "?", "#", "/", ".", "m", "d", "\r\n", "\r", " ", "é"]
        var destinations = [""]
        for _ in 0..<4 { destinations += destinations.flatMap { prefix in alphabet.map { prefix + $0 } } }
        let pieces = ["x.md", "http:", "a+b-c.d:", "1a:", "/", "#f", "?q=1", ".md", "/.md", "\r\n", "e\u{301}:", "::"]
        for a in pieces { for b in pieces { for c in pieces { destinations.append(a + b + c) } } }
        for destination in Set(destinations) {
            #expect(LessonLinkRewriting.rewrite(destination) == LessonLinkRewriting.rewriteCharacterWise(destination),
                    "\(destination.debugDescription)")
            if let bytewise = LessonLinkRewriting.rewriteASCII(destination) {
                #expect(bytewise == LessonLinkRewriting.rewriteCharacterWise(destination), "\(destination.debugDescription)")
            }
        }
    }
}
