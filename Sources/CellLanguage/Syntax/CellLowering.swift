import SwiftSyntax

/// Lowers swift-syntax's (folded) Swift tree to `CellProgram`, refusing every Swift construct
/// that is not part of the cell language with a message saying so and where it is.
enum CellLowering {
    static func lower(_ file: SourceFileSyntax) throws(CellError) -> CellProgram {
        var statements: [CellStatement] = []
        for item in file.statements {
            statements += try statement(item)
        }
        return CellProgram(statements: statements)
    }

    // MARK: Statements

    private static func statement(_ item: CodeBlockItemSyntax) throws(CellError) -> [CellStatement] {
        let span = item.item.trimmedSpan
        switch item.item {
        case .decl(let decl):
            if let variable = decl.as(VariableDeclSyntax.self) { return try variableDeclaration(variable) }
            if let function = decl.as(FunctionDeclSyntax.self) {
                return [CellStatement(kind: .function(try functionDeclaration(function)), span: span)]
            }
            throw notInLanguage(Syntax(decl))
        case .expr(let expr):
            if let macro = expr.as(MacroExpansionExprSyntax.self), macro.macroName.text == "expect" {
                return [try expectation(macro)]
            }
            if let infix = expr.as(InfixOperatorExprSyntax.self), infix.operator.is(AssignmentExprSyntax.self) {
                guard let target = infix.leftOperand.as(DeclReferenceExprSyntax.self) else {
                    throw CellError(id: .notInLanguage, message: "only a name can be assigned to", span: infix.leftOperand.trimmedSpan)
                }
                let name = CellName(text: target.baseName.text, span: target.trimmedSpan)
                return [CellStatement(kind: .assignment(name: name, value: try expression(infix.rightOperand)), span: span)]
            }
            return [CellStatement(kind: .expression(try expression(expr)), span: span)]
        case .stmt(let stmt):
            if let expressionStatement = stmt.as(ExpressionStmtSyntax.self) {
                throw notInLanguage(Syntax(expressionStatement.expression))
            }
            throw notInLanguage(Syntax(stmt))
        }
    }

    private static func variableDeclaration(_ decl: VariableDeclSyntax) throws(CellError) -> [CellStatement] {
        if let modifier = decl.modifiers.first { throw notInLanguage(Syntax(modifier)) }
        let isVariable = decl.bindingSpecifier.tokenKind == .keyword(.var)
        var attributes: [CellName] = []
        for element in decl.attributes {
            guard case .attribute(let attribute) = element, attribute.arguments == nil,
                  let name = attribute.attributeName.as(IdentifierTypeSyntax.self)
            else { throw notInLanguage(Syntax(element)) }
            attributes.append(CellName(text: name.name.text, span: attribute.trimmedSpan))
        }
        var statements: [CellStatement] = []
        var pendingNames: [CellName] = []
        for binding in decl.bindings {
            if let accessor = binding.accessorBlock { throw notInLanguage(Syntax(accessor)) }
            guard let pattern = binding.pattern.as(IdentifierPatternSyntax.self) else {
                throw notInLanguage(Syntax(binding.pattern))
            }
            let name = CellName(text: pattern.identifier.text, span: pattern.trimmedSpan)
            let type = try binding.typeAnnotation.map { (annotation) throws(CellError) in try typeSyntax(annotation.type) }
            if let initializer = binding.initializer {
                if !pendingNames.isEmpty {
                    throw CellError(
                        id: .badType,
                        message: "'\(pendingNames[0].text)' needs a type or a value",
                        span: pendingNames[0].span,
                        fixIts: [.init(message: "declare it a scalar", span: CellSpan(pendingNames[0].span.end, pendingNames[0].span.end), replacement: ": Scalar")]
                    )
                }
                if !attributes.isEmpty {
                    throw CellError(
                        id: .notInLanguage,
                        message: "assumptions such as \(attributes[0].text) belong on declarations of symbols, not on bindings",
                        span: attributes[0].span
                    )
                }
                let value = try expression(initializer.value)
                statements.append(CellStatement(
                    kind: .binding(name: name, type: type, value: value, isVariable: isVariable),
                    span: binding.trimmedSpan
                ))
            } else if let type {
                pendingNames.append(name)
                statements.append(CellStatement(
                    kind: .declaration(names: pendingNames, type: type, attributes: attributes, isVariable: isVariable),
                    span: decl.trimmedSpan
                ))
                pendingNames = []
            } else {
                pendingNames.append(name)
            }
        }
        if let last = pendingNames.last {
            throw CellError(
                id: .badType,
                message: "'\(last.text)' needs a type, such as Scalar, Vector<n> or Matrix<m, n>",
                span: last.span,
                fixIts: [.init(message: "declare it a scalar", span: CellSpan(last.span.end, last.span.end), replacement: ": Scalar")]
            )
        }
        return statements
    }

