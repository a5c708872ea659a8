import Foundation
import Testing
@testable import MatrixCalculus

/// Every expression of the SymPy fixture (Fixtures/sympy-derivatives.json, the engine's
/// differential test) has its derivation: it ends in exactly the derivative the engine gives,
/// every step checked numerically, and names only rules with a row in the reference rule table.
/// Cases a derivation does not cover on purpose are listed in `outOfScope` with the reason;
/// nothing else is skipped.
@Suite struct SymPyDerivationCoverageTests {
    /// Fixture ids the derivation deliberately does not show, with the reason. Empty: every
    /// fixture expression has its derivation.
    static let outOfScope: [Int: String] = [:]

    static func ruleAnchors() throws -> Set<String> {
        let text = try String(contentsOf: DerivativeRuleTableTests.tableURL, encoding: .utf8)
        return Set(text.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { DerivativeRuleTableTests.anchor(String($0.dropFirst(4))) })
    }

    @Test func everyFixtureDerivativeHasItsDerivation() throws {
        let fixture = try SymPyFixture.load()
        let anchors = try Self.ruleAnchors()
        var failures: [String] = []
        var derived = 0, skipped = 0
        for c in fixture.cases {
            if Self.outOfScope[c.id] != nil {
                skipped += 1
                continue
            }
            do {
                let isVector = c.variables.count == 1 && c.variables[0].shape.isColumn
                let result = isVector ? try derivative(of: c.expression, wrt: c.variables[0]) : try derivative(of: c.expression, wrt: c.variables)
                let d = isVector ? try derivation(of: c.expression, wrt: c.variables[0]) : try derivation(of: c.expression, wrt: c.variables)
                guard d.result == result else {
                    failures.append("case \(c.id): \(c.expression): the derivation ends in \(d.result), derivative gives \(result)")
                    continue
                }
                let last = try WrittenDerivation(d, format: .text).rows.last?.rhs
                guard last == (try TextWriter().write(result)) else {
                    failures.append("case \(c.id): \(c.expression): the last line is \(last ?? "missing"), derivative prints \(try TextWriter().write(result))")
                    continue
                }
                guard d.steps.allSatisfy({ $0.verdict.isEqual }) else {
                    failures.append("case \(c.id): \(c.expression): a step was not verified")
                    continue
                }
                for rule in d.rules where !anchors.contains(rule.anchor) {
                    failures.append("case \(c.id): the rule \(rule.title) has no row in the rule table")
                }
                derived += 1
            } catch {
                failures.append("case \(c.id): \(c.expression): \(error)")
            }
        }
        print("SymPy derivation coverage: \(derived) of \(fixture.cases.count) derivatives derived, \(skipped) out of scope")
        #expect(skipped == Self.outOfScope.count)
        #expect(failures.isEmpty, "\(failures.count) of \(fixture.cases.count) cases:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
