import Diagnostics
import Lesson
import Testing
@testable import Site

/// "Did you mean" for a missing `#fragment`: the shared plausible-typo rule, or a shortened
/// anchor; never a heading that merely shares a prefix.
@Suite struct FragmentSuggestionTests {
    let headings = ["shapes", "jacobian-of-a-layer", "eq:loss", "eq:grad"].enumerated().map { index, anchor in
        LessonHeading(level: 2, text: anchor, anchor: anchor, location: SourceLocation(file: "lessons/a.md", line: index + 1, column: 1))
    }

    func suggestion(_ fragment: String) -> String? {
        MissingFragmentChecker.closest(to: fragment, in: headings)?.anchor
    }

    @Test func aTypoGetsTheNearestAnchor() {
        #expect(suggestion("shapez") == "shapes")
        #expect(suggestion("eq:los") == "eq:loss")
    }

    @Test func aShortenedAnchorGetsTheOneItBegins() {
        #expect(suggestion("jacobian") == "jacobian-of-a-layer")
    }

    @Test func aSharedPrefixAloneSuggestsNothing() {
        #expect(suggestion("eq:nope") == nil)
        #expect(suggestion("eq:") == nil, "two anchors begin with it")
        #expect(suggestion("sh") == nil)
    }
}
