import Lesson
import Testing

/// A derivation on a page: aligned lines whose rules link to the rule table, the names'
/// derivations in `<details>`, folded when the whole is long.
@Suite struct DerivationHTMLTests {
    struct HTMLRenderer: NotebookCellRendering {
        func html(for cell: NotebookCell) -> String {
            cell.outputs.map { $0.derivationHTML ?? $0.mathML }.joined(separator: "\n") + "\n"
        }
    }

    func render(_ text: String, rulePage: String?) -> RenderedLesson {
        LessonRenderer.render(
            LessonSource(path: "lessons/part4/a.md", text: text),
            options: LessonRenderOptions(passes: [NotebookPass(renderer: HTMLRenderer(), rulePage: { _ in rulePage })]))
    }

    @Test func rulesLinkToTheirEntriesOfTheRuleTable() {
        let lesson = render("""
            ```swift
            let x, y: Scalar
            derivation(of: 3 * x^2 * y, wrt: x)
            ```
            """, rulePage: "../reference/derivative-rules.html")
        #expect(lesson.diagnostics.isEmpty)
        let html = lesson.bodyHTML
        #expect(html.contains("<table class=\"derivation-steps\">"))
        #expect(html.contains("<a href=\"../reference/derivative-rules.html#rule-constant-factor\">constant factor</a>"))
        #expect(html.contains("<a href=\"../reference/derivative-rules.html#rule-power\">power</a>"))
        #expect(html.components(separatedBy: "<tr>").count - 1 == 3)
        #expect(!html.contains("<details"))
        #expect(!html.contains("<script"))
    }

    /// A wide first line would push the rule names out of the text column: its left side gets a
    /// row of its own and the steps start with = below it. A short one stays side by side.
    @Test func aWideDerivationPutsItsLeftSideOnALineOfItsOwn() {
        let wide = render("""
            ```swift
            let x: Vector<n>
            let W1: Matrix<k, n>
            let b1: Vector<k>
            let W2: Matrix<m, k>
            let b2, t: Vector<m>
            derivation(of: norm(W2 * max(0, W1 * x + b1) + b2 - t)^2 / 2, wrt: b1)
            ```
            """, rulePage: nil)
        #expect(wide.diagnostics.isEmpty)
        #expect(wide.bodyHTML.contains("<table class=\"derivation-steps derivation-stacked\"><tr><td class=\"derivation-start\" colspan=\"3\"><math"))
        #expect(wide.bodyHTML.contains("</math></td></tr><tr><td class=\"derivation-lhs\"></td><td class=\"derivation-rhs\">"))
        let short = render("```swift\nlet x, y: Scalar\nderivation(of: 3 * x^2 * y, wrt: x)\n```\n", rulePage: nil)
        #expect(!short.bodyHTML.contains("derivation-stacked"))
        #expect(short.bodyHTML.contains("<td class=\"derivation-lhs\"><math"))
    }

    @Test func withoutARuleTableTheRulesArePlainText() {
        let lesson = render("```swift\nlet x: Scalar\nderivation(of: x^3, wrt: x)\n```\n", rulePage: nil)
        #expect(lesson.bodyHTML.contains("<span class=\"derivation-rule-name\">power</span>"))
        #expect(!lesson.bodyHTML.contains("<a href"))
    }

    @Test func aNamesDerivationIsADetailsOpenWhenShortFoldedWhenLong() {
        let short = render("""
            ```swift
            let w, x: Vector<n>
            let b: Scalar
            derivation(of: max(0, w • x + b), wrt: w)
            ```
            """, rulePage: "r.html").bodyHTML
        #expect(short.contains("<p class=\"derivation-where\">where "))
        #expect(short.contains("<details class=\"derivation-part\" open><summary>Derivative of "))
        let long = render("""
            ```swift
            let w, x: Vector<n>
            let b: Scalar
            derivation(of: sum(exp(w ⊙ x + b)) + max(0, w • x + b), wrt: w)
            ```
            """, rulePage: "r.html")
        #expect(long.diagnostics.isEmpty)
        #expect(long.bodyHTML.contains("<details class=\"derivation-part\"><summary>"))
    }
}
