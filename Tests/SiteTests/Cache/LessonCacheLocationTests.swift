import Foundation
import Testing
@testable import Site

/// Where the cache goes: outside the project by default, one folder per lessons folder,
/// chosen by `--cache-dir` or `cache-dir`, and nowhere with `--no-cache`.
@Suite struct LessonCacheLocationTests {
    @Test func defaultsToTheXDGCacheFolderThenToTheHomeCache() throws {
        let project = try TemporaryFolder(["lessons/a.md": "# A\n"])
        defer { project.remove() }
        let lessons = OutputLocation.absolute(project.path + "/lessons")
        let digest = String(SHA256.hex(lessons).prefix(16))

        let xdg = try ConfigurationLoader.load(root: project.path, environment: ["XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"])
        #expect(xdg.cacheFolder == "/xdg/calcbook/" + digest)
        let home = try ConfigurationLoader.load(root: project.path, environment: ["HOME": "/home/u"])
        #expect(home.cacheFolder == "/home/u/.cache/calcbook/" + digest)
        // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        let relative = try ConfigurationLoader.load(root: project.path, environment: ["XDG_CACHE_HOME": "cache", "HOME": "/home/u"])
        #expect(relative.cacheFolder == "/home/u/.cache/calcbook/" + digest)
        // Nowhere to put it: no cache at all.
        #expect(try ConfigurationLoader.load(root: project.path, environment: [:]).cacheFolder == nil)
    }

    @Test func twoProjectsGetTwoFolders() throws {
        let first = try TemporaryFolder(["lessons/a.md": "# A\n"])
        let second = try TemporaryFolder(["lessons/a.md": "# A\n"])
        defer {
            first.remove()
            second.remove()
        }
        let environment = ["XDG_CACHE_HOME": "/xdg"]
        #expect(try ConfigurationLoader.load(root: first.path, environment: environment).cacheFolder
            != ConfigurationLoader.load(root: second.path, environment: environment).cacheFolder)
    }

    @Test func theFlagWinsOverTheFileAndNoCacheWinsOverBoth() throws {
        let project = try TemporaryFolder(["lessons/a.md": "# A\n", "calcbook.toml": "cache-dir = \".cache-here\"\n"])
        defer { project.remove() }
        let environment = ["XDG_CACHE_HOME": "/xdg"]
        let fromFile = try ConfigurationLoader.load(root: project.path, environment: environment)
        #expect(fromFile.cacheFolder?.hasPrefix(OutputLocation.absolute(project.path + "/.cache-here") + "/") == true)
        let fromFlag = try ConfigurationLoader.load(
            root: project.path, overrides: .init(cacheBase: "/elsewhere"), environment: environment)
        #expect(fromFlag.cacheFolder?.hasPrefix("/elsewhere/") == true)
        let none = try ConfigurationLoader.load(
            root: project.path, overrides: .init(cacheBase: "/elsewhere", noCache: true), environment: environment)
        #expect(none.cacheFolder == nil)
    }
}
