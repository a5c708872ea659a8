import Foundation
import Testing
@testable import TeXMath

/// Writes a standalone HTML page of every showcase and corpus formula when
/// `CALCBOOK_WRITE_MATH_PAGE` names a file, for `scripts/render-math-screenshot` to open in
/// headless Chromium. Skipped otherwise.
@Suite struct MathPageTests {
    static let pagePath = ProcessInfo.processInfo.environment["CALCBOOK_WRITE_MATH_PAGE"]
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Sections per part page: a part fits one 1000×2000 screenshot.
    static let sectionsPerPart = 6

    @Test(.enabled(if: pagePath != nil))
    func writeMathPage() throws {
        let path = try #require(Self.pagePath)
        let css = try String(contentsOf: Self.packageRoot.appendingPathComponent("templates/assets/math.css"), encoding: .utf8)
        var sections: [String] = []
        for (title, tex) in MathShowcase.formulas {
            sections.append("<section><h2>\(escape(title))</h2>\n"
                + "<p>Inline: \(try TeXToMathML.convert(tex, display: false)) in a sentence.</p>\n"
                + (try TeXToMathML.convert(tex, display: true)) + "\n</section>\n")
        }
        for formula in ParrHowardCorpus.formulas {
            let math = try TeXToMathML.convert(formula.tex, display: formula.display)
            sections.append("<section><h2>Parr &amp; Howard: \(escape(formula.section))</h2>\n"
                + (formula.display ? math + "\n" : "<p>Inline: \(math) in a sentence.</p>\n") + "</section>\n")
        }
        try Self.page(sections.joined(), css: css).write(toFile: path, atomically: true, encoding: .utf8)
        // The same sections in parts, one screenshot each: `math.html` → `math-part-1.html`, ….
        let base = path.hasSuffix(".html") ? String(path.dropLast(5)) : path
        for start in stride(from: 0, to: sections.count, by: Self.sectionsPerPart) {
            let part = sections[start..<min(start + Self.sectionsPerPart, sections.count)].joined()
            let number = start / Self.sectionsPerPart + 1
            try Self.page(part, css: css).write(toFile: "\(base)-part-\(number).html", atomically: true, encoding: .utf8)
        }
    }

    static func page(_ body: String, css: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>calcbook math</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body { font-family: "Latin Modern Roman", Georgia, serif; max-width: 46em; margin: 1em auto; padding: 0 1em; }
        @media (prefers-color-scheme: dark) { body { background: #16181d; color: #e6e6e6; } }
        h2 { font-size: 0.8em; color: #777; margin: 1em 0 0; font-family: sans-serif; }
        section { border-bottom: 1px solid #8884; }
        \(css)
        </style></head>
        <body>
        \(body)</body></html>

        """
    }
}