    private static func functionDeclaration(_ decl: FunctionDeclSyntax) throws(CellError) -> CellFunction {
        if let modifier = decl.modifiers.first { throw notInLanguage(Syntax(modifier)) }
        if let attribute = decl.attributes.first { throw notInLanguage(Syntax(attribute)) }
        if let generics = decl.genericParameterClause { throw notInLanguage(Syntax(generics)) }
        if let effects = decl.signature.effectSpecifiers { throw notInLanguage(Syntax(effects)) }
        if let whereClause = decl.genericWhereClause { throw notInLanguage(Syntax(whereClause)) }
        var parameters: [CellFunction.Parameter] = []
        for parameter in decl.signature.parameterClause.parameters {
            if let value = parameter.defaultValue { throw notInLanguage(Syntax(value)) }
            if let ellipsis = parameter.ellipsis { throw notInLanguage(Syntax(ellipsis)) }
            let nameToken = parameter.secondName ?? parameter.firstName
            let label: String? = parameter.firstName.tokenKind == .wildcard ? nil : parameter.firstName.text
            parameters.append(.init(
                label: label,
                name: CellName(text: nameToken.text, span: nameToken.trimmedSpan),
                type: try typeSyntax(parameter.type)
            ))
        }
        let resultType = try decl.signature.returnClause.map { (clause) throws(CellError) in try typeSyntax(clause.type) }
        let name = CellName(text: decl.name.text, span: decl.name.trimmedSpan)
        guard let body = decl.body else {
            throw CellError(id: .syntax, message: "function '\(name.text)' needs a body { … }", span: decl.trimmedSpan)
        }
        let items = Array(body.statements)
        guard items.count == 1 else {
            throw CellError(
                id: .notInLanguage,
                message: "a function body is one expression (optionally after 'return'); use 'let' bindings outside the function",
                span: items.count > 1 ? items[1].trimmedSpan : body.trimmedSpan
            )
        }
        let value: ExprSyntax
        switch items[0].item {
        case .expr(let expr):
            value = expr
        case .stmt(let stmt):
            guard let returned = stmt.as(ReturnStmtSyntax.self)?.expression else { throw notInLanguage(Syntax(stmt)) }
            value = returned
        case .decl(let decl):
            throw CellError(
                id: .notInLanguage,
                message: "a function body is one expression (optionally after 'return'); declarations inside functions are not part of the cell language",
                span: decl.trimmedSpan
            )
        }
        return CellFunction(name: name, parameters: parameters, resultType: resultType, body: try expression(value))
    }

