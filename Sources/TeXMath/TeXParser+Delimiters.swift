/// `\left … \middle … \right` and the delimiters they accept.
extension TeXParser {
    struct Delimiter {
        /// `nil` for the empty delimiter `.`.
        var text: String?
        var atomClass: AtomClass
    }

    private static let characterDelimiters: [Unicode.Scalar: Delimiter] = [
        "(": Delimiter(text: "(", atomClass: .open), ")": Delimiter(text: ")", atomClass: .close),
        "[": Delimiter(text: "[", atomClass: .open), "]": Delimiter(text: "]", atomClass: .close),
        "|": Delimiter(text: "|", atomClass: .ambiguousFence), "/": Delimiter(text: "/", atomClass: .ordinary),
        "<": Delimiter(text: "⟨", atomClass: .open), ">": Delimiter(text: "⟩", atomClass: .close),
        ".": Delimiter(text: nil, atomClass: .ordinary),
        "⟨": Delimiter(text: "⟨", atomClass: .open), "⟩": Delimiter(text: "⟩", atomClass: .close),
        "‖": Delimiter(text: "‖", atomClass: .ambiguousFence),
    ]

    private static let commandDelimiters: [String: Delimiter] = [
        "{": Delimiter(text: "{", atomClass: .open), "}": Delimiter(text: "}", atomClass: .close),
        "lbrace": Delimiter(text: "{", atomClass: .open), "rbrace": Delimiter(text: "}", atomClass: .close),
        "langle": Delimiter(text: "⟨", atomClass: .open), "rangle": Delimiter(text: "⟩", atomClass: .close),
        "lvert": Delimiter(text: "|", atomClass: .open), "rvert": Delimiter(text: "|", atomClass: .close),
        "lVert": Delimiter(text: "‖", atomClass: .open), "rVert": Delimiter(text: "‖", atomClass: .close),
        "vert": Delimiter(text: "|", atomClass: .ambiguousFence), "|": Delimiter(text: "‖", atomClass: .ambiguousFence),
        "Vert": Delimiter(text: "‖", atomClass: .ambiguousFence),
        "lfloor": Delimiter(text: "⌊", atomClass: .open), "rfloor": Delimiter(text: "⌋", atomClass: .close),
        "lceil": Delimiter(text: "⌈", atomClass: .open), "rceil": Delimiter(text: "⌉", atomClass: .close),
        "lbrack": Delimiter(text: "[", atomClass: .open), "rbrack": Delimiter(text: "]", atomClass: .close),
        "uparrow": Delimiter(text: "↑", atomClass: .relation), "downarrow": Delimiter(text: "↓", atomClass: .relation),
        "backslash": Delimiter(text: "∖", atomClass: .ordinary),
    ]

    /// The delimiter after `\left`, `\right`, `\middle` or `\big`.
    mutating func parseDelimiter(after command: TeXToken) throws(TeXError) -> Delimiter {
        skipSpaces()
        let token = current
        var delimiter: Delimiter?
        switch token.kind {
        case .character(let scalar): delimiter = Self.characterDelimiters[scalar]
        case .command(let name): delimiter = Self.commandDelimiters[name]
        default: break
        }
        guard let delimiter else {
            let found = token.kind == .end ? "the end of the formula" : token.spelling
            throw TeXError(.invalidDelimiter,
                           "\(command.spelling) must be followed by a delimiter such as ( [ \\{ | or ., not \(found)",
                           offset: token.kind == .end ? command.offset : token.offset,
                           length: token.kind == .end ? command.length : token.length)
        }
        advance()
        return delimiter
    }

    /// After `\left` and its delimiter: the body, `\middle`s, and the matching `\right`.
    mutating func parseFenced(left: TeXToken) throws(TeXError) -> MathNode {
        try enterNesting(at: left)
        let open = try parseDelimiter(after: left)
        var body: [MathNode] = []
        while true {
            body += try parseList()
            let token = current
            switch token.kind {
            case .command("middle"):
                advance()
                let middle = try parseDelimiter(after: token)
                body.append(.middle(middle.text ?? ""))
            case .command("right"):
                advance()
                let close = try parseDelimiter(after: token)
                depth -= 1
                return .fenced(open: open.text, close: close.text, body: body)
            case .endGroup:
                throw TeXError(.missingRight, "\\left\(open.text ?? ".") has no matching \\right before this }",
                               offset: left.offset, length: left.length + 1)
            default:
                throw TeXError(.missingRight, "\\left\(open.text ?? ".") has no matching \\right",
                               offset: left.offset, length: left.length + 1)
            }
        }
    }
}
