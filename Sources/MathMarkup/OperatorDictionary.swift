/// What MathML Core's operator dictionary says about the characters calcbook's writers give
/// attributes (fences, accents, primes, large operators), so that a writer leaves out an
/// attribute that only repeats it: `<mo>(</mo>` first in its `<mrow>` is already a prefix,
/// stretchy, symmetric fence with no space around it, and `form="prefix" stretchy="true"`
/// would add bytes to every page and change nothing.
///
/// The entries are MathML Core's (its appendix "Operator Dictionary", categories A–M), which
/// Chromium, Firefox and WebKit ship; a character missing here is unknown, and its attributes
/// are always written. The lookup follows MathML Core's algorithm: the entry of the
/// operator's form; without a `form` attribute, the form comes from the operator's place (first
/// of several children: prefix; last: postfix; otherwise infix), and when the dictionary has
/// no entry in that form, the first entry among infix, prefix and postfix is taken instead.
public enum OperatorDictionary {
    public enum Form: Sendable, CaseIterable {
        case prefix, infix, postfix
    }

    /// The properties of an entry; spaces in math units (1/18 em), as the dictionary gives them.
    public struct Properties: Equatable, Sendable {
        public var lspace: Int
        public var rspace: Int
        public var stretchy = false
        public var symmetric = false
        public var movableLimits = false

        public init(lspace: Int, rspace: Int, stretchy: Bool = false, symmetric: Bool = false, movableLimits: Bool = false) {
            self.lspace = lspace
            self.rspace = rspace
            self.stretchy = stretchy
            self.symmetric = symmetric
            self.movableLimits = movableLimits
        }
    }

    /// An operator with no entry: thick spaces, nothing else.
    static let noEntry = Properties(lspace: 5, rspace: 5)

    // The categories calcbook's characters fall in.
    /// B: binary operators such as `/` (and `+`, which calcbook never gives attributes).
    static let b = Properties(lspace: 4, rspace: 4)
    /// C: `|` between operands.
    static let c = Properties(lspace: 3, rspace: 3)
    /// E: postfix marks without stretch (primes, most accents).
    static let e = Properties(lspace: 0, rspace: 0)
    /// F and G: opening and closing fences.
    static let fence = Properties(lspace: 0, rspace: 0, stretchy: true, symmetric: true)
    /// I: postfix marks that stretch (wide accents, over- and underbraces).
    static let i = Properties(lspace: 0, rspace: 0, stretchy: true)
    /// H: integrals.
    static let h = Properties(lspace: 3, rspace: 3, symmetric: true)
    /// J: sums and products, whose limits move to the side in inline math.
    static let j = Properties(lspace: 3, rspace: 3, symmetric: true, movableLimits: true)

    /// Entries by character; an empty entry list is a character known to have none.
    static let entries: [String: [Form: Properties]] = {
        var entries: [String: [Form: Properties]] = [:]
        for open in ["(", "[", "{", "⟨", "⌈", "⌊"] { entries[open] = [.prefix: fence] }
        for close in [")", "]", "}", "⟩", "⌉", "⌋"] { entries[close] = [.postfix: fence] }
        entries["|"] = [.prefix: fence, .infix: c, .postfix: fence]
        entries["‖"] = [.prefix: fence, .postfix: fence]
        entries["/"] = [.infix: b]
        entries["′"] = [.postfix: e]
        // Accents: circumflex, caron, tilde, macron (TeX's \hat \check \tilde \bar), the
        // combining circumflex and the tilde of \widehat and \widetilde, braces.
        for mark in ["\u{02C6}", "\u{02C7}", "\u{02DC}", "\u{02C9}", "\u{0302}", "~", "\u{00AF}", "\u{203E}", "\u{23DE}", "\u{23DF}"] {
            entries[mark] = [.postfix: i]
        }
        // Acute, grave, dot, diaeresis, breve, ring (\acute \grave \dot \ddot \breve \mathring).
        for mark in ["\u{00B4}", "\u{02CB}", "\u{02D9}", "\u{00A8}", "\u{02D8}", "\u{02DA}"] { entries[mark] = [.postfix: e] }
        // \vec's combining arrow and \overline's bar have no entry.
        entries["\u{20D7}"] = [:]
        entries["\u{2015}"] = [:]
        for sum in ["∑", "∏", "∐", "⋃", "⋂", "⋁", "⋀", "⨁", "⨂", "⨀"] { entries[sum] = [.prefix: j] }
        for integral in ["∫", "∬", "∭", "∮"] { entries[integral] = [.prefix: h] }
        return entries
    }()

    /// The properties of `text` as form `form`: written (`explicit`), or inferred from its place.
    /// `nil` when the character is not in this table.
    public static func properties(of text: String, form: Form, explicit: Bool) -> Properties? {
        guard let forms = entries[text] else { return nil }
        if let properties = forms[form] { return properties }
        if !explicit {
            for fallback in [Form.infix, .prefix, .postfix] where fallback != form {
                if let properties = forms[fallback] { return properties }
            }
        }
        return noEntry
    }

    /// The properties of `text` with no `form` attribute wherever it stands, `nil` when they
    /// depend on its place (or the character is unknown).
    public static func propertiesAnywhere(of text: String) -> Properties? {
        let all = Form.allCases.map { properties(of: text, form: $0, explicit: false) }
        guard let first = all[0], all.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// Whether a `form` attribute of `form` can be left out: the dictionary has `text` in that
    /// form, and either the operator's place gives that form (`byPlace`: first or last of
    /// several children) or `text` has no other form (so the fallback finds the same entry).
    public static func impliesForm(_ form: Form, of text: String, byPlace: Bool) -> Bool {
        guard let forms = entries[text], forms[form] != nil else { return false }
        return byPlace || forms.count == 1
    }
}
