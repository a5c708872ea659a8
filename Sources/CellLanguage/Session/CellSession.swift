import Diagnostics
import MatrixCalculus

/// One value shown by a cell: the value of a bare expression statement, with the statement's
/// place in the lesson file (so a page can put the output beside its source).
public struct CellOutput: Sendable {
    public var value: Expr
    public var range: SourceRange
    /// The steps, when the statement is `derivation(of:wrt:)`; `value` is then its result.
    public var derivation: Derivation?

    public init(value: Expr, range: SourceRange, derivation: Derivation? = nil) {
        self.value = value
        self.range = range
        self.derivation = derivation
    }
}

/// What running a cell gives: its outputs in order, or the diagnostics that stopped it.
public struct CellResult: Sendable {
    public var outputs: [CellOutput]
    public var diagnostics: [Diagnostic]
    /// How many `#expect` checks held (all of the cell's, when it succeeded).
    public var expectationsPassed: Int
    /// Of those, how many simplification decided; the others agreed at random points.
    public var expectationsSymbolic: Int
    /// Every derivative the cell computed, in evaluation order (up to the failing statement).
    public var claims: [DerivativeClaim]
    /// The `#expect`s that held, in order; empty when the cell failed.
    public var expectations: [HeldExpectation]
    /// When the cell failed: the values its statements before the failing one showed, which
    /// `eval` and the REPL print (a page shows a failed cell's error only, so `outputs` is empty).
    public var outputsBeforeFailure: [CellOutput] = []

    public init(
        outputs: [CellOutput], diagnostics: [Diagnostic], expectationsPassed: Int, expectationsSymbolic: Int = 0,
        claims: [DerivativeClaim] = [], expectations: [HeldExpectation] = []
    ) {
        self.outputs = outputs
        self.diagnostics = diagnostics
        self.expectationsPassed = expectationsPassed
        self.expectationsSymbolic = expectationsSymbolic
        self.claims = claims
        self.expectations = expectations
    }

    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }
}

/// An `#expect` that held: its claim as written (`gradient(of: f, wrt: x) == 2 * x.T`) and
/// where the claim is in the lesson file.
public struct HeldExpectation: Hashable, Sendable, Codable {
    public var claim: String
    public var range: SourceRange

    public init(claim: String, range: SourceRange) {
        self.claim = claim
        self.range = range
    }
}

/// Options of a session: the derivative layout (a lesson's front matter `layout:`) and limits.
public struct CellOptions: Sendable {
    public var layout: Layout
    public var limits: CellLimits

    public init(layout: Layout = .numerator, limits: CellLimits = .default) {
        self.layout = layout
        self.limits = limits
    }
}

/// Runs the cells of one lesson in order, keeping the names each cell declares.
///
/// A cell runs statement by statement; when one fails, the names bound by the statements
/// before it stay in the session (and their derivatives are still recorded), so a typo in a
/// cell's third line costs one error, not one more in every later cell that uses its first two.
public struct CellSession: Sendable {
    public var options: CellOptions
    private var environment = CellEnvironment()

    public init(options: CellOptions = CellOptions()) {
        self.options = options
    }

    /// Runs one cell; its outputs and diagnostics point into `cell.file`.
    public mutating func run(cell: CellSource) -> CellResult {
        // Parsing counts against the cell's time like evaluation does.
        let budget = CellBudget(limits: options.limits)
        let program: CellProgram
        do {
            program = try CellParser.parse(cell.text)
        } catch {
            return CellResult(outputs: [], diagnostics: error.errors.map { $0.diagnostic(in: CellPositionMap(cell)) }, expectationsPassed: 0)
        }
        return run(program, of: cell, budget: budget)
    }

