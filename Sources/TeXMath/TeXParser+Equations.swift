/// `\label`, `\tag`, `\notag`, `\eqref`, `\ref` and `\underbrace`/`\overbrace`: what display
/// equations need for numbers and references. The parser only records them; the lesson numbers
/// the lines (per lesson) and resolves references, since a reference may precede its equation.
extension TeXParser {
    static let equationCommands: Set<String> = [
        "label", "tag", "notag", "nonumber", "eqref", "ref", "underbrace", "overbrace",
    ]

    mutating func parseEquationCommand(_ name: String, token: TeXToken) throws(TeXError) -> MathNode {
        switch name {
        case "label":
            let (label, start, length) = try parseLabelArgument(of: token)
            guard display else {
                throw TeXError(.misplacedCommand, "\\label in inline math; equation numbers belong to display math ($$…$$ or \\[…\\])",
                               offset: token.offset, length: token.length)
            }
            if currentLine.label != nil {
                throw TeXError(.misplacedCommand, "a second \\label for the same equation; one line has one label",
                               offset: token.offset, length: token.length)
            }
            currentLine.label = label
            currentLine.labelOffset = start
            currentLine.labelLength = length
            return .space(0)
        case "tag":
            var starred = false
            if current.kind == .character("*") { starred = true; advance() }
            let (text, _, _) = try parseLabelArgument(of: token, allowSpaces: true)
            guard display else {
                throw TeXError(.misplacedCommand, "\\tag in inline math; equation numbers belong to display math ($$…$$ or \\[…\\])",
                               offset: token.offset, length: token.length)
            }
            currentLine.tag = text
            currentLine.tagParenthesized = !starred
            return .space(0)
        case "notag", "nonumber":
            currentLine.suppressed = true
            return .space(0)
        case "eqref", "ref":
            let (label, start, length) = try parseLabelArgument(of: token)
            references.append(EquationReference(label: label, offset: start, length: length, parenthesized: name == "eqref"))
            return .reference(label, parenthesized: name == "eqref")
        case "underbrace", "overbrace":
            return .brace(try parseArgument(of: token), under: name == "underbrace")
        default:
            throw unknownCommand(name, token: token)
        }
    }

    /// The raw text of `{…}` after `\label`, `\ref`, `\tag`: letters, digits and `: _ - . /`
    /// (labels become page anchors and links), and where it is.
    private mutating func parseLabelArgument(of command: TeXToken, allowSpaces: Bool = false) throws(TeXError) -> (String, Int, Int) {
        skipSpaces()
        guard current.kind == .beginGroup else {
            throw TeXError(.missingArgument, "\(command.spelling) needs a name in braces, as in \(command.spelling){eq:loss}",
                           offset: command.offset, length: command.length)
        }
        let open = current
        advance()
        var text = ""
        let start = current.offset
        var end = start
        while current.kind != .endGroup {
            let token = current
            switch token.kind {
            case .end:
                throw TeXError(.unbalancedBrace, "unclosed { of \(command.spelling) (missing })", offset: open.offset, length: 1)
            case .space where allowSpaces:
                text += " "
            case .character(let scalar) where scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || ":-./+'".unicodeScalars.contains(scalar) || (allowSpaces && scalar != "\""):
                text.unicodeScalars.append(scalar)
            case .subscriptMark:
                text += "_"
            default:
                throw TeXError(.misplacedCommand,
                               "\(command.spelling){…} takes a plain name (letters, digits, : _ - .), not \(token.spelling)",
                               offset: token.offset, length: max(token.length, 1))
            }
            end = token.offset + token.length
            advance()
        }
        advance()
        guard !text.trimmingSpaces.isEmpty else {
            throw TeXError(.missingArgument, "\(command.spelling) needs a name, as in \(command.spelling){eq:loss}",
                           offset: command.offset, length: command.length)
        }
        return (text.trimmingSpaces, start, end - start)
    }
}

/// One line of a display formula that may carry an equation number, as written.
public struct EquationLine: Sendable, Equatable {
    /// `\label{…}`, and where its name is in the formula.
    public var label: String?
    public var labelOffset = 0
    public var labelLength = 0
    /// `\tag{…}`: a custom number, shown in parentheses unless `\tag*`.
    public var tag: String?
    public var tagParenthesized = true
    /// A line of a numbering environment (`equation`, `align`, `gather`) gets a number by
    /// itself; any other line only with a label or a tag.
    public var numberedByEnvironment = false
    /// `\notag` or `\nonumber`.
    public var suppressed = false

    /// Whether the lesson gives this line the next number.
    public var takesNextNumber: Bool {
        tag == nil && !suppressed && (numberedByEnvironment || label != nil)
    }

    /// Whether this line shows a number at all.
    public var isNumbered: Bool { tag != nil || takesNextNumber }

    var isEmpty: Bool { label == nil && tag == nil && !numberedByEnvironment }
}

/// `\eqref{label}` or `\ref{label}` in a formula, and where its name is.
public struct EquationReference: Sendable, Equatable {
    public var label: String
    public var offset: Int
    public var length: Int
    /// `\eqref`: the number in parentheses, as the equation shows it.
    public var parenthesized: Bool
}
