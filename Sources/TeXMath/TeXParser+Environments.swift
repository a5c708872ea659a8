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
        let numbering = environment.isNumbering
        if numbering {
            guard display, !inNumberingEnvironment, depth == 0 else {
                throw TeXError(.misplacedCommand,
                               "\\begin{\(name)} numbers equations, so it stands alone in display math ($$…$$); inside a formula use aligned or gathered",
                               offset: begin.offset, length: nameToken.offset + nameToken.length + 1 - begin.offset)
            }
            inNumberingEnvironment = true
            currentLine = EquationLine(numberedByEnvironment: !environment.isStarred)
        }
        try enterNesting(at: begin)
        var rows: [[MathNode]] = []
        var rowLines: [EquationLine] = []
        var rowSpacing: [Double] = []
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
                rowSpacing.append(try parseOptionalRowSpacing())
                rows.append(cells)
                cells = []
                if numbering {
                    rowLines.append(currentLine)
                    currentLine = EquationLine(numberedByEnvironment: !environment.isStarred)
                }
            case .command("end"):
                advance()
                let (endName, endToken) = try parseEnvironmentName(after: token)
                guard endName == name else {
                    throw TeXError(.environmentMismatch, "\\begin{\(name)} ended by \\end{\(endName)}",
                                   offset: token.offset, length: endToken.offset + endToken.length + 1 - token.offset,
                                   suggestion: "\\end{\(name)}")
                }
                // A trailing \\ before \end adds no empty row.
                if !(cells.count == 1 && cells[0] == .row([]) && !rows.isEmpty && currentLine.label == nil && currentLine.tag == nil) {
                    rows.append(cells)
                    rowSpacing.append(0)
                    if numbering { rowLines.append(currentLine) }
                }
                depth -= 1
                guard numbering else {
                    return .table(rows: rows, environment: environment, rowSpacing: rowSpacing)
                }
                inNumberingEnvironment = false
                currentLine = EquationLine()
                var indices: [Int?] = []
                for line in rowLines {
                    if line.isEmpty && !line.suppressed {
                        indices.append(nil)
                    } else {
                        indices.append(lines.count)
                        lines.append(line)
                    }
                }
                return .numbered(rows: rows, environment: environment, rowSpacing: rowSpacing, lines: indices)
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

    /// `\\[4pt]`: extra space below the row, in em (TeX's 10pt = 1em). Units: pt, em, ex,
    /// mm, cm, in, mu; a negative length is allowed, as in TeX.
    private mutating func parseOptionalRowSpacing() throws(TeXError) -> Double {
        skipSpaces()
        guard current.kind == .character("[") else { return 0 }
        let open = current
        advance()
        var text = ""
        while case .character(let scalar) = current.kind, scalar != "]" {
            text.unicodeScalars.append(scalar)
            advance()
        }
        skipSpaces()
        let units: [(String, Double)] = [("pt", 0.1), ("em", 1), ("ex", 0.43), ("mm", 0.2845), ("cm", 2.845),
                                         ("in", 7.227), ("mu", 1.0 / 18)]
        guard current.kind == .character("]"),
              let unit = units.first(where: { text.hasSuffix($0.0) }),
              let value = Double(text.dropLast(unit.0.count).filter { $0 != " " }) else {
            throw TeXError(.missingArgument, "\\\\[…] needs a length such as [4pt] or [0.5em]",
                           offset: open.offset, length: max(current.offset - open.offset + 1, 1))
        }
        advance()
        return value * unit.1
    }
}
