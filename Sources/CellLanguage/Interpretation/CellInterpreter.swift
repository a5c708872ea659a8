import Diagnostics
import MatrixCalculus

/// Runs a lowered cell against an environment: declarations and bindings change the
/// environment, bare expressions and `#expect` produce results.
///
/// Every value is an engine `Expr`; this type only resolves names, checks labels and turns the
/// engine's errors into cell diagnostics that point at the operands. It does no mathematics.
struct CellInterpreter {
    var environment: CellEnvironment
    let positions: CellPositionMap
    let options: CellOptions
    let budget: CellBudget
    /// Where every calculus call records what it computed (shared with nested interpreters).
    let claims: DerivativeClaimLog
    /// How many function calls enclose this interpreter: calls nest (f calls g calls h), and
    /// each level recurses, so the depth is limited like expression nesting.
    let callDepth: Int
    private(set) var outputs: [CellOutput] = []
    private(set) var expectationsChecked = 0
    /// Of the `#expect`s that held, those simplification decided (the rest agreed at random points).
    private(set) var expectationsSymbolic = 0
    /// The claim (`lhs == rhs`) of each `#expect` that held, in order: the page marks them.
    private(set) var heldExpectations: [CellSpan] = []

    static let maximumCallDepth = 32

    init(
        environment: CellEnvironment, positions: CellPositionMap, options: CellOptions, budget: CellBudget,
        claims: DerivativeClaimLog, callDepth: Int = 0
    ) {
        self.environment = environment
        self.positions = positions
        self.options = options
        self.budget = budget
        self.claims = claims
        self.callDepth = callDepth
    }

    mutating func run(_ program: CellProgram) throws(CellError) {
        for statement in program.statements {
            try budget.checkTime(at: statement.span)
            try execute(statement)
        }
    }

    // MARK: Statements

    private mutating func execute(_ statement: CellStatement) throws(CellError) {
        switch statement.kind {
        case .declaration(let names, let type, let attributes, _):
            let assumptions = try self.assumptions(attributes)
            let shape = try declareShape(type)
            try checkAssumptions(attributes, on: shape, type: type)
            for name in names {
                try checkDeclarable(name)
                let symbol = Symbol(name.text, shape, assumptions: assumptions, isDeclaredMatrix: type.kind == .matrix)
                environment.bind(name.text, .symbol(EngineBridge.symbol(symbol)), at: positions.location(name.span.start))
            }
        case .binding(let name, let type, let value, let isVariable):
            try checkDeclarable(name)
            if case .point(let entries) = value.kind, type == nil {
                environment.bind(name.text, .point(try pointAssignments(entries)), at: positions.location(name.span.start))
                return
            }
            let result = try evaluate(value)
            if let type { try checkDeclaredType(type, of: result, value: value) }
            try budget.checkSize(of: result, at: value.span)
            environment.bind(name.text, .value(result, isVariable: isVariable), at: positions.location(name.span.start))
        case .assignment(let name, let value):
            guard let binding = environment[name.text] else { throw unknownName(name.text, span: name.span) }
            guard case .value(let old, isVariable: true) = binding.entry else {
                throw CellError(
                    id: .immutableBinding,
                    message: "cannot assign to '\(name.text)': only a 'var' can be bound again",
                    span: name.span,
                    notes: [.init(message: "'\(name.text)' is declared here", location: binding.declaredAt)]
                )
            }
            let result = try evaluate(value)
            guard result.shape == old.shape else {
                throw CellError(
                    id: .shapeMismatch,
                    message: "cannot assign a \(result.shape) to '\(name.text)', a \(old.shape)",
                    span: value.span,
                    notes: [.init(message: "'\(name.text)' is declared here", location: binding.declaredAt)]
                )
            }
            try budget.checkSize(of: result, at: value.span)
            environment.bind(name.text, .value(result, isVariable: true), at: binding.declaredAt)
        case .function(let function):
            try define(function)
        case .expect(let lhs, let rhs, let message):
            try expect(lhs, rhs, message: message, span: statement.span)
        case .expression(let expression):
            if case .call(let callee, let arguments) = expression.kind, callee.text == "derivation", environment[callee.text] == nil {
                let shown = try derivation(callee, arguments, span: expression.span)
                outputs.append(CellOutput(value: shown.result, range: positions.range(expression.span), derivation: shown))
                return
            }
            let result = try evaluate(expression)
            try budget.checkSize(of: result, at: expression.span)
            outputs.append(CellOutput(value: result, range: positions.range(expression.span)))
        }
    }

