import MathMarkup

/// What a command that stands for one symbol means: the character MathML shows and its role.
enum SymbolMeaning: Equatable {
    case identifier(String, upright: Bool)
    case symbol(String, AtomClass)
    case largeOperator(String, limits: Bool)
    case function(String, limits: Bool)
    case space(Double)
}

/// Every symbol command of the supported subset (listed on the reference page lessons/reference/tex-subset.md), by name without `\`.
///
/// Characters follow the Unicode mapping of TeX's symbols (as unicode-math and the
/// MathML operator dictionary use them), so browsers find them in a math font and apply
/// the operator dictionary's spacing.
enum SymbolTable {
    static func meaning(of command: String) -> SymbolMeaning? { table[command] }

    static var commandNames: Dictionary<String, SymbolMeaning>.Keys { table.keys }

    /// Classifies a character typed directly in the formula (`+`, `=`, `(`, or Unicode `≤`).
    static func meaning(ofCharacter scalar: Unicode.Scalar) -> SymbolMeaning? {
        if let meaning = characters[scalar] { return meaning }
        return unicodeSymbols[scalar]
    }

    private static let characters: [Unicode.Scalar: SymbolMeaning] = [
        "+": .symbol("+", .binary),
        "-": .symbol(MathGlyph.minus, .binary),
        "*": .symbol("\u{2217}", .binary),
        "=": .symbol("=", .relation),
        "<": .symbol("<", .relation),
        ">": .symbol(">", .relation),
        ":": .symbol(":", .relation),
        ",": .symbol(",", .punctuation),
        ";": .symbol(";", .punctuation),
        "(": .symbol("(", .open),
        "[": .symbol("[", .open),
        ")": .symbol(")", .close),
        "]": .symbol("]", .close),
        "!": .symbol("!", .close),
        "?": .symbol("?", .close),
        "|": .symbol("|", .ambiguousFence),
        // An ordinary operator, spelled as the engine spells x^(3/2): an <mo> that keeps its size.
        "/": .symbol("/", .ordinary),
        ".": .identifier(".", upright: false),
        "@": .identifier("@", upright: false),
        "\"": .identifier("\"", upright: false),
        "`": .identifier("`", upright: false),
    ]

    /// Non-ASCII characters typed directly take the meaning of the command that produces them.
    private static let unicodeSymbols: [Unicode.Scalar: SymbolMeaning] = {
        var result: [Unicode.Scalar: SymbolMeaning] = [:]
        for meaning in table.values {
            let text: String
            switch meaning {
            case .symbol(let t, _), .largeOperator(let t, _): text = t
            case .identifier(let t, _): text = t
            default: continue
            }
            guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first,
                  scalar.value > 0x7F else { continue }
            if result[scalar] == nil { result[scalar] = meaning }
        }
        return result
    }()

