import Diagnostics
import MatrixCalculus

/// The numeric verification of the derivatives a lesson computes ("Correct math,
/// or no page"): each `DerivativeClaim` of a cell is compared with the engine's independent
/// check — forward-mode dual numbers at seeded random points, no symbolic rule involved — so a
/// wrong rule in the differentiator stops the build instead of reaching a reader.
///
/// It runs in the evaluate step of a lesson, for `build` and `check` alike, and after every cell
/// of `calcbook eval` and `calcbook repl` (unless `--no-verify`). The points are seeded, so the
/// same lesson always gives the same verdicts and the same diagnostics. A claim the check
/// cannot decide (no point where it is defined, a function dual numbers do not support, too
/// much work) is never counted as verified: it is counted as not verifiable and reported with a
/// note-severity diagnostic that says why.
public struct DerivativeVerification: Sendable {
    /// Points, tolerances, sizes for symbolic dimensions and the seed.
    public var options: NumericCheckOptions
    /// The most work one claim may cost (see `estimatedWork`): a claim beyond it is not
    /// verifiable rather than a check that outlasts the cell's own budget. The default is a few
    /// seconds of a debug build at most, within the default 10-second time limit of a cell.
    public var workLimit: Int
    /// The most work the checks of one cell (or inline value) may cost together, so that many
    /// claims in one cell do not add up beyond its time limit either.
    public var cellWorkLimit: Int
    /// What the verifier checks in place of the claim, for tests of the verification itself:
    /// the engine's derivatives are right, so a test swaps in a wrong result here (a flipped
    /// sign, a missing transpose) the way a wrong rule in the engine would produce it.
    package var claimUnderCheck: (@Sendable (DerivativeClaim) -> DerivativeClaim)?
    /// Verdicts already reached by the other lessons of the same build (see `SharedVerdicts`);
    /// `nil` checks every claim itself. Set it once the settings above are final.
    public var sharedVerdicts: SharedVerdicts?

    public init(options: NumericCheckOptions = NumericCheckOptions(), workLimit: Int = 500_000, cellWorkLimit: Int = 1_500_000) {
        self.options = options
        self.workLimit = workLimit
        self.cellWorkLimit = cellWorkLimit
    }

    /// Every setting that changes a verdict, for caches of evaluated lessons: the same text
    /// means the same verdicts for the same claims.
    public var settingsDescription: String {
        let o = options
        return "points=\(o.points),attempts=\(o.maxAttempts),rtol=\(o.relativeTolerance),atol=\(o.absoluteTolerance),"
            + "sizes=\(o.sizes.lowerBound)...\(o.sizes.upperBound),boundary=\(o.boundaryMargin),"
            + "conditioning=\(o.conditioningMargin),seed=\(o.seed),work=\(workLimit),cell-work=\(cellWorkLimit)"
            + (claimUnderCheck == nil ? "" : ",claims-under-test")
    }

    /// Verifies the claims of one cell or inline value; `place` names it in messages
    /// ("cell [3]", "an inline value").
    public func verify(_ claims: [DerivativeClaim], in place: String) -> DerivativeVerificationReport {
        var verdicts = VerdictCache()
        return verify(claims, in: place, remembering: &verdicts)
    }

    /// Verdicts by claim, whatever its place: a lesson that shows `gradient(of: f, wrt: x)`
    /// inline and checks it again in an `#expect` pays for one numeric check.
    package struct VerdictCache {
        fileprivate var verdicts: [DerivativeClaim: Verdict] = [:]

        package init() {}
    }

    package func verify(_ claims: [DerivativeClaim], in place: String, remembering cache: inout VerdictCache) -> DerivativeVerificationReport {
        var report = DerivativeVerificationReport()
        var spent = 0
        for claim in claims {
            let checked = claimUnderCheck?(claim) ?? claim
            var key = checked
            key.range = SourceRange(start: SourceLocation(file: "", line: 0, column: 0), length: 0)
            let verdict: Verdict
            if let known = cache.verdicts[key] {
                verdict = known
            } else {
                let work = Self.estimatedWork(checked, options: options)
                if work <= workLimit && spent + work > cellWorkLimit {
                    // Not remembered: in a cell with fewer claims the same claim fits.
                    verdict = .unverifiable("the checks of \(place) together would take more than its limit of \(cellWorkLimit) units of work")
                } else {
                    if work <= workLimit { spent += work }
                    if let shared = sharedVerdicts?.verdict(for: key) {
                        verdict = shared
                    } else {
                        verdict = self.verdict(for: checked, work: work)
                        sharedVerdicts?.remember(verdict, for: key)
                    }
                    cache.verdicts[key] = verdict
                }
            }
            switch verdict {
            case .verified:
                report.verified += 1
                report.verifiedClaims.append(claim)
            case .unverifiable(let reason):
                report.unverifiable += 1
                report.diagnostics.append(Diagnostic(
                    id: "math.derivative-unverifiable", severity: .note,
                    message: "the \(Self.name(of: checked.operation)) in \(place) cannot be checked numerically: \(reason)",
                    location: checked.range.start, highlights: [checked.range]))
            case .failed(let notes):
                report.diagnostics.append(Diagnostic(
                    id: "math.derivative-mismatch",
                    message: "the \(Self.name(of: checked.operation)) in \(place) does not match its numeric check",
                    location: checked.range.start, highlights: [checked.range],
                    notes: ([Self.question(checked)] + notes).map { Diagnostic.Note($0) }))
            }
        }
        return report
    }