    private static func expectation(_ macro: MacroExpansionExprSyntax) throws(CellError) -> CellStatement {
        if let closure = macro.trailingClosure { throw notInLanguage(Syntax(closure)) }
        if let generic = macro.genericArgumentClause { throw notInLanguage(Syntax(generic)) }
        let arguments = Array(macro.arguments)
        guard let condition = arguments.first, condition.label == nil, arguments.count <= 2 else {
            throw CellError(id: .wrongArgument, message: "#expect takes one comparison and an optional message: #expect(a == b, \"why\")", span: macro.trimmedSpan)
        }
        guard let comparison = condition.expression.as(InfixOperatorExprSyntax.self),
              comparison.operator.as(BinaryOperatorExprSyntax.self)?.operator.text == "=="
        else {
            throw CellError(id: .wrongArgument, message: "#expect checks an equality: #expect(a == b)", span: condition.expression.trimmedSpan)
        }
        var message: String?
        if arguments.count == 2 {
            let second = arguments[1]
            guard second.label == nil, let literal = second.expression.as(StringLiteralExprSyntax.self),
                  let text = plainText(of: literal)
            else {
                throw CellError(id: .wrongArgument, message: "the message of #expect is a plain string literal", span: second.trimmedSpan)
            }
            message = text
        }
        return CellStatement(
            kind: .expect(lhs: try expression(comparison.leftOperand), rhs: try expression(comparison.rightOperand), message: message),
            span: macro.trimmedSpan
        )
    }

    private static func plainText(of literal: StringLiteralExprSyntax) -> String? {
        var text = ""
        for segment in literal.segments {
            guard case .stringSegment(let piece) = segment else { return nil }
            text += piece.content.text
        }
        return text
    }

    // MARK: Types

    private static func typeSyntax(_ type: TypeSyntax) throws(CellError) -> CellTypeSyntax {
        guard let identifier = type.as(IdentifierTypeSyntax.self),
              let kind = CellTypeSyntax.Kind(rawValue: identifier.name.text)
        else {
            throw CellError(
                id: .badType,
                message: "unknown type '\(type.trimmedDescription)'; the types are Scalar, Vector<n> and Matrix<m, n>",
                span: type.trimmedSpan
            )
        }
        var dimensions: [CellDimensionSyntax] = []
        for argument in identifier.genericArgumentClause?.arguments ?? [] {
            dimensions.append(try dimension(argument))
        }
        let expected = switch kind { case .scalar: 0; case .vector: 1; case .matrix: 2 }
        guard dimensions.count == expected else {
            let form = switch kind { case .scalar: "Scalar"; case .vector: "Vector<n>"; case .matrix: "Matrix<m, n>" }
            throw CellError(id: .badType, message: "\(kind.rawValue) is written \(form)", span: type.trimmedSpan)
        }
        return CellTypeSyntax(kind: kind, dimensions: dimensions, span: type.trimmedSpan)
    }

    private static func dimension(_ argument: GenericArgumentSyntax) throws(CellError) -> CellDimensionSyntax {
        let span = argument.argument.trimmedSpan
        switch argument.argument {
        case .expr(let expr):
            if let literal = expr.as(IntegerLiteralExprSyntax.self), let value = Int(literal.literal.text), value > 0 {
                return .literal(value, span)
            }
        case .type(let type):
            if let identifier = type.as(IdentifierTypeSyntax.self), identifier.genericArgumentClause == nil {
                return .name(CellName(text: identifier.name.text, span: span))
            }
        }
        throw CellError(id: .badType, message: "a dimension is a positive integer or a name", span: span)
    }

    // MARK: Expressions

