import Markdown

/// Cuts a lesson into notebook cells: the Markdown between its cells, as written, becomes
/// Markdown cells (one per top-level heading's section), and each cell that ran a code cell.
///
/// The Markdown is the author's own text, so everything Jupyter's Markdown understands stays
/// as written; only what Jupyter cannot know is changed: an inline value becomes its value in
/// `$…$`, a ```` ```math ```` block becomes `$$…$$`, a link to a lesson's `.md` file points to
/// that lesson's notebook, TeX commands MathJax lacks become ones it has (`JupyterTeX`), and
/// callouts and figure captions become Markdown Jupyter shows (`NotebookBlocks`).
public enum NotebookAssembler {
    public static func assemble(_ lesson: ParsedLesson, headings: [LessonHeading], links: [LessonLink]) -> LessonNotebook {
        let lines = scalarLines(lesson.body)
        let cells = lesson.notebookRecord.cells.sorted { $0.span.start < $1.span.start }
        let inlines = lesson.notebookRecord.inlineValues.sorted { $0.span.start < $1.span.start }
        // A section starts at each heading that begins its line (not one inside a list item).
        let sectionStarts = Set(headings.filter { $0.location.column == 1 }.map(\.location.line))
        let rewrites = linkRewrites(links)
        let blocks = NotebookBlocks(lesson.document, lines: lines)

        var notebook = LessonNotebook()
        var markdown: [[Unicode.Scalar]] = []
        var markdownFirstLine = 1
        func flush() {
            let text = markdownText(
                markdown, firstLine: markdownFirstLine, inlines: inlines, rewrites: rewrites, blocks: blocks,
                citations: lesson.notebookRecord.citations)
            if !text.isEmpty { notebook.cells.append(.markdown(text)) }
            markdown = []
        }
        var line = 1
        var cellIndex = 0
        while line <= lines.count {
            if cellIndex < cells.count, cells[cellIndex].span.start.line == line {
                let cell = cells[cellIndex]
                cellIndex += 1
                let end = max(min(cell.span.end.line, lines.count), line)
                switch cell.content {
                case .code(let code):
                    flush()
                    notebook.cells.append(.code(code))
                case .sample(let source):
                    // A code sample reads as one in Jupyter too: a fenced block in the prose.
                    if markdown.isEmpty { markdownFirstLine = line }
                    let fence = Array((source.contains("```") ? "~~~~" : "```").unicodeScalars)
                    markdown.append(fence + Array("swift".unicodeScalars))
                    markdown += source.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
                    markdown.append(fence)
                    // Keep later lines at their own numbers for the inline values' spans.
                    markdown += Array(repeating: [], count: max(end - line + 1 - (source.split(separator: "\n", omittingEmptySubsequences: false).count + 2), 0))
                }
                line = end + 1
                continue
            }
            if sectionStarts.contains(line), !markdown.isEmpty { flush() }
            if markdown.isEmpty { markdownFirstLine = line }
            markdown.append(lines[line - 1])
            line += 1
        }
        flush()
        // The project's macro file, first, so that Jupyter's MathJax knows `\R` and the like
        // in every later cell (its definitions are global, as in the site).
        let preamble = lesson.projectMacros.source.trimmingCharacters(in: .whitespacesAndNewlines)
        if !preamble.isEmpty {
            notebook.cells.insert(.markdown("$$\n" + preamble + "\n$$"), at: 0)
        }
        if !lesson.notebookRecord.references.isEmpty {
            notebook.cells.append(.markdown("## References\n\n" + lesson.notebookRecord.references.map { "- " + $0 }.joined(separator: "\n")))
        }
        return notebook
    }

    // MARK: Markdown cells

    /// The lines of one Markdown cell (starting at lesson line `firstLine`) with inline values
    /// replaced, math fences turned into `$$`, TeX made MathJax's and lesson links rewritten;
    /// blank lines at either end trimmed.
    static func markdownText(
        _ lines: [[Unicode.Scalar]], firstLine: Int, inlines: [NotebookRecord.RecordedInline], rewrites: [(String, String)],
        blocks: NotebookBlocks? = nil, citations: [NotebookRecord.RecordedCitation] = []
    ) -> String {
        guard !lines.isEmpty else { return "" }
        var lines = lines
        // Inline values, last first so earlier columns stay valid. Only those within one line:
        // an inline value split over lines keeps its code span.
        for inline in inlines.reversed() {
            let index = inline.span.start.line - firstLine
            guard inline.span.start.line == inline.span.end.line, index >= 0, index < lines.count else { continue }
            guard let range = codeSpanRange(in: lines[index], contentStart: inline.span.start.column - 1, contentEnd: inline.span.end.column)
            else { continue }
            let replacement = inline.latex.map { "$" + $0 + "$" } ?? "`" + inline.expression + "`"
            lines[index].replaceSubrange(range, with: Array(replacement.unicodeScalars))
        }
        // Citations as the page shows them, last first so earlier columns stay valid.
        for citation in citations.sorted(by: { $0.position > $1.position }) {
            let index = citation.position.line - firstLine, start = citation.position.column - 1
            let written = Array(citation.written.unicodeScalars)
            guard index >= 0, index < lines.count, start >= 0, start + written.count <= lines[index].count,
                  Array(lines[index][start..<(start + written.count)]) == written else { continue }
            lines[index].replaceSubrange(start..<(start + written.count), with: Array(citation.text.unicodeScalars))
        }
        // Callouts and captions last: they add lines, which the inline values' spans do not know.
        if let blocks { lines = blocks.apply(to: lines, firstLine: firstLine) }
        lines = mathFencesAsDisplayMath(lines)
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        var text = ""
        for (index, line) in lines.enumerated() {
            if index > 0 { text += "\n" }
            text.unicodeScalars.append(contentsOf: line)
        }
        text = JupyterTeX.normalizingMath(in: text)
        guard !rewrites.isEmpty else { return text }
        // A reference definition may end the text: give it the line end the patterns expect.
        text += "\n"
        text = replacingAll(rewrites, in: text)
        return String(text.dropLast())
    }

