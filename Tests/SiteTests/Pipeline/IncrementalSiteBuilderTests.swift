import Foundation
import Testing
@testable import Site

/// Preview's incremental builds: after each kind of edit, the output folder holds exactly the
/// bytes a whole build of the same sources writes, and edits that other pages depend on fall
/// back to rendering every page or to a whole build.
@Suite struct IncrementalSiteBuilderTests {
    static let lessons: [String: String] = [
        "lessons/index.md": "# Welcome\n\nStart with [the first lesson](part1/a.md).\n",
        "lessons/part1/a.md": """
            # Gradients

            Some prose about $\\nabla f$.

            ## Motivation

            ```swift
            let x, y: Scalar
            gradient(of: 3 * x^2 * y, wrt: [x, y])
            ```

            ## Shapes

            A gradient is a column.

            """,
        "lessons/part1/b.md": """
            # Jacobians

            See [shapes](a.md#shapes) and ![an arrow](images/arrow.svg "An arrow").

            ```swift
            let t: Scalar
            derivative(of: sin(t) * t^2, wrt: t)
            ```

            """,
        "lessons/part1/images/arrow.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        "lessons/part2/c.md": "# Hessians\n\nSecond-order terms.\n\n## Curvature\n\nText.\n",
    ]

    /// A project of the lessons above, a lesson cache of its own, and the incremental builder.
    struct Setup {
        let project: TemporaryFolder
        let cache: TemporaryFolder
        let builder = IncrementalSiteBuilder()

        init() throws {
            project = try TemporaryFolder(IncrementalSiteBuilderTests.lessons)
            cache = try TemporaryFolder()
        }

        var configuration: SiteConfiguration {
            SiteConfiguration(root: project.path, title: "Course", jobs: 2, keepGoing: true, cacheFolder: cache.path + "/project")
        }

        func build(changing paths: [String]) async throws -> IncrementalSiteBuilder.Outcome {
            try await builder.build(configuration, changed: paths.map { project.path + "/" + $0 })
        }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let text = try #require(project.read(path))
            let changed = change(text)
            #expect(changed != text, "the edit of \(path) changes nothing")
            try project.write(path, changed)
        }

        /// The output folder equals a whole build, without the cache, of the sources now.
        func expectSameAsWholeBuild(sourceLocation: SourceLocation = #_sourceLocation) async throws {
            var whole = configuration
            whole.output = "reference"
            whole.cacheFolder = nil
            _ = try await SiteBuilder(configuration: whole).build()
            let incremental = project.snapshot(of: "site"), reference = project.snapshot(of: "reference")
            #expect(incremental.keys.sorted() == reference.keys.sorted(), sourceLocation: sourceLocation)
            for (path, data) in reference where incremental[path] != data {
                Issue.record("site/\(path) differs from a whole build's", sourceLocation: sourceLocation)
            }
        }

