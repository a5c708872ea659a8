import Foundation
import Testing
import MatrixCalculus

/// The gallery in all three writers against a golden file (re-record with `CALCBOOK_RECORD=1`),
/// and, when `CALCBOOK_WRITE_WRITER_PAGE=/path.html` is set, an HTML page of the same outputs
/// to look at in a browser.
@Suite struct WriterGalleryTests {
    static let goldenURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/Writers/gallery.txt")

    @Test func galleryMatchesGolden() throws {
        var written = ""
        for entry in try WriterGallery.entries() {
            written += "## \(entry.label)\n"
            written += "text:   \(try TextWriter().write(entry.value))\n"
            written += "latex:  \(try LaTeXWriter().write(entry.value))\n"
            written += "mathml: \(try MathMLWriter().writeContent(entry.value))\n\n"
        }
        let environment = ProcessInfo.processInfo.environment
        if environment["CALCBOOK_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try written.write(to: Self.goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.goldenURL, encoding: .utf8)
        #expect(written == golden, "the written gallery changed (a writer, or the engine's canonical form): check the diff, then re-record with CALCBOOK_RECORD=1 swift test --filter galleryMatchesGolden")

        if let path = environment["CALCBOOK_WRITE_WRITER_PAGE"], !path.isEmpty {
            try Self.page(try WriterGallery.entries()).write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// `WrittenExpression` lays an expression out once for the three markups; each must be
    /// exactly what its writer alone writes.
    @Test func writtenExpressionIsTheThreeWriters() throws {
        for entry in try WriterGallery.entries() {
            for display in [MathMLWriter.Display.inline, .block] {
                let written = try WrittenExpression(entry.value, display: display)
                #expect(written.mathML == (try MathMLWriter().write(entry.value, display: display)), "\(entry.label)")
                #expect(written.text == (try TextWriter().write(entry.value)), "\(entry.label)")
                #expect(written.latex == (try LaTeXWriter().write(entry.value)), "\(entry.label)")
            }
        }
    }

    static func page(_ entries: [WriterGallery.Entry]) throws -> String {
        var rows = ""
        for entry in entries {
            let inline = try MathMLWriter().write(entry.value)
            let block = try MathMLWriter().write(entry.value, display: .block)
            rows += "<tr><th>\(escaped(entry.label))</th><td>\(block)</td><td>x \(inline) y</td>"
            rows += "<td><code>\(escaped(try TextWriter().write(entry.value)))</code></td></tr>\n"
        }
        return """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>calcbook writers</title>
        <style>
        body { font-family: sans-serif; font-size: 15px; margin: 8px; }
        math { font-family: "Latin Modern Math", math; font-size: 1.15em; }
        table { border-collapse: collapse; }
        td, th { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: middle; }
        th { font-weight: normal; color: #555; white-space: nowrap; }
        code { font-size: 13px; }
        </style></head><body>
        <table>
        <tr><th>value</th><th>block</th><th>inline</th><th>text</th></tr>
        \(rows)</table></body></html>
        """
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
