import Diagnostics
import MatrixCalculus

/// Calls: built-in functions (labels checked against `Builtins`), functions defined with
/// `func` (called by substituting the arguments into the body), and `e.evaluated(at:)`.
extension CellInterpreter {
    func call(_ callee: CellName, _ arguments: [CellArgument], span: CellSpan) throws(CellError) -> Expr {
        if let binding = environment[callee.text] {
            guard case .function(let function) = binding.entry else {
                throw CellError(
                    id: .wrongArgument,
                    message: "'\(callee.text)' is a value, not a function, so it cannot be called",
                    span: callee.span,
                    notes: [.init(message: "'\(callee.text)' is declared here", location: binding.declaredAt)]
                )
            }
            return try callFunction(function, callee: callee, arguments, span: span)
        }
        guard let signature = Builtins.signatures[callee.text] else {
            throw unknownName(callee.text, span: callee.span, functionsOnly: true)
        }
        try checkLabels(arguments, against: signature, callee: callee, span: span)
        return try builtin(callee, arguments, span: span)
    }

    func methodCall(_ base: CellExpression, _ method: CellName, _ arguments: [CellArgument], span: CellSpan) throws(CellError) -> Expr {
        guard let signature = Builtins.methods[method.text] else {
            let suggestion = NameSuggestion.nearest(to: method.text, among: Array(Builtins.methods.keys))
            throw CellError(
                id: .unknownName,
                message: "value has no member '\(method.text)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                    + (suggestion == nil ? "; the members are .T, .evaluated(at:) and .decimal(digits:)" : ""),
                span: method.span,
                fixIts: suggestion.map { [.init(message: "correct the name", span: method.span, replacement: $0)] } ?? []
            )
        }
        try checkLabels(arguments, against: signature, callee: method, span: span)
        let value = try evaluate(base)
        if method.text == "decimal" { return try decimal(value, digits: arguments[0], span: span, operand: base) }
        return try evaluated(value, at: arguments[0], span: span, operand: base)
    }

    // MARK: Labels

    func checkLabels(_ arguments: [CellArgument], against signature: BuiltinSignature, callee: CellName, span: CellSpan) throws(CellError) {
        let labels = arguments.map { $0.label?.text }
        if signature.forms.contains(labels) { return }
        guard let form = signature.forms.first(where: { $0.count == arguments.count }) else {
            let counts = signature.forms.map { String($0.count) }.joined(separator: " or ")
            throw CellError(
                id: .wrongArgumentCount,
                message: "\(signature.written) takes \(counts) argument\(counts == "1" ? "" : "s"), not \(arguments.count)",
                span: span
            )
        }
        try checkLabels(arguments, expected: form, written: BuiltinSignature.written(callee.text, form))
    }

    /// Names the right label at the first wrong one, with a fix-it.
    func checkLabels(_ arguments: [CellArgument], expected: [String?], written: String) throws(CellError) {
        for (argument, label) in zip(arguments, expected) where argument.label?.text != label {
            switch (argument.label, label) {
            case (nil, let label?):
                throw CellError(
                    id: .wrongLabel,
                    message: "missing argument label '\(label):' in call to \(written)",
                    span: argument.span,
                    fixIts: [.init(message: "add the label", span: CellSpan(argument.span.start, argument.span.start), replacement: "\(label): ")]
                )
            case (let found?, nil):
                throw CellError(
                    id: .wrongLabel,
                    message: "extraneous argument label '\(found.text):' in call to \(written)",
                    span: found.span,
                    fixIts: [.init(message: "remove the label", span: CellSpan(found.span.start, argument.value.span.start), replacement: "")]
                )
            case (let found?, let label?):
                throw CellError(
                    id: .wrongLabel,
                    message: "wrong argument label '\(found.text):' in call to \(written); expected '\(label):'",
                    span: found.span,
                    fixIts: [.init(message: "correct the label", span: found.span, replacement: label)]
                )
            case (nil, nil):
                continue
            }
        }
    }

    // MARK: Functions defined in cells

