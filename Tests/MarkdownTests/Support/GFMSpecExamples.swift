import Foundation

/// The examples of a GFM spec file (`../shared/testdata/`), in the format of cmark-gfm's
/// `spec_tests.py`: a fence of 32 backticks and `example` (optionally followed by the
/// extensions the example needs), the Markdown, a line `.`, the HTML, the closing fence;
/// `→` stands for a tab.
struct GFMSpecExample: Sendable, CustomStringConvertible {
    var number: Int
    var line: Int
    var section: String
    var extensions: [String]
    var markdown: String
    var html: String

    var description: String { "example \(number) (line \(line), \(section))" }
}

enum GFMSpecFiles {
    /// `../shared/testdata/`, found from this file's path: Tests/MarkdownTests/Support/ is
    /// three levels below the package root.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/testdata")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func isAvailable(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: url(name).path)
    }

    static func examples(_ name: String) throws -> [GFMSpecExample] {
        let text = try String(contentsOf: url(name), encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [GFMSpecExample] = []
        var section = ""
        var state = 0 // 0 outside, 1 Markdown, 2 HTML
        var markdown = "", html = "", extensions: [String] = [], startLine = 0
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(rawLine)
            if state == 0, line.hasPrefix(fence + " example") {
                extensions = line.dropFirst(fence.count + " example".count).split(separator: " ").map(String.init)
                state = 1
                markdown = ""
                html = ""
                startLine = lineNumber
            } else if state == 0, line.hasPrefix("#") {
                section = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            } else if state == 1, line == "." {
                state = 2
            } else if state == 2, line == fence {
                state = 0
                examples.append(GFMSpecExample(
                    number: examples.count + 1, line: startLine, section: section, extensions: extensions,
                    markdown: markdown.replacingOccurrences(of: "→", with: "\t"),
                    html: html.replacingOccurrences(of: "→", with: "\t")))
            } else if state == 1 {
                markdown += line + "\n"
            } else if state == 2 {
                html += line + "\n"
            }
        }
        return examples
    }
}
