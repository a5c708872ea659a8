import Testing
@testable import TeXMath

/// `\newcommand` and friends: definitions carry over from formula to formula, uses expand
/// before parsing, and every mistake is an error at the right place.
@Suite struct MacroTests {
    /// Converts the formulas in order with one set of macros, as a lesson does.
    private func convert(_ formulas: [String], macros: TeXMacros = TeXMacros()) throws(TeXError) -> [String] {
        var macros = macros
        var result: [String] = []
        for tex in formulas {
            let parsed = try TeXToMathML.parse(tex, display: false, macros: &macros, origin: { "line \($0)" })
            result.append(parsed.definesOnly ? "" : TeXToMathML.mathML(for: parsed))
        }
        return result
    }

    private func error(_ formulas: [String]) -> TeXError? {
        do { _ = try convert(formulas); return nil } catch { return error }
    }

    @Test("a definition applies to later formulas and shows nothing itself")
    func definitionCarriesOver() throws {
        let out = try convert([#"\newcommand{\R}{\mathbb{R}}"#, #"x \in \R^n"#])
        #expect(out[0] == "")
        #expect(out[1] == (try TeXToMathML.convert(#"x \in \mathbb{R}^n"#, display: false))
            .replacingOccurrences(of: #"\mathbb{R}^n"#, with: #"\R^n"#))
    }

    @Test("arguments, an optional first argument, \\def and \\DeclareMathOperator")
    func argumentsAndForms() throws {
        func same(_ defs: String, _ use: String, _ plain: String) throws {
            let out = try convert([defs, use])
            let expected = try TeXToMathML.convert(plain, display: false)
            #expect(out[1].components(separatedBy: "<annotation")[0] == expected.components(separatedBy: "<annotation")[0], "\(use)")
        }
        try same(#"\newcommand{\norm}[1]{\left\lVert #1 \right\rVert}"#, #"\norm{\mathbf{x}}"#, #"\left\lVert \mathbf{x} \right\rVert"#)
        try same(#"\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}"#, #"\pd{f}{x}"#, #"\frac{\partial f}{\partial x}"#)
        try same(#"\newcommand{\E}[2][X]{\mathbb{E}_{#1}[#2]}"#, #"\E{y} + \E[Z]{y}"#, #"\mathbb{E}_{X}[y] + \mathbb{E}_{Z}[y]"#)
        try same(#"\def\vv#1{\mathbf{#1}}"#, #"\vv x"#, #"\mathbf{x}"#)
        try same(#"\DeclareMathOperator{\Tr}{Tr}"#, #"\Tr A"#, #"\operatorname{Tr} A"#)
        try same(#"\DeclareMathOperator*{\esssup}{ess\,sup}"#, #"\esssup_x f"#, #"\operatorname*{ess\,sup}_x f"#)
        try same(#"\newcommand\R{\mathbb{R}}"#, #"\R"#, #"\mathbb{R}"#)
        try same(#"\newcommand{\R}{\mathbb{R}} \renewcommand{\R}{\mathbf{R}}"#, #"\R"#, #"\mathbf{R}"#)
    }

    @Test("the project's macro file")
    func macroFile() throws {
        var project = TeXMacros()
        try project.define(from: "% course preamble\n\\newcommand{\\R}{\\mathbb{R}}\n\\DeclareMathOperator{\\diag}{diag}\n",
                           origin: { "macros.tex@\($0)" })
        #expect(project.names == ["R", "diag"])
        let out = try convert([#"\R"#], macros: project)
        #expect(out[0].contains("ℝ"))
        var broken = TeXMacros()
        #expect(throws: TeXError.self) { try broken.define(from: "\\newcommand{\\R}{x} x^2", origin: { "\($0)" }) }
    }

    @Test("argument count errors")
    func argumentCountErrors() {
        let bad = error([#"\newcommand{\f}[x]{#1}"#])
        #expect(bad?.kind == .macroArguments)
        #expect(bad?.message.contains("must be a digit from 0 to 9, not [x]") == true)
        #expect(bad?.offset == 16)
        let unknown = error([#"\newcommand{\f}[2]{#1 + #3}"#])
        #expect(unknown?.kind == .macroArguments)
        #expect(unknown?.message.contains("#3 in the body of \\f, which takes 2 arguments") == true)
        #expect(unknown?.offset == 24)
        #expect(error([#"\newcommand{\f}{#1}"#])?.message.contains("takes no arguments") == true)
        #expect(error([#"\newcommand{\f}[1]{#1}"#, #"\f"#])?.kind == .missingArgument)
    }

    @Test("redefinition errors")
    func redefinitionErrors() {
        let twice = error([#"\newcommand{\R}{\mathbb{R}}"#, #"\newcommand{\R}{\mathbf{R}}"#])
        #expect(twice?.kind == .macroRedefinition)
        #expect(twice?.message == #"\R is already defined (at line 12); use \renewcommand to change it"#)
        #expect(twice?.offset == 12)
        #expect(error([#"\newcommand{\sum}{x}"#])?.message.contains("built-in command") == true)
        #expect(error([#"\renewcommand{\R}{x}"#])?.message.contains("not defined yet") == true)
        // \def and \providecommand never complain.
        #expect(error([#"\def\R{x}"#, #"\def\R{y}"#, #"\providecommand{\R}{z}"#]) == nil)
    }

    @Test("recursion and growth end in an error at the use")
    func recursion() {
        let loop = error([#"\newcommand{\a}{\a}"#, #"x + \a"#])
        #expect(loop?.kind == .macroRecursion)
        #expect(loop?.message.contains("expands into itself") == true)
        #expect(loop?.offset == 4)
        let mutual = error([#"\newcommand{\a}{\b} \newcommand{\b}{x\a}"#, #"\a"#])
        #expect(mutual?.kind == .macroRecursion)
        let growth = error([#"\newcommand{\a}{xxxxxxxxxxxxxxxx}\newcommand{\b}{\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a\a}"#
            + #"\newcommand{\c}{\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b\b}\newcommand{\d}{\c\c\c\c\c\c\c\c\c\c\c\c\c\c\c\c}"#, #"\d"#])
        #expect(growth?.kind == .macroRecursion)
        #expect(growth?.message.contains("longer than 20000 tokens") == true)
    }

    @Test("an error inside a macro's body points at its use; a typo of a macro suggests it")
    func errorsPointAtTheUse() {
        let inside = error([#"\newcommand{\bad}{\frac{a}}"#, #"y = \bad"#])
        #expect(inside?.kind == .missingArgument)
        #expect(inside?.offset == 4)
        let typo = error([#"\newcommand{\loss}{L}"#, #"\lsos"#])
        #expect(typo?.suggestion == #"\loss"#)
        let missing = error([#"\R"#])
        #expect(missing?.hint?.contains(#"\newcommand{\R}"#) == true)
    }
}