    private func assumptions(_ attributes: [CellName]) throws(CellError) -> Assumptions {
        var result: Assumptions = []
        for attribute in attributes {
            switch attribute.text {
            case "positive": result.insert(.positive)
            case "nonnegative": result.insert(.nonnegative)
            case "symmetric": result.insert(.symmetric)
            case "spd": result.insert(.spd)
            case "invertible": result.insert(.invertible)
            default:
                let known = ["positive", "nonnegative", "symmetric", "spd", "invertible"]
                let suggestion = NameSuggestion.nearest(to: attribute.text, among: known)
                throw CellError(
                    id: .unknownName,
                    message: "unknown assumption '@\(attribute.text)'"
                        + (suggestion.map { "; did you mean '@\($0)'?" } ?? ""),
                    span: attribute.span,
                    notes: [.init(message: "the assumptions are " + known.map { "@" + $0 }.joined(separator: " "), span: nil)],
                    fixIts: suggestion.map { [.init(message: "correct the assumption", span: attribute.span, replacement: "@" + $0)] } ?? []
                )
            }
        }
        return result
    }

    /// `@symmetric`, `@spd` and `@invertible` describe square matrices: on a scalar, a vector or
    /// a matrix not known to be square they are an error at the declaration, rather than a fact
    /// the simplifier would use wrongly (`v.T + v` as 2v for a "symmetric" vector).
    private func checkAssumptions(_ attributes: [CellName], on shape: Shape, type: CellTypeSyntax) throws(CellError) {
        for attribute in attributes where ["symmetric", "spd", "invertible"].contains(attribute.text) {
            guard !shape.isMatrix || !shape.isSquare else { continue }
            let what = shape.isScalar ? "a scalar" : shape.isVector ? "a vector" : "a \(shape), which is not square"
            throw CellError(
                id: .assumption,
                message: "'@\(attribute.text)' describes a square matrix, but this declares \(what)",
                span: attribute.span,
                highlights: [type.span],
                notes: [.init(message: "declare a Matrix<n, n> (or remove '@\(attribute.text)')", span: nil)]
            )
        }
    }

    /// A declaration's shape; a dimension name seen for the first time is declared by it.
    private mutating func declareShape(_ type: CellTypeSyntax) throws(CellError) -> Shape {
        var dimensions: [Dimension] = []
        for dimension in type.dimensions {
            switch dimension {
            case .literal(let value, _):
                dimensions.append(.concrete(value))
            case .name(let name):
                if let binding = environment[name.text] {
                    guard case .dimension(let known) = binding.entry else {
                        throw CellError(
                            id: .badType,
                            message: "'\(name.text)' is a value, not a dimension",
                            span: name.span,
                            notes: [.init(message: "'\(name.text)' is declared here", location: binding.declaredAt)]
                        )
                    }
                    dimensions.append(known)
                } else {
                    if Builtins.signatures[name.text] != nil { throw builtinShadowed(name) }
                    environment.bind(name.text, .dimension(.symbolic(name.text)), at: positions.location(name.span.start))
                    dimensions.append(.symbolic(name.text))
                }
            }
        }
        switch type.kind {
        case .scalar: return .scalar
        case .vector: return .column(dimensions[0])
        case .matrix: return .matrix(dimensions[0], dimensions[1])
        }
    }

    /// A value may shadow a value or a symbol, never a dimension or a built-in function.
    private func checkDeclarable(_ name: CellName) throws(CellError) {
        if Builtins.signatures[name.text] != nil { throw builtinShadowed(name) }
        // Whether it is a dimension first: a run that declares the name depends on that alone.
        if environment.isDimension(name.text), let binding = environment[name.text] {
            throw CellError(
                id: .redeclaration,
                message: "'\(name.text)' already names a dimension, so it cannot name a value",
                span: name.span,
                notes: [.init(message: "the dimension '\(name.text)' is declared here", location: binding.declaredAt)]
            )
        }
    }

