import Diagnostics
@testable import CellLanguage
import Testing

@Suite("Did you mean")
struct NameSuggestionTests {
    @Test("misspelled built-ins find their name")
    func builtins() {
        let names = Array(Builtins.signatures.keys)
        #expect(NameSuggestion.nearest(to: "gradiant", among: names) == "gradient")
        #expect(NameSuggestion.nearest(to: "jacobain", among: names) == "jacobian")
        #expect(NameSuggestion.nearest(to: "hesian", among: names) == "hessian")
        #expect(NameSuggestion.nearest(to: "sigmod", among: names) == "sigmoid")
    }

    @Test("nothing is suggested for a name far from every candidate")
    func farNames() {
        #expect(NameSuggestion.nearest(to: "q", among: ["exp", "sum"]) == nil)
        #expect(NameSuggestion.nearest(to: "velocity", among: Array(Builtins.signatures.keys)) == nil)
    }
}
