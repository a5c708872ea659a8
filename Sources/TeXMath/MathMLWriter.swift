import MathMarkup

/// Writes a ``MathNode`` tree as MathML Core markup.
///
/// Letters, spaces, fences and escaping are spelled by the shared ``MathMarkup`` module, as
/// the engine's writer spells them, so that prose math and computed outputs agree.
///
/// Spacing follows TeX's rules expressed in MathML Core terms: the browser's operator
/// dictionary already spaces binary operators, relations and punctuation, so an `<mo>` gets
/// explicit `lspace`/`rspace` only where TeX's meaning differs from the dictionary (a unary
/// minus, a bar used as a fence, `:`); fences get `form` and `stretchy` so that only
/// `\left…\right` and matrix brackets stretch, each attribute only where it differs from what
/// the dictionary gives the operator in its place (``OperatorDictionary``); function names get
/// `&ApplyFunction;` and TeX's thin space.
struct MathMLWriter {
    private(set) var output = ""
    /// Whether the current style is TeX's text style (inline math, until a `\displaystyle`).
    var textStyle = false
    /// Equation numbers and reference targets, from the lesson.
    var equations = EquationNumbering()
    /// The formula's numbered lines (for their labels, which become anchors).
    var lines: [EquationLine] = []

    init(textStyle: Bool = false) {
        self.textStyle = textStyle
    }

    // MARK: Rows

    /// Writes `nodes` as one MathML child: a lone node as itself, several inside `<mrow>`.
    mutating func writeSingle(_ node: MathNode) {
        if case .row(let nodes) = node {
            if nodes.count == 1 {
                writeSingle(nodes[0])
            } else {
                output += "<mrow>"
                writeRow(nodes)
                output += "</mrow>"
            }
        } else {
            writeRow([node])
        }
    }

    /// Writes the children of an (inferred) mrow, resolving TeX atom classes from neighbours.
    /// `leadingOrdinary` starts the row as if an empty atom preceded it (`&=` in `aligned`).
    mutating func writeRow(_ nodes: [MathNode], leadingOrdinary: Bool = false) {
        let classes = Self.resolvedClasses(nodes, leadingOrdinary: leadingOrdinary)
        if leadingOrdinary, let first = classes.first(where: { $0 != nil }) ?? nil,
           first == .relation || first == .binary {
            output += "<mi></mi>"
        }
        var previous: AtomClass? = leadingOrdinary ? .ordinary : nil
        for (index, node) in nodes.enumerated() {
            let atomClass = classes[index]
            if node.isFunctionApplication, previous == .ordinary || previous == .close || previous == .inner {
                output += MathMarkup.space(MathSpacing.thin)
            }
            write(node, as: atomClass)
            if node.isFunctionApplication,
               let next = nodes[(index + 1)...].indices.first(where: { classes[$0] != nil }) {
                output += MathMarkup.functionApplication
                // TeX's thin space between an operator name and its argument, also when the
                // argument is another name (`\log \operatorname{softmax}` is "log softmax"),
                // but not before a parenthesis (`\sin(x)`).
                let nextClass = classes[next]
                if nextClass != .open && nextClass != .inner {
                    output += MathMarkup.space(MathSpacing.thin)
                }
            }
            if let atomClass { previous = atomClass }
        }
    }

    /// Each node's class in context (`nil` for spaces, which are not atoms): a binary operator
    /// with nothing to combine becomes ordinary (a unary minus), and `|` opens or closes.
    static func resolvedClasses(_ nodes: [MathNode], leadingOrdinary: Bool) -> [AtomClass?] {
        var classes: [AtomClass?] = []
        var previous: AtomClass? = leadingOrdinary ? .ordinary : nil
        var previousIndex: Int?
        for node in nodes {
            if case .space = node {
                classes.append(nil)
                continue
            }
            var atomClass = node.atomClass
            let opensHere: Bool
            switch previous {
            case nil, .binary?, .relation?, .open?, .punctuation?, .largeOperator?: opensHere = true
            default: opensHere = false
            }
            switch atomClass {
            case .ambiguousFence:
                atomClass = opensHere ? .open : .close
            case .binary where opensHere:
                atomClass = .ordinary
            case .relation, .close, .punctuation:
                if let index = previousIndex, classes[index] == .binary { classes[index] = .ordinary }
            default:
                break
            }
            classes.append(atomClass)
            previous = atomClass
            previousIndex = classes.count - 1
        }
        if let index = previousIndex, classes[index] == .binary { classes[index] = .ordinary }
        return classes
    }

