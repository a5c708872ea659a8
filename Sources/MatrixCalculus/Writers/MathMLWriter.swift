/// Writes an expression as MathML Core, the subset browsers render natively.
///
/// - Scalars are `<mi>x</mi>` (italic by MathML's own rule for one letter; a longer name is
///   written in italic code points), vectors and matrices upright bold code points
///   (`<mi>𝐱</mi>`), since MathML Core ignores `mathvariant` other than `normal`.
/// - Implied multiplication is U+2062 INVISIBLE TIMES, function names are followed by U+2061
///   FUNCTION APPLICATION, entry indices are separated by U+2063 INVISIBLE SEPARATOR, so that
///   screen readers say what is meant.
/// - Fences of matrices and cases are `<mo>` with `form` and `stretchy="true"` around an
///   `<mtable>`; parentheses stretch by the operator dictionary (around a fraction, say).
///
/// Two entry points: `write(_:display:)` returns a whole `<math>` element; `writeContent(_:)`
/// returns the children alone, for a renderer that puts a label (`∂f/∂x =`) in the same
/// `<math>`.
public struct MathMLWriter: Sendable {
    /// Inline math flows in a line of prose (fractions shrink); block math is a displayed formula.
    public enum Display: Sendable {
        case inline, block
    }

    public let notation: Notation

    public init(notation: Notation = .standard) {
        self.notation = notation
    }

    /// `<math>…</math>` (with `display="block"` for a block).
    public func write(_ e: Expr, display: Display = .inline) throws(EngineError) -> String {
        let open = display == .block ? "<math display=\"block\">" : "<math>"
        return open + (try writeContent(e)) + "</math>"
    }

    /// The content of a `<math>` element: one element (an `<mrow>` when there are several parts).
    public func writeContent(_ e: Expr) throws(EngineError) -> String {
        var output = ""
        write(try LayoutBuilder.layout(of: e, notation: notation), into: &output, inScript: false)
        return output
    }

    // MARK: Layout to markup

    func write(_ layout: MathLayout, into output: inout String, inScript: Bool) {
        switch layout {
        case .identifier(let identifier):
            writeIdentifier(identifier, into: &output)
        case .number(let digits):
            output += "<mn>\(digits)</mn>"
        case .symbol(let symbol):
            output += "<mo>\(Self.markup(of: symbol))</mo>"
        case .row(let items, _):
            output += "<mrow>"
            for (index, item) in items.enumerated() {
                write(item, into: &output, inScript: inScript)
                // TeX's thin space before a function name after a factor: 2x cos(x²).
                if case .symbol(.invisibleTimes) = item, index + 1 < items.count, items[index + 1].startsWithApplication {
                    output += "<mspace width=\"0.1667em\"></mspace>"
                }
            }
            output += "</mrow>"
        case .fenced(let fence, let content):
            let (open, close) = Self.delimiters(of: fence)
            output += "<mrow>" + Self.fence(open, form: "prefix", around: content)
            write(content, into: &output, inScript: inScript)
            output += Self.fence(close, form: "postfix", around: content) + "</mrow>"
        case .fraction(.number(let p), .number(let q)) where inScript:
            // x^(3/2): a slash, as in TeX's scripts, reads better than a tiny fraction.
            output += "<mrow><mn>\(p)</mn><mo lspace=\"0\" rspace=\"0\">/</mo><mn>\(q)</mn></mrow>"
        case .fraction(let numerator, let denominator):
            output += "<mfrac>"
            write(numerator, into: &output, inScript: inScript)
            write(denominator, into: &output, inScript: inScript)
            output += "</mfrac>"
        case .superscript(.subscript(let base, let lower), let upper):
            output += "<msubsup>"
            write(base, into: &output, inScript: inScript)
            write(lower, into: &output, inScript: true)
            write(upper, into: &output, inScript: true)
            output += "</msubsup>"
        case .superscript(let base, let script):
            output += "<msup>"
            write(base, into: &output, inScript: inScript)
            write(script, into: &output, inScript: true)
            output += "</msup>"
        case .subscript(let base, let script):
            output += "<msub>"
            write(base, into: &output, inScript: inScript)
            write(script, into: &output, inScript: true)
            output += "</msub>"
        case .squareRoot(let radicand):
            output += "<msqrt>"
            write(radicand, into: &output, inScript: inScript)
            output += "</msqrt>"
        case .application(let name, let arguments):
            writeApplication(name, arguments, into: &output, inScript: inScript)
        case .matrix(let rows):
            output += "<mrow><mo form=\"prefix\" stretchy=\"true\">[</mo><mtable>"
            for row in rows {
                output += "<mtr>"
                for entry in row {
                    output += "<mtd>"
                    write(entry, into: &output, inScript: inScript)
                    output += "</mtd>"
                }
                output += "</mtr>"
            }
            output += "</mtable><mo form=\"postfix\" stretchy=\"true\">]</mo></mrow>"
        case .cases(let cases):
            output += "<mrow><mo form=\"prefix\" stretchy=\"true\">{</mo><mtable columnalign=\"left left\">"
            for piece in cases {
                output += "<mtr><mtd style=\"text-align: left\">"
                write(piece.value, into: &output, inScript: inScript)
                output += "</mtd><mtd style=\"text-align: left\"><mrow><mtext>if</mtext><mspace width=\"0.5em\"></mspace>"
                write(piece.condition, into: &output, inScript: inScript)
                output += "</mrow></mtd></mtr>"
            }
            output += "</mtable></mrow>"
        }
    }

