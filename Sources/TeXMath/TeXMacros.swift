/// Macros in force: what `\newcommand`, `\renewcommand`, `\def` and `\DeclareMathOperator`
/// defined so far, in a project's macro file and in a lesson's earlier formulas.
///
/// A value type: a lesson starts from a copy of the project's macros and adds its own, so
/// no lesson sees another lesson's definitions.
public struct TeXMacros: Sendable, Equatable {
    struct Macro: Sendable, Equatable {
        var parameters: Int
        /// `\newcommand{\f}[2][x]{…}`: the first argument is optional, with this default.
        var optionalDefault: [TeXToken]?
        var body: [TeXToken]
        /// Where it was defined, as a diagnostic names a place (`macros.tex:3:1`).
        var origin: String
        /// The offset of its name in the formula being read, until `origin` is known.
        var pendingOffset: Int?
    }

    /// Names the place of each definition the last formula made, from its offset there.
    mutating func resolveOrigins(_ origin: (Int) -> String) {
        for (name, macro) in table {
            if let offset = macro.pendingOffset {
                table[name]?.origin = origin(offset)
                table[name]?.pendingOffset = nil
            }
        }
    }

    var table: [String: Macro] = [:]

    public init() {}

    /// The names defined, without backslash, sorted.
    public var names: [String] { table.keys.sorted() }

    public var isEmpty: Bool { table.isEmpty }

    /// Reads a file of definitions (a course preamble, `macros.tex`): every `\newcommand`,
    /// `\renewcommand`, `\def` and `\DeclareMathOperator` in it, `%` comments allowed.
    /// Anything else in the file is an error, so a typo does not vanish silently.
    /// - Parameter origin: names a place of the file from an offset, for redefinition notes.
    public mutating func define(from text: String, origin: (Int) -> String) throws(TeXError) {
        let tokens = TeXTokenizer.tokenize(Array(text.unicodeScalars))
        var expander = MacroExpander(tokens: tokens, macros: self)
        let rest = try expander.expandAll()
        expander.macros.resolveOrigins(origin)
        if let stray = rest.first(where: { $0.kind != TeXToken.Kind.space && $0.kind != TeXToken.Kind.end }) {
            throw TeXError(.misplacedCommand,
                           "a macro file holds only definitions (\\newcommand, \\renewcommand, \\def, \\DeclareMathOperator), not \(stray.spelling)",
                           offset: stray.offset, length: max(stray.length, 1))
        }
        self = expander.macros
    }
}

/// TeX's "gullet", before the parser: definitions are recorded and taken out, and every use of
/// a macro is replaced by its body with the arguments put in, until no macro is left.
///
/// Limits, so that a macro that loops ends in an error rather than a hang: a token may come
/// out of at most ``maximumDepth`` nested expansions (`\newcommand{\a}{\a}` is reported as
/// recursion), and a formula may grow to at most ``maximumTokens`` tokens.
struct MacroExpander {
    static let maximumDepth = 32
    static let maximumTokens = 20_000
    /// The commands that define macros.
    static let definitionCommands: Set<String> = ["newcommand", "renewcommand", "providecommand", "def",
                                                  "DeclareMathOperator"]

    var macros: TeXMacros
    /// Tokens still to read, last first (so a macro's body is pushed in front cheaply).
    private var pending: [TeXToken]
    private var produced = 0

    init(tokens: [TeXToken], macros: TeXMacros) {
        self.macros = macros
        pending = tokens.reversed()
    }

    /// The formula's tokens with definitions taken out and macros expanded; ends with `.end`.
    mutating func expandAll() throws(TeXError) -> [TeXToken] {
        var output: [TeXToken] = []
        while let token = pending.popLast() {
            guard case .command(let name) = token.kind else {
                output.append(token)
                continue
            }
            if Self.definitionCommands.contains(name) {
                try readDefinition(token, command: name)
            } else if let macro = macros.table[name] {
                try expand(macro, named: name, at: token)
            } else {
                output.append(token)
            }
        }
        return output
    }

    // MARK: Reading

    private mutating func skipSpaces() {
        while let last = pending.last, last.kind == .space { pending.removeLast() }
    }

    private var next: TeXToken? { pending.last }

