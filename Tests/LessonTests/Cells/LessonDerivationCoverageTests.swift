import CellLanguage
import Foundation
import Testing
import MatrixCalculus

/// Every derivative the course computes can be shown as a derivation: each `derivative`,
/// `gradient`, `jacobian` and `hessian` that a cell of `lessons/**/*.md` evaluates (the claims
/// the lesson's session records) is derived step by step, must end in exactly the value the
/// call printed, and may name only rules that have a row in the reference rule table.
///
/// A Hessian has no derivation of its own: it is shown as the derivation of the gradient (as a
/// column) by the same variable, which is how the engine defines it. Cases a derivation does
/// not cover on purpose are listed in `outOfScope` with the reason; nothing else is skipped.
@Suite struct LessonDerivationCoverageTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Derivatives the derivation deliberately does not show, by the lesson cell's text of the
    /// call, with the reason. Empty: every derivative of the course has its derivation.
    static let outOfScope: [String: String] = [:]

    /// The `swift` cells of a lesson (not `no-eval`), at top level: a fence inside a longer
    /// fence (a Markdown example of a cell) is text, not a cell.
    static func cells(of text: String, file: String) -> [CellSource] {
        var cells: [CellSource] = []
        var open: (fence: String, line: Int, isCell: Bool, body: [String])?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.drop { $0 == " " }
            let ticks = line.prefix { $0 == "`" }
            if let current = open {
                if ticks.count >= current.fence.count, line.dropFirst(ticks.count).allSatisfy({ $0 == " " }) {
                    if current.isCell {
                        cells.append(CellSource(text: current.body.joined(separator: "\n"), file: file, line: current.line + 1))
                    }
                    open = nil
                } else {
                    open?.body.append(String(rawLine))
                }
            } else if ticks.count >= 3 {
                let words = line.dropFirst(ticks.count).split(separator: " ").map(String.init)
                let isCell = words.first == "swift" && !words.contains("no-eval")
                open = (String(ticks), index + 1, isCell, [])
            }
        }
        return cells
    }

    /// The headings' anchors of the rule table, as the site makes them.
    static func ruleAnchors() throws -> Set<String> {
        let text = try String(contentsOf: root.appendingPathComponent("lessons/reference/derivative-rules.md"), encoding: .utf8)
        return Set(text.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { heading in
            heading.dropFirst(4).lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }
                .map { $0 == " " ? "-" : String($0) }.joined()
        })
    }

    struct Key: Hashable {
        let operation: DerivativeOperation
        let function: Expr
        let variables: [Expr]
        let layout: Layout
    }

    /// Runs every lesson's cells in one session per lesson, as a build does, and collects the
    /// derivatives they compute (each distinct one once).
    static func lessonClaims() throws -> [(claim: DerivativeClaim, source: String)] {
        let lessons = root.appendingPathComponent("lessons")
        guard let walker = FileManager.default.enumerator(at: lessons, includingPropertiesForKeys: nil) else { return [] }
        var files: [URL] = []
        for case let url as URL in walker where url.pathExtension == "md" { files.append(url) }
        var seen: Set<Key> = []
        var claims: [(DerivativeClaim, String)] = []
        for url in files.sorted(by: { $0.path < $1.path }) {
            let text = try String(contentsOf: url, encoding: .utf8)
            let name = String(url.path.dropFirst(lessons.path.count + 1))
            let layout: Layout = text.contains("\nlayout: denominator\n") ? .denominator : .numerator
            var session = CellSession(options: CellOptions(layout: layout))
            for cell in cells(of: text, file: name) {
                for claim in session.run(cell: cell).claims {
                    let key = Key(operation: claim.operation, function: claim.function, variables: claim.variables, layout: claim.layout)
                    guard seen.insert(key).inserted else { continue }
                    let lines = cell.text.split(separator: "\n", omittingEmptySubsequences: false)
                    let line = claim.range.start.line - cell.line
                    let call = lines.indices.contains(line) ? lines[line].trimmingCharacters(in: .whitespaces) : cell.text
                    claims.append((claim, "\(name):\(claim.range.start.line): \(call)"))
                }
            }
        }
        return claims
    }

    /// The derivation standing for a claim: of the function itself, or for a Hessian of its
    /// gradient as a column.
    static func derivation(for claim: DerivativeClaim) throws -> Derivation {
        var function = claim.function
        let variables = claim.variables
        let isList = variables.count > 1 || (variables[0].shape.isScalar && claim.operation == .jacobian)
        if claim.operation == .hessian {
            function = isList
                ? try MatrixCalculus.derivative(of: function, wrt: variables, layout: .denominator)
                : try MatrixCalculus.derivative(of: function, wrt: variables[0], layout: .denominator)
        }
        if isList { return try MatrixCalculus.derivation(of: function, wrt: variables, layout: claim.layout) }
        return try MatrixCalculus.derivation(of: function, wrt: variables[0], layout: claim.layout)
    }

    /// The text of the derivation's last line, and of the result as `derivative` prints it.
    static func lastLineAndResult(_ d: Derivation, _ result: Expr) throws -> (String, String) {
        let written = try WrittenDerivation(d, format: .text)
        return (written.rows.last?.rhs ?? "", try TextWriter().write(result))
    }

    @Test func everyDerivativeOfTheLessonsHasItsDerivation() throws {
        let claims = try Self.lessonClaims()
        let anchors = try Self.ruleAnchors()
        var failures: [String] = []
        var derived = 0, skipped = 0
        for (claim, source) in claims {
            if Self.outOfScope.keys.contains(where: { source.hasSuffix($0) }) {
                skipped += 1
                continue
            }
            do {
                let d = try Self.derivation(for: claim)
                guard d.result == claim.result else {
                    failures.append("\(source): the derivation ends in \(d.result), the call gives \(claim.result)")
                    continue
                }
                let (last, result) = try Self.lastLineAndResult(d, claim.result)
                guard last == result else {
                    failures.append("\(source): the last line is \(last), the call prints \(result)")
                    continue
                }
                for rule in d.rules where !anchors.contains(rule.anchor) {
                    failures.append("\(source): the rule \(rule.title) has no row in the rule table")
                }
                derived += 1
            } catch {
                failures.append("\(source): \(error)")
            }
        }
        print("lesson derivation coverage: \(derived) of \(claims.count) derivatives derived, \(skipped) out of scope")
        #expect(claims.count >= 180, "the lessons compute \(claims.count) distinct derivatives; the cell extraction lost some")
        #expect(skipped == Self.outOfScope.count, "an out-of-scope entry no longer matches a derivative of the lessons")
        #expect(failures.isEmpty, "\(failures.count) of \(claims.count) derivatives:\n\(failures.joined(separator: "\n"))")
    }
}
