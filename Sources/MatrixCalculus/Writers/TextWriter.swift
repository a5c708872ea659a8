import MathMarkup

/// Writes an expression as one line of Unicode text in the textbook notation: `6xy`, `3x²`,
/// `xᵀ(A + Aᵀ)`, `diag(2x + cos(x))`, `z𝟏ᵀ`, `{0 if z ≤ 0; 1 if z > 0}`.
///
/// Used by `calcbook eval`, as the plain-text alternative of a page's math (titles, labels,
/// search engines), in diagnostics and in tests — so it is unambiguous and stable:
/// - a row vector is `[a, b]`, a column vector `[a, b]ᵀ` (the transpose of a row), a matrix
///   `[[a, b], [c, d]]`, by rows;
/// - a fraction is `a/b`, with parentheses around a denominator that is not a single symbol
///   (`a/(b + c)`, `x/(2y)`) and around a fraction inside a product (`(1/2)xᵀAx`);
/// - integer exponents and 1-based indices are Unicode super- and subscripts (`x₁²`, `A₁₂`),
///   other exponents `x^y`, `x^(3/2)`;
/// - implied multiplication is juxtaposition, with `·` before a function (`x·sin(x)`) or
///   between numerals (`2·𝟏`);
/// - vectors and matrices are plain letters unless `Notation.boldInText`; **1** and **0** are
///   always the bold digits 𝟏 and 𝟎.
public struct TextWriter: Sendable {
    public let notation: Notation

    public init(notation: Notation = .standard) {
        self.notation = notation
    }

    /// The text of `e`. Throws `EngineError.limitExceeded` for an expression whose written form
    /// would exceed `WriterLimits.maxPrintedSize`.
    public func write(_ e: Expr) throws(EngineError) -> String {
        var output = ""
        write(try LayoutBuilder.layout(of: e, notation: notation), into: &output)
        return output
    }

    // MARK: Layout to text

    func write(_ layout: MathLayout, into output: inout String) {
        switch layout {
        case .identifier(let identifier):
            output += text(of: identifier)
        case .number(let digits):
            output += digits
        case .symbol(let symbol):
            output += text(of: symbol)
        case .row(let items, let kind):
            writeRow(items, kind: kind, into: &output)
        case .fenced(.parentheses, .cases(let cases)):
            // In text a brace of cases is closed on both sides ({…}), so it needs no parentheses.
            write(.cases(cases), into: &output)
        case .fenced(let fence, let content):
            let (open, close) = delimiters(of: fence)
            output += open
            write(content, into: &output)
            output += close
        case .fraction(let numerator, let denominator):
            writeOperand(numerator, parenthesized: numerator.needsParenthesesAsNumerator, into: &output)
            output += "/"
            writeOperand(denominator, parenthesized: !denominator.isSingleToken, into: &output)
        case .superscript(let base, let script):
            write(base, into: &output)
            writeScript(script, characters: Self.superscriptCharacters, marker: "^", into: &output)
        case .subscript(let base, let script):
            write(base, into: &output)
            writeScript(script, characters: Self.subscriptCharacters, marker: "_", into: &output)
        case .squareRoot(let radicand):
            output += "√"
            writeOperand(radicand, parenthesized: !radicand.isBareRadicand, into: &output)
        case .application(let name, let arguments):
            output += name + "("
            for (index, argument) in arguments.enumerated() {
                if index > 0 { output += ", " }
                write(argument, into: &output)
            }
            output += ")"
        case .matrix(let rows):
            writeMatrix(rows, into: &output)
        case .cases(let cases):
            output += "{"
            for (index, piece) in cases.enumerated() {
                if index > 0 { output += "; " }
                write(piece.value, into: &output)
                output += " if "
                write(piece.condition, into: &output)
            }
            output += "}"
        }
    }

    private func writeOperand(_ layout: MathLayout, parenthesized: Bool, into output: inout String) {
        if parenthesized { output += "(" }
        write(layout, into: &output)
        if parenthesized { output += ")" }
    }

    private func writeRow(_ items: [MathLayout], kind: MathLayout.RowKind, into output: inout String) {
        for (index, item) in items.enumerated() {
            if case .symbol(.invisibleTimes) = item {
                // A function name right after a factor would read as one word: x·sin(x).
                let next = index + 1 < items.count ? items[index + 1] : nil
                let previous = index > 0 ? items[index - 1] : nil
                if let next, next.startsWithApplication, let previous, !previous.isPlainNumber, !previous.isFraction,
                   !previous.endsWithClosingDelimiter {
                    output += "·"
                }
                continue
            }
            if case .symbol(let symbol) = item {
                let spaced = kind == .sum || symbol.isElementwise
                if spaced, index > 0 { output += " " }
                output += text(of: symbol)
                if spaced { output += " " }
                continue
            }
            // A fraction among factors is fenced: (1/2)xᵀAx, not 1/2xᵀAx.
            writeOperand(item, parenthesized: kind == .product && item.isFraction && items.count > 1, into: &output)
        }
    }