    static func expression(_ syntax: ExprSyntax) throws(CellError) -> CellExpression {
        let span = syntax.trimmedSpan
        if let literal = syntax.as(IntegerLiteralExprSyntax.self) {
            let text = literal.literal.text.replacingUnderscores
            guard text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { throw notInLanguage(Syntax(syntax)) }
            return CellExpression(kind: .number(text), span: span)
        }
        if let literal = syntax.as(FloatLiteralExprSyntax.self) {
            let text = literal.literal.text.replacingUnderscores
            guard !text.hasPrefix("0x") else { throw notInLanguage(Syntax(syntax)) }
            return CellExpression(kind: .number(text), span: span)
        }
        if let reference = syntax.as(DeclReferenceExprSyntax.self) {
            if let names = reference.argumentNames { throw notInLanguage(Syntax(names)) }
            return CellExpression(kind: .name(reference.baseName.text), span: span)
        }
        if let tuple = syntax.as(TupleExprSyntax.self) {
            guard tuple.elements.count == 1, let only = tuple.elements.first, only.label == nil else {
                throw notInLanguage(Syntax(syntax))
            }
            var inner = try expression(only.expression)
            inner.span = span
            return inner
        }
        if let array = syntax.as(ArrayExprSyntax.self) { return try arrayLiteral(array) }
        if let dictionary = syntax.as(DictionaryExprSyntax.self) { return try pointLiteral(dictionary) }
        if let call = syntax.as(FunctionCallExprSyntax.self) { return try functionCall(call) }
        if let member = syntax.as(MemberAccessExprSyntax.self) {
            guard let base = member.base else {
                return CellExpression(kind: .option(member.declName.baseName.text), span: span)
            }
            let name = member.declName.baseName.text
            guard name == "T" else {
                throw CellError(
                    id: .unknownName,
                    message: "value has no member '\(name)'; the only member is .T",
                    span: member.declName.trimmedSpan,
                    fixIts: name.lowercased().hasPrefix("t")
                        ? [.init(message: "transpose with .T", span: member.declName.trimmedSpan, replacement: "T")] : []
                )
            }
            return CellExpression(kind: .transpose(try expression(base)), span: span)
        }
        if let subscriptCall = syntax.as(SubscriptCallExprSyntax.self) {
            if let closure = subscriptCall.trailingClosure { throw notInLanguage(Syntax(closure)) }
            var indices: [CellExpression] = []
            for argument in subscriptCall.arguments {
                if let label = argument.label { throw notInLanguage(Syntax(label)) }
                indices.append(try expression(argument.expression))
            }
            return CellExpression(kind: .subscripted(base: try expression(subscriptCall.calledExpression), indices: indices), span: span)
        }
        if let infix = syntax.as(InfixOperatorExprSyntax.self) { return try infixOperation(infix) }
        if let prefix = syntax.as(PrefixOperatorExprSyntax.self) { return try prefixOperation(prefix) }
        if let macro = syntax.as(MacroExpansionExprSyntax.self), macro.macroName.text == "expect" {
            throw CellError(id: .notInLanguage, message: "#expect is a statement of its own, not part of an expression", span: span)
        }
        throw notInLanguage(Syntax(syntax))
    }

    private static func infixOperation(_ infix: InfixOperatorExprSyntax) throws(CellError) -> CellExpression {
        let span = infix.trimmedSpan
        guard let binary = infix.operator.as(BinaryOperatorExprSyntax.self) else {
            if infix.operator.is(AssignmentExprSyntax.self) {
                throw CellError(id: .notInLanguage, message: "an assignment is a statement of its own, not part of an expression", span: infix.operator.trimmedSpan)
            }
            throw notInLanguage(Syntax(infix.operator))
        }
        let name = CellName(text: binary.operator.text, span: binary.operator.trimmedSpan)
        if name.text == "==" {
            throw CellError(
                id: .notInLanguage,
                message: "'==' is only allowed inside #expect",
                span: name.span,
                fixIts: shortText(infix).map { [.init(message: "check the equality", span: span, replacement: "#expect(\($0))")] } ?? []
            )
        }
        let rhs = try expression(infix.rightOperand)
        // A prefix minus applies after a power, as in mathematics: -x^2 is -(x^2).
        if name.text == "^", let signed = infix.leftOperand.as(PrefixOperatorExprSyntax.self),
           ["-", "+"].contains(signed.operator.text)
        {
            let base = try expression(signed.expression)
            let power = CellExpression(kind: .binary(operator: name, lhs: base, rhs: rhs), span: base.span.union(rhs.span))
            let sign = CellName(text: signed.operator.text, span: signed.operator.trimmedSpan)
            return CellExpression(kind: .prefix(operator: sign, operand: power), span: span)
        }
        // `a + b - c + …` folds into a left-deep tree; walk down its left edge without
        // recursion and keep the operands in one flat chain.
        var links = [CellLink(operator: name, operand: rhs)]
        var left = infix.leftOperand
        while let inner = left.as(InfixOperatorExprSyntax.self),
              let innerOperator = inner.operator.as(BinaryOperatorExprSyntax.self)?.operator,
              CellOperators.sameLeftAssociativeGroup(innerOperator.text, name.text)
        {
            links.append(CellLink(
                operator: CellName(text: innerOperator.text, span: innerOperator.trimmedSpan),
                operand: try expression(inner.rightOperand)))
            left = inner.leftOperand
        }
        let lhs = try expression(left)
        if links.count == 1 {
            return CellExpression(kind: .binary(operator: name, lhs: lhs, rhs: rhs), span: span)
        }
        return CellExpression(kind: .chain(first: lhs, rest: links.reversed()), span: span)
    }