    private func builtinShadowed(_ name: CellName) -> CellError {
        CellError(id: .redeclaration, message: "'\(name.text)' is a built-in function; choose another name", span: name.span)
    }

    private func checkDeclaredType(_ type: CellTypeSyntax, of value: Expr, value syntax: CellExpression) throws(CellError) {
        var scratch = self
        let expected = try scratch.declareShape(type)
        guard expected == value.shape else {
            throw CellError(
                id: .shapeMismatch,
                message: "the value is a \(value.shape), not a \(type.text)",
                span: syntax.span,
                highlights: [type.span]
            )
        }
    }

    private mutating func define(_ function: CellFunction) throws(CellError) {
        try checkDeclarable(function.name)
        var seen: Set<String> = []
        for parameter in function.parameters where !seen.insert(parameter.name.text).inserted {
            throw CellError(id: .redeclaration, message: "two parameters are named '\(parameter.name.text)'", span: parameter.name.span)
        }
        let value = CellFunctionValue(definition: function, environment: environment, positions: positions)
        // Check the body once with symbols for the parameters, so mistakes show at the
        // definition rather than at the first call.
        var probe = environment
        var locals = CellDimensionBindings()
        for parameter in function.parameters {
            let shape = try probeShape(parameter.type, in: &probe, bindings: &locals)
            let symbol = Symbol(parameter.name.text, shape, isDeclaredMatrix: parameter.type.kind == .matrix)
            probe.bind(parameter.name.text, .symbol(EngineBridge.symbol(symbol)), at: positions.location(parameter.name.span.start))
        }
        // The probe's derivatives are of placeholder symbols and never shown: a log of their own.
        let bodyInterpreter = CellInterpreter(
            environment: probe, positions: positions, options: options, budget: budget, claims: DerivativeClaimLog())
        let result = try bodyInterpreter.evaluate(function.body)
        if let resultType = function.resultType {
            var scratch = probe
            let expected = try probeShape(resultType, in: &scratch, bindings: &locals)
            guard expected == result.shape else {
                throw CellError(
                    id: .shapeMismatch,
                    message: "'\(function.name.text)' is declared to return a \(resultType.text), but its body is a \(result.shape)",
                    span: function.body.span,
                    highlights: [resultType.span]
                )
            }
        }
        environment.bind(function.name.text, .function(value), at: positions.location(function.name.span.start))
    }

    /// The shape of a parameter type while checking a definition: a dimension name not yet
    /// known becomes a symbolic dimension local to the function.
    private func probeShape(_ type: CellTypeSyntax, in environment: inout CellEnvironment, bindings: inout CellDimensionBindings) throws(CellError) -> Shape {
        var dimensions: [Dimension] = []
        for dimension in type.dimensions {
            switch dimension {
            case .literal(let value, _): dimensions.append(.concrete(value))
            case .name(let name):
                if let binding = environment[name.text] {
                    guard case .dimension(let known) = binding.entry else {
                        throw CellError(id: .badType, message: "'\(name.text)' is a value, not a dimension", span: name.span)
                    }
                    dimensions.append(known)
                } else {
                    let symbolic = Dimension.symbolic(name.text)
                    environment.bind(name.text, .dimension(symbolic), at: positions.location(name.span.start))
                    bindings.values[name.text] = symbolic
                    dimensions.append(symbolic)
                }
            }
        }
        switch type.kind {
        case .scalar: return .scalar
        case .vector: return .column(dimensions[0])
        case .matrix: return .matrix(dimensions[0], dimensions[1])
        }
    }