    private func callFunction(_ function: CellFunctionValue, callee: CellName, _ arguments: [CellArgument], span: CellSpan) throws(CellError) -> Expr {
        let definition = function.definition
        guard arguments.count == definition.parameters.count else {
            throw CellError(
                id: .wrongArgumentCount,
                message: "\(function.signature) takes \(definition.parameters.count) argument\(definition.parameters.count == 1 ? "" : "s"), not \(arguments.count)",
                span: span,
                notes: [.init(message: "'\(callee.text)' is defined here", location: function.positions.location(definition.name.span.start))]
            )
        }
        try checkLabels(arguments, expected: definition.parameters.map(\.label), written: function.signature)
        var scope = function.environment
        var dimensions: [String: Dimension] = [:]
        for (argument, parameter) in zip(arguments, definition.parameters) {
            let value = try evaluate(argument.value)
            try bindParameter(parameter, to: value, argument: argument, dimensions: &dimensions, in: &scope, function: function)
        }
        guard callDepth < Self.maximumCallDepth else {
            throw CellError(
                id: .budgetExceeded,
                message: "functions call each other more than \(Self.maximumCallDepth) levels deep, the call limit of a cell",
                span: span
            )
        }
        let body = CellInterpreter(
            environment: scope, positions: function.positions, options: options, budget: budget,
            claims: claims, callDepth: callDepth + 1)
        do {
            return try body.evaluate(definition.body)
        } catch {
            // The body is another cell's text: report at the call, point at the body in a note.
            var notes = [CellError.Note(message: "in the body of \(function.signature), called here", location: function.positions.location(error.span.start))]
            notes += error.notes.filter { $0.span == nil && $0.location == nil }
            return try { () throws(CellError) -> Expr in
                throw CellError(id: error.id, message: error.message, span: span, highlights: [callee.span], notes: notes)
            }()
        }
    }

    /// Checks an argument against its parameter's type, binding the parameter's dimension
    /// names to the argument's sizes (the same name must get the same size).
    private func bindParameter(
        _ parameter: CellFunction.Parameter, to value: Expr, argument: CellArgument,
        dimensions: inout [String: Dimension], in scope: inout CellEnvironment, function: CellFunctionValue
    ) throws(CellError) {
        let actual = value.shape
        let expectedSides: [CellDimensionSyntax]
        let actualSides: [Dimension]
        switch parameter.type.kind {
        case .scalar: expectedSides = []; actualSides = actual.isScalar ? [] : [actual.rows]
        case .vector: expectedSides = parameter.type.dimensions; actualSides = actual.isColumn ? [actual.rows] : []
        case .matrix: expectedSides = parameter.type.dimensions; actualSides = actual.isScalar || actual.isColumn ? [] : [actual.rows, actual.cols]
        }
        let mismatch = CellError(
            id: .shapeMismatch,
            message: "argument '\(parameter.name.text)' of \(function.signature) is a \(parameter.type.text), but this is a \(actual)",
            span: argument.value.span,
            notes: [.init(message: "'\(parameter.name.text)' is declared here", location: function.positions.location(parameter.name.span.start))]
        )
        guard expectedSides.count == actualSides.count else { throw mismatch }
        for (side, size) in zip(expectedSides, actualSides) {
            switch side {
            case .literal(let value, _):
                guard size == .concrete(value) else { throw mismatch }
            case .name(let name):
                if let bound = dimensions[name.text] {
                    guard bound == size else { throw mismatch }
                } else if let binding = function.environment[name.text], case .dimension(let known) = binding.entry {
                    guard known == size else { throw mismatch }
                } else {
                    dimensions[name.text] = size
                    scope.bind(name.text, .dimension(size), at: function.positions.location(name.span.start))
                }
            }
        }
        scope.bind(parameter.name.text, .value(value, isVariable: false), at: function.positions.location(parameter.name.span.start))
    }

    // MARK: Built-ins

