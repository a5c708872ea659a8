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

    @Test("a long line is quoted as a window around the caret, markers aligned")
    func longLineIsQuotedAsAWindow() {
        let line = String(repeating: "a", count: 1_000) + "BAD" + String(repeating: "b", count: 1_000)
        let writer = TextDiagnosticWriter(sources: SourceFiles(["long.md": "first\n" + line + "\n"]))
        let caret = SourceLocation(file: "long.md", line: 2, column: 1_001)
        let diagnostic = Diagnostic(id: "x", message: "bad", location: caret, highlights: [SourceRange(start: caret, length: 3)])
        let lines = writer.write(diagnostic).split(separator: "\n", omittingEmptySubsequences: false)
        let quoted = lines[1], markers = lines[2]
        #expect(quoted.count <= 3 + 160 + 2)
        #expect(quoted.hasPrefix("   …a") && quoted.hasSuffix("b…"))
        let badStart = quoted.range(of: "BAD")!.lowerBound
        let caretIndex = markers.firstIndex(of: "^")!
        #expect(quoted.distance(from: quoted.startIndex, to: badStart) == markers.distance(from: markers.startIndex, to: caretIndex))
        #expect(markers.hasSuffix("^~~"))
        // Quoting 8,000 diagnostics on the line stays proportional to their number.
        let many = writer.write(Array(repeating: diagnostic, count: 8_000))
        #expect(many.utf8.count < 8_000 * 400)
    }

    @Test("a caret near either end of a long line keeps the window inside the line")
    func windowAtTheEnds() {
        let line = String(repeating: "x", count: 500)
        let writer = TextDiagnosticWriter(sources: SourceFiles(["f.md": line]))
        for column in [1, 2, 250, 500, 501] {
            let diagnostic = Diagnostic(id: "x", message: "m", location: SourceLocation(file: "f.md", line: 1, column: column))
            let lines = writer.write(diagnostic).split(separator: "\n")
            let quoted = lines[1].dropFirst(3), markers = lines[2].dropFirst(3)
            let caretIndex = markers.distance(from: markers.startIndex, to: markers.firstIndex(of: "^")!)
            let prefix = quoted.hasPrefix("…") ? 1 : 0
            let firstColumn = column <= 61 ? 1 : min(column - 60, 500 - 160 + 1)
            #expect(caretIndex == column - firstColumn + prefix, "column \(column)")
        }
    }

    @Test("a window of a long line with non-ASCII text is cut at scalars, markers aligned")
    func windowOfNonASCIILine() {
        let line = String(repeating: "α", count: 500) + "BAD" + String(repeating: "β", count: 500)
        let writer = TextDiagnosticWriter(sources: SourceFiles(["g.md": line + "\r\n"]))
        let caret = SourceLocation(file: "g.md", line: 1, column: 501)
        let lines = writer.write(Diagnostic(id: "x", message: "m", location: caret)).split(separator: "\n")
        let quoted = lines[1].dropFirst(3), markers = lines[2].dropFirst(3)
        #expect(quoted.hasPrefix("…α") && quoted.hasSuffix("β…"))
        #expect(quoted.unicodeScalars.count == 160 + 2)
        let bad = Array(quoted.unicodeScalars).firstIndex(of: "B")!
        #expect(markers.unicodeScalars.count == bad + 1)
        // A line of 200 bytes but 100 scalars is short: quoted whole.
        let short = String(repeating: "γ", count: 100)
        let shortLines = TextDiagnosticWriter(sources: SourceFiles(["h.md": short])).write(
            Diagnostic(id: "x", message: "m", location: SourceLocation(file: "h.md", line: 1, column: 101))).split(separator: "\n")
        #expect(shortLines[1] == "   " + short)
    }

    /// A file with Windows line ends (CR LF) is quoted line by line like any other: each line
    /// without its carriage return, the caret under its column.
    @Test func aFileWithWindowsLineEndsIsQuotedLineByLine() {
        let writer = TextDiagnosticWriter(sources: SourceFiles(["w.md": "one\r\ntwo\r\nbad $x$ here\r\n"]))
        let written = writer.write(Diagnostic(id: "x", message: "m", location: SourceLocation(file: "w.md", line: 3, column: 5)))
        #expect(written.split(separator: "\n").dropFirst().prefix(2) == ["   bad $x$ here", "       ^"])
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