    /// Runs a cell already read by Swift's parser (also highlighted from that reading); its
    /// budget started when the reading began. With `runs`, a run of the same text that read
    /// what this session holds is replayed at this cell's place instead (`CellRuns`), and a
    /// run that may be replayed is kept there.
    public mutating func run(cell parsed: ParsedCell, sharing runs: CellRuns? = nil) -> CellResult {
        let budget = CellBudget(limits: options.limits, start: parsed.started)
        switch parsed.reading.program {
        case .success(let program):
            guard let runs, CellRuns.mayKeep(program) else { return run(program, of: parsed.source, budget: budget) }
            let key = CellRuns.Key(text: parsed.source.text, layout: options.layout, limits: options.limits)
            if let replayed = runs.replay(key, at: parsed.source, in: &environment) { return replayed }
            let trace = EnvironmentTrace()
            environment.trace = trace
            let result = run(program, of: parsed.source, budget: budget)
            environment.trace = nil
            if let (reads, written) = trace.record {
                let bindings = written.compactMap { name in environment.bindings[name].map { (name: name, binding: $0) } }
                runs.remember(key, at: parsed.source, reads: reads, bindings: bindings, result: result)
            }
            return result
        case .failure(let error):
            return CellResult(outputs: [], diagnostics: error.errors.map { $0.diagnostic(in: CellPositionMap(parsed.source)) }, expectationsPassed: 0)
        }
    }

    private mutating func run(_ program: CellProgram, of cell: CellSource, budget: CellBudget) -> CellResult {
        let positions = CellPositionMap(cell)
        do {
            try budget.checkTime(at: CellSpan(0, 0))
        } catch {
            return CellResult(outputs: [], diagnostics: [error.diagnostic(in: positions)], expectationsPassed: 0)
        }
        let claims = DerivativeClaimLog()
        var interpreter = CellInterpreter(
            environment: environment,
            positions: positions,
            options: options,
            budget: budget,
            claims: claims
        )
        do {
            let budget = interpreter.budget
            try budget.bounded { () throws(CellError) in try interpreter.run(program) }
        } catch {
            // The statements before the failing one keep their names and their derivatives.
            environment = interpreter.environment
            var result = CellResult(outputs: [], diagnostics: [error.diagnostic(in: positions)], expectationsPassed: 0, claims: claims.claims)
            result.outputsBeforeFailure = interpreter.outputs
            return result
        }
        environment = interpreter.environment
        return CellResult(
            outputs: interpreter.outputs, diagnostics: [], expectationsPassed: interpreter.expectationsChecked,
            expectationsSymbolic: interpreter.expectationsSymbolic,
            claims: claims.claims,
            expectations: interpreter.heldExpectations.map { span in
                HeldExpectation(claim: positions.text(span), range: positions.range(span))
            })
    }

    /// Evaluates an inline expression (`{swift} gradient(of: f, wrt: x)` in a paragraph) with
    /// the names known so far; it may not declare or bind anything.
    public func evaluate(inline expression: CellSource) -> Result<InlineValue, CellFailure> {
        let positions = CellPositionMap(expression)
        let failure = { (errors: [CellError]) in CellFailure(diagnostics: errors.map { $0.diagnostic(in: positions) }) }
        let program: CellProgram
        do {
            program = try CellParser.parse(expression.text)
        } catch {
            return .failure(failure(error.errors))
        }
        guard program.statements.count == 1, case .expression(let syntax) = program.statements[0].kind else {
            let span = program.statements.first?.span ?? CellSpan(0, positions.source.text.utf8.count)
            return .failure(failure([CellError(
                id: .notInLanguage,
                message: "an inline value is one expression, without declarations or #expect",
                span: span
            )]))
        }
        let claims = DerivativeClaimLog()
        let interpreter = CellInterpreter(
            environment: environment,
            positions: positions,
            options: options,
            budget: CellBudget(limits: options.limits),
            claims: claims
        )
        do {
            let value = try interpreter.budget.bounded { () throws(CellError) in try interpreter.evaluate(syntax) }
            try interpreter.budget.checkSize(of: value, at: syntax.span)
            return .success(InlineValue(value: value, claims: claims.claims))
        } catch {
            return .failure(failure([error]))
        }
    }
}

/// An inline expression's value and the derivatives computed for it.
public struct InlineValue: Sendable {
    public var value: Expr
    public var claims: [DerivativeClaim]

    public init(value: Expr, claims: [DerivativeClaim] = []) {
        self.value = value
        self.claims = claims
    }
}

/// The diagnostics of an inline expression that could not be evaluated.
public struct CellFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
