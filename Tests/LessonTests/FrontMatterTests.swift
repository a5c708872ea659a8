import Diagnostics
import Testing
@testable import Lesson

@Suite struct FrontMatterTests {
    let path = "lessons/jacobian.md"

    func split(_ text: String) -> FrontMatterSplit { FrontMatterParser.split(text, path: path) }

    func diagnostic(_ text: String) -> Diagnostic? {
        let result = split(text)
        #expect(result.diagnostics.count == 1, "\(result.diagnostics)")
        return result.diagnostics.first
    }

    func at(_ line: Int, _ column: Int) -> Diagnostics.SourceLocation { Diagnostics.SourceLocation(file: path, line: line, column: column) }

    @Test func readsKnownAndUnknownKeysQuotedValuesAndComments() {
        let result = split("""
            ---
            # A comment line.
            title: The Jacobian
            description: "Stacking gradients: a \\"matrix\\""
            layout: denominator   # a trailing comment
            author: 'O''Brien'
            tags: calculus#not-a-comment

            ---
            # Body

            """)
        #expect(result.diagnostics.isEmpty)
        let frontMatter = result.frontMatter
        #expect(frontMatter.title == "The Jacobian")
        #expect(frontMatter.description == "Stacking gradients: a \"matrix\"")
        #expect(frontMatter.layout == .denominator)
        #expect(frontMatter["author"] == "O'Brien")
        #expect(frontMatter["tags"] == "calculus#not-a-comment")
        #expect(frontMatter.entries.map(\.key) == ["title", "description", "layout", "author", "tags"])
        #expect(frontMatter.entries[0].location == at(3, 8))
    }

    @Test func anUnknownKeyIsAWarningWithTheNearestKnownKeyOnlyWhenPlausible() {
        let result = split("---\ntitel: T\nlayot: denominator\nfoo: bar\ndate: 2026-01-01\n---\n")
        #expect(result.diagnostics.map(\.severity) == [.warning, .warning, .warning])
        #expect(result.diagnostics.map(\.message) == [
            "unknown front-matter key `titel`; did you mean `title`?",
            "unknown front-matter key `layot`; did you mean `layout`?",
            "unknown front-matter key `foo`; calcbook reads `description`, `layout`, `title`",
        ])
        #expect(result.diagnostics.map(\.location) == [at(2, 1), at(3, 1), at(4, 1)])
        #expect(result.diagnostics[0].fixIts.map(\.replacement) == ["title"])
        #expect(result.diagnostics[0].fixIts.first?.range.end == at(2, 6))
        // The mistyped key is kept; the layout it meant is not applied.
        #expect(result.frontMatter["titel"] == "T")
        #expect(result.frontMatter.writtenLayout == nil)
    }

    @Test func bodyKeepsTheFileLineNumbers() {
        let text = "---\ntitle: T\n---\n# Body\n"
        let result = split(text)
        #expect(result.body == "\n\n\n# Body\n")
        #expect(result.body.split(separator: "\n", omittingEmptySubsequences: false).count
            == text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test func withoutFrontMatterEverythingIsBody() {
        let text = "# Title\n---\nnot: front matter\n"
        let result = split(text)
        #expect(result.body == text)
        #expect(result.frontMatter == FrontMatter())
        #expect(result.frontMatter.layout == .numerator)
    }

    @Test func crlfAndByteOrderMark() {
        let result = split("\u{FEFF}---\r\ntitle: T\r\n---\r\nBody\r\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.frontMatter.title == "T")
    }

    @Test func unterminatedFrontMatter() {
        let text = "---\ntitle: T\n\n# Body\n"
        let result = split(text)
        #expect(result.diagnostics == [Diagnostic(
            id: "lesson.front-matter",
            message: "front matter is not closed: add a line `---` after its last key",
            location: at(1, 1))])
        #expect(result.body == text)
    }

    @Test func lineWithoutColon() {
        let found = diagnostic("---\ntitle: T\njust some words\n---\n")
        #expect(found?.location == at(3, 5))
        #expect(found?.message == "expected `key: value` in front matter")
        #expect(found?.id == "lesson.front-matter")
    }

    @Test func lineStartingWithPunctuation() {
        #expect(diagnostic("---\n- item\n---\n")?.location == at(2, 1))
    }

    @Test func missingSpaceAfterColon() {
        let found = diagnostic("---\ntitle:T\n---\n")
        #expect(found?.location == at(2, 7))
        #expect(found?.message == "expected a space after `title:`")
    }

    @Test func indentedLineIsRejected() {
        let found = diagnostic("---\ntitle: T\n  continued\n---\n")
        #expect(found?.location == at(3, 1))
    }

    @Test func unknownLayout() {
        let found = diagnostic("---\ntitle: T\nlayout:   mixed\n---\n")
        #expect(found?.location == at(3, 11))
        #expect(found?.message == "unknown layout `mixed`; use `numerator` or `denominator`")
    }

    @Test func unterminatedQuote() {
        let found = diagnostic("---\ntitle: \"The Jacobian\n---\n")
        #expect(found?.location == at(2, 8))
    }

    @Test func textAfterQuotedValue() {
        #expect(diagnostic("---\ntitle: 'A' B\n---\n")?.location == at(2, 12))
    }

    @Test func unknownEscape() {
        #expect(diagnostic("---\ntitle: \"a \\q\"\n---\n")?.location == at(2, 11))
    }

    @Test func duplicateKey() {
        let found = diagnostic("---\ntitle: A\ntitle: B\n---\n")
        #expect(found?.location == at(3, 1))
        #expect(found?.message == "`title` is set twice in front matter")
    }

    @Test func columnsCountUnicodeScalars() {
        #expect(diagnostic("---\ntitle: ∂f\nlayout: ∂\n---\n")?.location == at(3, 9))
    }
}

/// Generated front matter of every shape: never a crash, every diagnostic inside the front
/// matter, and the body always keeps the file's line count.
@Suite struct FrontMatterGeneratedTests {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "title", "layout", "x-y_z", ":", ": ", " ", "\t", "\"", "'", "''", "\\", "\\\"", "\\n", "#", " #", "∂", "é",
        "numerator", "denominator", "value", "---", "\r", "- ", "{", "[",
    ]

    @Test func generatedFrontMatterIsHandled() {
        var random = SeededGenerator(state: 7)
        for _ in 0..<3000 {
            let lineCount = Int.random(in: 0...5, using: &random)
            let lines = (0..<lineCount).map { _ in
                (0..<Int.random(in: 0...6, using: &random)).map { _ in Self.pieces.randomElement(using: &random) ?? "" }.joined()
            }
            let closed = Bool.random(using: &random)
            let text = (["---"] + lines + (closed ? ["---", "# Body"] : ["# Body"])).joined(separator: "\n") + "\n"
            let split = FrontMatterParser.split(text, path: "p.md")
            let fileLines = FrontMatterParser.lines(of: text).count
            #expect(FrontMatterParser.lines(of: split.body).count == fileLines, "\(text.debugDescription)")
            for diagnostic in split.diagnostics {
                let line = diagnostic.location?.line ?? 0
                #expect(line >= 1 && line <= lineCount + 2, "\(text.debugDescription): \(diagnostic)")
                #expect((diagnostic.location?.column ?? 0) >= 1)
            }
        }
    }
}