    private static let table: [String: SymbolMeaning] = {
        var t: [String: SymbolMeaning] = [:]
        // Greek: lower case italic, upper case upright as in TeX; \var… capitals italic.
        let lower: [(String, String)] = [
            ("alpha", "α"), ("beta", "β"), ("gamma", "γ"), ("delta", "δ"), ("epsilon", "ϵ"),
            ("varepsilon", "ε"), ("zeta", "ζ"), ("eta", "η"), ("theta", "θ"), ("vartheta", "ϑ"),
            ("iota", "ι"), ("kappa", "κ"), ("varkappa", "ϰ"), ("lambda", "λ"), ("mu", "μ"),
            ("nu", "ν"), ("xi", "ξ"), ("omicron", "ο"), ("pi", "π"), ("varpi", "ϖ"), ("rho", "ρ"),
            ("varrho", "ϱ"), ("sigma", "σ"), ("varsigma", "ς"), ("tau", "τ"), ("upsilon", "υ"),
            ("phi", "ϕ"), ("varphi", "φ"), ("chi", "χ"), ("psi", "ψ"), ("omega", "ω"),
            ("digamma", "ϝ"),
        ]
        for (name, char) in lower { t[name] = .identifier(char, upright: false) }
        let upper: [(String, String)] = [
            ("Gamma", "Γ"), ("Delta", "Δ"), ("Theta", "Θ"), ("Lambda", "Λ"), ("Xi", "Ξ"),
            ("Pi", "Π"), ("Sigma", "Σ"), ("Upsilon", "Υ"), ("Phi", "Φ"), ("Psi", "Ψ"), ("Omega", "Ω"),
        ]
        for (name, char) in upper {
            t[name] = .identifier(char, upright: true)
            t["var" + name] = .identifier(char, upright: false)
        }
        // Ordinary symbols.
        let ordinary: [(String, String, Bool)] = [
            ("partial", "∂", true), ("nabla", "∇", true), ("infty", "∞", false), ("emptyset", "∅", false),
            ("varnothing", "∅", false), ("ell", "ℓ", false), ("hbar", "ℏ", false), ("imath", "ı", false),
            ("jmath", "ȷ", false), ("forall", "∀", false), ("exists", "∃", false), ("nexists", "∄", false),
            ("neg", "¬", false), ("lnot", "¬", false), ("prime", "′", false), ("angle", "∠", false),
            ("triangle", "△", false), ("Box", "□", false), ("aleph", "ℵ", false), ("Re", "ℜ", false),
            ("Im", "ℑ", false), ("wp", "℘", false), ("top", MathGlyph.transpose, false), ("bot", "⊥", false),
            ("intercal", "⊺", false), ("ldots", "…", false), ("dots", "…", false), ("dotsc", "…", false),
            ("dotsb", "⋯", false), ("cdots", "⋯", false), ("vdots", "⋮", false), ("ddots", "⋱", false),
            ("_", "_", false), ("#", "#", false), ("%", "%", false), ("&", "&", false), ("$", "$", false),
            ("backslash", "\\", false), ("therefore", "∴", false), ("because", "∵", false),
            ("checkmark", "✓", false), ("degree", "°", false), ("clubsuit", "♣", false),
        ]
        for (name, char, upright) in ordinary { t[name] = .identifier(char, upright: upright) }
        // Binary operators.
        let binary: [(String, String)] = [
            ("pm", "±"), ("mp", "∓"), ("cdot", MathGlyph.dot), ("times", MathGlyph.times), ("div", "÷"), ("ast", "∗"),
            ("star", "⋆"), ("circ", MathGlyph.ring), ("bullet", "∙"), ("odot", MathGlyph.circledDot), ("otimes", MathGlyph.circledTimes),
            ("oslash", MathGlyph.circledSlash), ("oplus", "⊕"), ("ominus", "⊖"), ("cup", "∪"), ("cap", "∩"),
            ("setminus", "∖"), ("wedge", "∧"), ("land", "∧"), ("vee", "∨"), ("lor", "∨"),
            ("diamond", "⋄"), ("dagger", "†"), ("ddagger", "‡"), ("amalg", "⨿"), ("sqcup", "⊔"),
            ("sqcap", "⊓"), ("uplus", "⊎"), ("wr", "≀"), ("bigcirc", "◯"),
        ]
        for (name, char) in binary { t[name] = .symbol(char, .binary) }
        // Relations and arrows.
        let relations: [(String, String)] = [
            ("le", "≤"), ("leq", "≤"), ("ge", "≥"), ("geq", "≥"), ("ne", "≠"), ("neq", "≠"),
            ("leqslant", "⩽"), ("geqslant", "⩾"), ("approx", "≈"), ("sim", "∼"), ("simeq", "≃"),
            ("cong", "≅"), ("equiv", "≡"), ("propto", "∝"), ("doteq", "≐"), ("coloneqq", "≔"),
            ("ll", "≪"), ("gg", "≫"), ("prec", "≺"), ("succ", "≻"), ("preceq", "⪯"), ("succeq", "⪰"),
            ("in", "∈"), ("notin", "∉"), ("ni", "∋"), ("subset", "⊂"), ("supset", "⊃"),
            ("subseteq", "⊆"), ("supseteq", "⊇"), ("subsetneq", "⊊"), ("perp", "⊥"), ("parallel", "∥"),
            ("mid", "∣"), ("models", "⊨"), ("vdash", "⊢"), ("dashv", "⊣"),
            ("to", "→"), ("rightarrow", "→"), ("leftarrow", "←"), ("gets", "←"),
            ("leftrightarrow", "↔"), ("Rightarrow", "⇒"), ("Leftarrow", "⇐"), ("Leftrightarrow", "⇔"),
            ("longrightarrow", "⟶"), ("longleftarrow", "⟵"), ("Longrightarrow", "⟹"),
            ("Longleftarrow", "⟸"), ("implies", "⟹"), ("impliedby", "⟸"), ("iff", "⟺"),
            ("mapsto", "↦"), ("longmapsto", "⟼"), ("uparrow", "↑"), ("downarrow", "↓"),
            ("nearrow", "↗"), ("searrow", "↘"), ("hookrightarrow", "↪"), ("rightleftharpoons", "⇌"),
        ]
        for (name, char) in relations { t[name] = .symbol(char, .relation) }
        t["colon"] = .symbol(":", .punctuation)
        // Fences.
        let fences: [(String, String, AtomClass)] = [
            ("{", "{", .open), ("}", "}", .close), ("lbrace", "{", .open), ("rbrace", "}", .close),
            ("langle", "⟨", .open), ("rangle", "⟩", .close), ("lvert", "|", .open), ("rvert", "|", .close),
            ("lVert", "‖", .open), ("rVert", "‖", .close), ("lfloor", "⌊", .open), ("rfloor", "⌋", .close),
            ("lceil", "⌈", .open), ("rceil", "⌉", .close), ("lbrack", "[", .open), ("rbrack", "]", .close),
            ("vert", "|", .ambiguousFence), ("|", "‖", .ambiguousFence), ("Vert", "‖", .ambiguousFence),
        ]
        for (name, char, atomClass) in fences { t[name] = .symbol(char, atomClass) }
        // Large operators.
        let withLimits: [(String, String)] = [
            ("sum", "∑"), ("prod", "∏"), ("coprod", "∐"), ("bigcup", "⋃"), ("bigcap", "⋂"),
            ("bigoplus", "⨁"), ("bigotimes", "⨂"), ("bigodot", "⨀"), ("bigvee", "⋁"), ("bigwedge", "⋀"),
        ]
        for (name, char) in withLimits { t[name] = .largeOperator(char, limits: true) }
        let integrals: [(String, String)] = [("int", "∫"), ("iint", "∬"), ("iiint", "∭"), ("oint", "∮")]
        for (name, char) in integrals { t[name] = .largeOperator(char, limits: false) }
        // Function names: upright, with limits for those TeX gives limits.
        for name in ["sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "coth",
                     "arcsin", "arccos", "arctan", "log", "ln", "lg", "exp", "dim", "ker", "hom",
                     "deg", "arg"] {
            t[name] = .function(name, limits: false)
        }
        for name in ["max", "min", "sup", "inf", "lim", "det", "gcd", "Pr"] {
            t[name] = .function(name, limits: true)
        }
        // amsmath-style named operators every course needs, limits below in display math.
        t["argmin"] = .function("arg\u{2009}min", limits: true)
        t["argmax"] = .function("arg\u{2009}max", limits: true)
        t["liminf"] = .function("lim inf", limits: true)
        t["limsup"] = .function("lim sup", limits: true)
        // Spaces, in em as TeX's mu (1 mu = 1/18 em).
        let spaces: [(String, Double)] = [
            ("quad", 1), ("qquad", 2), (",", 3.0 / 18), ("thinspace", 3.0 / 18), (":", 4.0 / 18),
            (">", 4.0 / 18), ("medspace", 4.0 / 18), (";", 5.0 / 18), ("thickspace", 5.0 / 18),
            ("!", -3.0 / 18), ("negthinspace", -3.0 / 18), (" ", 1.0 / 3), ("enspace", 0.5),
        ]
        for (name, width) in spaces { t[name] = .space(width) }
        return t
    }()
}
