import MathMarkup

/// Reads a token list into a ``MathNode`` tree, the way TeX's math mode groups atoms.
///
/// A recursive-descent parser: one function per construct (group, argument, scripts,
/// delimiters); environments and the structural commands live in extensions. Nesting is
/// bounded by ``maximumDepth`` so that hostile or broken input ends in an error, never in a
/// stack overflow.
struct TeXParser {
    /// Groups, arguments, environments and `\left…\right` pairs may nest this deep.
    static let maximumDepth = 48

    var tokens: [TeXToken]
    var position = 0
    var depth = 0
    /// The font of the enclosing `\mathbf{…}` and the like, applied to letters and digits.
    var alphabet: MathAlphabet?

    /// Names the lesson defined as macros, for "did you mean" (they are expanded before parsing).
    var macroNames: [String] = []
    /// Display math (where `\label`, `\tag` and numbering environments are allowed).
    var display = false
    /// The equation line `\label` and `\tag` apply to: the formula's, or a row's of `align`.
    var currentLine = EquationLine()
    /// Lines of numbering environments, in order (the formula's own line is added last).
    var lines: [EquationLine] = []
    var references: [EquationReference] = []
    var inNumberingEnvironment = false

    init(source: [Unicode.Scalar]) {
        tokens = TeXTokenizer.tokenize(source)
    }

    /// Tokens after macro expansion; the last one must be `.end`.
    init(tokens: [TeXToken], macroNames: [String]) {
        self.tokens = tokens.isEmpty ? [TeXToken(kind: .end, offset: 0, length: 0)] : tokens
        self.macroNames = macroNames
    }

    // MARK: Token access

    var current: TeXToken { tokens[min(position, tokens.count - 1)] }

    mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    mutating func skipSpaces() {
        while current.kind == .space { advance() }
    }

    // MARK: Formula and lists

    mutating func parseFormula() throws(TeXError) -> [MathNode] {
        let nodes = try parseList()
        let token = current
        switch token.kind {
        case .end:
            return nodes
        case .endGroup:
            throw TeXError(.unbalancedBrace, "unmatched } (no { opens it)", offset: token.offset, length: 1)
        case .alignment:
            throw TeXError(.misplacedAlignment, "& outside a matrix or aligned environment",
                           offset: token.offset, length: 1)
        case .command("\\"):
            throw TeXError(.misplacedAlignment,
                           "\\\\ (line break) outside an environment; use \\begin{aligned} … \\end{aligned}",
                           offset: token.offset, length: token.length)
        case .command("right"):
            throw TeXError(.unmatchedRight, "\\right without a matching \\left",
                           offset: token.offset, length: token.length)
        case .command("middle"):
            throw TeXError(.unmatchedRight, "\\middle outside \\left … \\right",
                           offset: token.offset, length: token.length)
        case .command("end"):
            throw TeXError(.environmentMismatch, "\\end without a matching \\begin",
                           offset: token.offset, length: token.length)
        default:
            throw TeXError(.unexpectedCharacter, "unexpected \(token.spelling)",
                           offset: token.offset, length: token.length)
        }
    }

    /// Whether the current token ends a list: the end of a group, a cell or a `\left` body.
    private func atListEnd(closingBracket: Bool) -> Bool {
        switch current.kind {
        case .end, .endGroup, .alignment: return true
        case .command("\\"), .command("end"), .command("right"), .command("middle"): return true
        case .character("]"): return closingBracket
        default: return false
        }
    }

    /// Atoms up to the end of the current group, cell or `\left` body (not consumed).
    /// `closingBracket` also stops at `]`, for the optional argument of `\sqrt[n]`.
    mutating func parseList(closingBracket: Bool = false) throws(TeXError) -> [MathNode] {
        var nodes: [MathNode] = []
        while true {
            skipSpaces()
            if atListEnd(closingBracket: closingBracket) { return nodes }
            if case .command(let name) = current.kind, let style = Self.styleCommands[name] {
                // The rest of the list nests inside the switch, so switches count as nesting:
                // thirty thousand \displaystyle in a row would otherwise end the stack.
                try enterNesting(at: current)
                defer { depth -= 1 }
                advance()
                let rest = try parseList(closingBracket: closingBracket)
                nodes.append(.styled(style, rest))
                return nodes
            }
            nodes.append(contentsOf: try parseAtomWithScripts())
        }
    }