        func remove() {
            project.remove()
            cache.remove()
        }
    }

    @Test func anEditOfProseWritesOnlyTheLessonsFilesAndTheSameBytesAsAWholeBuild() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        let first = try await setup.build(changing: [])
        #expect(first.kind == .whole(reason: nil))
        #expect(first.report.wroteSite)

        try setup.edit("lessons/part1/a.md") { $0.replacingOccurrences(of: "Some prose", with: "Other prose") }
        let edit = try await setup.build(changing: ["lessons/part1/a.md"])
        #expect(edit.kind == .lessons)
        // The page, its notebook and the search index.
        #expect(edit.filesWritten == 3)
        #expect(edit.report.cells == 1)
        #expect(setup.project.read("site/part1/a.html")?.contains("Other prose") == true)
        try await setup.expectSameAsWholeBuild()
    }

    @Test func anEditOfACellEvaluatesItAndMatchesAWholeBuild() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try await setup.build(changing: [])
        try setup.edit("lessons/part1/b.md") { $0.replacingOccurrences(of: "sin(t) * t^2", with: "cos(t) * t^3") }
        let edit = try await setup.build(changing: ["lessons/part1/b.md"])
        #expect(edit.kind == .lessons)
        #expect(edit.report.cells == 1)
        try await setup.expectSameAsWholeBuild()

        // A cell that fails: the page lists the error (keep-going), as a whole build's does.
        try setup.edit("lessons/part1/b.md") { $0.replacingOccurrences(of: "cos(t) * t^3", with: "cos(t) * undefinedName") }
        let broken = try await setup.build(changing: ["lessons/part1/b.md"])
        #expect(broken.kind == .lessons)
        #expect(broken.report.hasErrors)
        try await setup.expectSameAsWholeBuild()
    }

    @Test func anEditOfASectionHeadingStaysIncrementalAndAnEditOfATitleRendersEveryPage() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try await setup.build(changing: [])
        // Another lesson links to #shapes: the link is not checked by build, and no other page
        // shows a lesson's sections, so only this lesson's files change.
        try setup.edit("lessons/part1/a.md") { $0.replacingOccurrences(of: "## Shapes", with: "## Shapes and sizes") }
        let heading = try await setup.build(changing: ["lessons/part1/a.md"])
        #expect(heading.kind == .lessons)
        try await setup.expectSameAsWholeBuild()

        // The title is in every page's table of contents and the neighbours' links.
        try setup.edit("lessons/part1/a.md") { $0.replacingOccurrences(of: "# Gradients", with: "# Gradients of scalar fields") }
        let title = try await setup.build(changing: ["lessons/part1/a.md"])
        #expect(title.kind == .allPages(reason: "the title of lessons/part1/a.md changed"))
        #expect(title.filesWritten > 3)
        try await setup.expectSameAsWholeBuild()
    }

    @Test func changesBeyondLessonsTextAreWholeBuilds() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try await setup.build(changing: [])

        try setup.project.write("lessons/part2/d.md", "# Tensors\n\nNew.\n")
        #expect(try await setup.build(changing: ["lessons/part2/d.md"]).kind == .whole(reason: "lessons/part2/d.md was added"))
        try await setup.expectSameAsWholeBuild()

        try setup.project.write("lessons/SUMMARY.md", "# Summary\n\n- [Gradients](part1/a.md)\n- [Hessians](part2/c.md)\n")
        #expect(try await setup.build(changing: ["lessons/SUMMARY.md"]).kind == .whole(reason: "lessons/SUMMARY.md changed"))
        try await setup.expectSameAsWholeBuild()

        try FileManager.default.removeItem(atPath: setup.project.path + "/lessons/part2/d.md")
        #expect(try await setup.build(changing: ["lessons/part2/d.md"]).kind == .whole(reason: "lessons/part2/d.md was removed or cannot be read"))
        try await setup.expectSameAsWholeBuild()

        try setup.project.write("lessons/part1/images/arrow.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><path/></svg>\n")
        #expect(try await setup.build(changing: ["lessons/part1/images/arrow.svg"]).kind == .whole(reason: "lessons/part1/images/arrow.svg changed"))
        try await setup.expectSameAsWholeBuild()

        try setup.project.write("templates/assets/style.css", "body { color: black; }\n")
        #expect(try await setup.build(changing: ["templates/assets/style.css"]).kind == .whole(reason: "templates/assets/style.css changed"))
        try await setup.expectSameAsWholeBuild()

        // After all that, an edit of a lesson is incremental again.
        try setup.edit("lessons/part2/c.md") { $0 + "\nMore.\n" }
        #expect(try await setup.build(changing: ["lessons/part2/c.md"]).kind == .lessons)
        try await setup.expectSameAsWholeBuild()
    }

    /// Editors write files beside the lesson they save (Vim's `4913` write probe, backups
    /// such as `a.md~`): a file no lesson links to changes no page, so it builds nothing —
    /// an edit a moment later is still an incremental one.
    @Test func filesNoLessonLinksToBuildNothing() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try await setup.build(changing: [])
        let before = setup.project.snapshot(of: "site")

        try setup.project.write("lessons/part1/a.md~", "# Gradients (an older draft)\n")
        try setup.project.write("lessons/4913", "")
        let backups = try await setup.build(changing: ["lessons/part1/a.md~", "lessons/4913"])
        #expect(backups.kind == .unusedFiles(["lessons/part1/a.md~", "lessons/4913"]))
        #expect(backups.filesWritten == 0)
        #expect(setup.project.snapshot(of: "site") == before)
        try FileManager.default.removeItem(atPath: setup.project.path + "/lessons/4913")
        #expect(try await setup.build(changing: ["lessons/4913"]).kind == .unusedFiles(["lessons/4913"]))
        try await setup.expectSameAsWholeBuild()

        // An image saved before any lesson shows it builds nothing; the edit that links it
        // copies it, and a change of it after that is a whole build.
        try setup.project.write("lessons/part2/plot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        #expect(try await setup.build(changing: ["lessons/part2/plot.svg"]).kind == .unusedFiles(["lessons/part2/plot.svg"]))
        try setup.edit("lessons/part2/c.md") { $0 + "\n![A plot](plot.svg)\n" }
        #expect(try await setup.build(changing: ["lessons/part2/c.md"]).kind == .lessons)
        #expect(setup.project.read("site/part2/plot.svg") != nil)
        try await setup.expectSameAsWholeBuild()
        try setup.project.write("lessons/part2/plot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><path/></svg>\n")
        #expect(try await setup.build(changing: ["lessons/part2/plot.svg"]).kind == .whole(reason: "lessons/part2/plot.svg changed"))
        try await setup.expectSameAsWholeBuild()
    }

    /// The macro file and the bibliography are read by every lesson wherever they are, even
    /// inside the lessons folder where no lesson links to them.
    @Test func theMacroFileAndBibliographyInTheLessonsFolderAreWholeBuilds() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        try setup.project.write("lessons/macros.tex", "\\newcommand{\\R}{\\mathbb{R}}\n")
        try setup.project.write("lessons/references.json", "[]\n")
        var configuration = setup.configuration
        configuration.macros = "lessons/macros.tex"
        configuration.references = "lessons/references.json"
        _ = try await setup.builder.build(configuration, changed: [])
        for file in ["lessons/macros.tex", "lessons/references.json"] {
            let outcome = try await setup.builder.build(configuration, changed: [setup.project.path + "/" + file])
            #expect(outcome.kind == .whole(reason: "\(file) changed"))
        }
    }

    @Test func anOutputFolderRemovedUnderneathIsWrittenWhole() async throws {
        let setup = try Setup()
        defer { setup.remove() }
        _ = try await setup.build(changing: [])
        try FileManager.default.removeItem(atPath: setup.project.path + "/site")
        try setup.edit("lessons/part2/c.md") { $0 + "\nMore.\n" }
        let edit = try await setup.build(changing: ["lessons/part2/c.md"])
        #expect(edit.kind == .lessons)
        #expect(edit.filesWritten == edit.report.files)
        try await setup.expectSameAsWholeBuild()
    }
}
