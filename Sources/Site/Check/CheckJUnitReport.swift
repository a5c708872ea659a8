import Diagnostics
import Lesson

extension SiteCheckReport {
    /// The check as JUnit suites for CI dashboards: one suite per lesson, a case per link, per
    /// cell that ran as it should and per `#expect` that held (passing cases, so `tests` counts
    /// what was checked), and per other problem found in it (a failing cell or `#expect`, a
    /// formula), in the order of the lesson; and a `project` suite
    /// for problems that belong to no lesson (`SUMMARY.md`, folders). Every diagnostic lands
    /// in exactly one case.
    public var junitSuites: [JUnitTestSuite] {
        var remaining = diagnostics
        var suites: [JUnitTestSuite] = []
        for lesson in lessons {
            let className = Self.className(lesson.path)
            var cases: [JUnitTestCase] = []
            for link in lesson.links {
                let kind = link.isImage ? "image" : "link"
                var problems: [Diagnostic] = []
                remaining.removeAll { diagnostic in
                    guard diagnostic.id.hasPrefix("link."), diagnostic.location == link.location else { return false }
                    problems.append(diagnostic)
                    return true
                }
                cases.append(JUnitTestCase(
                    name: "\(kind) \(link.destination) (line \(link.location.line))", className: className,
                    location: link.location, problems: problems))
            }
            for check in lesson.passed {
                cases.append(JUnitTestCase(
                    name: "\(check.name) (line \(check.location.line))", className: className, location: check.location))
            }
            remaining.removeAll { diagnostic in
                guard let location = diagnostic.location, location.file == lesson.path else { return false }
                cases.append(JUnitTestCase(
                    name: "\(diagnostic.id) (line \(location.line))", className: className,
                    location: location, problems: [diagnostic]))
                return true
            }
            // In the order of the lesson; a stable sort keeps a link's case before a problem at
            // the same place.
            let ordered = cases.enumerated().sorted { a, b in
                let left = a.element.location.map { ($0.line, $0.column) } ?? (Int.max, Int.max)
                let right = b.element.location.map { ($0.line, $0.column) } ?? (Int.max, Int.max)
                return left != right ? left < right : a.offset < b.offset
            }.map(\.element)
            suites.append(JUnitTestSuite(name: lesson.path, cases: ordered))
        }
        if !remaining.isEmpty {
            suites.append(JUnitTestSuite(name: "project", cases: remaining.map { diagnostic in
                JUnitTestCase(
                    name: diagnostic.id + (diagnostic.location.map { " (\($0.file) line \($0.line))" } ?? ""),
                    className: "project", location: diagnostic.location, problems: [diagnostic])
            }))
        }
        return suites
    }

    /// `lessons/part1/jacobian.md` → `lessons.part1.jacobian`, the dotted form dashboards group by.
    static func className(_ path: String) -> String {
        let withoutExtension = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        return withoutExtension.split(separator: "/").joined(separator: ".")
    }
}
