import MatrixCalculus

/// The engine's two properties, one case at a time, shared by the test suite (a few hundred
/// cases in CI) and the property benchmark (10⁵ in a release build):
///
/// - every derivative agrees with the engine's dual-number check (`checkDerivative`) and with
///   central differences of an independent evaluator (`NumericOracle`);
/// - `#expect`'s equality never accepts a randomly perturbed identity f == f + δ, where δ is
///   nonzero somewhere f is defined (a ramp or a step past a random breakpoint, a narrow bump, a
///   small relative change).
package enum EngineProperties {
    /// What one case came to.
    package enum Outcome: Sendable {
        case passed
        /// The generator made no case for this seed, or the engine refuses the derivative.
        case unsupported
        /// The check could not reach a verdict (no point where both sides are defined).
        case undecided(String)
        /// A wrong derivative or an accepted false identity.
        case failed(String)
    }

    package struct Tally: Sendable, CustomStringConvertible {
        package var cases = 0, unsupported = 0, undecided = 0, failures = 0
        package init() {}

        package mutating func add(_ outcome: Outcome) {
            switch outcome {
            case .unsupported: unsupported += 1
            case .passed: cases += 1
            case .undecided: cases += 1; undecided += 1
            case .failed: cases += 1; failures += 1
            }
        }

        package var description: String { "\(cases) cases, \(unsupported) unsupported, \(undecided) undecided, \(failures) failures" }
    }

    /// Derivative case `seed`: the derivative, checked by dual numbers and by central differences.
    package static func derivativeCase(seed: Int) -> Outcome {
        derivativeCase(seed: seed, trace: nil)
    }

    /// `trace`: told each stage as it starts (the benchmark's --trace, to see where a slow or
    /// failing seed spends its time).
    package static func derivativeCase(seed: Int, trace: ((String) -> Void)?) -> Outcome {
        var generator = PropertyGenerator(seed: UInt64(seed))
        let problem: DerivativeProblem
        do {
            problem = try generator.derivativeProblem(kind: seed % PropertyGenerator.derivativeKinds)
        } catch {
            return .unsupported
        }
        trace?("seed \(seed): \(problem.operation.rawValue) of \(problem.f) by \(problem.variable)")
        let claimed: Expr
        do {
            claimed = try problem.compute()
        } catch {
            guard case .unsupportedDerivative = error else {
                return .failed("seed \(seed): \(problem.operation.rawValue) of \(problem.f) by \(problem.variable) threw \(error)")
            }
            return .unsupported
        }
        trace?("claimed: \(claimed); dual-number check")
        var undecided: String?
        do {
            let verdict = try checkDerivative(claimed, problem.operation, of: problem.f, wrt: [problem.variable])
            if !verdict.passed {
                return .failed("seed \(seed): \(problem.operation.rawValue) of \(problem.f) by \(problem.variable): \(verdict)")
            }
        } catch {
            undecided = "seed \(seed): \(error)"
        }
        trace?("central differences")
        if let error = problem.finiteDifferenceError(claimed, seed: seed), error > 1e-4 {
            return .failed("seed \(seed): \(problem.operation.rawValue) of \(problem.f) by \(problem.variable) is \(claimed), \(error) away from central differences")
        }
        return undecided.map(Outcome.undecided) ?? .passed
    }

    /// Identity case `seed`: f == f + δ must be refused.
    package static func identityCase(seed: Int) -> Outcome {
        identityCase(seed: seed, trace: nil)
    }

    package static func identityCase(seed: Int, trace: ((String) -> Void)?) -> Outcome {
        var generator = PropertyGenerator(seed: UInt64(1_000_000 + seed))
        let pair: (Expr, Expr)?
        do {
            pair = try generator.perturbedIdentity(kind: seed % PropertyGenerator.perturbationKinds)
        } catch {
            return .unsupported
        }
        guard let (f, perturbed) = pair else { return .unsupported }
        trace?("seed \(seed): \(f) == \(perturbed)")
        do {
            if try checkEquality(f, perturbed).isEqual {
                return .failed("seed \(seed): accepted \(f) == \(perturbed)")
            }
        } catch {
            return .undecided("seed \(seed): \(error)")
        }
        return .passed
    }
}