    private func builtin(_ callee: CellName, _ arguments: [CellArgument], span: CellSpan) throws(CellError) -> Expr {
        let name = callee.text
        switch name {
        case "I", "identity":
            let n = try size(arguments[0])
            return EngineBridge.identity(n)
        case "ones", "zeros":
            let rows = try size(arguments[0])
            let cols = arguments.count > 1 ? try size(arguments[1]) : Dimension.one
            return name == "ones" ? EngineBridge.ones(rows, cols) : EngineBridge.zeros(rows, cols)
        case "derivative", "∂", "gradient", "∇", "jacobian", "hessian":
            let kind: EngineBridge.DerivativeKind = switch name {
            case "derivative", "∂": .derivative
            case "gradient", "∇": .gradient
            case "jacobian": .jacobian
            default: .hessian
            }
            let function = try evaluate(arguments[0].value)
            let variables = try differentiationVariables(arguments[1])
            let result = try engine(span, [arguments[0].value, arguments[1].value]) { () throws(EngineError) in
                try EngineBridge.derivative(kind, of: function, wrt: variables, layout: options.layout)
            }
            claims.record(DerivativeClaim(
                operation: kind.operation, function: function, variables: variables.symbols,
                layout: options.layout, result: result, range: positions.range(span)))
            return result
        case "derivation":
            throw CellError(
                id: .wrongArgument,
                message: "derivation(of:wrt:) shows the steps of a derivative on the page; write it as a statement of its own, and use derivative(of:wrt:) for a value to compute with",
                span: span
            )
        case "evaluate":
            let value = try evaluate(arguments[0].value)
            return try evaluated(value, at: arguments[1], span: span, operand: arguments[0].value)
        default:
            var values: [Expr] = []
            for argument in arguments { values.append(try evaluate(argument.value)) }
            do {
                return try EngineBridge.apply(name, values)
            } catch {
                throw engineError(error, span: callee.span, operands: arguments.map(\.value), values: values)
            }
        }
    }

    /// `derivation(of: f, wrt: x)` and `derivation(of: f, wrt: x, detail: .full)`: the engine's
    /// derivation, every step already checked; its result is recorded as a derivative claim, so
    /// the result is also verified by the lesson's numeric derivative check like any other.
    func derivation(_ callee: CellName, _ arguments: [CellArgument], span: CellSpan) throws(CellError) -> Derivation {
        guard let signature = Builtins.signatures[callee.text] else { throw unknownName(callee.text, span: callee.span, functionsOnly: true) }
        try checkLabels(arguments, against: signature, callee: callee, span: span)
        var detail = DerivationDetail.textbook
        if arguments.count == 3 {
            let argument = arguments[2].value
            let details = DerivationDetail.allCases.map(\.rawValue)
            guard case .option(let name) = argument.kind, let chosen = DerivationDetail(rawValue: name) else {
                throw CellError(
                    id: .wrongArgument,
                    message: "detail: takes " + details.map { "." + $0 }.joined(separator: " or "),
                    span: argument.span
                )
            }
            detail = chosen
        }
        let function = try evaluate(arguments[0].value)
        let variables = try differentiationVariables(arguments[1])
        let layout = options.layout
        let operands = [arguments[0].value, arguments[1].value]
        let result: Derivation
        do {
            result = try EngineBridge.derivation(of: function, wrt: variables, layout: layout, detail: detail)
        } catch {
            switch error {
            case .engine(let failure): throw engineError(failure, span: span, operands: operands)
            case .stepFailed, .uncheckable: throw CellError(id: .derivationStep, message: error.description, span: span, highlights: operands.map(\.span))
            case .tooLong: throw CellError(id: .budgetExceeded, message: error.description, span: span)
            }
        }
        claims.record(DerivativeClaim(
            operation: .derivative, function: function, variables: variables.symbols,
            layout: layout, result: result.result, range: positions.range(span)))
        return result
    }

    /// A size argument: a positive integer literal or a dimension name.
    private func size(_ argument: CellArgument) throws(CellError) -> Dimension {
        switch argument.value.kind {
        case .number(let text):
            if let value = Int(text), value > 0 { return .concrete(value) }
        case .name(let name):
            if let binding = environment[name], case .dimension(let dimension) = binding.entry { return dimension }
            if environment[name] == nil {
                throw CellError(
                    id: .unknownName,
                    message: "unknown dimension '\(name)'; a dimension is declared by its first use in a type, such as Vector<\(name)>",
                    span: argument.value.span
                )
            }
        default:
            break
        }
        throw CellError(id: .wrongArgument, message: "a size is a positive whole number or a dimension name such as n", span: argument.value.span)
    }

