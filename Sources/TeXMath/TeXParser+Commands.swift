import MathMarkup

/// The commands that take arguments: fractions, roots, fonts, accents, text, delimiters.
extension TeXParser {
    /// Commands handled here rather than in ``SymbolTable``, for "did you mean" suggestions.
    static let structuralCommands: Set<String> = Set([
        "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "sqrt", "text", "textrm",
        "textnormal", "textup", "mbox", "operatorname", "overset", "underset", "stackrel", "left",
        "right", "middle", "begin", "end", "limits", "nolimits", "displaystyle", "textstyle",
        "scriptstyle", "scriptscriptstyle",
    ]).union(accents.keys).union(delimiterSizes.keys)

    static var knownCommands: [String] {
        Array(SymbolTable.commandNames) + Array(MathAlphabet.commands.keys) + Array(structuralCommands)
            + Array(MacroExpander.definitionCommands) + Array(equationCommands)
    }

    /// Whether `name` is a command of the subset itself (which `\newcommand` may not take).
    static func isBuiltIn(_ name: String) -> Bool {
        SymbolTable.meaning(of: name) != nil || MathAlphabet.commands[name] != nil || structuralCommands.contains(name)
            || MacroExpander.definitionCommands.contains(name) || equationCommands.contains(name)
    }

    /// Accent commands: mark, whether it stretches over its base, whether it goes under.
    /// The marks are the spacing accent characters (ˆ ˜ ˉ, not ^ ~ ¯) that a math font sizes
    /// for one letter, and for the wide ones the characters Chromium stretches with a math
    /// font (checked in headless Chromium with Latin Modern Math).
    static let accents: [String: (mark: String, stretchy: Bool, under: Bool)] = [
        "hat": ("\u{02C6}", false, false), "check": ("\u{02C7}", false, false), "tilde": ("\u{02DC}", false, false),
        "acute": ("\u{00B4}", false, false), "grave": ("\u{02CB}", false, false), "dot": ("\u{02D9}", false, false),
        "ddot": ("\u{00A8}", false, false), "breve": ("\u{02D8}", false, false), "bar": ("\u{02C9}", false, false),
        "vec": ("\u{20D7}", false, false), "mathring": ("\u{02DA}", false, false),
        "widehat": ("\u{0302}", true, false), "widetilde": ("~", true, false),
        "overline": ("\u{2015}", true, false), "underline": ("\u{0332}", true, true),
        "overrightarrow": ("\u{20D7}", true, false), "overleftarrow": ("\u{2190}", true, false),
    ]

    /// `\big(` and friends: fixed delimiter heights in em (TeX's 1.2, 1.8, 2.4, 3.0 ex-ish sizes).
    static let delimiterSizes: [String: (size: Double, atomClass: AtomClass?)] = {
        var sizes: [String: (Double, AtomClass?)] = [:]
        for (name, size) in [("big", 1.2), ("Big", 1.623), ("bigg", 2.047), ("Bigg", 2.470)] {
            sizes[name] = (size, nil)
            sizes[name + "l"] = (size, .open)
            sizes[name + "r"] = (size, .close)
            sizes[name + "m"] = (size, .relation)
        }
        return sizes
    }()

