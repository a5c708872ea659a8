/// One test case of a JUnit report: something that was checked, and the problems found in it
/// (none: it passed).
public struct JUnitTestCase: Hashable, Sendable {
    public var name: String
    /// The group a dashboard lists the case under (JUnit's `classname`).
    public var className: String
    public var location: SourceLocation?
    /// Errors become `<failure>`s; warnings go to the case's `<system-out>` (a warning never
    /// fails a check, so it never fails a test); notes are left out.
    public var problems: [Diagnostic]

    public init(name: String, className: String, location: SourceLocation?, problems: [Diagnostic] = []) {
        self.name = name
        self.className = className
        self.location = location
        self.problems = problems
    }

    var failures: [Diagnostic] { problems.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { problems.filter { $0.severity == .warning } }
}

/// A JUnit test suite: a lesson, with its cells, `#expect`s, formulas and links as cases.
public struct JUnitTestSuite: Hashable, Sendable {
    public var name: String
    public var cases: [JUnitTestCase]

    public init(name: String, cases: [JUnitTestCase]) {
        self.name = name
        self.cases = cases
    }

    /// The `<failure>`s of the suite: one per error.
    var failureCount: Int { cases.reduce(0) { $0 + $1.failures.count } }
}

/// Writes a JUnit XML report (`<testsuites>` → `<testsuite>` → `<testcase>` → `<failure>`),
/// the shape Jenkins, GitLab and GitHub test reporters read, for CI dashboards.
///
/// Each error is one `<failure>` whose `message` is the diagnostic's message and whose
/// `type` is its stable id; the text holds `path:line:column: severity: message` and the
/// notes. `failures` counts `<failure>`s, so it is the error count of the text summary;
/// `errors` (JUnit's "the test itself crashed") is always 0. Passing checks are cases
/// without a failure, so `tests` counts everything checked. Deterministic: no timestamps, no
/// host names, `time` always 0.
public struct JUnitWriter: Sendable {
    public var name: String

    public init(name: String) {
        self.name = name
    }

    public func write(_ suites: [JUnitTestSuite]) -> String {
        let tests = suites.reduce(0) { $0 + $1.cases.count }
        let failures = suites.reduce(0) { total, suite in total + suite.failureCount }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" time=\"0\">\n"
        for (index, suite) in suites.enumerated() {
            xml += "  <testsuite name=\"\(escape(suite.name))\" id=\"\(index)\" tests=\"\(suite.cases.count)\" failures=\"\(suite.failureCount)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
            for testCase in suite.cases {
                // Only the attributes Jenkins' junit-10.xsd allows on a test case (the schema CI
                // servers validate against): no `file`/`line` — the line is in the case's name
                // and the file in its class name and in the failure text.
                let attributes = "name=\"\(escape(testCase.name))\" classname=\"\(escape(testCase.className))\" time=\"0\""
                let failures = testCase.failures, warnings = testCase.warnings
                if failures.isEmpty && warnings.isEmpty {
                    xml += "    <testcase \(attributes)/>\n"
                    continue
                }
                xml += "    <testcase \(attributes)>\n"
                for failure in failures {
                    xml += "      <failure message=\"\(escape(failure.message))\" type=\"\(escape(failure.id))\">"
                    xml += escape(body(of: failure), inAttribute: false) + "</failure>\n"
                }
                if !warnings.isEmpty {
                    xml += "      <system-out>" + escape(warnings.map(body(of:)).joined(separator: "\n"), inAttribute: false) + "</system-out>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private func body(of diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        let place = diagnostic.location.map { "\($0): " } ?? ""
        lines.append("\(place)\(diagnostic.severity.rawValue): \(diagnostic.message)")
        for note in diagnostic.notes {
            let notePlace = note.location.map { "\($0): " } ?? ""
            lines.append("\(notePlace)note: \(note.message)")
        }
        return lines.joined(separator: "\n")
    }

    /// XML text and attribute escaping; control characters XML 1.0 forbids become U+FFFD.
    private func escape(_ text: String, inAttribute: Bool = true) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += inAttribute ? "&#10;" : "\n"
            case "\t", "\r": out += "&#\(scalar.value);"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