    static let styleCommands: [String: MathStyle] = [
        "displaystyle": .display, "textstyle": .text, "scriptstyle": .script,
        "scriptscriptstyle": .scriptScript,
    ]

    // MARK: Atoms and scripts

    /// One atom and its sub-, superscripts and primes. Returns several nodes only for a
    /// function name, whose `&ApplyFunction;` the writer adds.
    mutating func parseAtomWithScripts() throws(TeXError) -> [MathNode] {
        let start = current
        if start.kind == .superscriptMark || start.kind == .subscriptMark {
            let which = start.kind == .superscriptMark ? "superscript ^" : "subscript _"
            throw TeXError(.scriptWithoutBase,
                           "\(which) has nothing to attach to; write {}\(start.spelling){…} for a script on nothing",
                           offset: start.offset, length: 1)
        }
        var base = try parseAtom(singleCharacter: false)
        var sub: MathNode?
        var sup: MathNode?
        var primes = 0
        var placement = LimitPlacement.automatic
        while true {
            skipSpaces()
            let token = current
            switch token.kind {
            case .superscriptMark:
                if sup != nil {
                    throw TeXError(.doubleScript, "double superscript; group it as {x^a}^b or x^{ab}",
                                   offset: token.offset, length: 1)
                }
                advance()
                sup = try parseScript(after: token)
            case .subscriptMark:
                if sub != nil {
                    throw TeXError(.doubleScript, "double subscript; group it as {x_a}_b or x_{ab}",
                                   offset: token.offset, length: 1)
                }
                advance()
                sub = try parseScript(after: token)
            case .character("'"):
                if sup != nil {
                    throw TeXError(.doubleScript, "prime after a superscript; write x'^{…} instead of x^{…}'",
                                   offset: token.offset, length: 1)
                }
                while current.kind == .character("'") { primes += 1; advance() }
            case .command(let name) where name == "limits" || name == "nolimits":
                guard base.atomClass == .largeOperator, sub == nil, sup == nil, primes == 0 else {
                    throw TeXError(.misplacedCommand, "\\\(name) must follow an operator such as \\sum or \\int",
                                   offset: token.offset, length: token.length)
                }
                placement = name == "limits" ? .limits : .noLimits
                advance()
            default:
                if primes > 0 {
                    let prime = MathNode.symbol(String(repeating: "′", count: primes), .ordinary)
                    if let existing = sup {
                        sup = .row([prime, existing])
                    } else {
                        sup = prime
                    }
                }
                if sub == nil, sup == nil {
                    if placement != .automatic, case .largeOperator(let op, _) = base {
                        base = .largeOperator(op, limits: placement == .limits)
                    }
                    return [base]
                }
                return [.scripts(base: base, sub: sub, sup: sup, placement: placement)]
            }
        }
    }

    /// The argument of `^` or `_`: one character, one command or one group.
    private mutating func parseScript(after marker: TeXToken) throws(TeXError) -> MathNode {
        skipSpaces()
        switch current.kind {
        case .end, .endGroup, .alignment, .superscriptMark, .subscriptMark, .command("\\"), .command("end"),
             .command("right"), .command("middle"):
            let which = marker.kind == .superscriptMark ? "superscript" : "subscript"
            throw TeXError(.missingScript, "\(marker.spelling) needs a \(which) after it",
                           offset: marker.offset, length: 1)
        default:
            return try parseAtom(singleCharacter: true)
        }
    }