    private static func prefixOperation(_ prefix: PrefixOperatorExprSyntax) throws(CellError) -> CellExpression {
        let span = prefix.trimmedSpan
        let name = CellName(text: prefix.operator.text, span: prefix.operator.trimmedSpan)
        switch name.text {
        case "-", "+":
            return CellExpression(kind: .prefix(operator: name, operand: try expression(prefix.expression)), span: span)
        case "∂", "∇":
            return try calculusOperator(name, applyingTo: prefix.expression, start: span.start)
        default:
            throw notInLanguage(Syntax(prefix))
        }
    }

    /// `∂(f, x)` parses as the prefix operator ∂ applied to the tuple `(f, x)`; and since
    /// postfix forms bind tighter than prefix operators, `∂(f, x).T` parses as `∂((f, x).T)`.
    /// The call is rebuilt at the innermost tuple, and the member accesses, calls and
    /// subscripts around it are applied to the call's value, as the reader means.
    private static func calculusOperator(_ name: CellName, applyingTo operand: ExprSyntax, start: Int) throws(CellError) -> CellExpression {
        let span = CellSpan(start, operand.trimmedSpan.end)
        if let tuple = operand.as(TupleExprSyntax.self), tuple.elements.count == 2 {
            var arguments: [CellArgument] = []
            for element in tuple.elements {
                arguments.append(try argument(element))
            }
            return CellExpression(kind: .call(callee: name, arguments: arguments), span: span)
        }
        if let member = operand.as(MemberAccessExprSyntax.self), let base = member.base, member.declName.baseName.text == "T" {
            return CellExpression(kind: .transpose(try calculusOperator(name, applyingTo: base, start: start)), span: span)
        }
        if let call = operand.as(FunctionCallExprSyntax.self), call.trailingClosure == nil,
           let member = call.calledExpression.as(MemberAccessExprSyntax.self), let base = member.base
        {
            var arguments: [CellArgument] = []
            for element in call.arguments { arguments.append(try argument(element)) }
            let method = CellName(text: member.declName.baseName.text, span: member.declName.trimmedSpan)
            let inner = try calculusOperator(name, applyingTo: base, start: start)
            return CellExpression(kind: .methodCall(base: inner, method: method, arguments: arguments), span: span)
        }
        if let subscriptCall = operand.as(SubscriptCallExprSyntax.self), subscriptCall.trailingClosure == nil {
            var indices: [CellExpression] = []
            for element in subscriptCall.arguments {
                if let label = element.label { throw notInLanguage(Syntax(label)) }
                indices.append(try expression(element.expression))
            }
            let inner = try calculusOperator(name, applyingTo: subscriptCall.calledExpression, start: start)
            return CellExpression(kind: .subscripted(base: inner, indices: indices), span: span)
        }
        throw CellError(
            id: .wrongArgument,
            message: "\(name.text) takes the function and the variable: \(name.text)(f, x)",
            span: span
        )
    }