    mutating func parseCommand(_ name: String, token: TeXToken) throws(TeXError) -> MathNode {
        advance()
        if let meaning = SymbolTable.meaning(of: name) {
            return node(for: meaning)
        }
        if let font = MathAlphabet.commands[name] {
            return try parseFontArgument(font, command: token)
        }
        if let accent = Self.accents[name] {
            let base = try parseArgument(of: token)
            return .accent(base, mark: accent.mark, stretchy: accent.stretchy, under: accent.under)
        }
        if Self.equationCommands.contains(name) {
            return try parseEquationCommand(name, token: token)
        }
        if let sizing = Self.delimiterSizes[name] {
            let delimiter = try parseDelimiter(after: token)
            let atomClass = sizing.atomClass ?? delimiter.atomClass
            return .sizedDelimiter(delimiter.text ?? "", atomClass, size: sizing.size)
        }
        switch name {
        case "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom":
            let numerator = try parseArgument(of: token, count: 2)
            let denominator = try parseArgument(of: token, count: 2)
            let style: FractionStyle = switch name {
            case "dfrac", "cfrac": .display
            case "tfrac": .text
            case "binom", "dbinom", "tbinom": .binomial
            default: .inherited
            }
            let fraction = MathNode.fraction(numerator: numerator, denominator: denominator, style: style)
            switch name {
            case "dbinom": return .styled(.display, [fraction])
            case "tbinom": return .styled(.text, [fraction])
            default: return fraction
            }
        case "sqrt":
            skipSpaces()
            var index: MathNode?
            if current.kind == .character("[") {
                let open = current
                try enterNesting(at: open)
                advance()
                let nodes = try parseList(closingBracket: true)
                guard current.kind == .character("]") else {
                    throw TeXError(.unbalancedBrace, "unclosed [ of \\sqrt[…] (missing ])",
                                   offset: open.offset, length: 1)
                }
                advance()
                depth -= 1
                index = .row(nodes)
            }
            return .root(try parseArgument(of: token), index: index)
        case "text", "textrm", "textnormal", "textup", "mbox":
            return .text(try parseTextArgument(of: token))
        case "operatorname":
            return try parseOperatorName(token)
        case "overset", "stackrel", "underset":
            let script = try parseArgument(of: token, count: 2)
            let base = try parseArgument(of: token, count: 2)
            return name == "underset"
                ? .stacked(base: base, over: nil, under: script)
                : .stacked(base: base, over: script, under: nil)
        case "left":
            return try parseFenced(left: token)
        case "begin":
            return try parseEnvironment(begin: token)
        case "right", "middle", "end", "\\":
            // Reached only where a list cannot end (as a script or an argument).
            throw TeXError(.misplacedCommand, "\(token.spelling) cannot stand here",
                           offset: token.offset, length: token.length)
        case "limits", "nolimits":
            throw TeXError(.misplacedCommand, "\\\(name) must follow an operator such as \\sum or \\int",
                           offset: token.offset, length: token.length)
        default:
            throw unknownCommand(name, token: token)
        }
    }

    func unknownCommand(_ name: String, token: TeXToken) -> TeXError {
        if name.isEmpty {
            return TeXError(.unknownCommand, "a lone \\ at the end of the formula",
                            offset: token.offset, length: token.length)
        }
        if let suggestion = NearestName.suggestion(for: name, among: Self.knownCommands + macroNames) {
            return TeXError(.unknownCommand, "unknown command \\\(name); did you mean \\\(suggestion)?",
                            offset: token.offset, length: token.length, suggestion: "\\" + suggestion)
        }
        return TeXError(.unknownCommand, "unknown command \\\(name) (not in calcbook's TeX subset)",
                        offset: token.offset, length: token.length,
                        hint: "to use \\\(name), define it with \\newcommand{\\\(name)}{…} in the lesson's math, or for every lesson in the project's macro file (macros = \"macros.tex\" in calcbook.toml)")
    }

    /// A command's argument: a group, or a single character or command.
    mutating func parseArgument(of command: TeXToken, count: Int = 1) throws(TeXError) -> MathNode {
        skipSpaces()
        switch current.kind {
        case .end, .endGroup, .alignment, .superscriptMark, .subscriptMark, .command("\\"), .command("end"),
             .command("right"), .command("middle"):
            let arguments = count == 1 ? "an argument" : "\(count) arguments"
            throw TeXError(.missingArgument, "\(command.spelling) needs \(arguments), as in \(command.spelling){…}",
                           offset: command.offset, length: command.length)
        case .beginGroup:
            return try parseGroup()
        default:
            try enterNesting(at: current)
            defer { depth -= 1 }
            return try parseAtom(singleCharacter: true)
        }
    }

