import Diagnostics
import Testing
@testable import Lesson

/// An image alone in its paragraph as a `<figure>`, its title the caption; missing alt text
/// as a warning.
@Suite struct FigureTests {
    func render(_ text: String) -> RenderedLesson {
        LessonRenderer.render(LessonSource(path: "lessons/a.md", text: text), options: .init())
    }

    @Test func aLoneImageWithATitleIsAFigureWithACaption() {
        let lesson = render("Before.\n\n![A neuron](images/neuron.svg \"A neuron & its bias\")\n\nAfter.\n")
        #expect(lesson.bodyHTML == """
            <p>Before.</p>
            <figure class="figure">
            <img src="images/neuron.svg" alt="A neuron" />
            <figcaption>A neuron &amp; its bias</figcaption>
            </figure>
            <p>After.</p>

            """)
        #expect(lesson.diagnostics.isEmpty)
        // The image is still a link the checker sees and the site copies.
        #expect(lesson.links.map(\.destination) == ["images/neuron.svg"])
    }

    @Test func aLoneImageWithoutTitleIsAFigureWithoutCaption() {
        #expect(render("  ![A plot](plot.png)  \n").bodyHTML == "<figure class=\"figure\">\n<img src=\"plot.png\" alt=\"A plot\" />\n</figure>\n")
    }

    @Test func anImageAmongTextOrInALinkStaysInline() {
        #expect(render("See ![icon](i.png \"t\") here.\n").bodyHTML == "<p>See <img src=\"i.png\" alt=\"icon\" title=\"t\" /> here.</p>\n")
        #expect(render("[![badge](b.svg \"t\")](https://example.org)\n").bodyHTML.hasPrefix("<p><a href"))
        #expect(render("![a](a.png)\n![b](b.png)\n").bodyHTML.hasPrefix("<p><img"))
    }

    @Test func missingAltTextIsAWarningAtTheImageInFiguresAndInline() {
        let lesson = render("![](plot.png \"A plot\")\n\nText ![ ](icon.png) here.\n")
        #expect(lesson.diagnostics.map(\.id) == ["lesson.image-missing-alt", "lesson.image-missing-alt"])
        #expect(lesson.diagnostics.map(\.severity) == [.warning, .warning])
        #expect(lesson.diagnostics.map(\.message) == ["the image `plot.png` has no alt text", "the image `icon.png` has no alt text"])
        #expect(lesson.diagnostics.compactMap(\.location) == [
            SourceLocation(file: "lessons/a.md", line: 1, column: 1), SourceLocation(file: "lessons/a.md", line: 3, column: 6),
        ])
        // Still a figure: the caption is there for everyone.
        #expect(lesson.bodyHTML.hasPrefix("<figure class=\"figure\">\n<img src=\"plot.png\" alt=\"\" />\n<figcaption>A plot</figcaption>"))
    }

    @Test func figuresSitInCalloutsAndListItems() {
        let lesson = render("> [!NOTE]\n> ![A plot](plot.png \"Loss\")\n\n- ![B](b.png \"Bee\")\n")
        #expect(lesson.bodyHTML.contains("<p class=\"callout-title\">Note</p>\n<figure class=\"figure\">\n<img src=\"plot.png\" alt=\"A plot\" />\n<figcaption>Loss</figcaption>\n</figure>\n</aside>"))
        #expect(lesson.bodyHTML.contains("<li>\n<figure class=\"figure\">\n<img src=\"b.png\" alt=\"B\" />\n<figcaption>Bee</figcaption>\n</figure>\n</li>"))
    }
}

/// Callouts and captions in the notebook: Markdown every Jupyter viewer shows.
@Suite struct NotebookBlocksTests {
    func markdownCells(_ text: String) -> [String] {
        LessonRenderer.render(LessonSource(path: "lessons/a.md", text: text), options: .init()).notebookDocument.cells.compactMap {
            if case .markdown(let text) = $0 { text } else { nil }
        }
    }

    @Test func calloutMarkersBecomeBoldTitles() {
        #expect(markdownCells("> [!WARNING] Shapes must agree\n> The product $Wx$.\n\n> [!TIP]\n> Save often.\n") == ["""
            > **Warning: Shapes must agree**
            >
            > The product $Wx$.

            > **Tip**
            >
            > Save often.
            """])
    }

    @Test func aMarkerInACodeSampleOrAnUnknownKindIsLeftAsWritten() {
        let text = "```text\n> [!NOTE]\n```\n\n> [!NOTES]\n> x\n"
        #expect(markdownCells(text) == ["```text\n> [!NOTE]\n```\n\n> [!NOTES]\n> x"])
    }

    @Test func aFiguresCaptionFollowsItAsItalicText() {
        #expect(markdownCells("![A plot](p.png \"Loss *per* step\")\n\nAfter.\n") == [
            "![A plot](p.png \"Loss *per* step\")\n\n*Loss \\*per\\* step*\n\nAfter.",
        ])
        #expect(markdownCells("> ![A](p.png \"Cap\")\n") == ["> ![A](p.png \"Cap\")\n>\n> *Cap*"])
    }
}