    // MARK: Nodes

    /// Writes one node; `atomClass` is its class as resolved in its row (`nil` for a space).
    mutating func write(_ node: MathNode, as atomClass: AtomClass? = nil) {
        switch node {
        case .identifier(let text, let upright):
            output += MathMarkup.identifier(text, upright: upright)
        case .number(let digits):
            output += MathMarkup.number(digits)
        case .symbol(let text, let ownClass):
            writeOperator(text, as: atomClass ?? ownClass)
        case .text(let text):
            output += "<mtext>\(escape(Self.keepingEdgeSpaces(text)))</mtext>"
        case .space(let width):
            if width != 0 {
                // Zero is what `\label`, `\tag` and `\notag` leave in the formula: nothing.
                output += MathMarkup.space(width)
            }
        case .row(let nodes):
            if nodes.count == 1 {
                // A one-atom group is that atom, with the group's (ordinary) class: {-} is no operator.
                write(nodes[0], as: atomClass)
            } else {
                output += "<mrow>"
                writeRow(nodes)
                output += "</mrow>"
            }
        case .fraction(let numerator, let denominator, let style):
            writeFraction(numerator, denominator, style)
        case .root(let radicand, let index):
            if let index {
                output += "<mroot>"
                writeSingle(radicand)
                writeSingle(index)
                output += "</mroot>"
            } else {
                output += "<msqrt>"
                writeRowContent(of: radicand)
                output += "</msqrt>"
            }
        case .scripts(let base, let sub, let sup, let placement):
            writeScripts(base: base, sub: sub, sup: sup, placement: placement)
        case .accent(let base, let mark, let stretchy, let under):
            let element = under ? "munder" : "mover"
            let accentAttribute = under ? "accentunder" : "accent"
            output += "<\(element) \(accentAttribute)=\"true\">"
            writeSingle(base)
            output += MathMarkup.accent(mark, stretchy: stretchy) + "</\(element)>"
        case .stacked(let base, let over, let under):
            let element = over != nil ? "mover" : "munder"
            output += "<\(element)>"
            writeSingle(base)
            if let script = over ?? under { writeSingle(script) }
            output += "</\(element)>"
        case .largeOperator(let text, _):
            output += "<mo>\(escape(text))</mo>"
        case .function(let name, _):
            output += MathMarkup.identifier(name, upright: true)
        case .fenced(let open, let close, let body):
            // In text style, a body no taller than a line with scripts (`\left( \sum_i y_i \right)`)
            // gets TeX's \big at most: Chromium stretches symmetric fences around a text-style
            // sum and its subscript to nearly twice the line's height.
            let limit = textStyle && !body.contains(where: \.isTall) ? 1.2 : nil
            // With both fences the browser infers their forms from their places.
            let paired = open != nil && close != nil
            output += "<mrow>"
            if let open { writeStretchyFence(open, form: .prefix, paired: paired, maximumSize: limit) }
            writeRow(body)
            if let close { writeStretchyFence(close, form: .postfix, paired: paired, maximumSize: limit) }
            output += "</mrow>"
        case .middle(let text):
            let thin = MathMarkup.em(MathSpacing.thin)
            output += "<mo fence=\"true\" stretchy=\"true\" symmetric=\"true\" lspace=\"\(thin)\" rspace=\"\(thin)\">\(escape(text))</mo>"
        case .sizedDelimiter(let text, let ownClass, let size):
            let resolved = atomClass ?? ownClass
            let form = resolved == .open ? " form=\"prefix\"" : resolved == .close ? " form=\"postfix\"" : ""
            let thick = MathMarkup.em(MathSpacing.thick)
            let spacing = resolved == .relation ? " lspace=\"\(thick)\" rspace=\"\(thick)\"" : ""
            let size = MathMarkup.em(size)
            output += "<mo fence=\"true\"\(form) stretchy=\"true\" symmetric=\"true\" minsize=\"\(size)\" maxsize=\"\(size)\"\(spacing)>\(escape(text))</mo>"
        case .table(let rows, let environment, let rowSpacing):
            writeTable(rows, environment, rowSpacing: rowSpacing)
        case .numbered(let rows, let environment, let rowSpacing, let lineIndices):
            writeNumbered(rows, environment, rowSpacing: rowSpacing, lines: lineIndices)
        case .reference(let label, let parenthesized):
            if let target = equations.targets[label] {
                let text = parenthesized ? "(\(target.number))" : target.number
                output += "<mtext><a class=\"eqref\" href=\"\(escape(target.href))\">\(escape(text))</a></mtext>"
            } else {
                output += "<mtext>\(parenthesized ? "(??)" : "??")</mtext>"
            }
        case .brace(let base, let under):
            writeBrace(base, under: under)
        case .styled(let style, let nodes):
            let attributes = switch style {
            case .display: "displaystyle=\"true\" scriptlevel=\"0\""
            case .text: "displaystyle=\"false\" scriptlevel=\"0\""
            case .script: "displaystyle=\"false\" scriptlevel=\"1\""
            case .scriptScript: "displaystyle=\"false\" scriptlevel=\"2\""
            }
            output += "<mstyle \(attributes)>"
            let savedStyle = textStyle
            textStyle = style != .display
            writeRow(nodes)
            textStyle = savedStyle
            output += "</mstyle>"
        }
    }