    /// `text`'s lines (split at `\n` only, as the lesson's line numbers count them), as scalars.
    static func scalarLines(_ text: String) -> [[Unicode.Scalar]] {
        var lines: [[Unicode.Scalar]] = []
        var line: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                lines.append(line)
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(scalar)
            }
        }
        lines.append(line)
        return lines
    }

    /// Each `from` of `rewrites` replaced by its `to`, in one pass over the UTF-8 (a pattern
    /// that starts where an earlier one matched is not looked for inside the replacement).
    /// The result is what applying them one after another gives for the link patterns of
    /// ``linkRewrites(_:)``, whose matches cannot overlap, in time linear in the text.
    static func replacingAll(_ rewrites: [(String, String)], in text: String) -> String {
        let patterns = rewrites.map { (from: Array($0.0.utf8), to: Array($0.1.utf8)) }.filter { !$0.from.isEmpty }
        let firstBytes = Set(patterns.map { $0.from[0] })
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        outer: while index < bytes.count {
            let byte = bytes[index]
            if firstBytes.contains(byte) {
                for pattern in patterns where bytes.count - index >= pattern.from.count {
                    if bytes[index..<(index + pattern.from.count)].elementsEqual(pattern.from) {
                        result.append(contentsOf: pattern.to)
                        index += pattern.from.count
                        continue outer
                    }
                }
            }
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// cmark's span of a code span covers its content; the backticks (and the one space
    /// Markdown allows inside each) are around it.
    static func codeSpanRange(in line: [Unicode.Scalar], contentStart: Int, contentEnd: Int) -> Range<Int>? {
        guard contentStart >= 0, contentEnd <= line.count, contentStart < contentEnd else { return nil }
        var start = contentStart, end = contentEnd
        if start >= 2, line[start - 1] == " ", line[start - 2] == "`" { start -= 1 }
        if end + 1 < line.count, line[end] == " ", line[end + 1] == "`" { end += 1 }
        let opening = line[..<start].reversed().prefix { $0 == "`" }.count
        let closing = line[end...].prefix { $0 == "`" }.count
        guard opening > 0, opening == closing else { return contentStart..<contentEnd }
        return (start - opening)..<(end + closing)
    }

    /// ```` ```math ```` … ```` ``` ```` → `$$` … `$$`, keeping each line's container prefix.
    static func mathFencesAsDisplayMath(_ lines: [[Unicode.Scalar]]) -> [[Unicode.Scalar]] {
        var result = lines
        var open: (character: Unicode.Scalar, length: Int, isMath: Bool)?
        for (index, line) in lines.enumerated() {
            let prefixLength = line.prefix { $0 == " " || $0 == ">" || $0 == "\t" }.count
            let rest = line[prefixLength...]
            let runCharacter = rest.first
            let runLength = rest.prefix { $0 == runCharacter }.count
            let isFence = (runCharacter == "`" || runCharacter == "~") && runLength >= 3
            if let current = open {
                if isFence, runCharacter == current.character, runLength >= current.length,
                   rest.dropFirst(runLength).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    if current.isMath { result[index] = Array(line[..<prefixLength]) + Array("$$".unicodeScalars) }
                    open = nil
                }
            } else if isFence, let character = runCharacter {
                let info = String(String.UnicodeScalarView(rest.dropFirst(runLength))).trimmingSpaces()
                let isMath = info == "math"
                if isMath { result[index] = Array(line[..<prefixLength]) + Array("$$".unicodeScalars) }
                open = (character, runLength, isMath)
            }
        }
        return result
    }

    /// `](jacobian.md#shape)` → `](jacobian.ipynb#shape)` for every link to a lesson, and the
    /// same for reference definitions (`]: jacobian.md`).
    static func linkRewrites(_ links: [LessonLink]) -> [(String, String)] {
        var seen: Set<String> = []
        var rewrites: [(String, String)] = []
        for link in links where !link.isImage && link.rewrittenDestination != link.destination {
            guard seen.insert(link.destination).inserted else { continue }
            let notebook = notebookDestination(link.destination)
            for (open, close) in [("](", ")"), ("](", " "), ("](<", ">"), ("]: ", "\n"), ("]: ", " ")] {
                rewrites.append((open + link.destination + close, open + notebook + close))
            }
        }
        return rewrites
    }

    /// `jacobian.md#shape` → `jacobian.ipynb#shape` (a lesson's notebook beside its page).
    static func notebookDestination(_ destination: String) -> String {
        let page = LessonLinkRewriting.rewrite(destination)
        let pathEnd = page.firstIndex { $0 == "?" || $0 == "#" } ?? page.endIndex
        let path = page[..<pathEnd]
        guard path.hasSuffix(".html") else { return page }
        return path.dropLast(".html".count) + ".ipynb" + page[pathEnd...]
    }

    private static func isBlank(_ line: [Unicode.Scalar]) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