    package enum Verdict: Sendable {
        case verified
        case unverifiable(String)
        /// The notes that show the difference.
        case failed([String])
    }

    package func verdict(for claim: DerivativeClaim, work: Int) -> Verdict {
        guard work <= workLimit else {
            return .unverifiable("checking it would take about \(work) units of work, more than the limit of \(workLimit)")
        }
        let verdict: DerivativeVerdict
        do {
            verdict = try checkDerivative(
                claim.result, claim.operation, of: claim.function, wrt: claim.variables,
                layout: claim.layout, options: options)
        } catch {
            return .unverifiable(error.description)
        }
        switch verdict {
        case .passed:
            return .verified
        case .wrongShape(let expected, let claimed):
            return .failed([
                "symbolic result: \(Self.text(claim.result)), a \(claimed)",
                "the numeric check expects a \(expected) in \(claim.layout) layout",
            ])
        case .mismatch(let counterexample):
            var (symbolic, numeric) = (Self.text(counterexample.left), Self.text(counterexample.right))
            if symbolic == numeric {
                // Equal to 6 digits: the difference high precision found (10⁻¹² relatively).
                symbolic += " (precisely \(counterexample.leftText))"
                numeric += " (precisely \(counterexample.rightText))"
            }
            return .failed([
                "symbolic result: \(Self.text(claim.result))",
                "at the point \(Self.text(counterexample.point))",
                "symbolic value there: \(symbolic)",
                "numeric value there (dual numbers): \(numeric)",
            ])
        }
    }

    /// The work of checking a claim, in units of roughly a microsecond of a debug build: at each
    /// point the dual-number check evaluates the function once per coordinate of the variables
    /// (squared, with nested dual numbers, for a Hessian) and the claimed value once; an
    /// evaluation costs, per distinct node, a fixed overhead plus its entry operations.
    /// Symbolic sizes count at their largest sampled value. Deterministic, so a claim is
    /// skipped on every machine or on none.
    package static func estimatedWork(_ claim: DerivativeClaim, options: NumericCheckOptions) -> Int {
        let largest = max(options.sizes.upperBound, 1)
        func size(_ d: Dimension) -> Int { d.concreteValue ?? largest }
        func nodeWork(_ root: Expr) -> Int {
            var seen: Set<ObjectIdentifier> = []
            var stack = [root]
            var work = 0
            while let node = stack.popLast() {
                guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
                work += 10 + cost(of: node, size)
                stack.append(contentsOf: node.children)
            }
            return work
        }
        let coordinates = claim.variables.reduce(0) { $0 + size($1.shape.rows) * size($1.shape.cols) }
        let evaluations = claim.operation == .hessian ? 2 * coordinates * coordinates + 1 : coordinates + 1
        let (functionWork, overflow1) = evaluations.multipliedReportingOverflow(by: nodeWork(claim.function))
        let (work, overflow2) = (functionWork + nodeWork(claim.result)).multipliedReportingOverflow(by: options.points)
        return overflow1 || overflow2 ? Int.max : work
    }

    /// Entry operations of one node: cubic for a matrix product, inverse or determinant,
    /// linear in the entries otherwise.
    private static func cost(of node: Expr, _ size: (Dimension) -> Int) -> Int {
        switch node.kind {
        case .inverse(let a), .reduction(.det, let a):
            let n = size(a.shape.rows)
            return n * n * n
        case .product(_, _, let factors) where factors.count > 1:
            // Left to right: (r × kᵢ) times (kᵢ × cᵢ) for each further factor.
            let r = size(factors[0].shape.rows)
            return factors.dropFirst().reduce(0) { $0 + r * size($1.shape.rows) * size($1.shape.cols) }
        default:
            return size(node.shape.rows) * size(node.shape.cols)
        }
    }

    package static func name(of operation: DerivativeOperation) -> String {
        switch operation {
        case .derivative: "derivative"
        case .gradient: "gradient"
        case .jacobian: "Jacobian"
        case .hessian: "Hessian"
        }
    }