    /// Children of an element that acts as an mrow (msqrt, mtd, mstyle).
    private mutating func writeRowContent(of node: MathNode) {
        if case .row(let nodes) = node { writeRow(nodes) } else { writeRow([node]) }
    }

    /// Characters that MathML's dictionary makes stretchy; elsewhere they must not stretch.
    private static let fenceCharacters: Set<String> = ["(", ")", "[", "]", "{", "}", "|", "‖", "⟨", "⟩",
                                                       "⌊", "⌋", "⌈", "⌉", "/"]

    private mutating func writeOperator(_ text: String, as atomClass: AtomClass) {
        let body = escape(text)
        let fence = Self.fenceCharacters.contains(text)
        switch atomClass {
        case .open:
            output += MathMarkup.fixedFence(text, .prefix)
        case .close:
            output += fence ? MathMarkup.fixedFence(text, .postfix) : "<mo form=\"postfix\">\(body)</mo>"
        case .ordinary, .ambiguousFence, .inner, .largeOperator:
            output += MathMarkup.operator(text, lspace: 0, rspace: 0, stretchy: fence ? false : nil)
        case .relation where text == ":":
            // ":" is not in the operator dictionary; give it TeX's relation spacing.
            output += MathMarkup.operator(":", lspace: MathSpacing.thick, rspace: MathSpacing.thick)
        case .punctuation where text == ":":
            output += MathMarkup.operator(":", lspace: 0, rspace: MathSpacing.thin)
        case .binary, .relation, .punctuation:
            output += MathMarkup.operator(text)
        }
    }

    private mutating func writeStretchyFence(_ text: String, form: MathMarkup.FenceForm, paired: Bool, maximumSize: Double? = nil) {
        output += MathMarkup.stretchyFence(text, form, paired: paired, maximumSize: maximumSize)
    }

    private mutating func writeFraction(_ numerator: MathNode, _ denominator: MathNode, _ style: FractionStyle) {
        switch style {
        case .binomial:
            output += "<mrow>"
            writeStretchyFence("(", form: .prefix, paired: true)
            output += "<mfrac linethickness=\"0\">"
        case .display: output += "<mfrac displaystyle=\"true\">"
        case .text: output += "<mfrac displaystyle=\"false\">"
        case .inherited: output += "<mfrac>"
        }
        writeSingle(numerator)
        writeSingle(denominator)
        output += "</mfrac>"
        if style == .binomial {
            writeStretchyFence(")", form: .postfix, paired: true)
            output += "</mrow>"
        }
    }

