import Diagnostics
import Foundation
import Lesson
import Testing
@testable import Site

/// The lesson cache's binary form: what goes in comes back equal, and bytes that are not what
/// was written for the type asked for (cut short, damaged, another type's, read in another
/// order) are refused, never read as something else.
@Suite struct CompactCoderTests {
    func roundTrip<Value: Codable & Equatable>(_ value: Value, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let bytes = try CompactCoder.encode(value)
        #expect(try CompactCoder.decode(Value.self, from: bytes) == value, sourceLocation: sourceLocation)
    }

    @Test func everyLessonOfTheFixturesComesBackEqual() async throws {
        // Cells that ran and failed, diagnostics with notes, front matter, headings, links,
        // notebooks and search sections.
        for fixture in ["tour", "notebook", "authoring", "tex", "check-problems"] {
            let folder = try SiteBuilderTests.project(fixture)
            defer { folder.remove() }
            let analysis = try await SiteAnalysis.run(
                SiteConfiguration(root: folder.path, keepGoing: true), cacheAccess: .readOnly, identity: nil)
            #expect(!analysis.lessons.isEmpty)
            for lesson in analysis.lessons { try roundTrip(lesson.rendered) }
        }
    }

    @Test func valuesAtTheEdgesComeBackEqual() throws {
        let here = Diagnostics.SourceLocation(file: "lessons/ä b.md", line: 1, column: 1)
        var lesson = RenderedLesson(
            path: "lessons/x.md", title: "", description: nil, frontMatter: FrontMatter(entries: [.init(key: "title", value: "", location: here)], layout: .denominator),
            bodyHTML: "<p>∂ 👩‍👩‍👧 \u{0}\u{FFFD}</p>", headings: [], links: [],
            diagnostics: [
                Diagnostic(
                    id: "cell.error", severity: .warning, message: "m", location: nil,
                    highlights: [SourceRange(start: here, length: 3)],
                    notes: [.init("a note"), .init("there", at: here)],
                    fixIts: [.init("fix", range: SourceRange(start: here, end: here), replacement: "")]),
            ],
            notebookDocument: LessonNotebook(cells: [
                .markdown(""),
                .code(.init(source: "x", executionCount: nil, outputs: [], errorText: nil)),
                .code(.init(source: "y", executionCount: Int.max, outputs: [.init(text: "1", latex: "1", mathML: "<math/>")], errorText: "e", failedAsExpected: true, hidesSource: true, hidesOutput: true)),
            ]),
            sections: [LessonSection(heading: nil, anchor: nil, level: 0, text: "")])
        lesson.notebook.cellsRun = Int.min
        lesson.notebook.passed = [NotebookCheck(kind: .expectation, name: "n", location: here)]
        lesson.equationLabels = ["eq:a", ""]
        try roundTrip(lesson)
        try roundTrip([Int.min, -1, 0, 1, 127, 128, Int.max])
        try roundTrip([UInt64.max, 0])
        try roundTrip([Double.pi, -0.0, .infinity, Double.leastNonzeroMagnitude])
        try roundTrip([String?.none, "", "a"])
        try roundTrip([[Int]]())
        try roundTrip(["": [1], "key": []])
    }

