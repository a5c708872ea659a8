/// TeX math to MathML Core, at build time, so lesson pages show formulas with no JavaScript.
///
/// No Swift library converts TeX to MathML, so calcbook has this small one, written by hand.
/// Its design follows what Temml and KaTeX teach about mapping TeX to MathML (TeX atom classes
/// decide spacing; fonts become Mathematical Alphanumeric Symbols; `\left…\right` and matrix
/// fences are stretchy `<mo>`s around an `<mrow>`), without sharing their code. It covers the
/// subset listed in lessons/reference/tex-subset.md and rejects everything else with a ``TeXError``, so raw
/// TeX never reaches a page silently.
///
/// Pipeline: ``TeXTokenizer`` → ``TeXParser`` (tree of ``MathNode``) → ``MathMLWriter``.
public enum TeXToMathML {
    /// Converts one formula.
    ///
    /// - Parameters:
    ///   - tex: the formula without its `$` delimiters.
    ///   - display: `true` for display math (`$$…$$`), `false` for inline.
    /// - Returns: a `<math>` element with the source in an `application/x-tex` annotation.
    /// - Throws: ``TeXError`` with an offset in Unicode scalars into `tex`.
    public static func convert(_ tex: String, display: Bool) throws(TeXError) -> String {
        var macros = TeXMacros()
        return mathML(for: try parse(tex, display: display, macros: &macros))
    }

    /// Parses one formula of a lesson: its definitions join `macros` (for the rest of the
    /// lesson), its macros are expanded.
    /// - Parameter origin: names the place of an offset of `tex` (`lessons/a.md:3:7`), which a
    ///   later redefinition error quotes.
    public static func parse(
        _ tex: String, display: Bool, macros: inout TeXMacros, origin: (Int) -> String = { "offset \($0)" }
    ) throws(TeXError) -> ParsedFormula {
        let tokens = TeXTokenizer.tokenize(Array(tex.unicodeScalars))
        let defines = tokens.contains {
            if case .command(let name) = $0.kind { return MacroExpander.definitionCommands.contains(name) }
            return false
        }
        var expanded = tokens
        if defines || !macros.isEmpty {
            var expander = MacroExpander(tokens: tokens, macros: macros)
            do throws(TeXError) {
                expanded = try expander.expandAll()
            } catch {
                // Definitions read before the error stand, so that a later formula using them
                // is not reported as an unknown command too.
                macros = expander.macros
                macros.resolveOrigins(origin)
                throw error
            }
            macros = expander.macros
            macros.resolveOrigins(origin)
        }
        let definesOnly = defines && expanded.allSatisfy { $0.kind == .space || $0.kind == .end }
        var parser = TeXParser(tokens: expanded, macroNames: macros.names)
        parser.display = display
        var nodes = try parser.parseFormula()
        var lines = parser.lines
        if parser.currentLine.label != nil || parser.currentLine.tag != nil {
            // `$$ … \label{eq:x} $$`: the whole formula is one numbered line.
            lines.append(parser.currentLine)
            nodes = [.numbered(rows: [[.row(nodes)]], environment: .equation, rowSpacing: [0], lines: [lines.count - 1])]
        }
        return ParsedFormula(nodes: nodes, tex: tex, display: display, definesOnly: definesOnly,
                             lines: lines, references: parser.references)
    }

    /// The `<math>` element of a parsed formula.
    /// - Parameter equations: the numbers of its lines and of the equations it references.
    public static func mathML(for formula: ParsedFormula, equations: EquationNumbering = EquationNumbering()) -> String {
        var writer = MathMLWriter(textStyle: !formula.display)
        writer.equations = equations
        writer.lines = formula.lines
        // One numbered line: the number goes beside the math, in HTML, so that it sits at the
        // right margin (Chromium does not stretch a <mtable> to the width of its <math>).
        var single: (label: String?, number: String?)?
        if formula.nodes.count == 1, case .numbered(let rows, _, _, let lines) = formula.nodes[0], rows.count == 1,
           rows[0].count == 1, let index = lines[0], index < formula.lines.count {
            single = (formula.lines[index].label, index < equations.lineNumbers.count ? equations.lineNumbers[index] : nil)
            writer.writeSingle(rows[0][0])
        } else {
            writer.writeSingle(.row(formula.nodes))
        }
        // Inline is MathML's default display.
        let mode = formula.display ? " display=\"block\"" : ""
        // Numbered lines in a table (align, gather): math.css spans it across the column so that
        // the numbers reach the right margin.
        let numberedLines = single == nil && formula.nodes.contains { if case .numbered = $0 { true } else { false } }
        let annotation = escape(trimmed(formula.tex))
        let math = "<math\(mode)\(numberedLines ? " class=\"equation-lines\"" : "")><semantics>\(emptyRowIfNeeded(writer.output))"
            + "<annotation encoding=\"application/x-tex\">\(annotation)</annotation></semantics></math>"
        guard let single else { return math }
        let id = single.label.map { " id=\"\(escape($0))\"" } ?? ""
        return "<span class=\"equation\"\(id)>\(math)<span class=\"equation-number\">\(escape(single.number ?? ""))</span></span>"
    }

    /// Checks a formula without producing markup (for checkers that only report errors).
    public static func validate(_ tex: String) throws(TeXError) {
        _ = try parse(tex)
    }

    /// The deepest nesting of groups, arguments and environments a formula may have.
    public static var maximumNestingDepth: Int { TeXParser.maximumDepth }

    static func parse(_ tex: String) throws(TeXError) -> [MathNode] {
        var parser = TeXParser(source: Array(tex.unicodeScalars))
        return try parser.parseFormula()
    }

    /// `text` without TeX spaces at either end. On the UTF-8: the spaces are ASCII, and an
    /// ASCII byte is always a whole scalar, so the cut falls between scalars.
    private static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte < 0x80 && TeXTokenizer.isSpace(Unicode.Scalar(byte)) }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }),
              let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(Substring(text.unicodeScalars[first...last]))
    }

    /// An empty formula still needs one presentation child inside `<semantics>`.
    private static func emptyRowIfNeeded(_ markup: String) -> String {
        markup.isEmpty ? "<mrow></mrow>" : markup
    }
}

/// A formula read and checked, its macros expanded, ready to be written as MathML.
public struct ParsedFormula: Sendable {
    let nodes: [MathNode]
    public let tex: String
    public let display: Bool
    /// The formula holds nothing but macro definitions, so it shows nothing on the page.
    public let definesOnly: Bool
    /// Its lines that may carry an equation number (label, tag, numbering environment), in order.
    public let lines: [EquationLine]
    /// Its `\eqref` and `\ref`, in order.
    public let references: [EquationReference]
}

/// What the lesson decided about equation numbers, for writing one formula.
public struct EquationNumbering: Sendable {
    /// The number shown for each line of the formula (same order as ``ParsedFormula/lines``),
    /// as displayed (`(3)`, `(★)`), `nil` for none.
    public var lineNumbers: [String?]
    /// Label → the number a reference shows (`3`, without parentheses) and the link target.
    public var targets: [String: (number: String, href: String)]

    public init(lineNumbers: [String?] = [], targets: [String: (number: String, href: String)] = [:]) {
        self.lineNumbers = lineNumbers
        self.targets = targets
    }
}
