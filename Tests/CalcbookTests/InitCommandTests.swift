import Foundation
import Testing

/// `calcbook init` as a user runs it: a new folder that builds and checks as it stands.
@Suite struct InitCommandTests {
    @Test func aNewProjectBuildsAndChecksAsItStands() throws {
        let project = try ProjectFolder([:])
        defer { project.remove() }
        let started = try CalcbookProcess.run(["init", "course"], in: project.path)
        #expect(started.status == 0)
        #expect(started.standardError == """
            Started a calcbook project:
              course/calcbook.toml
              course/lessons/index.md
              course/lessons/SUMMARY.md
              course/lessons/first-lesson.md
              course/lessons/images/function-box.svg
              course/lessons/reference/tex-subset.md
              course/.github/workflows/calcbook.yml
              course/.gitignore
            Next: cd course && calcbook preview

            """)
        let course = project.path + "/course"
        let check = try CalcbookProcess.run(["check"], in: course)
        #expect(check.status == 0, "\(check.standardError)")
        #expect(check.standardError.hasSuffix("no problems\n"))
        let github = try CalcbookProcess.run(["check", "--format", "github"], in: course)
        #expect(github.status == 0)
        #expect(github.standardOutput == "")
        let build = try CalcbookProcess.run(["build"], in: course)
        #expect(build.status == 0, "\(build.standardError)")
        #expect(project.exists("course/site/first-lesson.html"))
    }

    @Test func aSecondInitWritesNothingAndExitsTwo() throws {
        let project = try ProjectFolder([:])
        defer { project.remove() }
        #expect(try CalcbookProcess.run(["init", "--quiet"], in: project.path).standardError == "")
        try Data("# Changed\n".utf8).write(to: URL(fileURLWithPath: project.path + "/lessons/index.md"))
        let again = try CalcbookProcess.run(["init"], in: project.path)
        #expect(again.status == 2)
        #expect(again.standardError.hasPrefix("error: calcbook.toml, lessons/index.md, lessons/SUMMARY.md"))
        #expect(project.read("lessons/index.md") == "# Changed\n")
    }
}