    /// "gradient of xᵀAx with respect to x (numerator layout)".
    private static func question(_ claim: DerivativeClaim) -> String {
        let variables = claim.variables.map(text)
        let wrt = variables.count == 1 ? variables[0] : "[" + variables.joined(separator: ", ") + "]"
        return "checked: the \(name(of: claim.operation)) of \(text(claim.function)) with respect to \(wrt) (\(claim.layout) layout)"
    }

    private static func text(_ e: Expr) -> String {
        (try? TextWriter().write(e)) ?? "(a value too large to write)"
    }

    /// "x = [0.5, −1.25]ᵀ, A = [[1, 2], [3, 4]]; n = 2": symbols by name, then the sizes.
    package static func text(_ point: Point) -> String {
        let symbols = point.values.sorted { $0.key.name < $1.key.name }.map { "\($0.key.name) = \(text($0.value))" }
        let sizes = point.sizes.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
        let parts = [symbols.joined(separator: ", "), sizes.joined(separator: ", ")].filter { !$0.isEmpty }
        return parts.isEmpty ? "(no variables)" : parts.joined(separator: "; ")
    }

    /// A number array in the notation of `TextWriter`: `0.5`, a column `[0.5, −1.25]ᵀ`, a row
    /// `[0.5, −1.25]`, a matrix `[[1, 2], [3, 4]]` by rows; entries rounded to 6 digits.
    package static func text(_ value: Value) -> String {
        let entries = value.entries.map { text($0.doubleValue) }
        if value.rows == 1 && value.cols == 1 { return entries[0] }
        if value.cols == 1 { return "[" + entries.joined(separator: ", ") + "]ᵀ" }
        if value.rows == 1 { return "[" + entries.joined(separator: ", ") + "]" }
        return "[" + (0..<value.rows).map { i in
            "[" + entries[(i * value.cols)..<((i + 1) * value.cols)].joined(separator: ", ") + "]"
        }.joined(separator: ", ") + "]"
    }

    /// Six significant digits, without trailing zeros, with the minus sign of the textbook.
    package static func text(_ number: Double) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number < 0 ? "−∞" : "∞") }
        guard number != 0 else { return "0" }
        let magnitude = abs(number)
        let exponent = Int((magnitude.log10Floor))
        let digits = 5 - exponent
        var rounded = magnitude
        if digits >= 0 && digits <= 22 {
            let scale = Double.powerOfTen(digits)
            rounded = (magnitude * scale).rounded() / scale
        } else if digits < 0 && -digits <= 22 {
            let scale = Double.powerOfTen(-digits)
            rounded = (magnitude / scale).rounded() * scale
        }
        var written = "\(rounded)"
        if written.hasSuffix(".0") { written.removeLast(2) }
        return (number < 0 ? "−" : "") + written
    }
}

/// What verifying one cell's claims found.
public struct DerivativeVerificationReport: Hashable, Sendable {
    /// Claims that agreed with the numeric check at every point.
    public var verified = 0
    /// Those claims, in order: their values are marked "checked" on the page.
    public var verifiedClaims: [DerivativeClaim] = []
    /// Claims the numeric check could not decide (each has a note-severity diagnostic).
    public var unverifiable = 0
    /// An error per wrong claim, a note per unverifiable one.
    public var diagnostics: [Diagnostic] = []

    public init() {}
}

extension Double {
    /// ⌊log₁₀ x⌋ for x > 0, by counting, so no Foundation is needed.
    fileprivate var log10Floor: Int {
        var exponent = 0
        var x = self
        while x >= 10 { x /= 10; exponent += 1 }
        while x < 1 { x *= 10; exponent -= 1 }
        return exponent
    }

    fileprivate static func powerOfTen(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}

/// The verdicts of one build's numeric checks, shared by all its lessons: a course whose
/// lessons compute the same derivative (`gradient(of: x' * A * x, wrt: x)` in every chapter)
/// pays for one check. A verdict depends only on the claim (without its place) and the
/// verification's settings, and the work a lesson counts against its limits is counted whether
/// or not the verdict came from here, so the pages do not depend on which lesson was checked
/// first. Only decided verdicts are kept: "cannot be checked" may come from a time limit.
public final class SharedVerdicts: Sendable {
    /// Enough claims for any course.
    private let memo = SharedMemo<DerivativeClaim, DerivativeVerification.Verdict>(capacity: 50_000)

    public init() {}

    func verdict(for claim: DerivativeClaim) -> DerivativeVerification.Verdict? {
        memo.value(for: claim)
    }

    func remember(_ verdict: DerivativeVerification.Verdict, for claim: DerivativeClaim) {
        if case .unverifiable = verdict { return }
        memo.remember(verdict, for: claim)
    }
}
