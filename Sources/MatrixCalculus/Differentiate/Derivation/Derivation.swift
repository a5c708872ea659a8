/// How much a derivation shows.
public enum DerivationDetail: String, Sendable, CaseIterable {
    /// The steps a textbook shows: every open derivative advanced by one rule per line, the
    /// trivial rules (∂a/∂x = 0, ∂x/∂x = I) applied in the line that exposed them, and the
    /// derivative of each intermediate name worked out apart, as a sub-derivation.
    case textbook
    /// Every rule application on its own line, intermediate names worked out in place.
    case full
}

/// A derivative worked out step by step: `∂f/∂x = step₁ = step₂ = … = result`, each step
/// annotated with the rules that justify it (`DerivativeRule`), in matrix form, with
/// intermediate names (u = wᵀx + b) whose own derivatives are sub-derivations.
///
/// Every step has been checked before the value exists: each line is evaluated (its open
/// derivatives by the engine) and compared with the line before by `checkEquality`, at the
/// seeded random points and on both sides of every case boundary, so a wrong step is an error
/// naming its rule rather than a line on a page. The last line is exactly the engine's result.
public struct Derivation: Sendable {
    /// One line `= rhs`, with its rules and the value it stands for.
    public struct Step: Sendable {
        let term: DerivationTerm
        /// The rules that turn the previous line into this one (registry order).
        public let rules: [DerivativeRule]
        /// The expression this line stands for (equal to the result).
        public let value: Expr
        /// How the line was found equal to the previous one.
        public let verdict: EqualityVerdict
    }

    /// An intermediate name and, in textbook detail, the derivation of its derivative.
    public struct Definition: Sendable {
        public let name: Expr
        public let value: Expr
        /// ∂name/∂x worked out (nil in full detail, where it is worked out in place).
        public let derivation: Derivation?
    }

    /// The left side, ∂f/∂x.
    let start: DerivationTerm
    public let function: Expr
    public let variable: Expr
    public let steps: [Step]
    /// Intermediate names in the order they were introduced, sub-derivations' names included.
    public let definitions: [Definition]
    public let result: Expr
    public let detail: DerivationDetail

    /// Every rule the derivation names, its sub-derivations' included.
    public var rules: Set<DerivativeRule> {
        var all = Set(steps.flatMap(\.rules))
        for definition in definitions { all.formUnion(definition.derivation?.rules ?? []) }
        return all
    }
}

/// Why a derivation could not be made.
public enum DerivationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The engine refused (an unsupported derivative, a shape error, a limit).
    case engine(EngineError)
    /// A step did not equal the line before it: a bug in the rule, never shown on a page.
    case stepFailed(rule: String, line: Int, verdict: String)
    /// The numeric check could not decide (no point where both lines are defined).
    case uncheckable(rule: String, line: Int, reason: String)
    /// More lines than `Limits`-style bound allows.
    case tooLong(Int)

    public var description: String {
        switch self {
        case .engine(let error):
            return error.description
        case .stepFailed(let rule, let line, let verdict):
            return "step \(line) of the derivation (\(rule) rule) does not follow from the line before: \(verdict)"
        case .uncheckable(let rule, let line, let reason):
            return "step \(line) of the derivation (\(rule) rule) could not be checked: \(reason)"
        case .tooLong(let limit):
            return "the derivation needs more than \(limit) steps; show the derivative with derivative(of:wrt:) instead"
        }
    }
}

/// The derivation of ∂f/∂x (numerator layout unless told), ending in `derivative(of:wrt:layout:)`.
public func derivation(
    of f: Expr, wrt x: Expr, layout: Layout = .numerator, detail: DerivationDetail = .textbook,
    options: NumericCheckOptions = NumericCheckOptions()
) throws(DerivationError) -> Derivation {
    let result: Expr
    do { result = try derivative(of: f, wrt: x, layout: layout) } catch { throw .engine(error) }
    var builder = DerivationBuilder(function: f, variable: x, detail: detail, options: options)
    return try builder.derivation(endingIn: result, layout: layout)
}

/// The derivation of ∂f/∂[x₁, …, xₖ], entry by entry.
public func derivation(
    of f: Expr, wrt xs: [Expr], layout: Layout = .numerator, detail: DerivationDetail = .textbook,
    options: NumericCheckOptions = NumericCheckOptions()
) throws(DerivationError) -> Derivation {
    let result: Expr
    let list: Expr
    do {
        result = try derivative(of: f, wrt: xs, layout: layout)
        list = try Expr.vector(xs)
    } catch { throw .engine(error) }
    var builder = DerivationBuilder(function: f, variable: list, detail: detail, options: options)
    return try builder.derivation(endingIn: result, layout: layout)
}

