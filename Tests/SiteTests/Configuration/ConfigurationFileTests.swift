import Diagnostics
import Testing
@testable import Site

@Suite struct ConfigurationFileTests {
    @Test func readsStringsIntegersAndBooleans() {
        let text = """
            # a comment
            title = "Matrix \\"calculus\\""   # trailing comment
            base-url = 'https://example.org/'
            jobs = 4
            raw-html = true
            """
        let (file, diagnostics) = ConfigurationFile.parse(text, path: "calcbook.toml")
        #expect(diagnostics.isEmpty)
        #expect(file.string("title") == "Matrix \"calculus\"")
        #expect(file.string("base-url") == "https://example.org/")
        #expect(file.integer("jobs") == 4)
        #expect(file.boolean("raw-html") == true)
    }

    @Test func reportsUnknownKeysWrongTypesAndSyntaxWithPositions() {
        let text = """
            titel = "x"
            jobs = "four"
            [site]
            output = "site
            """
        let (_, diagnostics) = ConfigurationFile.parse(text, path: "calcbook.toml")
        #expect(diagnostics.map(\.id) == ["config.unknown-key", "config.wrong-type", "config.syntax", "config.syntax"])
        #expect(diagnostics.map { $0.location?.description } == [
            "calcbook.toml:1:1", "calcbook.toml:2:1", "calcbook.toml:3:1", "calcbook.toml:4:10",
        ])
        #expect(diagnostics[0].message == "unknown setting 'titel'; did you mean 'title'?")
        #expect(diagnostics[1].message == "'jobs' must be an integer, not a string")
        #expect(diagnostics[3].message == "this string has no closing quote")
    }

    @Test func layoutSetsTheProjectsDerivativeLayoutAndMustBeKnown() throws {
        let folder = try TemporaryFolder(["calcbook.toml": "layout = \"denominator\"\n"])
        defer { folder.remove() }
        #expect(try ConfigurationLoader.load(root: folder.path).layout == .denominator)
        try folder.write("calcbook.toml", "\nlayout = \"column\"\n")
        #expect {
            _ = try ConfigurationLoader.load(root: folder.path)
        } throws: { error in
            (error as? SiteBuildFailure)?.diagnostics.map { "\($0.location?.description ?? "-"): \($0.message)" } == [
                "calcbook.toml:2:1: 'layout' must be \"numerator\" or \"denominator\", not \"column\"",
            ]
        }
        try folder.write("calcbook.toml", "")
        #expect(try ConfigurationLoader.load(root: folder.path).layout == .numerator)
    }

    @Test func flagsWinOverTheFile() throws {
        let folder = try TemporaryFolder(["calcbook.toml": "title = \"From file\"\noutput = \"public\"\njobs = 3\n"])
        defer { folder.remove() }
        let configuration = try ConfigurationLoader.load(root: folder.path, overrides: .init(output: "site", jobs: 1))
        #expect(configuration.title == "From file")
        #expect(configuration.output == "site")
        #expect(configuration.jobs == 1)
        #expect(configuration.origins["output"] == nil, "a flag, not the file, chose the output")
    }

    @Test func aBrokenFileStopsTheBuild() throws {
        let folder = try TemporaryFolder(["calcbook.toml": "jobs = 0\n"])
        defer { folder.remove() }
        #expect {
            _ = try ConfigurationLoader.load(root: folder.path)
        } throws: { error in
            (error as? SiteBuildFailure)?.diagnostics.map(\.location?.description) == ["calcbook.toml:1:1"]
        }
    }
}
