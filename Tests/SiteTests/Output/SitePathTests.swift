import Testing
@testable import Site

@Suite struct SitePathTests {
    @Test func resolvesRelativePathsInsideTheFolder() {
        #expect(SitePath.resolve("images/plot.png", against: "part1") == "part1/images/plot.png")
        #expect(SitePath.resolve("../shared/plot.png", against: "part1") == "shared/plot.png")
        #expect(SitePath.resolve("./a/./b.png") == "a/b.png")
    }

    @Test func refusesPathsThatLeaveTheFolder() {
        #expect(SitePath.resolve("../secret.png") == nil)
        #expect(SitePath.resolve("../../x.png", against: "part1") == nil)
        #expect(SitePath.resolve("a/../../x.png") == nil)
    }

    @Test func recognisesSafeRelativePaths() {
        #expect(SitePath.isSafeRelative("assets/style.css"))
        #expect(!SitePath.isSafeRelative("/etc/passwd"))
        #expect(!SitePath.isSafeRelative("a/../b"))
        #expect(!SitePath.isSafeRelative("a//b"))
        #expect(!SitePath.isSafeRelative(""))
    }

    @Test func linksBetweenPagesAreRelative() {
        #expect(SitePath.link(from: "index.html", to: "notation.html") == "notation.html")
        #expect(SitePath.link(from: "part1/jacobian.html", to: "index.html") == "../index.html")
        #expect(SitePath.link(from: "part1/jacobian.html", to: "part1/hessian.html") == "hessian.html")
        #expect(SitePath.link(from: "part1/a/b.html", to: "part1/c/d.html") == "../c/d.html")
        #expect(SitePath.rootPrefix(from: "a/b/c.html") == "../../")
        #expect(SitePath.pagePath(forLesson: "part1/jacobian.md") == "part1/jacobian.html")
    }
}