    private mutating func parseFontArgument(_ font: MathAlphabet, command: TeXToken) throws(TeXError) -> MathNode {
        let saved = alphabet
        alphabet = font
        defer { alphabet = saved }
        let argument = try parseArgument(of: command)
        return font == .roman ? Self.joiningLetters(argument) : argument
    }

    /// `\mathrm{ReLU}` is one upright name, not four variables: adjacent letters become one `<mi>`.
    static func joiningLetters(_ node: MathNode) -> MathNode {
        guard case .row(let nodes) = node else { return node }
        var result: [MathNode] = []
        for node in nodes {
            if case .identifier(let text, _) = node, text.unicodeScalars.allSatisfy(\.properties.isAlphabetic),
               case .identifier(let previous, _)? = result.last,
               previous.unicodeScalars.allSatisfy(\.properties.isAlphabetic) {
                result[result.count - 1] = .identifier(previous + text, upright: true)
            } else {
                result.append(node)
            }
        }
        return .row(result)
    }

    /// `\operatorname{diag}` and `\operatorname*{arg\,max}` (with limits).
    private mutating func parseOperatorName(_ command: TeXToken) throws(TeXError) -> MathNode {
        var limits = false
        if current.kind == .character("*") {
            limits = true
            advance()
        }
        let saved = alphabet
        alphabet = .roman
        defer { alphabet = saved }
        let argument = try parseArgument(of: command)
        let parts: [MathNode]
        if case .row(let nodes) = argument { parts = nodes } else { parts = [argument] }
        var name = ""
        for part in parts {
            switch part {
            case .identifier(let text, _), .number(let text): name += text
            case .symbol("\u{2212}", _): name += "-"
            case .symbol(let text, .ordinary), .symbol(let text, .punctuation): name += text
            case .space(let width) where width > 0: name += "\u{2009}"
            default:
                throw TeXError(.misplacedCommand,
                               "\\operatorname takes a name made of letters, digits, - and spaces",
                               offset: command.offset, length: command.length)
            }
        }
        guard !name.isEmpty else {
            throw TeXError(.missingArgument, "\\operatorname needs a name, as in \\operatorname{diag}",
                           offset: command.offset, length: command.length)
        }
        return .function(name, limits: limits)
    }

    /// The raw text of `\text{…}`: spaces kept, a few escapes understood.
    private mutating func parseTextArgument(of command: TeXToken) throws(TeXError) -> String {
        // Spaces right after the command name were eaten by the tokenizer; a space token may
        // still separate `\text {…}`.
        skipSpaces()
        guard current.kind == .beginGroup else {
            throw TeXError(.missingArgument, "\(command.spelling) needs its text in braces, as in \(command.spelling){…}",
                           offset: command.offset, length: command.length)
        }
        let open = current
        advance()
        var text = ""
        var nesting = 0
        loop: while true {
            let token = current
            switch token.kind {
            case .end:
                throw TeXError(.unbalancedBrace, "unclosed { of \(command.spelling) (missing })",
                               offset: open.offset, length: 1)
            case .beginGroup:
                nesting += 1
            case .endGroup:
                if nesting == 0 { break loop }
                nesting -= 1
            case .space:
                text += " "
            case .character("~"):
                text += "\u{A0}"
            case .character("$"):
                throw TeXError(.unexpectedCharacter, "math inside \(command.spelling){…} is not supported",
                               offset: token.offset, length: 1)
            case .character(let scalar):
                text.unicodeScalars.append(scalar)
            case .command(let name):
                switch name {
                case "{", "}", "$", "_", "%", "&", "#": text += name
                case " ": text += " "
                case ",": text += "\u{2009}"
                case "textbackslash": text += "\\"
                default:
                    throw TeXError(.unknownCommand, "\\\(name) is not allowed inside \(command.spelling){…}",
                                   offset: token.offset, length: token.length)
                }
            case .superscriptMark, .subscriptMark, .alignment:
                throw TeXError(.unexpectedCharacter,
                               "\(token.spelling) inside \(command.spelling){…}; write \\\(token.spelling) for the character",
                               offset: token.offset, length: 1)
            }
            advance()
        }
        advance()
        return text
    }
}
