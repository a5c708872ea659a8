import Diagnostics
import Markdown
import Testing
@testable import Lesson

/// GitHub's alert syntax (`> [!NOTE]`) as `<aside>` callouts, and the warning for a kind
/// that does not exist.
@Suite struct CalloutTests {
    func render(_ text: String) -> RenderedLesson {
        LessonRenderer.render(LessonSource(path: "lessons/a.md", text: text), options: .init())
    }

    @Test func eachKindBecomesAnAsideWithItsNameAsTitle() {
        for kind in MarkdownNode.CalloutKind.allCases {
            let lesson = render("> [!\(kind.marker)]\n> Mind the shapes.\n")
            #expect(lesson.bodyHTML == """
                <aside class="callout callout-\(kind.rawValue)" role="note">
                <p class="callout-title">\(kind.defaultTitle)</p>
                <p>Mind the shapes.</p>
                </aside>

                """)
            #expect(lesson.diagnostics.isEmpty)
        }
    }

    @Test func textAfterTheMarkerIsTheTitleAndMarkdownInsideStays() {
        let lesson = render("""
            > [!warning] Shapes *must* agree
            > The product $Wx$ needs columns.
            >
            > - a list
            > - inside

            """)
        #expect(lesson.bodyHTML.hasPrefix("""
            <aside class="callout callout-warning" role="note">
            <p class="callout-title">Shapes <em>must</em> agree</p>
            <p>The product <math
            """))
        #expect(lesson.bodyHTML.contains("<ul>\n<li>a list</li>\n<li>inside</li>\n</ul>\n</aside>\n"))
    }

    @Test func aMarkerAloneMakesACalloutWithOnlyATitle() {
        #expect(render("> [!TIP]\n").bodyHTML == "<aside class=\"callout callout-tip\" role=\"note\">\n<p class=\"callout-title\">Tip</p>\n</aside>\n")
    }

    @Test func calloutsNestAndSitInLists() {
        let lesson = render("- item\n\n  > [!NOTE]\n  > outer\n  >\n  > > [!CAUTION]\n  > > inner\n")
        #expect(lesson.bodyHTML.contains("<aside class=\"callout callout-note\" role=\"note\">"))
        #expect(lesson.bodyHTML.contains("<aside class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\">Caution</p>\n<p>inner</p>\n</aside>\n</aside>"))
    }

    @Test func ordinaryBlockQuotesAndMarkersLaterInTheQuoteStayQuotes() {
        #expect(render("> Just a quote.\n").bodyHTML == "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n")
        #expect(render("> Text first\n> [!NOTE]\n").bodyHTML.hasPrefix("<blockquote>"))
        // Not a marker: no name, or more than letters.
        for text in ["> [!] x\n", "> [!NOTE 2] x\n", "> [ !NOTE] x\n", "> ![NOTE](x.png)\n"] {
            let lesson = render(text)
            #expect(!lesson.bodyHTML.contains("callout"), "\(text)")
            #expect(!lesson.diagnostics.contains { $0.id == "lesson.unknown-callout" }, "\(text)")
        }
    }

    @Test func anUnknownKindIsAWarningWithThePlausibleKindAndAFixIt() throws {
        let lesson = render("Intro.\n\n> [!NOTES]\n> Typo.\n")
        #expect(lesson.bodyHTML.contains("<blockquote>\n<p>[!NOTES]\nTypo.</p>\n</blockquote>"))
        let warning = try #require(lesson.diagnostics.first)
        #expect(lesson.diagnostics.count == 1)
        #expect(warning.id == "lesson.unknown-callout")
        #expect(warning.severity == .warning)
        #expect(warning.message == "unknown callout kind `[!NOTES]`; did you mean `[!NOTE]`?")
        #expect(warning.location == SourceLocation(file: "lessons/a.md", line: 3, column: 3))
        #expect(warning.fixIts.map(\.replacement) == ["NOTE"])
        #expect(warning.fixIts.first?.range.start == SourceLocation(file: "lessons/a.md", line: 3, column: 5))
        #expect(warning.fixIts.first?.range.end.column == 10)
    }

    @Test func suggestionsArePlausibleOrAbsent() {
        #expect(Callouts.suggestion(for: "DANGER") == .caution)
        #expect(Callouts.suggestion(for: "hint") == .tip)
        #expect(Callouts.suggestion(for: "WARN") == .warning)
        #expect(Callouts.suggestion(for: "IMPORT") == .important)
        #expect(Callouts.suggestion(for: "WARNIGN") == .warning)
        #expect(Callouts.suggestion(for: "X") == nil)
        #expect(Callouts.suggestion(for: "BANANA") == nil)
        let lesson = render("> [!BANANA]\n")
        #expect(lesson.diagnostics.map(\.message) == ["unknown callout kind `[!BANANA]`"])
        #expect(lesson.diagnostics.first?.fixIts.isEmpty == true)
    }

    @Test func theSearchTextHoldsTheCalloutsWords() {
        let lesson = render("# A\n\n> [!NOTE] Heads up\n> Body words.\n")
        #expect(lesson.sections.first?.text == "Heads up Body words.")
    }
}
