import Diagnostics
import Markdown
import Testing
@testable import Lesson

/// `\(…\)` and `\[…\]`, the LaTeX and Jupyter delimiters, beside Markdown's escaped brackets.
@Suite struct BracketMathTests {
    private func texts(_ markdown: String) -> [String] {
        MathSpanScanner.spans(in: markdown).map { ($0.isDisplay ? "$$" : "$") + $0.tex }
    }

    private func render(_ text: String) -> RenderedLesson {
        LessonRenderer.render(LessonSource(path: "lessons/math.md", text: text), options: .init())
    }

    @Test func bracketDelimitersAreMath() {
        #expect(texts(#"a \(x^2\) b \[y\] c"#) == ["$x^2", "$$y"])
        #expect(texts(#"\( x \)"#) == ["$ x "])
        #expect(texts("\\[\n\\frac{a}{b}\n\\]") == ["$$\n\\frac{a}{b}\n"])
        #expect(texts(#"\(a \\ b\)"#) == [#"$a \\ b"#])
    }

    @Test func escapedBracketsThatCloseNothingStayMarkdown() {
        #expect(texts(#"\[not a link](/foo)"#) == [])
        #expect(texts(#"\(\)"#) == [])
        #expect(texts(#"\[  \]"#) == [])
        #expect(texts(#"\\(x\\)"#) == [])
        #expect(texts("\\(a\n\nb\\)") == [])
        #expect(texts(#"`\(x\)` and \(y\)"#) == ["$y"])
        #expect(texts("\\(a `b` c\\)") == [])
    }

    @Test func inlineBracketMathRendersAsMathML() {
        let lesson = render(#"The square \(x^2\) and \[y_1\] here."# + "\n")
        #expect(lesson.bodyHTML.contains(#"<math><semantics><msup><mi>x</mi><mn>2</mn></msup>"#))
        #expect(lesson.bodyHTML.contains(#"<math display="block"><semantics><msub><mi>y</mi><mn>1</mn></msub>"#))
        #expect(!lesson.bodyHTML.contains("(x^2)"))
        #expect(lesson.diagnostics.isEmpty)
    }

    @Test func displayBracketMathAloneIsABlock() {
        let lesson = render("Text.\n\n\\[\n\\nabla f\n\\]\n\nMore.\n")
        #expect(lesson.bodyHTML.contains("<p>Text.</p>\n<math display=\"block\">"))
    }

    @Test func errorsInBracketMathHaveTheLessonsColumn() throws {
        let lesson = render("Look: \\(x + \\foo\\)\n")
        let diagnostic = try #require(lesson.diagnostics.first)
        #expect(diagnostic.id == "math.unknown-command")
        #expect(diagnostic.location == SourceLocation(file: "lessons/math.md", line: 1, column: 13))
        // The note names the site's reference page, not a file of calcbook's repository.
        #expect(diagnostic.notes.map(\.message).contains { $0.contains("reference/tex-subset.md") })
        #expect(!diagnostic.notes.map(\.message).contains { $0.contains("docs/") })
    }
}
