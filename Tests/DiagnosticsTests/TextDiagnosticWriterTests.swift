import Diagnostics
import Testing

@Suite struct TextDiagnosticWriterTests {
    let sources = SourceFiles(["lessons/jacobian.md": "line 1\n   let y = w ⊙ x\n"])

    @Test func quotesTheLineWithCaretAndHighlights() {
        let caret = SourceLocation(file: "lessons/jacobian.md", line: 2, column: 14)
        let diagnostic = Diagnostic(
            id: "cell.shape-mismatch",
            message: "shapes do not match: Vector<3> ⊙ Vector<4>",
            location: caret,
            highlights: [
                SourceRange(start: SourceLocation(file: "lessons/jacobian.md", line: 2, column: 12), length: 1),
                SourceRange(start: SourceLocation(file: "lessons/jacobian.md", line: 2, column: 16), length: 1),
            ],
            notes: [.init("w is Vector<3> (line 38), x is Vector<4> (line 39)")]
        )
        let text = TextDiagnosticWriter(sources: sources).write(diagnostic)
        #expect(text == """
            lessons/jacobian.md:2:14: error: shapes do not match: Vector<3> ⊙ Vector<4>
                  let y = w ⊙ x
                          ~ ^ ~
            note: w is Vector<3> (line 38), x is Vector<4> (line 39)

            """)
    }

    @Test func withoutLocationPrintsOnlyTheMessage() {
        let diagnostic = Diagnostic(id: "site.missing-lessons", message: "no lessons folder at 'lessons'", location: nil)
        #expect(TextDiagnosticWriter().write(diagnostic) == "error: no lessons folder at 'lessons'\n")
    }

    @Test func colorsOnlyWhenAsked() {
        let diagnostic = Diagnostic(id: "x", message: "m", location: nil)
        #expect(TextDiagnosticWriter(colored: true).write(diagnostic).contains("\u{1B}["))
        #expect(!TextDiagnosticWriter(colored: false).write(diagnostic).contains("\u{1B}["))
    }
}

@Suite struct MachineWritersTests {
    let diagnostic = Diagnostic(
        id: "link.missing-fragment",
        message: "no heading \"a,b\" in 'x.md'\nsecond line",
        location: SourceLocation(file: "lessons/a.md", line: 3, column: 7),
        notes: [.init("headings there: intro", at: SourceLocation(file: "lessons/x.md", line: 1, column: 1))]
    )

    @Test func jsonKeepsTheDocumentedKeysInOrder() {
        #expect(JSONDiagnosticWriter().write([diagnostic]) == """
            [
              {"file": "lessons/a.md", "line": 3, "column": 7, "severity": "error", "id": "link.missing-fragment", "message": "no heading \\"a,b\\" in 'x.md'\\nsecond line", "notes": [{"file": "lessons/x.md", "line": 1, "column": 1, "message": "headings there: intro"}]}
            ]

            """)
        #expect(JSONDiagnosticWriter().write([]) == "[]\n")
    }

    @Test func githubEscapesDataAndProperties() {
        #expect(GitHubDiagnosticWriter().write(diagnostic) ==
            "::error file=lessons/a.md,line=3,col=7,title=link.missing-fragment::no heading \"a,b\" in 'x.md'%0Asecond line%0Anote: headings there: intro\n")
    }
}