    private static func functionCall(_ call: FunctionCallExprSyntax) throws(CellError) -> CellExpression {
        if let closure = call.trailingClosure { throw notInLanguage(Syntax(closure)) }
        var arguments: [CellArgument] = []
        for element in call.arguments {
            arguments.append(try argument(element))
        }
        let span = call.trimmedSpan
        if let reference = call.calledExpression.as(DeclReferenceExprSyntax.self), reference.argumentNames == nil {
            let callee = CellName(text: reference.baseName.text, span: reference.trimmedSpan)
            return CellExpression(kind: .call(callee: callee, arguments: arguments), span: span)
        }
        if let member = call.calledExpression.as(MemberAccessExprSyntax.self), let base = member.base {
            let method = CellName(text: member.declName.baseName.text, span: member.declName.trimmedSpan)
            return CellExpression(kind: .methodCall(base: try expression(base), method: method, arguments: arguments), span: span)
        }
        throw notInLanguage(Syntax(call.calledExpression))
    }

    private static func argument(_ element: LabeledExprSyntax) throws(CellError) -> CellArgument {
        let label = element.label.map { CellName(text: $0.text, span: $0.trimmedSpan) }
        return CellArgument(label: label, value: try expression(element.expression), span: element.trimmedSpan)
    }

    private static func arrayLiteral(_ array: ArrayExprSyntax) throws(CellError) -> CellExpression {
        let span = array.trimmedSpan
        let elements = array.elements.map(\.expression)
        guard !elements.isEmpty else {
            throw CellError(id: .wrongArgument, message: "an empty vector has no shape; write at least one entry", span: span)
        }
        let rows = elements.compactMap { $0.as(ArrayExprSyntax.self) }
        if rows.isEmpty {
            var entries: [CellExpression] = []
            for element in elements { entries.append(try expression(element)) }
            return CellExpression(kind: .vector(entries), span: span)
        }
        guard rows.count == elements.count else {
            throw CellError(
                id: .wrongArgument,
                message: "a matrix literal lists rows, each in brackets: [[a, b], [c, d]]",
                span: elements.first { !$0.is(ArrayExprSyntax.self) }?.trimmedSpan ?? span
            )
        }
        var matrix: [[CellExpression]] = []
        for row in rows {
            var entries: [CellExpression] = []
            for element in row.elements {
                if element.expression.is(ArrayExprSyntax.self) {
                    throw CellError(id: .wrongArgument, message: "a matrix literal has two levels of brackets, not more", span: element.expression.trimmedSpan)
                }
                entries.append(try expression(element.expression))
            }
            if let first = matrix.first, first.count != entries.count {
                throw CellError(
                    id: .shapeMismatch,
                    message: "every row of a matrix has the same length: this row has \(entries.count) entries, the first has \(first.count)",
                    span: row.trimmedSpan
                )
            }
            if entries.isEmpty {
                throw CellError(id: .wrongArgument, message: "a matrix row needs at least one entry", span: row.trimmedSpan)
            }
            matrix.append(entries)
        }
        return CellExpression(kind: .matrix(matrix), span: span)
    }

    private static func pointLiteral(_ dictionary: DictionaryExprSyntax) throws(CellError) -> CellExpression {
        guard case .elements(let elements) = dictionary.content else {
            throw CellError(id: .wrongArgument, message: "a point names at least one symbol: [x: 1]", span: dictionary.trimmedSpan)
        }
        var entries: [(name: CellName, value: CellExpression)] = []
        for element in elements {
            guard let key = element.key.as(DeclReferenceExprSyntax.self) else {
                throw CellError(id: .wrongArgument, message: "a point maps symbol names to values: [x: 1, y: 2]", span: element.key.trimmedSpan)
            }
            entries.append((CellName(text: key.baseName.text, span: key.trimmedSpan), try expression(element.value)))
        }
        return CellExpression(kind: .point(entries), span: dictionary.trimmedSpan)
    }

    // MARK: Not the language