    /// `\underbrace{x}`: the brace stretched to its base, as a non-accent under/over script.
    private mutating func writeBrace(_ base: MathNode, under: Bool) {
        let element = under ? "munder" : "mover"
        output += "<\(element)>"
        writeSingle(base)
        output += MathMarkup.accent(under ? "\u{23DF}" : "\u{23DE}", stretchy: true) + "</\(element)>"
    }

    /// Display math with equation numbers: a full-width table whose first column balances the
    /// last (the numbers), so the equations stay centred and the numbers sit at the right
    /// margin, each on its line; a labelled line's row carries the label as its anchor.
    private mutating func writeNumbered(_ rows: [[MathNode]], _ environment: TableEnvironment, rowSpacing: [Double], lines indices: [Int?]) {
        let layout = environment.layout
        let columns = rows.map(\.count).max() ?? 1
        output += "<mtable class=\"equation-lines\" displaystyle=\"true\">"
        for (rowIndex, row) in rows.enumerated() {
            let lineIndex = rowIndex < indices.count ? indices[rowIndex] : nil
            let line = lineIndex.flatMap { $0 < lines.count ? lines[$0] : nil }
            if let label = line?.label {
                output += "<mtr id=\"\(escape(label))\">"
            } else {
                output += "<mtr>"
            }
            output += "<mtd class=\"equation-pad\"></mtd>"
            let extra = rowIndex < rowSpacing.count ? rowSpacing[rowIndex] : 0
            for column in 0..<columns {
                output += Self.cellStart(layout, column: column, extraBelow: extra)
                let cell = column < row.count ? row[column] : .row([])
                let nodes: [MathNode]
                if case .row(let inner) = cell { nodes = inner } else { nodes = [cell] }
                writeRow(nodes, leadingOrdinary: layout == .aligned && column % 2 == 1)
                output += "</mtd>"
            }
            let number = lineIndex.flatMap { $0 < equations.lineNumbers.count ? equations.lineNumbers[$0] : nil }
            output += "<mtd class=\"equation-number\">"
            if let number { output += "<mtext>\(escape(number))</mtext>" }
            output += "</mtd></mtr>"
        }
        output += "</mtable>"
    }

    private mutating func writeScripts(base: MathNode, sub: MathNode?, sup: MathNode?, placement: LimitPlacement) {
        // A prime alone follows its base at text level: math fonts draw ′ raised and small
        // already, so as a superscript it would shrink and rise a second time.
        if sub == nil, let sup, let primes = Self.primes(sup) {
            output += "<mrow>"
            writeSingle(base)
            output += MathMarkup.operator(primes, lspace: 0, rspace: 0) + "</mrow>"
            return
        }
        var underOver = false
        var movable = true
        if case .brace(_, let under) = base, (under ? sub : sup) != nil, (under ? sup : sub) == nil {
            // The label of \underbrace goes under the brace, of \overbrace over it.
            output += under ? "<munder>" : "<mover>"
            writeSingle(base)
            writeSingle(under ? sub ?? .row([]) : sup ?? .row([]))
            output += under ? "</munder>" : "</mover>"
            return
        }
        switch base {
        case .largeOperator(_, let limits), .function(_, let limits):
            switch placement {
            case .automatic: underOver = limits
            case .limits: underOver = true; movable = false
            case .noLimits: underOver = false
            }
        default: break
        }
        let element = switch (underOver, sub != nil, sup != nil) {
        case (true, true, true): "munderover"
        case (true, true, false): "munder"
        case (true, false, _): "mover"
        case (false, true, true): "msubsup"
        case (false, true, false): "msub"
        case (false, false, _): "msup"
        }
        output += "<\(element)>"
        if underOver {
            let text: String
            switch base {
            case .largeOperator(let t, _): text = t
            case .function(let name, _): text = name
            default: text = ""
            }
            let noSpace = base.atomClass == .largeOperator && !Self.isLargeOperatorSymbol(base)
            output += MathMarkup.limitsOperator(text, movableLimits: movable, noSpace: noSpace)
        } else {
            writeSingle(base)
        }
        if let sub { writeSingle(sub) }
        if let sup { writeSingle(sup) }
        output += "</\(element)>"
    }

