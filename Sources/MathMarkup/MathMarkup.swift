/// The MathML Core spelling shared by calcbook's two MathML writers: TeX's (prose math) and the
/// engine's (cell outputs). Both spell letters, operator glyphs, spaces and fences through
/// here, so that `\mathbf{W}^\top` in a paragraph and `W'` computed by a cell are the same
/// markup, and a change of typography is made once.
///
/// This module knows nothing of TeX, Markdown, HTML pages or the engine; it sits under both.
public enum MathMarkup {
    // MARK: Letters and numbers

    /// `<mi>`: one character is italic by MathML's own rule, so `upright` asks for
    /// `mathvariant="normal"` there (the only variant MathML Core honours); a longer name is
    /// upright already.
    public static func identifier(_ text: String, upright: Bool = false) -> String {
        let variant = upright && text.unicodeScalars.count == 1 ? " mathvariant=\"normal\"" : ""
        return "<mi\(variant)>\(escape(text))</mi>"
    }

    /// `<mn>`.
    public static func number(_ digits: String) -> String {
        "<mn>\(escape(digits))</mn>"
    }

    // MARK: Operators

    /// An operator with the browser's dictionary spacing, or with TeX's where given;
    /// `stretchy: false` keeps a character the dictionary stretches (a bar) at its size. An
    /// attribute that says what the dictionary says wherever the operator stands is left out
    /// (`/` never stretches, a prime has no space around it).
    public static func `operator`(_ text: String, lspace: Double? = nil, rspace: Double? = nil, stretchy: Bool? = nil) -> String {
        let implied = OperatorDictionary.propertiesAnywhere(of: text)
        let left = lspace.flatMap { implied != nil && implied?.lspace == mathUnits($0) ? nil : " lspace=\"\(em($0))\"" } ?? ""
        let right = rspace.flatMap { implied != nil && implied?.rspace == mathUnits($0) ? nil : " rspace=\"\(em($0))\"" } ?? ""
        let stretch = stretchy.flatMap { implied?.stretchy == $0 ? nil : " stretchy=\"\($0)\"" } ?? ""
        return "<mo\(left)\(right)\(stretch)>\(escape(text))</mo>"
    }

    /// A large operator with limits under and over it (`<munderover>`'s base): `movablelimits`
    /// (limits beside it in inline math) and TeX's spacing (none around `lim`), each written
    /// where the dictionary says otherwise.
    public static func limitsOperator(_ text: String, movableLimits: Bool, noSpace: Bool) -> String {
        let implied = OperatorDictionary.propertiesAnywhere(of: text)
        let movable = implied?.movableLimits == movableLimits ? "" : " movablelimits=\"\(movableLimits)\""
        let spacing = noSpace && !(implied?.lspace == 0 && implied?.rspace == 0) ? " lspace=\"0em\" rspace=\"0em\"" : ""
        return "<mo\(movable)\(spacing)>\(escape(text))</mo>"
    }

    /// An accent over (or under) its base, the second child of `<mover>` (`<munder>`), where
    /// it is a postfix operator; `stretchy` is written where the dictionary says otherwise.
    public static func accent(_ mark: String, stretchy: Bool) -> String {
        let implied = OperatorDictionary.properties(of: mark, form: .postfix, explicit: false)
        let stretch = implied?.stretchy == stretchy ? "" : " stretchy=\"\(stretchy)\""
        return "<mo\(stretch)>\(escape(mark))</mo>"
    }

    /// A length in em as a whole number of math units (1/18 em), `nil` if it is none.
    private static func mathUnits(_ value: Double) -> Int? {
        let units = value * 18
        return abs(units - units.rounded()) < 1e-9 ? Int(units.rounded()) : nil
    }

    /// U+2061 FUNCTION APPLICATION after a function name, so screen readers say "sine of x".
    public static let functionApplication = "<mo>&#x2061;</mo>"
    /// U+2062 INVISIBLE TIMES: multiplication left to the reader (6xy).
    public static let invisibleTimes = "&#x2062;"
    /// U+2063 INVISIBLE SEPARATOR: between the indices of an entry (A₁₂).
    public static let invisibleSeparator = "&#x2063;"

    // MARK: Space

    /// `<mspace>` of `width` em (TeX's `\,` is ``MathSpacing/thin``); a negative width (`\!`)
    /// is a negative margin, since MathML Core's width cannot be negative.
    public static func space(_ width: Double) -> String {
        if width >= 0 { return "<mspace width=\"\(em(width))\"></mspace>" }
        return "<mspace style=\"margin-left: \(em(width))\"></mspace>"
    }

    /// A length in em with at most four decimals: `0.1667em`, `1em`, `-0.1667em`.
    public static func em(_ value: Double) -> String {
        let scaled = Int((abs(value) * 10000).rounded())
        var text = String(scaled / 10000)
        let fraction = scaled % 10000
        if fraction != 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 4 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text + "em"
    }