    private mutating func expect(_ lhs: CellExpression, _ rhs: CellExpression, message: String?, span: CellSpan) throws(CellError) {
        let left = try evaluate(lhs)
        let right = try evaluate(rhs)
        expectationsChecked += 1
        guard left.shape == right.shape else {
            throw CellError(
                id: .expectFailed,
                message: "expectation failed: the sides have different shapes, \(left.shape) and \(right.shape)"
                    + (message.map { ": \($0)" } ?? ""),
                span: span,
                highlights: [lhs.span, rhs.span]
            )
        }
        switch EngineBridge.equality(left, right) {
        case .equal(let symbolically):
            if symbolically { expectationsSymbolic += 1 }
            heldExpectations.append(CellSpan(lhs.span.start, rhs.span.end))
            return
        case .different(let counterexample):
            var notes: [CellError.Note] = [
                .init(message: "left side:  \(EngineBridge.text(left))", span: nil),
                .init(message: "right side: \(EngineBridge.text(right))", span: nil),
            ]
            if let counterexample { notes.append(.init(message: counterexample, span: nil)) }
            throw CellError(
                id: .expectFailed,
                message: "expectation failed" + (message.map { ": \($0)" } ?? ""),
                span: span,
                highlights: [lhs.span, rhs.span],
                notes: notes
            )
        case .undecided(let reason):
            // Undecided because the time ran out: the budget diagnostic says so.
            try budget.checkTime(at: span)
            throw CellError(id: .expectUndecided, message: "cannot decide this expectation: \(reason)", span: span, highlights: [lhs.span, rhs.span])
        }
    }

    // MARK: Expressions

    func evaluate(_ expression: CellExpression) throws(CellError) -> Expr {
        try budget.checkTime(at: expression.span)
        switch expression.kind {
        case .number(let text):
            do {
                return EngineBridge.number(try Rational(literal: text))
            } catch {
                throw engineError(error, span: expression.span, operands: [])
            }
        case .name(let name):
            return try value(named: name, span: expression.span)
        case .vector(let entries):
            var values: [[Expr]] = []
            for entry in entries { values.append([try evaluate(entry)]) }
            return try literal(values, entries: entries.map { [$0] }, span: expression.span)
        case .matrix(let rows):
            var values: [[Expr]] = []
            for row in rows {
                var entries: [Expr] = []
                for entry in row { entries.append(try evaluate(entry)) }
                values.append(entries)
            }
            return try literal(values, entries: rows, span: expression.span)
        case .option(let name):
            throw CellError(
                id: .wrongArgument,
                message: "'.\(name)' is an option, only the detail: argument of derivation(of:wrt:detail:) takes one",
                span: expression.span
            )
        case .point:
            throw CellError(
                id: .wrongArgument,
                message: "a point [x: 1] gives values to symbols; use it as the argument of evaluated(at:)",
                span: expression.span
            )
        case .call(let callee, let arguments):
            return try call(callee, arguments, span: expression.span)
        case .methodCall(let base, let method, let arguments):
            return try methodCall(base, method, arguments, span: expression.span)
        case .transpose(let base):
            let value = try evaluate(base)
            return try engine(expression.span, [base]) { () throws(EngineError) in try EngineBridge.transpose(value) }
        case .subscripted(let base, let indices):
            return try subscripted(base, indices, span: expression.span)
        case .binary(let op, let lhs, let rhs):
            let left = try evaluate(lhs)
            let right = try evaluate(rhs)
            return try binary(op, lhs, left, rhs, right)
        case .chain(let first, let rest):
            return try chain(first, rest)
        case .prefix(let op, let operand):
            let value = try evaluate(operand)
            if op.text == "+" { return value }
            return try engine(op.span, [operand]) { () throws(EngineError) in try EngineBridge.negate(value) }
        }
    }

    /// `lhs op rhs` on the operands' values.
    private func binary(_ op: CellName, _ lhs: CellExpression, _ left: Expr, _ rhs: CellExpression, _ right: Expr) throws(CellError) -> Expr {
            if op.text == "*", left.shape.isColumn, right.shape.isColumn {
                throw CellError(
                    id: .shapeMismatch,
                    message: "shapes do not match: \(left.shape) * \(right.shape); for two vectors use '•' (dot product) or '⊙' (element-wise product)",
                    span: op.span,
                    highlights: [lhs.span, rhs.span],
                    notes: operandNotes([lhs, rhs], [left, right]).map { [$0] } ?? [],
                    fixIts: [.init(message: "use the dot product", span: op.span, replacement: "•")]
                )
            }
            do {
                return try EngineBridge.binary(op.text, left, right)
            } catch {
                throw engineError(error, span: op.span, operands: [lhs, rhs], values: [left, right])
            }
    }

