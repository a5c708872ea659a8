import Diagnostics
import Lesson
import Testing
@testable import Site

@Suite struct SummaryParserTests {
    func parse(_ text: String) -> (outline: SiteOutline, diagnostics: [Diagnostic]) {
        SummaryParser.parse(LessonSource(path: "lessons/SUMMARY.md", text: text))
    }

    @Test func readsNestedListsAndPartTitles() {
        let (outline, diagnostics) = parse("""
            # Summary

            [Welcome](index.md)

            - [Notation](notation.md)
              - [Shapes](basics/shapes.md)

            # Part 1

            - [The *Jacobian*](part1/jacobian.md#definition)
            - [Hessians]()
            """)
        #expect(diagnostics.isEmpty)
        #expect(outline.sections.map(\.caption) == [nil, "Part 1"])
        #expect(outline.allEntries.map(\.title) == ["Welcome", "Notation", "Shapes", "The Jacobian", "Hessians"])
        #expect(outline.allEntries.map(\.lesson) == ["index.md", "notation.md", "basics/shapes.md", "part1/jacobian.md", nil])
        #expect(outline.sections[0].entries[1].children.map(\.title) == ["Shapes"])
        #expect(outline.allEntries[2].location?.description == "lessons/SUMMARY.md:6:5")
    }

    @Test func reportsEntriesThatCannotBeLessons() {
        let (outline, diagnostics) = parse("""
            - [Outside](../secret.md)
            - [Web](https://example.org/a.md)
            - [Picture](plot.png)
            """)
        #expect(diagnostics.map(\.id) == ["summary.invalid-entry", "summary.invalid-entry", "summary.invalid-entry"])
        #expect(diagnostics.map(\.message) == [
            "'../secret.md' in SUMMARY.md leaves the lessons folder",
            "'https://example.org/a.md' in SUMMARY.md is a web address; SUMMARY.md lists lessons only",
            "'plot.png' in SUMMARY.md is not a Markdown lesson (.md)",
        ])
        #expect(diagnostics.map { $0.location?.description } == [
            "lessons/SUMMARY.md:1:3", "lessons/SUMMARY.md:2:3", "lessons/SUMMARY.md:3:3",
        ])
        #expect(outline.allEntries.allSatisfy { $0.lesson == nil })
    }
}
