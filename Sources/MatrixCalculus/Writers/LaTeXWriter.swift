/// Writes an expression as LaTeX math (without `$` delimiters) that compiles with standard
/// `amsmath`: `\mathbf{x}^{\top} \mathbf{A} \mathbf{x}`, `\frac{a}{b + c}`,
/// `\begin{bmatrix}…\end{bmatrix}`, `\begin{cases}…\end{cases}`, `\operatorname{diag}`.
///
/// Bold Greek vectors use `\boldsymbol` (part of amsmath); Greek names are written as their
/// commands (`θ` → `\theta`) so that the output compiles with pdfLaTeX as well. Parentheses
/// grow (`\left(…\right)`) only around fractions, matrices and cases.
public struct LaTeXWriter: Sendable {
    public let notation: Notation

    public init(notation: Notation = .standard) {
        self.notation = notation
    }

    public func write(_ e: Expr) throws(EngineError) -> String {
        var output = LaTeXOutput()
        write(try LayoutBuilder.layout(of: e, notation: notation), into: &output, inScript: false)
        return output.text
    }

    /// A layout made elsewhere (a derivation's steps), in this writer's markup.
    func write(layout: MathLayout) -> String {
        var output = LaTeXOutput()
        write(layout, into: &output, inScript: false)
        return output.text
    }

    // MARK: Layout to LaTeX

    private func write(_ layout: MathLayout, into output: inout LaTeXOutput, inScript: Bool) {
        switch layout {
        case .identifier(let identifier):
            output.append(Self.latex(of: identifier))
        case .number(let digits):
            output.append(digits)
        case .symbol(let symbol):
            output.append(Self.latex(of: symbol))
        case .row(let items, let kind):
            for item in items {
                if case .symbol(let symbol) = item, kind != .negation, symbol.isBinary {
                    output.append(" " + Self.latex(of: symbol) + " ")
                } else {
                    write(item, into: &output, inScript: inScript)
                }
            }
        case .fenced(let fence, let content):
            let (open, close) = Self.delimiters(of: fence)
            if content.isTall {
                output.append("\\left" + open + " ")
                write(content, into: &output, inScript: inScript)
                output.append(" \\right" + close)
            } else {
                output.append(open)
                write(content, into: &output, inScript: inScript)
                output.append(close)
            }
        case .fraction(let numerator, let denominator):
            if inScript, case .number(let p) = numerator, case .number(let q) = denominator {
                output.append("\(p)/\(q)")
            } else {
                output.append("\\frac{")
                write(numerator, into: &output, inScript: inScript)
                output.append("}{")
                write(denominator, into: &output, inScript: inScript)
                output.append("}")
            }
        case .superscript(let base, let script):
            write(base, into: &output, inScript: inScript)
            output.append("^{")
            write(script, into: &output, inScript: true)
            output.append("}")
        case .subscript(let base, let script):
            write(base, into: &output, inScript: inScript)
            output.append("_{")
            write(script, into: &output, inScript: true)
            output.append("}")
        case .squareRoot(let radicand):
            output.append("\\sqrt{")
            write(radicand, into: &output, inScript: inScript)
            output.append("}")
        case .application(let name, let arguments):
            output.append(Self.functionName(name))
            let tall = arguments.contains { $0.isTall }
            output.append(tall ? "\\left(" : "(")
            for (index, argument) in arguments.enumerated() {
                if index > 0 { output.append(", ") }
                write(argument, into: &output, inScript: inScript)
            }
            output.append(tall ? "\\right)" : ")")
        case .matrix(let rows):
            output.append("\\begin{bmatrix} ")
            for (rowIndex, row) in rows.enumerated() {
                if rowIndex > 0 { output.append(" \\\\ ") }
                for (index, entry) in row.enumerated() {
                    if index > 0 { output.append(" & ") }
                    write(entry, into: &output, inScript: inScript)
                }
            }
            output.append(" \\end{bmatrix}")
        case .cases(let cases):
            output.append("\\begin{cases} ")
            for (index, piece) in cases.enumerated() {
                if index > 0 { output.append(" \\\\ ") }
                write(piece.value, into: &output, inScript: inScript)
                output.append(" & \\text{if } ")
                write(piece.condition, into: &output, inScript: inScript)
            }
            output.append(" \\end{cases}")
        }
    }

