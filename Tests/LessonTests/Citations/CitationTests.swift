import Diagnostics
import Foundation
import Testing
@testable import Lesson

/// `[@key]` citations in author–year form, the lesson's reference list, and the errors.
@Suite struct CitationTests {
    static let bibliography = Bibliography(items: [
        .init(id: "parr2018", title: "The Matrix Calculus You Need For Deep Learning",
              author: [.init(family: "Parr", given: "Terence"), .init(family: "Howard", given: "Jeremy")], year: 2018),
        .init(id: "goodfellow2016", title: "Deep Learning",
              author: [.init(family: "Goodfellow", given: "Ian"), .init(family: "Bengio", given: "Yoshua"), .init(family: "Courville", given: "Aaron")],
              year: 2016),
        .init(id: "unused", title: "Never cited", author: [.init(family: "Nobody")], year: 2000),
    ])

    func render(_ text: String, bibliography: Bibliography? = CitationTests.bibliography) -> RenderedLesson {
        LessonRenderer.render(
            LessonSource(path: "lessons/a.md", text: text),
            options: LessonRenderOptions(passes: [CitationPass(bibliography: bibliography, bibliographyPath: "references.json")]))
    }

    @Test func aCitationIsAuthorYearLinkedToItsReference() {
        let lesson = render("As in [@parr2018], and [@parr2018, p. 12].\n")
        #expect(lesson.bodyHTML.hasPrefix("""
            <p>As in <span class="citation">(<a href="#ref-parr2018">Parr &amp; Howard 2018</a>)</span>, \
            and <span class="citation">(<a href="#ref-parr2018">Parr &amp; Howard 2018</a>, p. 12)</span>.</p>
            <section class="references" aria-label="References">
            <h2 id="references">References</h2>
            <ul class="references">
            <li id="ref-parr2018">Parr, T., &amp; Howard, J. (2018). <cite>The Matrix Calculus You Need For Deep Learning</cite>.</li>
            </ul>
            </section>
            """))
        #expect(lesson.diagnostics.isEmpty)
    }

    /// A citation whose `@` is a character reference is still one (the pass's byte scan lets
    /// it through), and TeX's `&` alone does not make one.
    @Test func aCitationSpelledWithACharacterReferenceIsStillACitation() {
        for written in ["&commat;", "&#64;", "&#x40;"] {
            let lesson = render("As in [\(written)parr2018], $a & b$.\n")
            #expect(lesson.bodyHTML.contains("<a href=\"#ref-parr2018\">Parr &amp; Howard 2018</a>"))
        }
    }

    @Test func severalWorksInOneBracketAndTheListSortedByAuthor() {
        let lesson = render("Both [@parr2018; @goodfellow2016, ch. 6].\n")
        #expect(lesson.bodyHTML.contains("""
            (<a href="#ref-parr2018">Parr &amp; Howard 2018</a>; <a href="#ref-goodfellow2016">Goodfellow et al. 2016</a>, ch. 6)
            """))
        let goodfellow = lesson.bodyHTML.range(of: "<li id=\"ref-goodfellow2016\">")
        let parr = lesson.bodyHTML.range(of: "<li id=\"ref-parr2018\">")
        #expect(goodfellow != nil && parr != nil && goodfellow!.lowerBound < parr!.lowerBound)
        // Only cited works are listed.
        #expect(!lesson.bodyHTML.contains("ref-unused"))
    }

    @Test func theReferencesHeadingKeepsItsAnchorUniqueAndIsSearchable() {
        let lesson = render("# References\n\nSee [@parr2018].\n")
        #expect(lesson.bodyHTML.contains("<h1 id=\"references\">References</h1>"))
        #expect(lesson.bodyHTML.contains("<h2 id=\"references-1\">References</h2>"))
        #expect(lesson.headings.map(\.anchor) == ["references", "references-1"])
    }

    @Test func anUnknownKeyIsAnErrorAtTheKeyWithTheNearestKey() throws {
        let lesson = render("Intro.\n\nBoth [@parr2018, p. 3; @parr2019] here.\n")
        let error = try #require(lesson.diagnostics.first)
        #expect(lesson.diagnostics.count == 1)
        #expect(error.id == "citation.unknown-key")
        #expect(error.severity == .error)
        #expect(error.message == "no work with the key `parr2019` in references.json; did you mean `parr2018`?")
        #expect(error.location == SourceLocation(file: "lessons/a.md", line: 3, column: 24))
        #expect(error.fixIts.first?.replacement == "parr2018")
        #expect(error.fixIts.first?.range == SourceRange(start: SourceLocation(file: "lessons/a.md", line: 3, column: 25), length: 8))
        #expect(lesson.bodyHTML.contains("<span class=\"citation citation-unknown\">(<a href=\"#ref-parr2018\">Parr &amp; Howard 2018</a>, p. 3; parr2019?)</span>"))
        let far = render("[@zzzzzz]\n")
        #expect(far.diagnostics.map(\.message) == ["no work with the key `zzzzzz` in references.json"])
    }

    @Test func aCitationWithoutABibliographyIsOneErrorThatSaysHowToNameOne() {
        let lesson = render("[@parr2018] and [@goodfellow2016]\n", bibliography: nil)
        #expect(lesson.diagnostics.map(\.id) == ["citation.no-bibliography"])
        #expect(lesson.diagnostics.first?.location == SourceLocation(file: "lessons/a.md", line: 1, column: 2))
        #expect(lesson.diagnostics.first?.notes.first?.message.contains("references = \"references.json\"") == true)
    }

    @Test func bracketsThatAreNotWhollyCitationsStayText() {
        for text in ["[@ someone]", "[see @parr2018]", "[@parr2018 p. 3]", "[me@example.org]", "[@]", "`[@parr2018]`", "[@parr2018](https://x.org)"] {
            let lesson = render(text + "\n")
            #expect(!lesson.bodyHTML.contains("class=\"citation"), "\(text)")
            #expect(lesson.diagnostics.isEmpty, "\(text)")
        }
    }

    @Test func citationsInEmphasisListsAndHeadingsAndAfterMath() {
        let lesson = render("# On [@parr2018]\n\n- *see [@goodfellow2016]*\n\n$x$ [@parr2018]\n")
        #expect(lesson.bodyHTML.contains("<h1 id=\"on-parr2018\">On <span class=\"citation\">"))
        #expect(lesson.bodyHTML.contains("<li><em>see <span class=\"citation\">(<a href=\"#ref-goodfellow2016\">"))
        #expect(lesson.bodyHTML.contains("</math> <span class=\"citation\">"))
    }

    @Test func citationsAfterMathAndInCalloutsAreLocatedAndEachEqualOneFindsItsOwnPlace() throws {
        let lesson = render("> [!NOTE]\n> As $\\otimes$ in [@parr2019], and $x$ again [@parr2019].\n")
        #expect(lesson.diagnostics.compactMap(\.location) == [
            SourceLocation(file: "lessons/a.md", line: 2, column: 20), SourceLocation(file: "lessons/a.md", line: 2, column: 47),
        ])
        let twice = render("As $x$ in [@parr2018], and $y$ again [@parr2018].\n")
        let cells = twice.notebookDocument.cells.compactMap { cell -> String? in if case .markdown(let text) = cell { text } else { nil } }
        #expect(cells.first == "As $x$ in (Parr & Howard 2018), and $y$ again (Parr & Howard 2018).")
    }

    @Test func aLessonWithoutCitationsIsUntouched() {
        let text = "# Plain\n\nNo citations [here].\n"
        #expect(render(text).bodyHTML == LessonRenderer.render(LessonSource(path: "lessons/a.md", text: text), options: .init()).bodyHTML)
    }

    @Test func theNotebookShowsCitationsAsTextAndEndsWithTheReferences() {
        let cells = render("# A\n\nAs in [@parr2018, p. 12].\n").notebookDocument.cells.compactMap { cell -> String? in
            if case .markdown(let text) = cell { text } else { nil }
        }
        #expect(cells == [
            "# A\n\nAs in (Parr & Howard 2018, p. 12).",
            "## References\n\n- Parr, T., & Howard, J. (2018). *The Matrix Calculus You Need For Deep Learning*.",
        ])
    }
}

/// CSL-JSON as reference managers write it, and the author–year forms.
@Suite struct BibliographyTests {
    @Test func decodesZoteroStyleCSLJSON() throws {
        let json = """
            [{"id": "parr2018", "type": "article", "title": "The Matrix Calculus You Need For Deep Learning",
              "author": [{"family": "Parr", "given": "Terence"}, {"family": "Howard", "given": "Jeremy"}],
              "issued": {"date-parts": [["2018", 2, 5]]}, "publisher": "arXiv", "number": "1802.01528",
              "URL": "https://arxiv.org/abs/1802.01528", "abstract": "ignored", "accessed": {"date-parts": [[2026, 1, 1]]}},
             {"id": 42, "type": "book", "title": "Numbered", "editor": [{"literal": "The Editors"}],
              "issued": {"raw": "circa 1999"}, "volume": 3, "DOI": "10.1/x"}]
            """
        let bibliography = try Bibliography.decode(Data(json.utf8))
        let parr = try #require(bibliography.items["parr2018"])
        #expect(parr.year == "2018")
        #expect(AuthorYearStyle.inText(parr) == "Parr & Howard 2018")
        #expect(AuthorYearStyle.referenceHTML(parr) == """
            Parr, T., &amp; Howard, J. (2018). <cite>The Matrix Calculus You Need For Deep Learning</cite>. arXiv:1802.01528. \
            <a href="https://arxiv.org/abs/1802.01528">https://arxiv.org/abs/1802.01528</a>
            """)
        let numbered = try #require(bibliography.items["42"])
        #expect(numbered.year == "1999")
        #expect(AuthorYearStyle.inText(numbered) == "The Editors 1999")
        #expect(AuthorYearStyle.referenceHTML(numbered).hasPrefix("The Editors (Ed.) (1999). <cite>Numbered</cite>."))
        #expect(AuthorYearStyle.referenceHTML(numbered).hasSuffix("<a href=\"https://doi.org/10.1/x\">https://doi.org/10.1/x</a>"))
        // A single item object is accepted as a list of one.
        #expect(try Bibliography.decode(Data(#"{"id": "solo"}"#.utf8)).items.keys.sorted() == ["solo"])
    }

    @Test func authorYearFormsForEveryNumberOfAuthors() {
        #expect(AuthorYearStyle.inText(.init(id: "a", author: [.init(family: "Magnus")], year: 1988)) == "Magnus 1988")
        #expect(AuthorYearStyle.inText(.init(id: "b", title: "Anonymous work")) == "“Anonymous work” n.d.")
        #expect(AuthorYearStyle.inText(.init(id: "c")) == "c n.d.")
        var particle = Bibliography.Name(family: "Beethoven", given: "Ludwig")
        particle.nonDroppingParticle = "van"
        #expect(AuthorYearStyle.inText(.init(id: "d", author: [particle], year: 1800)) == "van Beethoven 1800")
        let three = Bibliography.Item(id: "e", title: "T", author: [.init(family: "A", given: "Ann Marie"), .init(family: "B", given: "Bo"), .init(family: "C", given: "Cy")], year: 2020)
        #expect(AuthorYearStyle.referenceMarkdown(three) == "A, A. M., B, B., & C, C. (2020). *T*.")
    }

    @Test func onlyWebAddressesBecomeLinks() {
        var item = Bibliography.Item(id: "x", title: "X", year: 2000)
        item.url = "javascript:alert(1)"
        #expect(!AuthorYearStyle.referenceHTML(item).contains("<a "))
        #expect(AuthorYearStyle.referenceHTML(item).contains("javascript:alert(1)"))
    }

    @Test func problemsSayWhatAndWhere() {
        func problem(_ json: String) -> Bibliography.Problem? {
            do { _ = try Bibliography.decode(Data(json.utf8)); return nil } catch { return error }
        }
        let syntax = problem("[{\"id\": \"x\",\n  \"title\": }]")
        #expect(syntax?.message == "is not valid JSON")
        #expect(syntax?.line == 2 && syntax?.column == 12)
        #expect(problem(#"[{"title": "no id"}]"#)?.message == "is not CSL-JSON: item 1 has no `id`")
        #expect(problem(#"[{"id": "a"}, {"id": "b", "title": 3}]"#)?.message == "is not CSL-JSON: item 2's `title` must be text")
        #expect(problem(#"[{"id": "a", "author": [{"family": 1}]}]"#)?.message == "is not CSL-JSON: item 1's `author[0].family` must be text")
        #expect(problem(#""just text""#)?.message == "is not CSL-JSON: it must be an array of items, [{\"id\": …}, …]")
    }
}