    private func writeMatrix(_ rows: [[MathLayout]], into output: inout String) {
        func writeList(_ entries: [MathLayout]) {
            output += "["
            for (index, entry) in entries.enumerated() {
                if index > 0 { output += ", " }
                write(entry, into: &output)
            }
            output += "]"
        }
        if rows.count == 1 {
            writeList(rows[0])
        } else if rows.allSatisfy({ $0.count == 1 }) {
            writeList(rows.map { $0[0] })
            output += "ᵀ"
        } else {
            output += "["
            for (index, row) in rows.enumerated() {
                if index > 0 { output += ", " }
                writeList(row)
            }
            output += "]"
        }
    }

    /// A script as Unicode super- or subscript characters when every character has one
    /// (x², A⁻¹, x₁₂, Iₙ), else `^y`, `^(3/2)`. The script is written once and reused: writing
    /// it a second time for the fallback made a power tower x^x^…^x cost 2ⁿ.
    private func writeScript(_ script: MathLayout, characters: [Character: Character], marker: String, into output: inout String) {
        var plain = ""
        write(script, into: &plain)
        let mapped = plain.compactMap { characters[$0] }
        if mapped.count == plain.count, !plain.isEmpty {
            output += String(mapped)
            return
        }
        output += marker
        let parenthesized = !script.isSingleToken
        if parenthesized { output += "(" }
        output += plain
        if parenthesized { output += ")" }
    }

    private func text(of identifier: Identifier) -> String {
        switch identifier.style {
        case .italic, .upright:
            return identifier.name
        case .transposeMark:
            return "T"
        case .bold:
            if identifier.isBoldDigit || notation.boldInText {
                return MathAlphabet.bold.styled(identifier.name)
            }
            return identifier.name
        }
    }

    private func text(of symbol: MathLayout.OperatorSymbol) -> String {
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
        case .invisibleTimes, .invisibleComma: return ""
        case .relation(let relation): return " \(relation.rawValue) "
        }
    }

    private func delimiters(of fence: MathLayout.Fence) -> (String, String) {
        switch fence {
        case .parentheses: return ("(", ")")
        case .bars: return ("|", "|")
        case .doubleBars: return ("‖", "‖")
        }
    }

    static let superscriptCharacters: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "−": "⁻", "T": "ᵀ", "∘": "∘",
    ]

    static let subscriptCharacters: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ",
        "o": "ₒ", "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ", ",": ",",
    ]
}

extension MathLayout.OperatorSymbol {
    /// ⊙ ⊗ ⊘: written with spaces around them in text.
    var isElementwise: Bool {
        switch self {
        case .hadamard, .elementwiseDivide: return true
        default: return false
        }
    }
}

// Shapes of layouts that decide parentheses in linear text.
extension MathLayout {
    /// One symbol or a self-delimited group: needs no parentheses as a denominator or exponent.
    var isSingleToken: Bool {
        switch self {
        case .identifier, .number, .fenced, .application, .matrix, .cases: return true
        case .subscript(let base, _), .superscript(let base, _): return base.isSingleToken
        case .squareRoot(let radicand): return radicand.isSingleToken
        case .row, .fraction, .symbol: return false
        }
    }

    /// Sums, signs, ⊙/⊘ and nested fractions need parentheses above a slash; implied products
    /// do not (6xy/z).
    var needsParenthesesAsNumerator: Bool {
        switch self {
        case .row(let items, let kind):
            if kind != .product { return true }
            return items.contains { item in
                if case .symbol(let symbol) = item { return symbol.isElementwise }
                return item.isFraction
            }
        case .fraction:
            return true
        default:
            return false
        }
    }

    var isFraction: Bool {
        if case .fraction = self { return true }
        return false
    }

    var isPlainNumber: Bool {
        if case .number = self { return true }
        return false
    }

    /// √x, √2, √(…), √sum(x) need no parentheses; √(x²) and √(x + 1) do.
    var isBareRadicand: Bool {
        switch self {
        case .identifier, .number, .fenced, .application, .matrix: return true
        default: return false
        }
    }

    /// Ends with a closing parenthesis, bar or bracket (σ(z), (x + 1)ᵀ), after which a function
    /// name cannot run into the factor before it: softmax(z)softmax(z)ᵀ.
    var endsWithClosingDelimiter: Bool {
        switch self {
        case .application, .fenced, .matrix: return true
        case .row(let items, _): return items.last?.endsWithClosingDelimiter ?? false
        case .superscript(let base, _), .subscript(let base, _): return base.endsWithClosingDelimiter
        default: return false
        }
    }

    /// Begins with a function name (sin(x), sum(x), diag(x), σ(z)).
    var startsWithApplication: Bool {
        switch self {
        case .application: return true
        case .row(let items, _): return items.first?.startsWithApplication ?? false
        case .superscript(let base, _), .subscript(let base, _): return base.startsWithApplication
        default: return false
        }
    }
}

extension Expr {
    /// The expression as a lesson reader would write it (`xᵀ(A + Aᵀ)`), for error messages: users
    /// see these, so they get the textbook text, not the debug rendering. An expression too large
    /// to write out (beyond `WriterLimits`) is named as such instead.
    var textbookText: String {
        (try? TextWriter().write(self)) ?? "an expression too large to show"
    }
}
