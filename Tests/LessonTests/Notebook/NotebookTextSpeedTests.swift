@testable import Lesson
import Testing

/// The one-pass forms of the notebook's text rewriting agree with the plain ones.
@Suite struct NotebookTextSpeedTests {
    @Test func oneLinkRewritePassEqualsOneAfterAnother() {
        let rewrites = [("](a.md)", "](a.ipynb)"), ("](a.md ", "](a.ipynb "), ("]: a.md\n", "]: a.ipynb\n"), ("](b.md#x)", "](b.ipynb#x)")]
        let text = "See [a](a.md) and [a](a.md \"t\"), [b](b.md#x), [c](c.md)](a.md).\n[r]: a.md\n"
        var oneAfterAnother = text
        for (from, to) in rewrites { oneAfterAnother = oneAfterAnother.replacing(from, with: to) }
        #expect(NotebookAssembler.replacingAll(rewrites, in: text) == oneAfterAnother)
        #expect(NotebookAssembler.replacingAll([], in: "é") == "é")
        #expect(NotebookAssembler.replacingAll(rewrites, in: "") == "")
        #expect(NotebookAssembler.replacingAll(rewrites, in: "é](a.md)") == "é](a.ipynb)")
        #expect(NotebookAssembler.replacingAll(rewrites, in: "](a.md") == "](a.md")
    }

    @Test func theCommandPrefilterFindsEveryReplacedCommand() {
        #expect(JupyterTeX.namesAReplacedCommand("$\\bm{x}$"))
        #expect(JupyterTeX.namesAReplacedCommand("a \\\\coloneqq b"))
        #expect(!JupyterTeX.namesAReplacedCommand("$\\bmx + \\mathbf{y}$ \\"))
        #expect(JupyterTeX.normalizingMath(in: "$\\bm{x}$ and \\bm") == "$\\boldsymbol{x}$ and \\bm")
        #expect(JupyterTeX.normalizingMath(in: "$\\mathbf{x}$") == "$\\mathbf{x}$")
        for name in JupyterTeX.replacements.keys {
            #expect(JupyterTeX.namesAReplacedCommand("é \\" + name + "{x}"), "\\\(name)")
            #expect(!JupyterTeX.namesAReplacedCommand("\\" + name + "x \\" + name.dropLast()), "\\\(name)x")
        }
    }

    @Test func scalarLinesKeepEveryLine() {
        #expect(NotebookAssembler.scalarLines("a\n\nb\r\n") == [["a"], [], ["b", "\r"], []])
    }

    /// The lines a notebook's Markdown cells are made of, each decoded when read: the text's
    /// scalars cut at every line feed, non-ASCII and private-use characters included.
    @Test(arguments: ["", "\n", "x", "∇f = 2x\n\n> $\\alpha$ é\u{E000}\u{F0001}\r\nlast", "a\nb\n"])
    func lessonLinesAreTheTextsLines(_ text: String) {
        let lines = LessonLines(text)
        // Cut at the scalar: `\r\n` is one Character, which a Character-wise split would keep whole.
        let expected = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        #expect(lines.count == expected.count)
        #expect(Array(lines) == expected)
        #expect(lines.indices.reversed().map { lines[$0] } == expected.reversed())
    }

    /// A cell's unchanged lines cut from the lesson in one piece are the lines joined one by one
    /// with the blank lines at either end trimmed, for every range of lines of texts with blank
    /// lines, carriage returns, non-ASCII and private-use characters; and wherever the line by
    /// line path turns a fence into `$$`, the one-piece path is not taken.
    @Test(arguments: [
        "", "\n", "x", " \t\r\n∇f = 2x\n\n> $\\alpha$ é\u{E000}\u{F0001}\r\nlast\n  \n", "a\nb\n", "\n\n\na\n\n",
        "> ```math\n> x\n> ```\n", "~~~math\nx\n~~~~\n`` ` ``\n", "a ``` b\n~~ ~\n",
    ])
    func oneCutOfUnchangedLinesIsTheLinesJoined(_ text: String) {
        let lines = LessonLines(text)
        for lower in 0...lines.count {
            for upper in lower...lines.count {
                var decoded = Array(lines[lower..<upper])
                let fencesChanged = NotebookAssembler.mathFencesAsDisplayMath(decoded) != decoded
                #expect(!fencesChanged || lines.mayHoldACodeFence(lower..<upper))
                let blank: ([Unicode.Scalar]) -> Bool = { $0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
                while let first = decoded.first, blank(first) { decoded.removeFirst() }
                while let last = decoded.last, blank(last) { decoded.removeLast() }
                #expect(lines.text(ofLines: lower..<upper) == NotebookAssembler.joinedLines(decoded))
            }
        }
        #expect(LessonLines("```\n").mayHoldACodeFence(0..<1))
        #expect(!LessonLines("`` ~~\n").mayHoldACodeFence(0..<1))
        // Runs found wherever they fall against the eight-byte steps, and only whole runs.
        for offset in 0..<20 {
            for mark in ["```", "~~~", "````"] {
                let text = String(repeating: "a", count: offset) + mark + "b\n"
                #expect(LessonLines(text).mayHoldACodeFence(0..<1), "\(offset) \(mark)")
            }
            let text = String(repeating: "é", count: offset) + "``~``~~`~\n"
            #expect(!LessonLines(text).mayHoldACodeFence(0..<1), "\(offset)")
        }
    }
}
