import Foundation
import Lesson
import Markdown

/// A lesson's notebook as nbformat 4.5 JSON, the form JupyterLab, VS Code and GitHub read.
///
/// Deterministic like every page: keys sorted, cell ids derived from the lesson's path and
/// the cell's place (`NotebookFile.cellID`), no timestamps. Code cells carry each output as
/// `text/plain`, `text/latex` (typeset by Jupyter's MathJax) and `text/html` (the page's
/// MathML, which a browser draws itself); a failed cell has an `error` output.
enum NotebookFile {
    /// `part1/jacobian.md` → `part1/jacobian.ipynb`, beside the page.
    static func path(forLesson path: String) -> String {
        (path.hasSuffix(".md") ? String(path.dropLast(3)) : path) + ".ipynb"
    }

    static func json(_ notebook: LessonNotebook, lessonPath: String, title: String) -> Data {
        var json = JSONOutput()
        if notebook.cells.count >= halvesCells {
            let cells = cellsInHalves(notebook.cells, lessonPath: lessonPath)
            // Room for the whole at once: grown by doubling, a large notebook's bytes were
            // copied again and again, into up to twice the room they need.
            json = JSONOutput(reservingCapacity: cells.reduce(1024 + title.utf8.count * 6) { $0 + $1.count })
            Document(cells: [], metadata: Metadata(title: title)).write(&json, writtenCells: cells)
        } else {
            document(notebook, lessonPath: lessonPath, title: title).write(&json)
        }
        var data = Data(json.bytes)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// From this many cells on, a notebook's cells are made and written in two halves at
    /// once (`cellsInHalves`): the 42,700 cells of the 10 MB lesson's notebook took 0.2 s on
    /// one core at the end of its build.
    static let halvesCells = 1000

    /// The cells of the notebook as the members of two JSON arrays without their brackets,
    /// each half made and written on its own thread (`SideThread`): the `cells` array is
    /// then the two joined by a comma, as `Document.write` writes them one after another.
    static func cellsInHalves(_ cells: [LessonNotebook.Cell], lessonPath: String) -> [ArraySlice<UInt8>] {
        let half = cells.count / 2
        @Sendable func written(_ range: Range<Int>) -> ArraySlice<UInt8> {
            var json = JSONOutput()
            json.array(range) { json, index in Cell(cells[index], id: cellID(lessonPath: lessonPath, index: index)).write(&json) }
            // The members, without the brackets: a slice of the bytes written, not a copy.
            return json.bytes.dropFirst().dropLast()
        }
        let (first, second) = SideThread.run({ written(0..<half) }, beside: { written(half..<cells.count) })
        return [first, second]
    }

    /// The notebook as values. `json` writes them with `JSONOutput`, the bytes `JSONEncoder`
    /// gives for their `Encodable` form with `encoder`'s settings (the tests compare the two).
    static func document(_ notebook: LessonNotebook, lessonPath: String, title: String) -> Document {
        Document(
            cells: notebook.cells.enumerated().map { index, cell in Cell(cell, id: cellID(lessonPath: lessonPath, index: index)) },
            metadata: Metadata(title: title))
    }

    /// How the notebooks were first written (then pretty-printed), and what `JSONOutput`
    /// writes the same bytes as: compact JSON, which Jupyter reads as well as its own indented
    /// form (and rewrites in that form when it saves).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// 16 hex digits of SHA-256 over the lesson's path and the cell's index: stable from build
    /// to build, and distinct across the site's notebooks (nbformat asks only within one).
    static func cellID(lessonPath: String, index: Int) -> String {
        String(SHA256.hex("\(lessonPath)#\(index)").prefix(16))
    }

    /// nbformat's `multiline_string` as Jupyter writes it: lines, each but the last keeping its `\n`.
    ///
    /// Lines end at each `\n` character, found byte by byte: a line feed is a character of its
    /// own unless a carriage return comes just before it (`\r\n` is one character, which does
    /// not end a line here, as a character-wise split on `"\n"` would not either). The
    /// character-wise split spent its time finding grapheme boundaries in every byte of a
    /// lesson's prose.
    static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        var previous: UInt8 = 0
        while index != utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                lines.append(String(decoding: utf8[start..<next], as: UTF8.self))
                start = next
            }
            previous = byte
            index = next
        }
        // The last line, without a final `\r` (the character-wise version added `\n` to every
        // line and removed the last one's, which took a `\r` before it along as one character).
        var end = utf8.endIndex
        if start != end, previous == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        if start != end { lines.append(String(decoding: utf8[start..<end], as: UTF8.self)) }
        return lines
    }

    // MARK: nbformat 4.5

    // Each type's `write` puts its members in sorted key order, as `.sortedKeys` does, and
    // leaves out what `Encodable` leaves out (a `nil` optional).

    struct Document: Encodable {
        var cells: [Cell]
        var metadata: Metadata
        var nbformat = 4
        var nbformat_minor = 5

        /// `writtenCells`: the cells already written, as runs of array members (`cellsInHalves`),
        /// in place of `cells`.
        func write(_ json: inout JSONOutput, writtenCells: [ArraySlice<UInt8>]? = nil) {
            json.object { json in
                json.key("cells")
                if let writtenCells {
                    json.array(writtenCells) { json, members in json.written(members) }
                } else {
                    json.array(cells) { json, cell in cell.write(&json) }
                }
                json.key("metadata")
                metadata.write(&json)
                json.key("nbformat")
                json.integer(nbformat)
                json.key("nbformat_minor")
                json.integer(nbformat_minor)
            }
        }
    }

    struct Metadata: Encodable {
        var kernelspec = KernelSpec()
        var language_info = LanguageInfo()
        var title: String

        func write(_ json: inout JSONOutput) {
            json.object { json in
                json.key("kernelspec")
                json.object { json in
                    json.member("display_name", kernelspec.display_name)
                    json.member("language", kernelspec.language)
                    json.member("name", kernelspec.name)
                }
                json.key("language_info")
                json.object { json in
                    json.member("file_extension", language_info.file_extension)
                    json.member("mimetype", language_info.mimetype)
                    json.member("name", language_info.name)
                }
                json.member("title", title)
            }
        }
    }

    /// There is no Jupyter kernel for calcbook's cell language; the notebook names it so that
    /// Jupyter highlights the cells as Swift and shows which language they are in.
    struct KernelSpec: Encodable {
        var display_name = "calcbook (matrix calculus)"
        var language = "swift"
        var name = "calcbook"
    }

    struct LanguageInfo: Encodable {
        var file_extension = ".swift"
        var mimetype = "text/x-swift"
        var name = "swift"
    }

    struct Cell: Encodable {
        var cell_type: String
        var id: String
        var metadata: CellMetadata
        /// The cell's text, written as its lines (`source`) by `JSONOutput.lines`.
        var sourceText: String
        var execution_count: Int??
        var outputs: [Output]?

        init(_ cell: LessonNotebook.Cell, id: String) {
            self.id = id
            switch cell {
            case .markdown(let text):
                cell_type = "markdown"
                metadata = CellMetadata()
                sourceText = text
            case .code(let code):
                cell_type = "code"
                var jupyter = JupyterMetadata()
                if code.hidesSource { jupyter.source_hidden = true }
                if code.hidesOutput { jupyter.outputs_hidden = true }
                metadata = CellMetadata(jupyter: jupyter.isEmpty ? nil : jupyter)
                sourceText = code.source
                execution_count = .some(code.executionCount)
                var outputs = code.outputs.map { Output(result: $0, executionCount: code.executionCount) }
                if let error = code.errorText { outputs.append(Output(error: error, expected: code.failedAsExpected)) }
                self.outputs = outputs
            }
        }

        /// nbformat's `source`: the lines of the text.
        var source: [String] { NotebookFile.lines(sourceText) }

        enum CodingKeys: String, CodingKey {
            case cell_type, id, metadata, source, execution_count, outputs
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cell_type, forKey: .cell_type)
            try container.encode(id, forKey: .id)
            try container.encode(metadata, forKey: .metadata)
            try container.encode(source, forKey: .source)
            // A code cell always has `execution_count` (null when it did not run) and `outputs`.
            if let executionCount = execution_count { try container.encode(executionCount, forKey: .execution_count) }
            if let outputs { try container.encode(outputs, forKey: .outputs) }
        }

        func write(_ json: inout JSONOutput) {
            json.object { json in
                json.member("cell_type", cell_type)
                if let executionCount = execution_count {
                    json.key("execution_count")
                    if let executionCount { json.integer(executionCount) } else { json.null() }
                }
                json.member("id", id)
                json.key("metadata")
                json.object { json in
                    if let jupyter = metadata.jupyter {
                        json.key("jupyter")
                        json.object { json in
                            if let hidden = jupyter.outputs_hidden {
                                json.key("outputs_hidden")
                                json.boolean(hidden)
                            }
                            if let hidden = jupyter.source_hidden {
                                json.key("source_hidden")
                                json.boolean(hidden)
                            }
                        }
                    }
                }
                if let outputs {
                    json.key("outputs")
                    json.array(outputs) { json, output in output.write(&json) }
                }
                json.key("source")
                json.lines(sourceText)
            }
        }
    }

    struct CellMetadata: Encodable {
        var jupyter: JupyterMetadata?
    }

    /// JupyterLab's collapsed input and output.
    struct JupyterMetadata: Encodable {
        var source_hidden: Bool?
        var outputs_hidden: Bool?
        var isEmpty: Bool { source_hidden == nil && outputs_hidden == nil }
    }

    struct Output: Encodable {
        var output_type: String
        var execution_count: Int?
        var data: [String: [String]]?
        var metadata: [String: String]?
        var ename: String?
        var evalue: String?
        var traceback: [String]?

        /// An `Out[n]` value: plain text, LaTeX in `$$…$$` (as IPython's `Math` writes it), MathML.
        init(result: LessonNotebook.Output, executionCount: Int?) {
            output_type = "execute_result"
            execution_count = executionCount
            data = [
                "text/plain": NotebookFile.lines(result.text),
                "text/latex": NotebookFile.lines("$$" + result.latex + "$$"),
                "text/html": NotebookFile.lines(result.mathML),
            ]
            metadata = [:]
        }

        /// The diagnostics the page shows in place of outputs: the first line is the message,
        /// the whole text (with source line and caret) the traceback.
        init(error: String, expected: Bool) {
            output_type = "error"
            ename = expected ? "ExpectedError" : "CellError"
            let firstLine = error.split(separator: "\n").first.map(String.init) ?? ""
            evalue = firstLine
            traceback = error.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }

        func write(_ json: inout JSONOutput) {
            json.object { json in
                if let data {
                    json.key("data")
                    json.object { json in
                        for key in data.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                            json.key(key)
                            json.array(data[key] ?? [])
                        }
                    }
                }
                if let ename {
                    json.member("ename", ename)
                }
                if let evalue {
                    json.member("evalue", evalue)
                }
                if let execution_count {
                    json.key("execution_count")
                    json.integer(execution_count)
                }
                if let metadata {
                    json.key("metadata")
                    json.object { json in
                        for key in metadata.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                            json.key(key)
                            json.string(metadata[key] ?? "")
                        }
                    }
                }
                json.member("output_type", output_type)
                if let traceback {
                    json.key("traceback")
                    json.array(traceback)
                }
            }
        }
    }
}
