import CellLanguage
import Diagnostics
import Foundation
import MatrixCalculus
import Testing
@testable import Lesson
@testable import Site

/// `calcbook check` end to end on a lesson whose derivatives are wrong. The engine is right, so
/// the wrong claims are injected where the verifier reads them — as a wrong differentiation
/// rule would produce them: the gradient's sign flipped, the Jacobian's transpose missing, the
/// Hessian's factor of 2 dropped. Each is reported once, at its call, in every output format.
@Suite struct DerivativeVerificationCheckTests {
    static var wrongRules: DerivativeVerification {
        var verification = DerivativeVerification()
        verification.claimUnderCheck = { claim in
            var wrong = claim
            switch claim.operation {
            case .gradient: wrong.result = (try? Expr.negate(claim.result)) ?? claim.result
            case .jacobian: wrong.result = (try? Expr.transpose(claim.result)) ?? claim.result
            case .hessian: wrong.result = (try? Expr.divide(claim.result, .number(2))) ?? claim.result
            case .derivative: break
            }
            return wrong
        }
        return verification
    }

    static func check(_ verification: DerivativeVerification) async throws -> (SiteCheckReport, TemporaryFolder) {
        let folder = try SiteBuilderTests.project("check-derivatives")
        var checker = SiteChecker(configuration: SiteConfiguration(root: folder.path, title: "Check", jobs: 2))
        checker.verification = verification
        return (try await checker.check(), folder)
    }

    @Test func eachWrongDerivativeIsReportedOnceAtItsCall() async throws {
        let (report, folder) = try await Self.check(Self.wrongRules)
        defer { folder.remove() }
        let found = report.diagnostics.map { "\($0.id) \($0.location.map(\.description) ?? "-") \($0.message)" }
        #expect(found == [
            "math.derivative-mismatch lessons/derivatives.md:14:46 the gradient in an inline value does not match its numeric check",
            "math.derivative-mismatch lessons/derivatives.md:17:9 the Jacobian in cell [2] does not match its numeric check",
            "math.derivative-mismatch lessons/derivatives.md:22:1 the Hessian in cell [3] does not match its numeric check",
            "math.derivative-mismatch lessons/derivatives.md:27:9 the gradient in cell [4] does not match its numeric check",
        ])
        #expect(report.derivativesVerified == 1)
        #expect(report.hasErrors)
        #expect(report.summary == "Checked 1 lesson, 4 cells (1 derivative verified; 1 #expect held: 1 symbolically, 0 at random points), 10 links (16 checks): 4 errors, 0 warnings")
    }

    @Test func theReportMatchesTheGoldenFilesInEveryFormat() async throws {
        let (report, folder) = try await Self.check(Self.wrongRules)
        defer { folder.remove() }
        let text = TextDiagnosticWriter(sources: report.sources, colored: false).write(report.diagnostics) + report.summary + "\n"
        try Golden.assertMatches([
            "text.txt": Data(text.utf8),
            "json.json": Data(JSONDiagnosticWriter().write(report.diagnostics).utf8),
            "github.txt": Data(GitHubDiagnosticWriter().write(report.diagnostics).utf8),
            "junit.xml": Data(JUnitWriter(name: "calcbook check").write(report.junitSuites).utf8),
        ], named: "check-derivatives")
    }

    @Test func theRightDerivativesPass() async throws {
        let (report, folder) = try await Self.check(DerivativeVerification())
        defer { folder.remove() }
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        #expect(report.summary == "Checked 1 lesson, 4 cells (5 derivatives verified; 1 #expect held: 1 symbolically, 0 at random points), 10 links (20 checks): no problems")
    }
}
