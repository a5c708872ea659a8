import Foundation
import Lesson
import Testing
@testable import Site

/// `JSONOutput` writes the bytes `JSONEncoder` writes for the same values (compact, keys
/// sorted, slashes unescaped), for notebooks and the search index alike.
@Suite struct JSONOutputTests {
    /// Strings with every kind of byte the encoder treats apart.
    static let strings: [String] = {
        var strings = ["", "plain", "a/b", "quote \" and \\ backslash", "tab\tline\nreturn\r\n", "é ∂ 𝑥 👩‍👩‍👧", "\u{7F}\u{80}\u{2028}"]
        strings += (UInt8(0)..<0x20).map { "<" + String(UnicodeScalar($0)) + ">" }
        return strings
    }()

    @Test func stringsAreEscapedAsTheEncoderEscapesThem() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for string in Self.strings {
            var json = JSONOutput()
            json.string(string)
            #expect(json.bytes == Array(try encoder.encode(string)), "\(string.debugDescription)")
        }
    }

    /// Notebooks with every kind of cell and output, empty and nested containers included.
    static let notebooks: [LessonNotebook] = [
        LessonNotebook(),
        LessonNotebook(cells: [.markdown("")]),
        LessonNotebook(cells: Self.strings.map { .markdown($0 + "\nsecond line\n") }),
        LessonNotebook(cells: [
            .markdown("# Title\n\nText with $x$."),
            .code(.init(source: "let x: Scalar\nx^2", executionCount: 1, outputs: [.init(text: "x²", latex: "x^{2}", mathML: "<math><msup><mi>x</mi><mn>2</mn></msup></math>")])),
            .code(.init(source: "", executionCount: nil, outputs: [])),
            .code(.init(source: "bad(", executionCount: 2, outputs: [], errorText: "error: \"bad\"\n  bad(\n     ^", failedAsExpected: true)),
            .code(.init(source: "1\n2\n", executionCount: 3, outputs: [.init(text: "1", latex: "1", mathML: "<math><mn>1</mn></math>"), .init(text: "", latex: "", mathML: "")], errorText: "", hidesSource: true)),
            .code(.init(source: "x", executionCount: 4, outputs: [], hidesOutput: true)),
            .code(.init(source: "x", executionCount: 5, outputs: [], hidesSource: true, hidesOutput: true)),
        ]),
    ] + [NotebookFile.halvesCells, NotebookFile.halvesCells + 1].map { count in
        // Large enough to be written in two halves at once (`NotebookFile.cellsInHalves`).
        LessonNotebook(cells: (0..<count).map { index in
            index.isMultiple(of: 3)
                ? .code(.init(source: "x^\(index)", executionCount: index, outputs: [.init(text: "x", latex: "x", mathML: "<math><mi>x</mi></math>")]))
                : .markdown("## Cell \(index)\n\nText with $x_{\(index)}$.\n")
        })
    }

    @Test func notebooksAreTheEncodersBytes() throws {
        for (index, notebook) in Self.notebooks.enumerated() {
            for title in ["", "A \"title\" / with ∂"] {
                let document = NotebookFile.document(notebook, lessonPath: "part/lesson-\(index).md", title: title)
                var expected = try NotebookFile.encoder.encode(document)
                expected.append(UInt8(ascii: "\n"))
                let written = NotebookFile.json(notebook, lessonPath: "part/lesson-\(index).md", title: title)
                #expect(written == expected, "notebook \(index)")
            }
        }
    }

    @Test func notebooksOfTheCourseAreTheEncodersBytes() async throws {
        let folder = try await NotebookSchemaTests.buildProjectLessons()
        defer { folder.remove() }
        let analysis = try await SiteAnalysis.run(
            ConfigurationLoader.load(root: folder.path, overrides: ConfigurationOverrides(jobs: 2, noCache: true)),
            cacheAccess: .readOnly, identity: nil)
        #expect(analysis.lessons.count >= 10)
        for lesson in analysis.lessons {
            let path = lesson.file.relativePath, title = lesson.rendered.title
            let document = NotebookFile.document(lesson.rendered.notebookDocument, lessonPath: path, title: title)
            var expected = try NotebookFile.encoder.encode(document)
            expected.append(UInt8(ascii: "\n"))
            #expect(NotebookFile.json(lesson.rendered.notebookDocument, lessonPath: path, title: title) == expected, "\(path)")
        }
    }

    @Test func searchEntriesAreTheEncodersBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let sections = Self.strings.map { SearchIndex.Section(heading: $0, anchor: $0.isEmpty ? nil : "a-" + $0, text: $0) }
            + [SearchIndex.Section(heading: nil, anchor: nil, text: "before the first heading")]
        for words in [nil, "", "alpha beta"] as [String?] {
            for entry in [
                SearchIndex.Entry(url: "a/b.html", title: "T \"q\"", sections: sections, words: words),
                SearchIndex.Entry(url: "index.html", title: "", sections: [], words: words),
            ] {
                #expect(SearchIndex.encode(entry) == Array(try encoder.encode(entry)))
            }
        }
    }
}
