import Diagnostics
import Testing
@testable import Lesson

/// Front matter costs time in proportion to its length, has a length limit, and refuses values
/// with invisible controls.
@Suite struct FrontMatterLimitsTests {
    let path = "lessons/a.md"

    static func frontMatter(keys: Int) -> String {
        var text = "---\n"
        for index in 0..<keys { text += "key\(index): value \(index)\n" }
        return text + "---\n# Body\n"
    }

    /// 100,000 keys took 20 s (a search of the entries per key); now refused at the line past the limit.
    @Test(.timeLimit(.minutes(1)))
    func aHugeFrontMatterIsRefusedAtTheLimit() {
        let result = FrontMatterParser.split(Self.frontMatter(keys: 100_000), path: path)
        #expect(result.diagnostics.map(\.message) == ["front matter is longer than 1000 lines; keep only a lesson's settings there"])
        #expect(result.diagnostics.first?.location == SourceLocation(file: path, line: 1_002, column: 1))
        #expect(result.frontMatter.entries.isEmpty)
        #expect(result.body.hasSuffix("\n# Body\n"))
        #expect(result.body.split(separator: "\n", omittingEmptySubsequences: false).count == 100_004)
    }

    @Test func aFrontMatterAtTheLimitIsRead() {
        let result = FrontMatterParser.split(Self.frontMatter(keys: FrontMatterParser.maximumLines), path: path)
        // Unknown keys are warnings; nothing may be an error.
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(result.frontMatter.entries.count == 1_000)
        #expect(result.frontMatter["key999"] == "value 999")
    }

    @Test func aKeySetTwiceIsStillFound() {
        let result = FrontMatterParser.split("---\ntitle: 1\ndescription: 2\ntitle: 3\n---\n", path: path)
        #expect(result.diagnostics.map(\.message) == ["`title` is set twice in front matter"])
        #expect(result.diagnostics.first?.location?.line == 4)
    }

    @Test func invisibleControlsInAValueAreAnErrorAtTheirColumn() {
        let plain = FrontMatterParser.split("---\ntitle: abc\u{202E}txt.exe\n---\n", path: path)
        #expect(plain.diagnostics.map(\.message) == [
            "`title` holds U+202E (RIGHT-TO-LEFT OVERRIDE), which would change how the text around it is shown; remove it",
        ])
        #expect(plain.diagnostics.first?.location == SourceLocation(file: path, line: 2, column: 11))
        #expect(plain.frontMatter.title == nil)
        let quoted = FrontMatterParser.split("---\ndescription: \"x\u{2066}y\"\n---\n", path: path)
        #expect(quoted.diagnostics.first?.location == SourceLocation(file: path, line: 2, column: 16))
        // Right-to-left text itself is fine.
        #expect(FrontMatterParser.split("---\ntitle: שלום\n---\n", path: path).diagnostics.isEmpty)
    }

    @Test func aTitleFromAHeadingLosesItsInvisibleControls() {
        #expect(InvisibleControls.removing(from: "Gradient\u{202E} of f") == "Gradient of f")
        #expect(InvisibleControls.removing(from: "שלום") == "שלום")
    }
}