    static func latex(of identifier: Identifier) -> String {
        switch identifier.style {
        case .italic:
            if let greek = greekCommands[identifier.name] { return greek }
            return identifier.name.count == 1 ? identifier.name : "\\mathit{\(escaped(identifier.name))}"
        case .bold:
            if let greek = greekCommands[identifier.name] { return "\\boldsymbol{\(greek)}" }
            return "\\mathbf{\(escaped(identifier.name))}"
        case .upright:
            // The ∂ of a derivation step.
            if identifier.name == "∂" { return "\\partial" }
            return "\\mathrm{\(escaped(identifier.name))}"
        case .transposeMark:
            // As prose math writes it, so that copied LaTeX renders as the computed output does.
            return "\\top"
        }
    }

    static func latex(of symbol: MathLayout.OperatorSymbol) -> String {
        switch symbol {
        case .plus: return "+"
        case .minus: return "-"
        case .hadamard(.circledDot): return "\\odot"
        case .hadamard(.circledTimes): return "\\otimes"
        case .elementwiseDivide: return "\\oslash"
        case .dot: return "\\cdot"
        case .ring: return "\\circ"
        case .times: return "\\times"
        case .comma: return ","
        case .invisibleTimes, .invisibleComma: return ""
        case .relation(.less): return "<"
        case .relation(.lessEqual): return "\\le"
        case .relation(.greater): return ">"
        case .relation(.greaterEqual): return "\\ge"
        }
    }

    private static func functionName(_ name: String) -> String {
        switch name {
        case "exp", "log", "sin", "cos", "tan", "tanh", "det", "max", "min": return "\\" + name
        case "σ": return "\\sigma"
        default: return "\\operatorname{\(escaped(name))}"
        }
    }

    private static func delimiters(of fence: MathLayout.Fence) -> (String, String) {
        switch fence {
        case .parentheses: return ("(", ")")
        case .bars: return ("\\lvert", "\\rvert")
        case .doubleBars: return ("\\lVert", "\\rVert")
        }
    }

    /// Characters special to TeX, in names that come from lessons.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "%", "_": result += "\\" + String(character)
            case "^": result += "\\^{}"
            case "~": result += "\\~{}"
            default:
                if let greek = greekCommands[String(character)] { result += greek + " " } else { result.append(character) }
            }
        }
        return result
    }

    static let greekCommands: [String: String] = {
        let lower = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
                     "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau", "upsilon",
                     "phi", "chi", "psi", "omega"]
        var table: [String: String] = [:]
        for (offset, name) in lower.enumerated() where name != "omicron" {
            if let scalar = Unicode.Scalar(0x3B1 + offset) { table[String(Character(scalar))] = "\\" + name }
        }
        table["ο"] = "o"
        let upper = ["Gamma": 0x393, "Delta": 0x394, "Theta": 0x398, "Lambda": 0x39B, "Xi": 0x39E, "Pi": 0x3A0,
                     "Sigma": 0x3A3, "Upsilon": 0x3A5, "Phi": 0x3A6, "Psi": 0x3A8, "Omega": 0x3A9]
        for (name, code) in upper {
            if let scalar = Unicode.Scalar(code) { table[String(Character(scalar))] = "\\" + name }
        }
        return table
    }()
}

/// LaTeX text being built: keeps a control word from running into the letter that follows it
/// (`\alpha x`, not `\alphax`).
private struct LaTeXOutput {
    private(set) var text = ""

    mutating func append(_ piece: String) {
        guard let first = piece.first else { return }
        if first.isLetter, endsWithControlWord { text += " " }
        text += piece
    }

    private var endsWithControlWord: Bool {
        var sawLetter = false
        for character in text.reversed() {
            if character.isASCIILetterCharacter { sawLetter = true; continue }
            return sawLetter && character == "\\"
        }
        return false
    }
}

extension MathLayout.OperatorSymbol {
    /// Operators written with spaces around them in LaTeX source.
    var isBinary: Bool {
        switch self {
        case .plus, .minus, .hadamard, .elementwiseDivide, .relation, .dot, .times: return true
        default: return false
        }
    }
}

private extension Character {
    var isASCIILetterCharacter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
