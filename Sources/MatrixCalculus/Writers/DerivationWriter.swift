/// The markup a derivation is written in: the three of the expression writers.
public enum DerivationFormat: Sendable {
    case text, latex, mathml
}

/// A derivation written out line by line, in one markup, for a renderer to arrange: the text
/// and LaTeX forms below align these rows themselves; a page puts them in a grid whose columns
/// align at = and links each rule to its row of the rule table (MathML has no links).
public struct WrittenDerivation: Sendable {
    /// One line: `lhs = rhs` on the first line, `= rhs` after it.
    public struct Row: Sendable {
        /// The left side (first line only), as math content.
        public let lhs: String?
        /// The right side, without the =.
        public let rhs: String
        public let rules: [DerivativeRule]
    }

    /// A folded sub-derivation: the derivative of an intermediate name.
    public struct Part: Sendable {
        /// `u = wᵀx + b`: the name's definition, as math content.
        public let definition: String
        /// Its derivative's lines (empty in full detail, where it is worked out in place).
        public let rows: [Row]
    }

    /// The intermediate names, in order of appearance, each with its own derivation.
    public let parts: [Part]
    /// The main lines (the outline).
    public let rows: [Row]

    /// Writes `derivation` in `format` (math content without a `<math>` element for MathML).
    public init(_ derivation: Derivation, format: DerivationFormat, notation: Notation = .standard) throws(EngineError) {
        var layout = DerivationLayout(notation: notation, linear: format == .text)
        func write(_ math: MathLayout) -> String {
            switch format {
            case .text:
                var output = ""
                TextWriter(notation: notation).write(math, into: &output)
                return output
            case .latex:
                return LaTeXWriter(notation: notation).write(layout: math)
            case .mathml:
                var output = ""
                MathMLWriter(notation: notation).write(math, into: &output, inScript: false)
                return output
            }
        }
        func rows(of d: Derivation) throws(EngineError) -> [Row] {
            var result: [Row] = []
            let start = write(try layout.layout(d.start))
            for (index, step) in d.steps.enumerated() {
                result.append(Row(lhs: index == 0 ? start : nil, rhs: write(try layout.layout(step.term)), rules: step.rules))
            }
            if result.isEmpty { result.append(Row(lhs: start, rhs: write(try layout.layout(d.result)), rules: [])) }
            return result
        }
        var parts: [Part] = []
        for definition in derivation.definitions {
            let name = write(try layout.layout(definition.name)), value = write(try layout.layout(definition.value))
            let equation = switch format {
            case .text, .latex: name + " = " + value
            case .mathml: "<mrow>" + name + "<mo>=</mo>" + value + "</mrow>"
            }
            var subRows: [Row] = []
            if let sub = definition.derivation { subRows = try rows(of: sub) }
            parts.append(Part(definition: equation, rows: subRows))
        }
        self.parts = parts
        self.rows = try rows(of: derivation)
    }

    /// The rule names of a line, as the text and LaTeX forms print them.
    public static func ruleText(_ rules: [DerivativeRule]) -> String {
        rules.map(\.title).joined(separator: ", ")
    }
}

extension TextWriter {
    /// The derivation as aligned lines, the rules at the right: first the intermediate names,
    /// then the steps, then each name's derivative worked out.
    public func write(_ derivation: Derivation) throws(EngineError) -> String {
        let written = try WrittenDerivation(derivation, format: .text, notation: notation)
        var lines: [String] = []
        if !written.parts.isEmpty {
            lines.append("where " + written.parts.map(\.definition).joined(separator: ", "))
        }
        lines += Self.aligned(written.rows)
        for part in written.parts where !part.rows.isEmpty {
            lines.append("")
            lines += Self.aligned(part.rows)
        }
        return lines.joined(separator: "\n")
    }

    private static func aligned(_ rows: [WrittenDerivation.Row]) -> [String] {
        let lhsWidth = rows.compactMap { $0.lhs?.count }.max() ?? 0
        let bodies = rows.map { row in (row.lhs.map { $0 + " = " } ?? String(repeating: " ", count: lhsWidth) + " = ") + row.rhs }
        let width = bodies.map(\.count).max() ?? 0
        return zip(bodies, rows).map { body, row in
            row.rules.isEmpty ? body : body + String(repeating: " ", count: width - body.count) + "   (" + WrittenDerivation.ruleText(row.rules) + ")"
        }
    }
}

extension LaTeXWriter {
    /// The derivation as an `aligned` environment, aligned at =, each line's rules in
    /// `\text{…}` at the right; names and sub-derivations follow as further rows.
    public func write(_ derivation: Derivation) throws(EngineError) -> String {
        let written = try WrittenDerivation(derivation, format: .latex, notation: notation)
        var lines: [String] = []
        func add(_ rows: [WrittenDerivation.Row]) {
            for row in rows {
                let rules = row.rules.isEmpty ? "" : " && \\text{" + LaTeXWriter.escaped(WrittenDerivation.ruleText(row.rules)) + "}"
                lines.append((row.lhs ?? "") + " &= " + row.rhs + rules)
            }
        }
        if !written.parts.isEmpty {
            lines.append("&\\text{where } " + written.parts.map(\.definition).joined(separator: ", \\quad "))
        }
        add(written.rows)
        for part in written.parts where !part.rows.isEmpty { add(part.rows) }
        return "\\begin{aligned}\n" + lines.joined(separator: " \\\\\n") + "\n\\end{aligned}"
    }
}

extension MathMLWriter {
    /// The derivation as one `<math>` with an `mtable` aligned at = (the rule names as text in
    /// a last column), for `calcbook eval`; a page uses `WrittenDerivation` to link the rules.
    public func write(_ derivation: Derivation, display: Display = .block) throws(EngineError) -> String {
        let written = try WrittenDerivation(derivation, format: .mathml, notation: notation)
        var rows: [String] = []
        func add(_ list: [WrittenDerivation.Row]) {
            for row in list {
                let rules = row.rules.isEmpty ? "" : "<mtext>" + Self.escaped(WrittenDerivation.ruleText(row.rules)) + "</mtext>"
                rows.append("<mtr><mtd style=\"text-align: right\">\(row.lhs ?? "")</mtd><mtd style=\"text-align: left\"><mrow><mo>=</mo>\(row.rhs)</mrow></mtd><mtd style=\"text-align: left; padding-left: 2em\">\(rules)</mtd></mtr>")
            }
        }
        for part in written.parts {
            rows.append("<mtr><mtd></mtd><mtd style=\"text-align: left\"><mrow><mtext>where&#xA0;</mtext>\(part.definition)</mrow></mtd><mtd></mtd></mtr>")
        }
        add(written.rows)
        for part in written.parts where !part.rows.isEmpty { add(part.rows) }
        let open = display == .block ? "<math display=\"block\">" : "<math>"
        return open + "<mtable>" + rows.joined() + "</mtable></math>"
    }
}