    /// "a for loop is not part of the cell language", at the construct.
    static func notInLanguage(_ node: Syntax) -> CellError {
        CellError(
            id: .notInLanguage,
            message: "\(describe(node)) is not part of the cell language",
            span: node.trimmedSpan,
            notes: [.init(message: "cells declare symbols (let x: Scalar), bind values (let y = …), define functions (func) and check results (#expect)", span: nil)]
        )
    }

    /// The node's text when it is short. Writing a node's text recurses through its tree, and
    /// a long sum is a tree as deep as it has terms, so long nodes are not quoted.
    private static func shortText(_ node: some SyntaxProtocol) -> String? {
        node.trimmedLength.utf8Length <= 200 ? node.trimmedDescription : nil
    }

    private static func describe(_ node: Syntax) -> String {
        switch node.kind {
        case .forStmt: return "a 'for' loop"
        case .whileStmt: return "a 'while' loop"
        case .repeatStmt: return "a 'repeat' loop"
        case .ifExpr: return "'if'"
        case .guardStmt: return "'guard'"
        case .switchExpr: return "'switch'"
        case .doStmt: return "'do'"
        case .returnStmt: return "'return' outside a function"
        case .throwStmt: return "'throw'"
        case .breakStmt, .continueStmt: return "'\(node.trimmedDescription)'"
        case .deferStmt: return "'defer'"
        case .classDecl: return "a class"
        case .structDecl: return "a struct"
        case .enumDecl: return "an enum"
        case .protocolDecl: return "a protocol"
        case .extensionDecl: return "an extension"
        case .actorDecl: return "an actor"
        case .importDecl: return "'import'"
        case .typeAliasDecl: return "a typealias"
        case .operatorDecl, .precedenceGroupDecl: return "an operator declaration"
        case .closureExpr: return "a closure"
        case .stringLiteralExpr:
            if let literal = node.as(StringLiteralExprSyntax.self),
               literal.segments.contains(where: { if case .expressionSegment = $0 { true } else { false } })
            {
                return "string interpolation"
            }
            return "a string literal"
        case .tryExpr: return "'try'"
        case .awaitExpr: return "'await'"
        case .booleanLiteralExpr: return "a Boolean literal"
        case .nilLiteralExpr: return "'nil'"
        case .ternaryExpr: return "the conditional operator '?:'"
        case .asExpr, .isExpr: return "a type cast"
        case .keyPathExpr: return "a key path"
        case .macroExpansionExpr, .macroExpansionDecl:
            let name = node.as(MacroExpansionExprSyntax.self)?.macroName.text ?? node.as(MacroExpansionDeclSyntax.self)?.macroName.text ?? ""
            return "the macro '#\(name)'"
        case .tupleExpr: return "a tuple"
        case .declModifier: return "the modifier '\(node.trimmedDescription)'"
        case .attribute, .attributeList: return shortText(node).map { "the attribute '\($0)'" } ?? "an attribute"
        case .accessorBlock: return "a computed property"
        case .genericParameterClause, .genericWhereClause: return "a generic function"
        case .functionEffectSpecifiers: return "'\(node.trimmedDescription)'"
        case .integerLiteralExpr, .floatLiteralExpr: return "the number literal '\(node.trimmedDescription)'"
        case .initializerClause: return "a default argument"
        case .subscriptDecl: return "a subscript declaration"
        case .initializerDecl: return "an initializer"
        case .optionalChainingExpr, .forceUnwrapExpr: return "optional syntax"
        case .inOutExpr: return "'&'"
        case .regexLiteralExpr: return "a regular expression"
        case .arrowExpr: return "a function type"
        case .patternExpr, .discardAssignmentExpr: return "a pattern"
        case .superExpr: return "'super'"
        case .unresolvedTernaryExpr: return "the conditional operator '?:'"
        default: return shortText(node).map { "'\($0.prefix(30))'" } ?? "this construct"
        }
    }
}

extension String {
    fileprivate var replacingUnderscores: String { filter { $0 != "_" } }
}
