import CellLanguage
import Diagnostics
import Foundation
@testable import Lesson
import Testing
@testable import Site

/// `BuiltInCellHTML` writes the built-in `partials/cell` by hand: every kind of cell must come
/// out as the Mustache template renders it.
@Suite struct BuiltInCellHTMLTests {
    static func builtInTheme() throws -> Theme {
        try ThemeFiles.builtIn().theme()
    }

    @Test func theBuiltInThemeTakesTheHandWrittenPath() throws {
        let theme = try Self.builtInTheme()
        let template = try #require(BuiltInCellHTML.template)
        #expect(theme.sources[ThemeCellRendering.template + ".mustache"]?.text == template)
    }

    /// Texts with every character `{{…}}` escapes, alone and with a combining mark.
    static let texts = ["", "x", "a < b && c > d", "\"quoted\" 'single'", "\"\u{301}'\u{301}<\u{301}", "∂f/∂x = 2x", "&amp;"]

    static func cells() -> [NotebookCell] {
        let source = [HighlightedRun(.keyword, "let"), HighlightedRun(.plain, " x = "), HighlightedRun(.number, "1"), HighlightedRun(.string, "\"<a>\"")]
        var outputs: [[NotebookOutput]] = [[]]
        for text in texts {
            outputs.append([NotebookOutput(mathML: "<math><mi>\(text.count)</mi></math>", text: text, latex: "x")])
            outputs.append([
                NotebookOutput(mathML: "<math/>", text: text, latex: "", check: text),
                NotebookOutput(mathML: "<math><mn>2</mn></math>", text: "2", latex: "2", derivationHTML: "<div class=\"derivation\">\(text)</div>"),
            ])
        }
        var cells: [NotebookCell] = []
        for flagBits in 0..<16 {
            var flags = CellFlags()
            flags.hideSource = flagBits & 1 != 0
            flags.hideOutput = flagBits & 2 != 0
            flags.noEval = flagBits & 4 != 0
            flags.expectError = flagBits & 8 != 0
            for (index, outputs) in outputs.enumerated() {
                for errorText in [nil, "", "error: \"x\" < 'y' & z\n  x\n  ^"] as [String?] {
                    for failedAsExpected in [false, true] {
                        cells.append(NotebookCell(
                            number: flags.noEval ? nil : index, flags: flags, source: index % 3 == 0 ? [] : source, outputs: outputs,
                            errorText: errorText, failedAsExpected: failedAsExpected,
                            location: SourceLocation(file: "lessons/a.md", line: index + 1, column: 1),
                            heldExpectations: Array(texts.prefix(index % 4))))
                    }
                }
            }
        }
        return cells
    }

    @Test func everyKindOfCellIsWhatTheTemplateRenders() throws {
        let rendering = ThemeCellRendering(theme: try Self.builtInTheme())
        let cells = Self.cells()
        #expect(cells.count > 1_000)
        for cell in cells {
            #expect(rendering.html(for: cell) == rendering.mustacheHTML(for: cell),
                    "templates/partials/cell.mustache and BuiltInCellHTML.html(for:) differ for \(cell): update html(for:)")
        }
        // The comparison means something only if cells show each part.
        let all = cells.map { rendering.html(for: $0) }.joined()
        for part in ["cell-failed", "cell-sample", "In&nbsp;[", "cell-derivation", "cell-checked", "cell-verified", "cell-error-expected", "&quot;", "&#39;"] {
            #expect(all.contains(part), "\(part)")
        }
        #expect(cells.contains { rendering.html(for: $0).isEmpty })
    }

    @Test func aThemesOwnCellTemplateIsRenderedByMustache() async throws {
        let folder = try SiteBuilderTests.project("tour")
        defer { folder.remove() }
        try folder.write("templates/partials/cell.mustache", "<div class=\"my-cell\">{{cell.line}}</div>\n")
        _ = try await SiteBuilderTests.build(folder)
        let page = try #require(folder.read("site/jacobian.html"))
        #expect(page.contains("<div class=\"my-cell\">"))
        #expect(!page.contains("<figure class=\"cell"))
    }
}