    /// `{…}` without its braces, or one token.
    private mutating func readArgument(of command: TeXToken, what: String) throws(TeXError) -> [TeXToken] {
        skipSpaces()
        guard let first = pending.popLast(), first.kind != .end, first.kind != .endGroup else {
            throw TeXError(.missingArgument, "\(command.spelling) needs \(what)",
                           offset: command.offset, length: command.length)
        }
        guard first.kind == .beginGroup else { return [first] }
        var depth = 0
        var tokens: [TeXToken] = []
        while let token = pending.popLast() {
            switch token.kind {
            case .end:
                throw TeXError(.unbalancedBrace, "unclosed { of \(command.spelling) (missing })",
                               offset: first.offset, length: 1)
            case .beginGroup: depth += 1
            case .endGroup:
                if depth == 0 { return tokens }
                depth -= 1
            default: break
            }
            tokens.append(token)
        }
        throw TeXError(.unbalancedBrace, "unclosed { of \(command.spelling) (missing })", offset: first.offset, length: 1)
    }

    /// `[…]` at brace depth 0, if the next token opens one.
    private mutating func readOptional(of command: TeXToken) throws(TeXError) -> [TeXToken]? {
        skipSpaces()
        guard let open = next, open.kind == .character("[") else { return nil }
        pending.removeLast()
        var depth = 0
        var tokens: [TeXToken] = []
        while let token = pending.popLast() {
            switch token.kind {
            case .end:
                throw TeXError(.unbalancedBrace, "unclosed [ after \(command.spelling) (missing ])",
                               offset: open.offset, length: 1)
            case .beginGroup: depth += 1
            case .endGroup: depth -= 1
            case .character("]") where depth == 0: return tokens
            default: break
            }
            tokens.append(token)
        }
        throw TeXError(.unbalancedBrace, "unclosed [ after \(command.spelling) (missing ])", offset: open.offset, length: 1)
    }

    // MARK: Definitions

    private mutating func readDefinition(_ command: TeXToken, command name: String) throws(TeXError) {
        var star = false
        if name == "DeclareMathOperator", next?.kind == .character("*") {
            pending.removeLast()
            star = true
        }
        // The name: `{\R}`, `\R`, or for \def `\R` directly.
        let nameTokens = try readArgument(of: command, what: "the name of the macro, as in \(command.spelling){\\R}")
        let named = nameTokens.filter { $0.kind != .space }
        guard named.count == 1, case .command(let macroName) = named[0].kind, !macroName.isEmpty,
              macroName.unicodeScalars.allSatisfy(TeXTokenizer.isASCIILetter) else {
            throw TeXError(.macroArguments, "\(command.spelling) needs the macro's name with its backslash, as in \(command.spelling){\\R}",
                           offset: command.offset, length: command.length)
        }
        let nameToken = named[0]
        var parameters = 0
        var optionalDefault: [TeXToken]?
        if name == "def" {
            // `\def\f#1#2{…}`: undelimited parameters only.
            while next?.kind == .character("#") {
                let hash = pending.removeLast()
                guard case .character(let digit)? = next?.kind, digit.value == UInt32(48 + parameters + 1) else {
                    throw TeXError(.macroArguments, "\\def\\\(macroName) must number its parameters #1, #2, … in order",
                                   offset: hash.offset, length: 1)
                }
                pending.removeLast()
                parameters += 1
            }
        } else if name != "DeclareMathOperator" {
            if let count = try readOptional(of: command) {
                let text = count.map(\.spelling).joined().trimmingSpaces
                guard let number = Int(text), (0...9).contains(number) else {
                    throw TeXError(.macroArguments,
                                   "the number of arguments of \\\(macroName) must be a digit from 0 to 9, not [\(text)]",
                                   offset: count.first?.offset ?? command.offset, length: max(text.unicodeScalars.count, 1))
                }
                parameters = number
                if let defaultValue = try readOptional(of: command) {
                    guard parameters >= 1 else {
                        throw TeXError(.macroArguments, "\\\(macroName) has a default for its first argument but takes none",
                                       offset: nameToken.offset, length: nameToken.length)
                    }
                    optionalDefault = defaultValue
                }
            }
        }
        var body = try readArgument(of: command, what: "a body in braces, as in \(command.spelling){\\\(macroName)}{\\mathbb{R}}")
        if name == "DeclareMathOperator" {
            let at = command.offset
            body = [TeXToken(kind: .command("operatorname"), offset: at, length: command.length)]
                + (star ? [TeXToken(kind: .character("*"), offset: at, length: 1)] : [])
                + [TeXToken(kind: .beginGroup, offset: at, length: 1)] + body + [TeXToken(kind: .endGroup, offset: at, length: 1)]
        }
        // Every #n of the body must name an argument.
        for (index, token) in body.enumerated() where token.kind == .character("#") {
            guard index + 1 < body.count else {
                throw TeXError(.macroArguments, "# at the end of the body of \\\(macroName); write #1 … #\(max(parameters, 1))",
                               offset: token.offset, length: 1)
            }
            if case .character(let digit) = body[index + 1].kind, digit >= "1", digit <= "9" {
                let number = Int(digit.value) - 48
                if number > parameters {
                    let takes = parameters == 0 ? "no arguments" : parameters == 1 ? "1 argument" : "\(parameters) arguments"
                    throw TeXError(.macroArguments,
                                   "#\(number) in the body of \\\(macroName), which takes \(takes); declare it with [\(number)], as in \\newcommand{\\\(macroName)}[\(number)]{…}",
                                   offset: token.offset, length: 2)
                }
            } else if index > 0, body[index - 1].kind == .character("#") {
                continue
            } else if body[index + 1].kind != .character("#") {
                throw TeXError(.macroArguments, "# in the body of \\\(macroName) must be followed by an argument number",
                               offset: token.offset, length: 1)
            }
        }
        let exists = macros.table[macroName] != nil
        let builtIn = TeXParser.isBuiltIn(macroName)
        switch name {
        case "newcommand", "DeclareMathOperator":
            if let existing = macros.table[macroName] {
                throw TeXError(.macroRedefinition,
                               "\\\(macroName) is already defined (at \(existing.origin)); use \\renewcommand to change it",
                               offset: nameToken.offset, length: nameToken.length)
            }
            if builtIn {
                throw TeXError(.macroRedefinition,
                               "\\\(macroName) is a built-in command; use \\renewcommand to replace it, or choose another name",
                               offset: nameToken.offset, length: nameToken.length)
            }
        case "renewcommand":
            if !exists && !builtIn {
                throw TeXError(.macroRedefinition, "\\\(macroName) is not defined yet; use \\newcommand to define it",
                               offset: nameToken.offset, length: nameToken.length, suggestion: "\\newcommand")
            }
        case "providecommand":
            if exists || builtIn { return }
        default:
            break
        }
        macros.table[macroName] = TeXMacros.Macro(
            parameters: parameters, optionalDefault: optionalDefault, body: body, origin: "earlier in this formula", pendingOffset: nameToken.offset)
    }

