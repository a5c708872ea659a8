import Diagnostics
import Testing
@testable import Lesson

/// Random Markdown made of the characters that matter to math protection (dollars, backticks,
/// backslashes, fences, quotes, list markers, line breaks): the pipeline never crashes, never
/// leaves a placeholder on the page, and every math diagnostic points into the file.
@Suite struct ProseMathRobustnessTests {
    /// A fixed-seed generator, so a failure reproduces.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let pieces = ["$", "$$", "`", "``", "\\", "\\$", "\n", "\n\n", "> ", "- ", "1. ", "    ", "x", "y_1", " ",
                         "*", "_", "{", "}", "\\frac{a}{b}", "\\left(", "\\right)", "```\n", "```math\n", "~~~\n",
                         "|", "5", "# ", "[a](", ")", "<b>", "\\foo", "&", "\\\\", "^", "\r\n", "€",
                         // Scalars of two, three and four bytes and a combining mark (the scanner reads bytes),
                         // the LaTeX delimiters and references, and a lone carriage return (a line end to cmark).
                         "é", "∇", "😀", "\u{301}", "\\(", "\\)", "\\[", "\\]", "\\eqref{eq:é}", "\\label{eq:é}", "\r"]

    @Test func randomMarkdownNeverLeaksPlaceholdersOrCrashes() {
        var generator = Generator(state: 2026)
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<(5 + generator.next(40)) { text += Self.pieces[generator.next(Self.pieces.count)] }
            let lesson = LessonRenderer.render(LessonSource(path: "l.md", text: text), options: .init())
            let leaked = lesson.bodyHTML.unicodeScalars.contains(where: MathPlaceholder.isPlaceholderScalar)
            #expect(!leaked, "placeholder in the page for \(text.debugDescription)")
            let searchText = lesson.sections.map { ($0.heading ?? "") + " " + $0.text }.joined(separator: " ")
            #expect(!searchText.unicodeScalars.contains(where: MathPlaceholder.isPlaceholderScalar),
                    "placeholder in the search text for \(text.debugDescription)")
            // Lines end at "\n" scalars (a Character split would keep "\r\n" whole), and at a
            // carriage return alone, as in CommonMark (`LessonSource` makes it a line feed).
            let lineCount = LessonSource(path: "l.md", text: text).text.unicodeScalars.filter { $0 == "\n" }.count + 1
            for diagnostic in lesson.diagnostics where diagnostic.id.hasPrefix("math.") {
                let line = diagnostic.location?.line ?? 0
                #expect(line >= 1 && line <= lineCount, "\(diagnostic.location.map(\.description) ?? "-") for \(text.debugDescription)")
            }
            if leaked { return }
        }
    }
}