/// Makes the lines of a derivation and checks each against the one before.
struct DerivationBuilder {
    static let maxSteps = 40

    let function: Expr
    let variable: Expr
    let detail: DerivationDetail
    let options: NumericCheckOptions
    private var stepper: DerivationStepper
    /// The engine's ∂u/∂x of the names u closed in a line, shown with names once all are made.
    private var closedNameDerivatives: Set<Expr> = []

    init(function: Expr, variable: Expr, detail: DerivationDetail, options: NumericCheckOptions) {
        self.function = function
        self.variable = variable
        self.detail = detail
        self.options = options
        let free = FreeVariables([function, variable])
        let reserved = Set(free.symbols.map(\.name)).union(free.minimumSizes.keys)
        stepper = DerivationStepper(reservedNames: reserved, derivative: DerivationBuilder.engineDerivative)
    }

    /// The engine's ∂f/∂x in numerator layout; x may be a literal list of scalar symbols.
    static func engineDerivative(_ f: Expr, _ x: Expr) throws(EngineError) -> Expr {
        if let rows = x.literalRows { return try derivative(of: f, wrt: rows.map { $0[0] }) }
        return try derivative(of: f, wrt: x)
    }

    mutating func derivation(endingIn result: Expr, layout: Layout) throws(DerivationError) -> Derivation {
        let start = DerivationTerm.derivative(of: function, wrt: variable, shown: function)
        var lines = try lines(from: start, of: function)
        var definitions: [Derivation.Definition] = []
        var index = 0
        while index < stepper.definitions.count {
            let definition = stepper.definitions[index]
            index += 1
            guard detail == .textbook else {
                definitions.append(.init(name: definition.name, value: definition.value, derivation: nil))
                continue
            }
            let start = DerivationTerm.derivative(of: definition.value, wrt: variable, shown: definition.name)
            let subLines = try self.lines(from: start, of: definition.value)
            var sub = subLines
            let value = try evaluate(start)
            if let lastLine = subLines.last, !Self.showsExactly(lastLine.term, lastLine.value, value: lastLine.value) {
                sub.append(try checked(.value(lastLine.value), rules: [.simplify], after: lastLine.value, line: sub.count + 1))
            }
            let derivation = Derivation(
                start: start, function: definition.value, variable: variable, steps: sub, definitions: [],
                result: sub.last?.value ?? value, detail: detail)
            definitions.append(.init(name: definition.name, value: definition.value, derivation: derivation))
        }
        // A name's derivative closed in a line above is shown with the names, the ones its
        // sub-derivation made included: (1/2)·2uᵀW₂·diag(step(v)), not W₁x + b₁ written out.
        lines = lines.map { Derivation.Step(term: $0.term.reshown(named), rules: $0.rules, value: $0.value, verdict: $0.verdict) }
        let startValue = try evaluate(start)
        let numeratorValue = lines.last?.value ?? startValue
        // Denominator layout transposes the vector cases (a derivative by a matrix, or of a
        // matrix by a scalar, has the matrix's shape in both layouts).
        let kind = DerivationStepper.kind(of: variable)
        let transposes = kind == .vector || (kind == .scalar && function.shape.isVector)
        if layout == .denominator, transposes {
            lines.append(try checked(.transpose(lines.last?.term ?? start), rules: [.layout], after: numeratorValue, line: lines.count + 1, transposed: true))
        }
        let last = lines.last?.value ?? numeratorValue
        let lastTerm = lines.last?.term ?? start
        if !Self.showsExactly(lastTerm, result, value: lines.last?.value) {
            lines.append(try checked(.value(result), rules: [.simplify], after: last, line: lines.count + 1))
        }
        return Derivation(
            start: start, function: function, variable: variable, steps: lines, definitions: definitions,
            result: result, detail: detail)
    }

    /// The lines from ∂f/∂x until no derivative is left open. In textbook detail, an open ∂u/∂x
    /// of a name u made here is not expanded in place: its sub-derivation's result replaces it.
    private mutating func lines(from start: DerivationTerm, of f: Expr) throws(DerivationError) -> [Derivation.Step] {
        var lines: [Derivation.Step] = []
        var term = start
        var value = try evaluate(start)
        while term.hasOpenDerivative {
            guard lines.count < Self.maxSteps else { throw .tooLong(Self.maxSteps) }
            var rules: Set<DerivativeRule> = []
            var expandedOne = false
            let names = Set(stepper.definitions.map(\.name))
            let isTop = lines.isEmpty
            do {
                term = try expand(term, rules: &rules, expandedOne: &expandedOne, names: names, isTop: isTop)
                if detail == .textbook { term = term.withoutZeroTerms() }
            } catch { throw .engine(error) }
            let step = try checked(term, rules: rules.sorted(), after: value, line: lines.count + 1)
            lines.append(step)
            value = step.value
        }
        return lines
    }