    /// A chain of more operands than this is combined in one n-ary step when it can be (a sum,
    /// a product of scalars): adding terms one at a time re-sorts the growing sum each time.
    static let flatChainThreshold = 16

    /// `a + b - c + …`: the operands left to right, without recursion. A long sum (or product
    /// of scalars) is built by the engine at once; if that fails, the operands are combined one
    /// at a time so that the error points at the operator where it happens.
    private func chain(_ first: CellExpression, _ rest: [CellLink]) throws(CellError) -> Expr {
        var values = [try evaluate(first)]
        values.reserveCapacity(rest.count + 1)
        for link in rest { values.append(try evaluate(link.operand)) }
        if rest.count + 1 > Self.flatChainThreshold, let flat = try? budget.bounded({ () throws(EngineError) in
            try EngineBridge.flatChain(values, operators: rest.map(\.operator.text))
        }) {
            return flat
        }
        var value = values[0]
        var lhs = first
        for (index, link) in rest.enumerated() {
            try budget.checkTime(at: link.operator.span)
            value = try binary(link.operator, lhs, value, link.operand, values[index + 1])
            // The left side of the next operator: everything so far (only its span and the
            // fact that it is not a plain name are used in messages).
            lhs = CellExpression(kind: .binary(operator: link.operator, lhs: first, rhs: link.operand), span: first.span.union(link.operand.span))
        }
        return value
    }

    private func literal(_ values: [[Expr]], entries: [[CellExpression]], span: CellSpan) throws(CellError) -> Expr {
        for (row, rowValues) in values.enumerated() {
            for (column, value) in rowValues.enumerated() where !value.shape.isScalar {
                throw CellError(
                    id: .shapeMismatch,
                    message: "the entries of a vector or matrix literal are scalars, but this one is a \(value.shape)",
                    span: entries[row][column].span
                )
            }
        }
        return try engine(span, []) { () throws(EngineError) in try EngineBridge.matrix(values) }
    }

    private func value(named name: String, span: CellSpan) throws(CellError) -> Expr {
        guard let binding = environment[name] else {
            if Builtins.signatures[name] != nil {
                throw CellError(id: .wrongArgument, message: "'\(name)' is a built-in function; call it with its arguments", span: span)
            }
            throw unknownName(name, span: span)
        }
        switch binding.entry {
        case .symbol(let value), .value(let value, _):
            return value
        case .dimension(let dimension):
            return EngineBridge.size(dimension)
        case .point:
            throw CellError(
                id: .wrongArgument,
                message: "'\(name)' is a point; use it as the argument of evaluated(at: \(name))",
                span: span,
                notes: [.init(message: "'\(name)' is declared here", location: binding.declaredAt)]
            )
        case .function(let function):
            throw CellError(
                id: .wrongArgument,
                message: "'\(name)' is a function; call it with its arguments: \(function.signature)",
                span: span
            )
        }
    }

    func unknownName(_ name: String, span: CellSpan, functionsOnly: Bool = false) -> CellError {
        let candidates: [String] = functionsOnly
            ? Array(Builtins.signatures.keys) + environment.names.filter { if case .function = environment[$0]?.entry { true } else { false } }
            : Array(Builtins.signatures.keys) + Array(environment.names)
        if let suggestion = NameSuggestion.nearest(to: name, among: candidates) {
            return CellError(
                id: .unknownName,
                message: "unknown name '\(name)'; did you mean '\(suggestion)'?",
                span: span,
                fixIts: [.init(message: "correct the name", span: span, replacement: suggestion)]
            )
        }
        var error = CellError(id: .unknownName, message: "unknown name '\(name)'", span: span)
        if name.count == 1, !functionsOnly {
            error.notes = [.init(message: "declare it before using it, e.g. let \(name): Scalar", span: nil)]
        }
        return error
    }

