import Diagnostics
import Foundation
import Testing
@testable import Site

/// `base-url` must be an http(s) address (it goes into every page's canonical link), and no
/// setting may hold invisible controls.
@Suite struct ConfigurationSafetyTests {
    static func load(_ toml: String) throws -> Result<SiteConfiguration, SiteBuildFailure> {
        let folder = try TemporaryFolder(["calcbook.toml": toml])
        defer { folder.remove() }
        do {
            return .success(try ConfigurationLoader.load(root: folder.path, environment: [:]))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: ["javascript:alert(1)//", "data:text/html,x", "//evil.example/", "example.org", "https://", "https:///x", "http://a b/", "https://x/\"onmouseover=\"a"])
    func aBaseURLThatIsNotAnHTTPAddressIsAnErrorAtItsLine(url: String) throws {
        let toml = "title = \"T\"\nbase-url = \"\(url.replacingOccurrences(of: "\"", with: "\\\""))\"\n"
        guard case .failure(let failure) = try Self.load(toml) else {
            Issue.record("'\(url)' was accepted")
            return
        }
        #expect(failure.diagnostics.map(\.id) == ["config.invalid-base-url"])
        #expect(failure.diagnostics.first?.location == SourceLocation(file: "calcbook.toml", line: 2, column: 1))
        #expect(failure.diagnostics.first?.message.hasPrefix("'base-url' must be a web address starting with https:// or http://") == true)
    }

    @Test(arguments: ["https://example.org/calculus/", "http://localhost:8000/", "HTTPS://Example.org"])
    func anHTTPBaseURLIsAccepted(url: String) throws {
        guard case .success(let configuration) = try Self.load("base-url = \"\(url)\"\n") else {
            Issue.record("'\(url)' was refused")
            return
        }
        #expect(configuration.baseURL == url)
    }

    @Test func aTitleWithABidiOverrideIsAnErrorAtTheValue() throws {
        guard case .failure(let failure) = try Self.load("title = \"Course\\u202E\"\n") else {
            Issue.record("accepted")
            return
        }
        #expect(failure.diagnostics.map(\.id) == ["config.invisible-character"])
        #expect(failure.diagnostics.first?.location == SourceLocation(file: "calcbook.toml", line: 1, column: 9))
        #expect(failure.diagnostics.first?.message == "'title' holds U+202E (RIGHT-TO-LEFT OVERRIDE), which would change how the text around it is shown; remove it")
    }
}