    /// One line's worth of rule applications on the open derivatives of `term`.
    private mutating func expand(
        _ term: DerivationTerm, rules: inout Set<DerivativeRule>, expandedOne: inout Bool, names: Set<Expr>, isTop: Bool
    ) throws(EngineError) -> DerivationTerm {
        var stepper = self.stepper
        var closedNames = self.closedNameDerivatives
        let detail = self.detail
        var collected = rules
        var done = expandedOne
        defer {
            self.stepper = stepper
            self.closedNameDerivatives = closedNames
        }
        let result = try term.expanding { (f, x, shown) throws(EngineError) -> DerivationTerm? in
            if detail == .full, done { return nil }
            done = true
            if detail == .textbook, !isTop, names.contains(shown) {
                // ∂u/∂x of a name: its own derivation (shown apart) gives the value.
                collected.insert(.chain)
                let closed = try DerivationBuilder.engineDerivative(f, x)
                closedNames.insert(closed)
                return .value(closed)
            }
            let (expanded, applied) = try stepper.expand(f, wrt: x)
            collected.formUnion(applied)
            guard detail == .textbook else { return expanded }
            // Close the trivial derivatives the rule exposed in the same line.
            return try expanded.expanding { (g, y, _) throws(EngineError) -> DerivationTerm? in
                let (inner, innerRules) = try stepper.expand(g, wrt: y)
                guard innerRules.allSatisfy(\.isTrivial), case .value = inner else { return nil }
                collected.formUnion(innerRules)
                return inner
            }
        }
        rules = collected
        expandedOne = done
        return result
    }

    /// A closed name derivative with every intermediate value in it written as its name; nil
    /// for any other value, or if rebuilding fails (the value is then shown written out).
    private func named(_ e: Expr) -> Expr? {
        guard closedNameDerivatives.contains(e) else { return nil }
        let definitions = stepper.definitions
        func rename(_ e: Expr) throws(EngineError) -> Expr {
            if let definition = definitions.first(where: { $0.value == e }) { return definition.name }
            return try Expr.rebuilt(e, rename)
        }
        return try? rename(e)
    }

    private func evaluate(_ term: DerivationTerm) throws(DerivationError) -> Expr {
        do { return try term.evaluated(derivative: DerivationBuilder.engineDerivative) } catch { throw .engine(error) }
    }

    /// The step `term` after a line whose value is `previous`, checked equal to it.
    /// With `transposed`, the step is the previous line's transpose (the layout step), so it is
    /// checked against the transpose of the previous value.
    func checked(
        _ term: DerivationTerm, rules: [DerivativeRule], after previousValue: Expr, line: Int, transposed: Bool = false
    ) throws(DerivationError) -> Derivation.Step {
        let value = try evaluate(term)
        let previous: Expr
        do { previous = transposed ? try Expr.transpose(previousValue) : previousValue } catch { throw .engine(error) }
        let ruleNames = rules.map(\.title).joined(separator: ", ")
        let verdict: EqualityVerdict
        do { verdict = try checkEquality(previous, value, options: options) } catch {
            throw .uncheckable(rule: ruleNames, line: line, reason: error.description)
        }
        guard verdict.isEqual else { throw .stepFailed(rule: ruleNames, line: line, verdict: verdict.description) }
        return Derivation.Step(term: term, rules: rules, value: value, verdict: verdict)
    }

    /// Whether the term prints as exactly `result` (so no closing "simplify" line is needed).
    /// A term with no open derivative whose value is the result and which prints as the result
    /// prints (𝟏 · softmax(z)ᵀ) counts too: a "simplify" line repeating it would say nothing.
    static func showsExactly(_ term: DerivationTerm, _ result: Expr, value: Expr? = nil) -> Bool {
        if case .value(let value, let shown) = term { return value == result && shown == result }
        guard let value, value == result, !term.hasOpenDerivative else { return false }
        var layout = DerivationLayout(notation: .standard, linear: true)
        guard let shownLayout = try? layout.layout(term), let resultLayout = try? layout.layout(result) else { return false }
        var shownText = "", resultText = ""
        TextWriter().write(shownLayout, into: &shownText)
        TextWriter().write(resultLayout, into: &resultText)
        return shownText == resultText
    }
}