    private func writeIdentifier(_ identifier: Identifier, into output: inout String) {
        let name = identifier.name
        switch identifier.style {
        case .italic:
            // One letter is italic by MathML's rule; a longer name would be upright.
            output += "<mi>\(Self.escaped(name.count == 1 ? name : MathAlphabet.italic(name)))</mi>"
        case .bold:
            output += "<mi>\(Self.escaped(MathAlphabet.bold(name)))</mi>"
        case .upright, .transposeMark:
            output += name.count == 1 ? "<mi mathvariant=\"normal\">\(Self.escaped(name))</mi>" : "<mi>\(Self.escaped(name))</mi>"
        }
    }

    private func writeApplication(_ name: String, _ arguments: [MathLayout], into output: inout String, inScript: Bool) {
        let content = MathLayout.row(arguments, .plain)
        output += "<mrow><mi>\(Self.escaped(name))</mi><mo>&#x2061;</mo><mrow>" + Self.fence("(", form: "prefix", around: content)
        for (index, argument) in arguments.enumerated() {
            if index > 0 { output += "<mo separator=\"true\">,</mo>" }
            write(argument, into: &output, inScript: inScript)
        }
        output += Self.fence(")", form: "postfix", around: content) + "</mrow></mrow>"
    }

    /// A delimiter that grows only around tall content (a fraction, a matrix), as TeX's
    /// `\left(`; a stretchy parenthesis around a letter gets wide side bearings in browsers.
    private static func fence(_ delimiter: String, form: String, around content: MathLayout) -> String {
        content.isTall
            ? "<mo form=\"\(form)\">\(delimiter)</mo>"
            : "<mo form=\"\(form)\" stretchy=\"false\">\(delimiter)</mo>"
    }

    static func markup(of symbol: MathLayout.OperatorSymbol) -> String {
        switch symbol {
        case .plus: return "+"
        case .minus: return "−"
        case .hadamard(.circledDot): return "⊙"
        case .hadamard(.circledTimes): return "⊗"
        case .elementwiseDivide: return "⊘"
        case .dot: return "·"
        case .ring: return "∘"
        case .times: return "×"
        case .comma: return ","
        case .invisibleTimes: return "&#x2062;"
        case .invisibleComma: return "&#x2063;"
        case .relation(.less): return "&lt;"
        case .relation(.greater): return "&gt;"
        case .relation(let relation): return relation.rawValue
        }
    }

    private static func delimiters(of fence: MathLayout.Fence) -> (String, String) {
        switch fence {
        case .parentheses: return ("(", ")")
        case .bars: return ("|", "|")
        case .doubleBars: return ("‖", "‖")
        }
    }

    /// Names come from lessons: escape what would end an element or start an entity.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