    /// `wrt: x` (a symbol) or `wrt: [x, y]` (scalar symbols, standing for the vector of them).
    private func differentiationVariables(_ argument: CellArgument) throws(CellError) -> EngineBridge.DifferentiationVariables {
        func symbol(_ expression: CellExpression) throws(CellError) -> Expr {
            guard case .name(let name) = expression.kind, let binding = environment[name] else {
                if case .name(let name) = expression.kind { throw unknownName(name, span: expression.span) }
                throw CellError(
                    id: .wrongArgument,
                    message: "wrt: takes a declared symbol or a list of scalar symbols such as [x, y]",
                    span: expression.span
                )
            }
            guard case .symbol(let value) = binding.entry else {
                throw CellError(
                    id: .wrongArgument,
                    message: "wrt: takes a declared symbol, but '\(name)' is bound to a value",
                    span: expression.span,
                    notes: [.init(message: "'\(name)' is declared here", location: binding.declaredAt)]
                )
            }
            return value
        }
        if case .vector(let entries) = argument.value.kind {
            var symbols: [Expr] = []
            for entry in entries {
                let value = try symbol(entry)
                guard value.shape.isScalar else {
                    throw CellError(
                        id: .wrongArgument,
                        message: "a list after wrt: holds scalar symbols, but this one is a \(value.shape)",
                        span: entry.span
                    )
                }
                symbols.append(value)
            }
            return .list(symbols)
        }
        return .symbol(try symbol(argument.value))
    }

    /// `e.evaluated(at: [x: 1, y: 2])`: values for declared symbols; a vector symbol takes a
    /// vector literal, whose length also gives a symbolic size (`w: Vector<n>` at `[1, 2, 3]`).
    private func evaluated(_ value: Expr, at argument: CellArgument, span: CellSpan, operand: CellExpression) throws(CellError) -> Expr {
        let assignments: [(Symbol, Expr)]
        if case .name(let name) = argument.value.kind, let binding = environment[name], case .point(let named) = binding.entry {
            assignments = named
        } else if case .point(let entries) = argument.value.kind {
            assignments = try pointAssignments(entries)
        } else {
            throw CellError(id: .wrongArgument, message: "at: takes a point such as [x: 1, y: 2], or the name of one", span: argument.value.span)
        }
        do {
            return try EngineBridge.evaluated(value, at: assignments)
        } catch {
            switch error {
            case .engine(let engineError):
                throw self.engineError(engineError, span: span, operands: [operand])
            case .valueShape:
                throw CellError(id: .shapeMismatch, message: error.description, span: argument.value.span)
            default:
                throw CellError(id: .evaluation, message: error.description, span: span, highlights: [argument.value.span])
            }
        }
    }

    /// `e.decimal(digits: 4)`: closed parts evaluated in floating point, 4 significant digits.
    private func decimal(_ value: Expr, digits argument: CellArgument, span: CellSpan, operand: CellExpression) throws(CellError) -> Expr {
        let digitsValue = try evaluate(argument.value)
        guard let digits = digitsValue.numberValue, digits.isInteger, let count = digits.intValue, (1...17).contains(count) else {
            throw CellError(id: .wrongArgument, message: "digits: takes a whole number of significant digits from 1 to 17", span: argument.value.span)
        }
        do {
            return try EngineBridge.decimal(value, digits: count)
        } catch {
            switch error {
            case .engine(let engineError):
                throw self.engineError(engineError, span: span, operands: [operand])
            default:
                throw CellError(id: .evaluation, message: error.description, span: span)
            }
        }
    }

    /// The symbols and values of a point literal `[x: 1, y: 2]`.
    func pointAssignments(_ entries: [(name: CellName, value: CellExpression)]) throws(CellError) -> [(Symbol, Expr)] {
        var assignments: [(Symbol, Expr)] = []
        var seen: Set<String> = []
        for (name, valueSyntax) in entries {
            guard let binding = environment[name.text] else { throw unknownName(name.text, span: name.span) }
            guard case .symbol(let symbolValue) = binding.entry, let symbol = symbolValue.symbolValue else {
                throw CellError(
                    id: .wrongArgument,
                    message: "'\(name.text)' is not a declared symbol, so it cannot be given a value",
                    span: name.span,
                    notes: [.init(message: "'\(name.text)' is declared here", location: binding.declaredAt)]
                )
            }
            guard seen.insert(name.text).inserted else {
                throw CellError(id: .wrongArgument, message: "'\(name.text)' is given two values", span: name.span)
            }
            assignments.append((symbol, try evaluate(valueSyntax)))
        }
        return assignments
    }
}