    // MARK: Fences

    /// Where a fence stands, as MathML's `form`.
    public enum FenceForm: String, Sendable {
        case prefix, postfix

        var dictionaryForm: OperatorDictionary.Form { self == .prefix ? .prefix : .postfix }
    }

    /// A delimiter that keeps its size, as TeX's plain `(`: the dictionary would stretch it
    /// around anything tall, and a stretchy parenthesis around a letter gets wide side bearings
    /// in browsers. `paired`: the fence is the first (prefix) or last (postfix) child of an
    /// `<mrow>` that holds both fences, where the browser infers its form.
    public static func fixedFence(_ delimiter: String, _ form: FenceForm, paired: Bool = false) -> String {
        let implied = OperatorDictionary.impliesForm(form.dictionaryForm, of: delimiter, byPlace: paired)
        let properties = OperatorDictionary.properties(of: delimiter, form: form.dictionaryForm, explicit: true)
        let formAttribute = implied ? "" : " form=\"\(form.rawValue)\""
        let stretch = properties?.stretchy == false ? "" : " stretchy=\"false\""
        return "<mo\(formAttribute)\(stretch)>\(escape(delimiter))</mo>"
    }

    /// A delimiter that grows with its content, as TeX's `\left(` and a matrix's brackets;
    /// `maximumSize` (em) caps it (TeX's `\big` for inline math no taller than a line).
    /// A fence the dictionary stretches already (`(`, `[`, `|` as prefix or postfix) is written
    /// without `fence`, `stretchy` and `symmetric`; `paired` as for ``fixedFence(_:_:paired:)``.
    public static func stretchyFence(_ delimiter: String, _ form: FenceForm, paired: Bool = false, maximumSize: Double? = nil) -> String {
        let limit = maximumSize.map { " maxsize=\"\(em($0))\"" } ?? ""
        let implied = OperatorDictionary.impliesForm(form.dictionaryForm, of: delimiter, byPlace: paired)
        let formAttribute = implied ? "" : " form=\"\(form.rawValue)\""
        if OperatorDictionary.properties(of: delimiter, form: form.dictionaryForm, explicit: true) == OperatorDictionary.fence {
            return "<mo\(formAttribute)\(limit)>\(escape(delimiter))</mo>"
        }
        return "<mo fence=\"true\"\(formAttribute) stretchy=\"true\" symmetric=\"true\"\(limit)>\(escape(delimiter))</mo>"
    }

    /// Fences around `content`: stretchy around tall content (a fraction, a matrix), fixed
    /// otherwise, wrapped in one `<mrow>`.
    public static func fenced(_ open: String, _ close: String, tall: Bool, content: String) -> String {
        tall
            ? "<mrow>" + stretchyFence(open, .prefix, paired: true) + content + stretchyFence(close, .postfix, paired: true) + "</mrow>"
            : "<mrow>" + fixedFence(open, .prefix, paired: true) + content + fixedFence(close, .postfix, paired: true) + "</mrow>"
    }

    // MARK: Tables

    /// The cell styles of a brace's cases (TeX's `cases`: values and conditions flush left,
    /// the values against the brace, a quad before each condition), for prose and computed
    /// piecewise values alike.
    public static func casesCellStyles(column: Int) -> [String] {
        ["text-align: left", column == 0 ? "padding-left: 0" : "padding-left: 1em"]
    }

    // MARK: Text

    /// Escapes text for an XML text node or a double-quoted attribute value. Entities the
    /// writers put in on purpose (`&#x2062;`) are passed through the constants above, not here.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// TeX's math spaces in em (a quad is 1em, a mu 1/18em).
public enum MathSpacing {
    /// `\,` (3mu): after an operator name, before a function after a factor (2x cos x).
    public static let thin = 0.1667
    /// `\:` (4mu): around binary operators.
    public static let medium = 0.2222
    /// `\;` (5mu): around relations.
    public static let thick = 0.2778
}

/// The glyphs of operators both writers produce, so that a transpose or a product is the same
/// character in prose and in computed output.
public enum MathGlyph {
    /// Transpose, as `\top` (⊤, U+22A4); the lessons write `\mathbf{x}^\top`.
    public static let transpose = "⊤"
    /// U+2212 MINUS SIGN, not the hyphen.
    public static let minus = "−"
    public static let plus = "+"
    /// `\cdot` (U+22C5 DOT OPERATOR), not the middle dot U+00B7.
    public static let dot = "⋅"
    public static let times = "×"
    /// `\odot`: the Hadamard product.
    public static let circledDot = "⊙"
    /// `\otimes`.
    public static let circledTimes = "⊗"
    /// `\oslash`: element-wise division.
    public static let circledSlash = "⊘"
    /// `\circ`: the ring of an element-wise power (A^∘2).
    public static let ring = "∘"
}
