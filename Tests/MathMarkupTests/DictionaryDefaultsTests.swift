import MathMarkup
import Testing

/// The writers leave out an attribute that repeats the operator dictionary (MathML Core's,
/// which browsers ship) and keep every one that changes the rendering. Each expectation names
/// the bytes: an attribute that came back, or one that went missing, fails here.
@Suite struct DictionaryDefaultsTests {
    @Test func fixedFencesKeepStretchyFalseAndDropAnImpliedForm() {
        // A parenthesis is prefix (or postfix) wherever it stands: the dictionary has no other form.
        #expect(MathMarkup.fixedFence("(", .prefix) == "<mo stretchy=\"false\">(</mo>")
        #expect(MathMarkup.fixedFence(")", .postfix) == "<mo stretchy=\"false\">)</mo>")
        #expect(MathMarkup.fixedFence("⟨", .prefix) == "<mo stretchy=\"false\">⟨</mo>")
        // A bar is also infix (thick-spaced, rigid): mid-row, its form must be written ...
        #expect(MathMarkup.fixedFence("|", .prefix) == "<mo form=\"prefix\" stretchy=\"false\">|</mo>")
        #expect(MathMarkup.fixedFence("‖", .postfix) == "<mo form=\"postfix\" stretchy=\"false\">‖</mo>")
        // ... first and last of its own row, the browser infers it.
        #expect(MathMarkup.fixedFence("|", .prefix, paired: true) == "<mo stretchy=\"false\">|</mo>")
        #expect(MathMarkup.fenced("‖", "‖", tall: false, content: "<mi>x</mi>")
            == "<mrow><mo stretchy=\"false\">‖</mo><mi>x</mi><mo stretchy=\"false\">‖</mo></mrow>")
    }

    @Test func stretchyFencesAreBareWhereTheDictionaryStretchesThem() {
        #expect(MathMarkup.stretchyFence("[", .prefix, paired: true) == "<mo>[</mo>")
        #expect(MathMarkup.stretchyFence("{", .prefix) == "<mo>{</mo>")
        #expect(MathMarkup.stretchyFence("(", .prefix, paired: true, maximumSize: 1.2) == "<mo maxsize=\"1.2em\">(</mo>")
        #expect(MathMarkup.fenced("(", ")", tall: true, content: "<mfrac><mi>a</mi><mi>b</mi></mfrac>")
            == "<mrow><mo>(</mo><mfrac><mi>a</mi><mi>b</mi></mfrac><mo>)</mo></mrow>")
        // A bar without its partner keeps its form; with it, stretchy and symmetric follow.
        #expect(MathMarkup.stretchyFence("|", .postfix) == "<mo form=\"postfix\">|</mo>")
        #expect(MathMarkup.stretchyFence("|", .postfix, paired: true) == "<mo>|</mo>")
    }

    @Test func fencesTheDictionaryDoesNotStretchKeepEveryAttribute() {
        // `/` has only an infix entry; `]` no prefix one: as written fences they are neither
        // stretchy nor unspaced by themselves.
        #expect(MathMarkup.stretchyFence("/", .prefix, paired: true)
            == "<mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">/</mo>")
        #expect(MathMarkup.stretchyFence("]", .prefix, paired: true)
            == "<mo fence=\"true\" form=\"prefix\" stretchy=\"true\" symmetric=\"true\">]</mo>")
        #expect(MathMarkup.stretchyFence("↑", .postfix, paired: true)
            == "<mo fence=\"true\" form=\"postfix\" stretchy=\"true\" symmetric=\"true\">↑</mo>")
    }

    @Test func operatorsDropOnlyWhatHoldsWhereverTheyStand() {
        // `/` never stretches, but the dictionary spaces it: the spaces stay.
        #expect(MathMarkup.operator("/", lspace: 0, rspace: 0, stretchy: false) == "<mo lspace=\"0em\" rspace=\"0em\">/</mo>")
        // One prime has no space in any place; two primes are no dictionary entry.
        #expect(MathMarkup.operator("′", lspace: 0, rspace: 0) == "<mo>′</mo>")
        #expect(MathMarkup.operator("′′", lspace: 0, rspace: 0) == "<mo lspace=\"0em\" rspace=\"0em\">′′</mo>")
        // A parenthesis as an ordinary symbol: unspaced anyway, but it would stretch.
        #expect(MathMarkup.operator("(", lspace: 0, rspace: 0, stretchy: false) == "<mo stretchy=\"false\">(</mo>")
        // A bar's properties depend on its place: everything stays.
        #expect(MathMarkup.operator("|", lspace: 0, rspace: 0, stretchy: false)
            == "<mo lspace=\"0em\" rspace=\"0em\" stretchy=\"false\">|</mo>")
        #expect(MathMarkup.operator("−", lspace: 0, rspace: 0) == "<mo lspace=\"0em\" rspace=\"0em\">−</mo>")
        #expect(MathMarkup.operator(":", lspace: MathSpacing.thick, rspace: MathSpacing.thick)
            == "<mo lspace=\"0.2778em\" rspace=\"0.2778em\">:</mo>")
    }

    @Test func largeOperatorsAndAccents() {
        #expect(MathMarkup.limitsOperator("∑", movableLimits: true, noSpace: false) == "<mo>∑</mo>")
        #expect(MathMarkup.limitsOperator("∑", movableLimits: false, noSpace: false) == "<mo movablelimits=\"false\">∑</mo>")
        #expect(MathMarkup.limitsOperator("∫", movableLimits: false, noSpace: false) == "<mo>∫</mo>")
        #expect(MathMarkup.limitsOperator("lim", movableLimits: true, noSpace: true)
            == "<mo movablelimits=\"true\" lspace=\"0em\" rspace=\"0em\">lim</mo>")
        // \hat's circumflex stretches by the dictionary, \dot's dot does not, \overline's bar has no entry.
        #expect(MathMarkup.accent("ˆ", stretchy: false) == "<mo stretchy=\"false\">ˆ</mo>")
        #expect(MathMarkup.accent("˙", stretchy: false) == "<mo>˙</mo>")
        #expect(MathMarkup.accent("\u{2015}", stretchy: true) == "<mo stretchy=\"true\">\u{2015}</mo>")
        #expect(MathMarkup.accent("⏟", stretchy: true) == "<mo>⏟</mo>")
    }

    /// MathML Core's lookup: an explicit form finds only its own entry; an inferred one falls
    /// back to the character's other entries.
    @Test func lookupFollowsMathMLCore() {
        #expect(OperatorDictionary.properties(of: "(", form: .infix, explicit: true) == OperatorDictionary.Properties(lspace: 5, rspace: 5))
        #expect(OperatorDictionary.properties(of: "(", form: .infix, explicit: false)?.stretchy == true)
        #expect(OperatorDictionary.properties(of: "|", form: .infix, explicit: false) == OperatorDictionary.Properties(lspace: 3, rspace: 3))
        #expect(OperatorDictionary.properties(of: "x", form: .infix, explicit: false) == nil)
        #expect(OperatorDictionary.propertiesAnywhere(of: "|") == nil)
        #expect(OperatorDictionary.impliesForm(.prefix, of: "(", byPlace: false))
        #expect(!OperatorDictionary.impliesForm(.prefix, of: "|", byPlace: false))
        #expect(OperatorDictionary.impliesForm(.prefix, of: "|", byPlace: true))
        #expect(!OperatorDictionary.impliesForm(.prefix, of: "]", byPlace: true))
    }
}
