import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Diagnostics

/// The JUnit report has the structure CI servers read (Jenkins' and Ant's JUnit format):
/// `testsuites` → `testsuite` → `testcase` → `failure`, with consistent counts.
@Suite struct JUnitWriterTests {
    static let location = SourceLocation(file: "lessons/a & b.md", line: 3, column: 7)

    static let suites = [
        JUnitTestSuite(name: "lessons/a & b.md", cases: [
            JUnitTestCase(name: "link x.md (line 3)", className: "lessons.a & b", location: location, problems: [
                Diagnostic(id: "link.broken", message: "'x.md' is \"missing\" <here>", location: location,
                           notes: [.init("a note")]),
            ]),
            JUnitTestCase(name: "link y.md (line 4)", className: "lessons.a & b", location: location),
            JUnitTestCase(name: "note only", className: "lessons.a & b", location: nil, problems: [
                Diagnostic(id: "x.note", severity: .note, message: "just a note", location: nil),
            ]),
        ]),
        JUnitTestSuite(name: "project", cases: []),
    ]

    @Test func theReportHasTheStructureCIServersRead() throws {
        let xml = JUnitWriter(name: "calcbook check").write(Self.suites)
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "3")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 2)
        for suite in suites {
            let cases = suite.elements(forName: "testcase")
            #expect(suite.attribute(forName: "tests")?.stringValue == String(cases.count))
            let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
            #expect(suite.attribute(forName: "failures")?.stringValue == String(failing.count))
            for name in ["name", "errors", "skipped", "time"] {
                #expect(suite.attribute(forName: name) != nil, "testsuite lacks \(name)")
            }
            // The attributes Jenkins' junit-10.xsd allows, and no others (it rejects the rest).
            let suiteAttributes: Set<String> = [
                "name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp", "hostname",
                "id", "package", "file", "log", "url", "version",
            ]
            #expect(Set((suite.attributes ?? []).compactMap(\.name)).isSubset(of: suiteAttributes))
            for testCase in cases {
                #expect(testCase.attribute(forName: "name") != nil)
                #expect(testCase.attribute(forName: "classname") != nil)
                #expect(Set((testCase.attributes ?? []).compactMap(\.name)).isSubset(of: ["name", "time", "classname", "group"]))
            }
        }
        let first = try #require(suites.first?.elements(forName: "testcase").first)
        #expect(first.attribute(forName: "name")?.stringValue == "link x.md (line 3)")
        let failure = try #require(first.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "'x.md' is \"missing\" <here>")
        #expect(failure.attribute(forName: "type")?.stringValue == "link.broken")
        #expect(failure.stringValue == "lessons/a & b.md:3:7: error: 'x.md' is \"missing\" <here>\nnote: a note")
    }

    @Test func controlCharactersNeverMakeTheXMLInvalid() throws {
        let suite = JUnitTestSuite(name: "s\u{1}", cases: [
            JUnitTestCase(name: "c", className: "k", location: nil, problems: [
                Diagnostic(id: "x", message: "bell \u{7} here", location: nil),
            ]),
        ])
        let xml = JUnitWriter(name: "n").write([suite])
        _ = try XMLDocument(xmlString: xml, options: [])
        #expect(xml.contains("bell \u{FFFD} here"))
    }

    @Test func aWarningIsNeverAFailureAndFailuresCountErrors() throws {
        let location = SourceLocation(file: "lessons/a.md", line: 2, column: 1)
        let suite = JUnitTestSuite(name: "lessons/a.md", cases: [
            JUnitTestCase(name: "two errors", className: "lessons.a", location: location, problems: [
                Diagnostic(id: "e.one", message: "first", location: location),
                Diagnostic(id: "e.two", message: "second", location: location),
            ]),
            JUnitTestCase(name: "a warning", className: "lessons.a", location: location, problems: [
                Diagnostic(id: "w", severity: .warning, message: "careful", location: location),
            ]),
            JUnitTestCase(name: "passed", className: "lessons.a", location: location),
        ])
        let xml = JUnitWriter(name: "calcbook check").write([suite])
        let root = try #require(try XMLDocument(xmlString: xml, options: []).rootElement())
        // As the text summary counts: 2 errors (a failure each), the warning is not one.
        #expect(root.attribute(forName: "tests")?.stringValue == "3")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        #expect(root.attribute(forName: "errors")?.stringValue == "0")
        let cases = root.elements(forName: "testsuite").first?.elements(forName: "testcase") ?? []
        #expect(cases.map { $0.elements(forName: "failure").count } == [2, 0, 0])
        #expect(cases[1].elements(forName: "system-out").first?.stringValue == "lessons/a.md:2:1: warning: careful")
        #expect(root.elements(forName: "testsuite").first?.attribute(forName: "failures")?.stringValue == "2")
    }
}