    @Test func aValueWrittenToAFileInPiecesReadsBackEqual() throws {
        // A page larger than a piece (handed over as it is), and an array whose count is written
        // after its start went to the file (a late count).
        let page = String(repeating: "<p>∂f/∂x</p>\n", count: 300_000)
        let headings = (0..<60_000).map {
            LessonHeading(level: 2, text: "Section \($0)", anchor: "section-\($0)", location: Diagnostics.SourceLocation(file: "a.md", line: $0, column: 1))
        }
        struct Large: Codable, Equatable { var page: String; var headings: [LessonHeading]; var tail: [String] }
        let value = Large(page: page, headings: headings, tail: ["end"])
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/entry"
        let file = try FileDescriptorSink(replacing: path)
        try CompactCoder.write(value, to: file)
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.commit()
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.count > 2 * CompactCoder.Output.pieceBytes)
        #expect(Array(bytes) == (try CompactCoder.encode(value)))
        #expect(try CompactCoder.decode(Large.self, from: Array(bytes)) == value)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["entry"])
    }

    @Test func aFileThatCannotBeMadeIsTheSystemsError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        do {
            _ = try FileDescriptorSink(replacing: folder.path + "/no-such-folder/entry")
            Issue.record("made a file in a folder that does not exist")
        } catch {
            // As the cache's note shows it (`build --verbose`).
            #expect(AtomicSiteWriter.reason(error) == "no such file or directory")
        }
    }

    @Test func bytesCutShortAnywhereAreRefused() throws {
        let value = LessonHeading(level: 2, text: "Jacobian", anchor: "jacobian", location: Diagnostics.SourceLocation(file: "a.md", line: 300, column: 4))
        let bytes = try CompactCoder.encode([value, value])
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try CompactCoder.decode([LessonHeading].self, from: Array(bytes[..<length])) }
        }
        #expect(throws: (any Error).self) { try CompactCoder.decode([LessonHeading].self, from: bytes + [0]) }
    }

    @Test func damagedBytesAreRefusedOrReadAsTheTypeAsked() throws {
        // Changing any byte but a string's own bytes or a number's value makes the bytes
        // something other than two headings: a throw, never a crash or a read past the end.
        let value = LessonHeading(level: 2, text: "J", anchor: "j", location: Diagnostics.SourceLocation(file: "a.md", line: 3, column: 4))
        let bytes = try CompactCoder.encode([value, value])
        for index in bytes.indices {
            for replacement: UInt8 in [0x00, 0x01, 0x02, 0x03, 0x7F, 0x80, 0xFF] where replacement != bytes[index] {
                var damaged = bytes
                damaged[index] = replacement
                _ = try? CompactCoder.decode([LessonHeading].self, from: damaged)
            }
        }
        // A count far past the end is refused before anything is made room for.
        var huge = bytes
        huge.replaceSubrange(1..<9, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: (any Error).self) { try CompactCoder.decode([LessonHeading].self, from: huge) }
    }

    /// Two types whose synthesised coding differs only in what they read.
    struct Full: Codable, Equatable { var a: Int; var b: String }
    struct Partial: Codable, Equatable { var a: Int }
    struct Swapped: Codable, Equatable { var b: String; var a: Int }
    struct Renamed: Codable, Equatable { var a: Int; var c: String }
    enum Choice: Codable, Equatable { case none, one(Int), two(x: String, y: [Int]) }

    @Test func anotherTypesBytesAreRefused() throws {
        let bytes = try CompactCoder.encode(Full(a: 1, b: "x"))
        #expect(try CompactCoder.decode(Full.self, from: bytes) == Full(a: 1, b: "x"))
        // An entry left unread, keys in another order, another key: all refused.
        #expect(throws: (any Error).self) { try CompactCoder.decode(Partial.self, from: bytes) }
        #expect(throws: (any Error).self) { try CompactCoder.decode(Swapped.self, from: bytes) }
        #expect(throws: (any Error).self) { try CompactCoder.decode(Renamed.self, from: bytes) }
        #expect(throws: (any Error).self) { try CompactCoder.decode([Full].self, from: bytes) }
        #expect(throws: (any Error).self) { try CompactCoder.decode(String.self, from: bytes) }
        // An element left unread inside a value read whole is refused too.
        #expect(throws: (any Error).self) { try CompactCoder.decode([Partial].self, from: try CompactCoder.encode([Full(a: 1, b: "x")])) }
        #expect(throws: (any Error).self) { try CompactCoder.decode(Int8.self, from: try CompactCoder.encode(300)) }
    }

    @Test func enumsWithAndWithoutValuesComeBackEqual() throws {
        try roundTrip([Choice.none, .one(-5), .two(x: "", y: []), .two(x: "é", y: [1, 2])])
        try roundTrip([FrontMatter.Layout.numerator, .denominator])
    }
}