    private func subscripted(_ base: CellExpression, _ indices: [CellExpression], span: CellSpan) throws(CellError) -> Expr {
        let value = try evaluate(base)
        var numbers: [Int] = []
        for index in indices {
            guard case .number(let text) = index.kind, let number = Int(text) else {
                throw CellError(id: .wrongArgument, message: "an index is a whole number counted from 0", span: index.span)
            }
            numbers.append(number)
        }
        let shape = value.shape
        let position: (row: Int, column: Int)
        switch (numbers.count, shape.isColumn, shape.isRow) {
        case (1, true, _): position = (numbers[0], 0)
        case (1, _, true): position = (0, numbers[0])
        case (2, _, _) where shape.isMatrix: position = (numbers[0], numbers[1])
        default:
            let form = shape.isMatrix ? "two indices, A[i, j]" : (shape.isScalar ? "no index: it is a scalar" : "one index, x[i]")
            throw CellError(id: .wrongArgument, message: "a \(shape) takes \(form)", span: span, highlights: [base.span])
        }
        return try engine(span, [base]) { () throws(EngineError) in
            try EngineBridge.component(value, row: position.row, column: position.column)
        }
    }

    /// Runs an engine builder, turning its error into a diagnostic at `span`.
    func engine(_ span: CellSpan, _ operands: [CellExpression], _ body: () throws(EngineError) -> Expr) throws(CellError) -> Expr {
        do {
            return try body()
        } catch {
            throw engineError(error, span: span, operands: operands)
        }
    }

    /// "w is Vector<3> (line 38), x is Vector<4> (line 39)".
    func operandNotes(_ operands: [CellExpression], _ values: [Expr]) -> CellError.Note? {
        guard operands.count == values.count, !operands.isEmpty else { return nil }
        let sides = operands.count == 2 ? ["the left side", "the right side"] : operands.indices.map { "argument \($0 + 1)" }
        var parts: [String] = []
        for (index, operand) in operands.enumerated() {
            if case .name(let name) = operand.kind, let binding = environment[name] {
                parts.append("\(name) is \(values[index].shape) (\(declared(binding.declaredAt)))")
            } else {
                parts.append("\(sides[index]) is \(values[index].shape)")
            }
        }
        return .init(message: parts.joined(separator: ", "), span: nil)
    }

    /// "line 38" in the same file, "lessons/a.md:38" in another (a cell given as a separate argument).
    func declared(_ location: SourceLocation) -> String {
        location.file == positions.source.file ? "line \(location.line)" : "\(location.file):\(location.line)"
    }

    func engineError(_ error: EngineError, span: CellSpan, operands: [CellExpression], values: [Expr] = []) -> CellError {
        let highlights = operands.map(\.span)
        switch error {
        case .shapeMismatch:
            var result = CellError(id: .shapeMismatch, message: error.description, span: span, highlights: highlights)
            if let note = operandNotes(operands, values) { result.notes = [note] }
            return result
        case .invalidShape:
            var result = CellError(id: .wrongShape, message: error.description, span: span, highlights: highlights)
            if let note = operandNotes(operands, values) { result.notes = [note] }
            return result
        case .unsupportedDerivative:
            return CellError(id: .unsupportedDerivative, message: error.description, span: span, highlights: highlights)
        case .notASymbol:
            return CellError(id: .wrongArgument, message: error.description, span: span, highlights: highlights)
        case .indexOutOfRange:
            return CellError(id: .indexOutOfRange, message: error.description, span: span, highlights: highlights)
        case .limitExceeded:
            return CellError(id: .budgetExceeded, message: error.description, span: span, highlights: highlights)
        case .timeLimitExceeded:
            var result = budget.timeLimitError(at: span)
            result.highlights = highlights
            return result
        default:
            return CellError(id: .evaluation, message: error.description, span: span, highlights: highlights)
        }
    }
}

/// Dimension names bound while calling a function with `Vector<n>` parameters.
struct CellDimensionBindings: Sendable {
    var values: [String: Dimension] = [:]
}
