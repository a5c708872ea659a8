import Foundation
import Testing
@testable import TeXMath

@Suite struct ParrHowardCorpusTests {
    @Test(arguments: ParrHowardCorpus.formulas.indices)
    func formulaConverts(index: Int) throws {
        let formula = ParrHowardCorpus.formulas[index]
        let markup = try TeXToMathML.convert(formula.tex, display: formula.display)
        #expect(markup.hasPrefix(formula.display ? "<math display=\"block\"><semantics>" : "<math><semantics>"))
        // No TeX command may leak into the presentation markup, only into the annotation.
        let presentation = markup.split(separator: "<annotation", maxSplits: 1)[0]
        #expect(!presentation.contains("\\"), "raw TeX in \(formula.tex)")
    }

    @Test(arguments: MathShowcase.formulas.map(\.tex))
    func showcaseFormulaConverts(tex: String) throws {
        _ = try TeXToMathML.convert(tex, display: true)
    }

    @Test func jacobianIsATwoByTwoTableBetweenStretchyBrackets() throws {
        let markup = try TeXToMathML.convert(#"\begin{bmatrix} 6yx & 3x^2 \\ 2 & 8y^7 \end{bmatrix}"#, display: true)
        #expect(markup.components(separatedBy: "<mtr>").count - 1 == 2)
        #expect(markup.components(separatedBy: "<mtd>").count - 1 == 4)
        #expect(markup.contains("<mo>[</mo><mtable>"))
    }

    /// Prints the conversion rate of the corpus (never asserted: timing varies by machine).
    @Test func conversionSpeedIsReported() throws {
        let rounds = 50
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            for _ in 0..<rounds {
                for formula in ParrHowardCorpus.formulas {
                    _ = try TeXToMathML.convert(formula.tex, display: formula.display)
                }
            }
        }
        let count = rounds * ParrHowardCorpus.formulas.count
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("TeXMath corpus: \(count) formulas in \(seconds) s = \(Int(Double(count) / seconds)) formulas/s")
    }
}