    /// One atom without scripts. `singleCharacter` stops a number after its first digit,
    /// as TeX does for `x^23` (superscript 2, then 3).
    mutating func parseAtom(singleCharacter: Bool) throws(TeXError) -> MathNode {
        let token = current
        switch token.kind {
        case .beginGroup:
            return try parseGroup()
        case .character(let scalar):
            return try parseCharacter(scalar, token: token, singleCharacter: singleCharacter)
        case .command(let name):
            return try parseCommand(name, token: token)
        case .endGroup:
            throw TeXError(.unbalancedBrace, "unmatched } (no { opens it)", offset: token.offset, length: 1)
        case .alignment:
            throw TeXError(.misplacedAlignment, "& outside a matrix or aligned environment",
                           offset: token.offset, length: 1)
        case .superscriptMark, .subscriptMark:
            throw TeXError(.scriptWithoutBase, "\(token.spelling) has nothing to attach to",
                           offset: token.offset, length: 1)
        case .space:
            advance()
            return try parseAtom(singleCharacter: singleCharacter)
        case .end:
            throw TeXError(.missingArgument, "formula ends where something was expected",
                           offset: token.offset, length: 0)
        }
    }

    /// `{ … }` as one row.
    mutating func parseGroup() throws(TeXError) -> MathNode {
        let open = current
        try enterNesting(at: open)
        advance()
        let nodes = try parseList()
        guard current.kind == .endGroup else {
            throw unclosed(open)
        }
        advance()
        depth -= 1
        return .row(nodes)
    }

    /// The error for a `{` whose group ends at something else.
    func unclosed(_ open: TeXToken) -> TeXError {
        switch current.kind {
        case .command("right"):
            return TeXError(.unmatchedRight, "\\right without a matching \\left in this group",
                            offset: current.offset, length: current.length)
        case .command("end"):
            return TeXError(.unbalancedBrace, "unclosed { before \\end", offset: open.offset, length: 1)
        default:
            return TeXError(.unbalancedBrace, "unclosed { (missing })", offset: open.offset, length: 1)
        }
    }

    mutating func enterNesting(at token: TeXToken) throws(TeXError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw TeXError(.tooDeep, "formula nests deeper than \(Self.maximumDepth) levels",
                           offset: token.offset, length: max(token.length, 1))
        }
    }

    private mutating func parseCharacter(
        _ scalar: Unicode.Scalar, token: TeXToken, singleCharacter: Bool
    ) throws(TeXError) -> MathNode {
        advance()
        if scalar >= "0" && scalar <= "9" {
            var digits = String(scalar)
            if !singleCharacter {
                while true {
                    if case .character(let next) = current.kind, next >= "0" && next <= "9" {
                        digits.unicodeScalars.append(next); advance(); continue
                    }
                    // A decimal point belongs to the number only when a digit follows it.
                    if current.kind == .character("."), position + 1 < tokens.count,
                       case .character(let after) = tokens[position + 1].kind, after >= "0" && after <= "9" {
                        digits.append("."); advance(); continue
                    }
                    break
                }
            }
            return number(digits)
        }
        switch scalar {
        case "#", "$", "\\":
            throw TeXError(.unexpectedCharacter, "unexpected \(scalar) in math",
                           offset: token.offset, length: 1)
        case "~":
            return .space(1.0 / 3)
        case "'":
            return .scripts(base: .row([]), sub: nil, sup: .symbol("′", .ordinary), placement: .automatic)
        default:
            break
        }
        if let meaning = SymbolTable.meaning(ofCharacter: scalar) {
            return node(for: meaning)
        }
        if scalar.properties.isAlphabetic {
            return identifier(String(scalar), upright: false)
        }
        return .identifier(String(scalar), upright: false)
    }

    /// An identifier in the current font.
    func identifier(_ text: String, upright: Bool) -> MathNode {
        guard let alphabet, text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else {
            return .identifier(text, upright: upright)
        }
        let mapped = alphabet.map(scalar, upright: upright)
        return .identifier(mapped.text, upright: mapped.upright)
    }

    func number(_ digits: String) -> MathNode {
        guard let alphabet, alphabet != .roman, alphabet != .italic else { return .number(digits) }
        var text = ""
        for scalar in digits.unicodeScalars { text += alphabet.map(scalar, upright: true).text }
        return .number(text)
    }

    func node(for meaning: SymbolMeaning) -> MathNode {
        switch meaning {
        case .identifier(let text, let upright): identifier(text, upright: upright)
        case .symbol(let text, let atomClass): .symbol(text, atomClass)
        case .largeOperator(let text, let limits): .largeOperator(text, limits: limits)
        case .function(let name, let limits): .function(name, limits: limits)
        case .space(let width): .space(width)
        }
    }
}