    /// The primes a superscript consists of (`'`, `''`, `^\prime`, `^{\prime\prime}`), if that is all it is.
    private static func primes(_ node: MathNode) -> String? {
        switch node {
        case .symbol(let text, _), .identifier(let text, _):
            return !text.isEmpty && text.unicodeScalars.allSatisfy({ $0 == "′" }) ? text : nil
        case .row(let nodes):
            let parts = nodes.map(primes)
            guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
            return parts.compactMap { $0 }.joined()
        default:
            return nil
        }
    }

    private static func isLargeOperatorSymbol(_ node: MathNode) -> Bool {
        if case .largeOperator = node { return true }
        return false
    }

    private mutating func writeTable(_ rows: [[MathNode]], _ environment: TableEnvironment, rowSpacing: [Double]) {
        let fences = environment.fences
        let paired = fences.open != nil && fences.close != nil
        output += "<mrow>"
        if let open = fences.open { writeStretchyFence(open, form: .prefix, paired: paired) }
        switch environment {
        case .aligned, .gathered: output += "<mtable displaystyle=\"true\">"
        case .smallmatrix: output += "<mtable scriptlevel=\"1\">"
        default: output += "<mtable>"
        }
        for (rowIndex, row) in rows.enumerated() {
            output += "<mtr>"
            let extra = rowIndex < rowSpacing.count ? rowSpacing[rowIndex] : 0
            for (column, cell) in row.enumerated() {
                output += Self.cellStart(environment, column: column, extraBelow: extra)
                let nodes: [MathNode]
                if case .row(let inner) = cell { nodes = inner } else { nodes = [cell] }
                writeRow(nodes, leadingOrdinary: environment == .aligned && column % 2 == 1)
                output += "</mtd>"
            }
            output += "</mtr>"
        }
        output += "</mtable>"
        if let close = fences.close { writeStretchyFence(close, form: .postfix, paired: paired) }
        output += "</mrow>"
    }

    /// Column alignment is meaning, not decoration (the `=` of aligned equations must line
    /// up), so it is written inline rather than left to a style sheet.
    private static func cellStart(_ environment: TableEnvironment, column: Int, extraBelow: Double) -> String {
        var styles: [String] = []
        switch environment {
        case .aligned:
            styles = column % 2 == 0 ? ["text-align: right", "padding-right: 0"] : ["text-align: left", "padding-left: 0"]
        case .cases:
            styles = MathMarkup.casesCellStyles(column: column)
        default:
            break
        }
        if extraBelow != 0 {
            // `\\[4pt]`: TeX adds the length to the usual row gap, math.css's 0.25em cell padding.
            styles.append("padding-bottom: calc(0.25em + \(MathMarkup.em(extraBelow)))")
        }
        return styles.isEmpty ? "<mtd>" : "<mtd style=\"\(styles.joined(separator: "; "))\">"
    }

    // MARK: Text helpers

    /// Leading and trailing spaces of `\text{…}` would collapse in layout; keep them as
    /// no-break spaces, as TeX keeps them.
    static func keepingEdgeSpaces(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count, scalars[index] == " " { scalars[index] = "\u{A0}"; index += 1 }
        index = scalars.count - 1
        while index >= 0, scalars[index] == " " { scalars[index] = "\u{A0}"; index -= 1 }
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars)
        return result
    }
}

/// Escapes text for an XML text node or attribute (the shared spelling).
func escape(_ text: String) -> String {
    MathMarkup.escape(text)
}
