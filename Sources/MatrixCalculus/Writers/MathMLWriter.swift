import MathMarkup

/// Writes an expression as MathML Core, the subset browsers render natively.
///
/// Letters, operator glyphs, spaces and fences are spelled by the shared ``MathMarkup`` module,
/// as prose math's TeX writer spells them, so a computed `W'` and a typed `\mathbf{W}^\top`
/// look the same on a page.
///
/// - Scalars are `<mi>x</mi>` (italic by MathML's own rule for one letter; a longer name is
///   written in italic code points), vectors and matrices upright bold code points
///   (`<mi>𝐱</mi>`), since MathML Core ignores `mathvariant` other than `normal`; a transpose
///   is ⊤, as `\top`.
/// - Implied multiplication is U+2062 INVISIBLE TIMES, function names are followed by U+2061
///   FUNCTION APPLICATION, entry indices are separated by U+2063 INVISIBLE SEPARATOR, so that
///   screen readers say what is meant.
/// - Fences of matrices and cases stretch around an `<mtable>`, as TeX's `\left[`;
///   parentheses stretch only around tall content (a fraction, say), as `\left(` would.
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
        write(layout: try LayoutBuilder.layout(of: e, notation: notation), display: display)
    }

    /// A layout made elsewhere (`WrittenExpression`) as a whole `<math>` element.
    func write(layout: MathLayout, display: Display) -> String {
        let open = display == .block ? "<math display=\"block\">" : "<math>"
        var output = ""
        write(layout, into: &output, inScript: false)
        return open + output + "</math>"
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
            output += MathMarkup.number(digits)
        case .symbol(let symbol):
            output += "<mo>\(Self.markup(of: symbol))</mo>"
        case .row(let items, _):
            output += "<mrow>"
            for (index, item) in items.enumerated() {
                write(item, into: &output, inScript: inScript)
                // TeX's thin space before a function name after a factor: 2x cos(x²).
                if case .symbol(.invisibleTimes) = item, index + 1 < items.count, items[index + 1].startsWithApplication {
                    output += MathMarkup.space(MathSpacing.thin)
                }
            }
            output += "</mrow>"
        case .fenced(let fence, let content):
            let (open, close) = Self.delimiters(of: fence)
            var inner = ""
            write(content, into: &inner, inScript: inScript)
            output += MathMarkup.fenced(open, close, tall: content.isTall, content: inner)
        case .fraction(.number(let p), .number(let q)) where inScript:
            // x^(3/2): a slash, as in TeX's scripts, reads better than a tiny fraction.
            output += "<mrow>" + MathMarkup.number(p) + MathMarkup.operator("/", lspace: 0, rspace: 0, stretchy: false) + MathMarkup.number(q) + "</mrow>"
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
            output += "<mrow>" + MathMarkup.stretchyFence("[", .prefix, paired: true) + "<mtable>"
            for row in rows {
                output += "<mtr>"
                for entry in row {
                    output += "<mtd>"
                    write(entry, into: &output, inScript: inScript)
                    output += "</mtd>"
                }
                output += "</mtr>"
            }
            output += "</mtable>" + MathMarkup.stretchyFence("]", .postfix, paired: true) + "</mrow>"
        case .cases(let cases):
            output += "<mrow>" + MathMarkup.stretchyFence("{", .prefix) + "<mtable columnalign=\"left left\">"
            let valueCell = "<mtd style=\"" + MathMarkup.casesCellStyles(column: 0).joined(separator: "; ") + "\">"
            let conditionCell = "<mtd style=\"" + MathMarkup.casesCellStyles(column: 1).joined(separator: "; ") + "\">"
            for piece in cases {
                output += "<mtr>" + valueCell
                write(piece.value, into: &output, inScript: inScript)
                output += "</mtd>" + conditionCell + "<mrow><mtext>if</mtext>" + MathMarkup.space(0.5)
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
            output += MathMarkup.identifier(name.count == 1 ? name : MathAlphabet.italic.styled(name))
        case .bold:
            output += MathMarkup.identifier(MathAlphabet.bold.styled(name))
        case .upright:
            output += MathMarkup.identifier(name, upright: true)
        case .transposeMark:
            output += MathMarkup.identifier(MathGlyph.transpose)
        }
    }

    private func writeApplication(_ name: String, _ arguments: [MathLayout], into output: inout String, inScript: Bool) {
        let content = MathLayout.row(arguments, .plain)
        var inner = ""
        for (index, argument) in arguments.enumerated() {
            // A comma is a separator by the operator dictionary.
            if index > 0 { inner += "<mo>,</mo>" }
            write(argument, into: &inner, inScript: inScript)
        }
        output += "<mrow>" + MathMarkup.identifier(name) + MathMarkup.functionApplication
            + MathMarkup.fenced("(", ")", tall: content.isTall, content: inner) + "</mrow>"
    }

    static func markup(of symbol: MathLayout.OperatorSymbol) -> String {
        switch symbol {
        case .plus: return MathGlyph.plus
        case .minus: return MathGlyph.minus
        case .hadamard(.circledDot): return MathGlyph.circledDot
        case .hadamard(.circledTimes): return MathGlyph.circledTimes
        case .elementwiseDivide: return MathGlyph.circledSlash
        case .dot: return MathGlyph.dot
        case .ring: return MathGlyph.ring
        case .times: return MathGlyph.times
        case .comma: return ","
        case .invisibleTimes: return MathMarkup.invisibleTimes
        case .invisibleComma: return MathMarkup.invisibleSeparator
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
        MathMarkup.escape(text)
    }
}
