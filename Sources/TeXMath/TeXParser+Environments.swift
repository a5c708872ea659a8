/// `\begin{…} … \end{…}`: matrices, cases and aligned equations as tables.
extension TeXParser {
    mutating func parseEnvironment(begin: TeXToken) throws(TeXError) -> MathNode {
        let (name, nameToken) = try parseEnvironmentName(after: begin)
        guard let environment = TableEnvironment(rawValue: name) else {
            let known = TableEnvironment.allCases.map(\.rawValue)
            if let suggestion = NearestName.suggestion(for: name, among: known) {
                throw TeXError(.unknownEnvironment, "unknown environment \(name); did you mean \(suggestion)?",
                               offset: nameToken.offset, length: nameToken.length, suggestion: suggestion)
            }
            throw TeXError(.unknownEnvironment,
                           "unknown environment \(name) (supported: \(known.joined(separator: ", ")))",
                           offset: nameToken.offset, length: nameToken.length)
        }
        try enterNesting(at: begin)
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        while true {
            let cell = try parseList()
            cells.append(.row(cell))
            let token = current
            switch token.kind {
            case .alignment:
                advance()
            case .command("\\"):
                advance()
                skipOptionalRowSpacing()
                rows.append(cells)
                cells = []
            case .command("end"):
                advance()
                let (endName, endToken) = try parseEnvironmentName(after: token)
                guard endName == name else {
                    throw TeXError(.environmentMismatch, "\\begin{\(name)} ended by \\end{\(endName)}",
                                   offset: token.offset, length: endToken.offset + endToken.length + 1 - token.offset,
                                   suggestion: "\\end{\(name)}")
                }
                // A trailing \\ before \end adds no empty row.
                if !(cells.count == 1 && cells[0] == .row([]) && !rows.isEmpty) {
                    rows.append(cells)
                }
                depth -= 1
                return .table(rows: rows, environment: environment)
            case .endGroup:
                throw TeXError(.unbalancedBrace, "unmatched } inside \\begin{\(name)}", offset: token.offset, length: 1)
            case .command("right"):
                throw TeXError(.unmatchedRight, "\\right inside \\begin{\(name)} without a matching \\left",
                               offset: token.offset, length: token.length)
            default:
                throw TeXError(.missingEnd, "\\begin{\(name)} has no matching \\end{\(name)}",
                               offset: begin.offset, length: nameToken.offset + nameToken.length + 1 - begin.offset)
            }
        }
    }

    /// `{name}` after `\begin` or `\end`; returns the name and a token spanning it (for errors).
    private mutating func parseEnvironmentName(after command: TeXToken) throws(TeXError) -> (String, TeXToken) {
        skipSpaces()
        guard current.kind == .beginGroup else {
            throw TeXError(.missingArgument, "\(command.spelling) needs an environment name, as in \(command.spelling){bmatrix}",
                           offset: command.offset, length: command.length)
        }
        let open = current
        advance()
        var name = ""
        let start = current.offset
        while case .character(let scalar) = current.kind {
            name.unicodeScalars.append(scalar)
            advance()
        }
        guard current.kind == .endGroup, !name.isEmpty else {
            throw TeXError(.missingArgument, "\(command.spelling){…} needs a plain environment name",
                           offset: open.offset, length: 1)
        }
        let nameToken = TeXToken(kind: .character("x"), offset: start, length: current.offset - start)
        advance()
        return (name, nameToken)
    }

    /// `\\[4pt]`: the extra row space is accepted and ignored (MathML rows are spaced by CSS).
    private mutating func skipOptionalRowSpacing() {
        guard current.kind == .character("[") else { return }
        var index = position
        while index < tokens.count - 1 {
            if tokens[index].kind == .character("]") {
                position = index + 1
                return
            }
            if case .command = tokens[index].kind, index != position { return }
            index += 1
        }
    }
}