    // MARK: Expansion

    private mutating func expand(_ macro: TeXMacros.Macro, named name: String, at use: TeXToken) throws(TeXError) {
        let depth = use.expansionDepth + 1
        if depth > Self.maximumDepth {
            throw TeXError(.macroRecursion,
                           "\\\(name) expands into itself (more than \(Self.maximumDepth) macros deep); a macro's body must not use the macro",
                           offset: use.offset, length: use.length)
        }
        var arguments: [[TeXToken]] = []
        if let defaultValue = macro.optionalDefault {
            arguments.append(try readOptional(of: use) ?? defaultValue)
        }
        let optional = macro.optionalDefault == nil ? 0 : 1
        while arguments.count < macro.parameters {
            let required = macro.parameters - optional
            let example = "\\\(name)" + String(repeating: "{…}", count: required)
            let what = required == 1
                ? "an argument, as in \(example)"
                : "\(required) arguments, as in \(example), and has \(arguments.count - optional) here"
            arguments.append(try readArgument(of: use, what: what))
        }
        var result: [TeXToken] = []
        var index = 0
        while index < macro.body.count {
            var token = macro.body[index]
            if token.kind == .character("#"), index + 1 < macro.body.count {
                let following = macro.body[index + 1]
                if case .character(let digit) = following.kind, digit >= "1", digit <= "9" {
                    result += arguments[Int(digit.value) - 49]
                    index += 2
                    continue
                }
                if following.kind == .character("#") {
                    index += 1
                    token = following
                }
            }
            token.offset = use.offset
            token.length = use.length
            token.expansionDepth = depth
            result.append(token)
            index += 1
        }
        produced += result.count
        if produced > Self.maximumTokens {
            throw TeXError(.macroRecursion,
                           "\\\(name) makes the formula longer than \(Self.maximumTokens) tokens; does a macro loop?",
                           offset: use.offset, length: use.length)
        }
        pending.append(contentsOf: result.reversed())
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !TeXTokenizer.isSpace($0) }),
              let last = scalars.lastIndex(where: { !TeXTokenizer.isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
