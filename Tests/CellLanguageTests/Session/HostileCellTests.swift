import CellLanguage
import Diagnostics
import Testing

/// The cells of issue #17's robustness probe that crashed or hung calcbook: each must now end
/// with a value or a located diagnostic, quickly (none of these assert a time: a hang shows as
/// a test run that does not finish, a crash as one that dies).
@Suite("Hostile cells end with a value or a located diagnostic")
struct HostileCellTests {
    func diagnostics(_ text: String) -> [Diagnostic] {
        var session = CellSession()
        return session.run(cell: CellSource(text: text, file: "hostile.md", line: 3, column: 1)).diagnostics
    }

    /// Runs `text` as `calcbook eval` does, writing each value in `format`.
    func evaluation(_ text: String, format: CellOutputFormat = .text) -> CellEvaluation {
        CellEvaluation(cells: [CellSource(text: text, file: "hostile.md", line: 3, column: 1)], format: format)
    }

    static let formatCharacters: [Unicode.Scalar] = [
        "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}",
    ]
    static let oddSpaces: [Unicode.Scalar] = [
        "\u{00A0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}",
        "\u{2007}", "\u{2008}", "\u{2009}", "\u{200A}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}",
    ]

    @Test("x, a format or space character, = 1: a located error, not swift-syntax's fix-it crash",
          arguments: formatCharacters + oddSpaces)
    func invisibleCharacterBeforeEquals(_ scalar: Unicode.Scalar) {
        let found = diagnostics("x\(Character(scalar)) = 1")
        #expect(found.count == 1)
        #expect(found.first?.id == "cell.invalid-character")
        #expect(found.first?.location == SourceLocation(file: "hostile.md", line: 3, column: 2))
        #expect(found.first?.message.contains("U+") == true)
    }

    @Test("a bidirectional override is named as such (Trojan Source)")
    func trojanSource() {
        let found = diagnostics("let x: Scalar\nlet y = x // \u{202E} } \u{2066}\n")
        #expect(found.first?.message.contains("bidirectional") == true)
        #expect(found.first?.location == SourceLocation(file: "hostile.md", line: 4, column: 14))
    }

    @Test("an identifier holding U+202E is refused")
    func overrideInIdentifier() {
        #expect(diagnostics("let a\u{202E}b: Scalar").first?.id == "cell.invalid-character")
    }

    @Test("a 30-level power tower is written in linear time, as text, LaTeX and MathML")
    func powerTower() {
        let tower = Array(repeating: "x", count: 30).joined(separator: "^")
        for format in [CellOutputFormat.text, .latex, .mathml] {
            let result = evaluation("let x: Scalar\n" + tower, format: format)
            #expect(!result.failed, "\(result.diagnostics)")
            #expect(result.output.count > 30)
        }
        let text = evaluation("let x: Scalar\n" + tower).output
        #expect(text.hasPrefix("x^x^x^"))
    }

    @Test("a 30-level power tower in a failing #expect is written in linear time")
    func powerTowerInExpectation() {
        let tower = Array(repeating: "x", count: 30).joined(separator: "^")
        let result = evaluation("let x: Scalar\n#expect(\(tower) == x + 1)")
        #expect(result.failed)
        #expect(result.diagnostics.contains("x^x^x"))
    }

    /// The single error of `text`, checked to be located inside the cell.
    func onlyError(_ text: String) -> Diagnostic? {
        let found = diagnostics(text)
        #expect(found.count == 1, "\(found.map(\.message))")
        if let location = found.first?.location {
            #expect(location.file == "hostile.md" && location.line >= 3)
        } else {
            Issue.record("no location")
        }
        return found.first
    }

    @Test("thirty nested square brackets: a located error, not swift-syntax's exponential lookahead")
    func nestedSquareBrackets() {
        let error = onlyError(String(repeating: "[", count: 30) + "1" + String(repeating: "]", count: 30))
        #expect(error?.message.contains("square brackets") == true)
        #expect(error?.location?.column == 11)
        #expect(onlyError(String(repeating: "[", count: 30))?.message.contains("square brackets") == true)
    }

    @Test("a matrix literal inside a call inside a vector is well inside the bracket limit")
    func ordinaryBracketsStillWork() {
        let result = evaluation("let x: Scalar\n[[1, 2], [3, x]] * [1, [[1, 2], [3, 4]][0, 1]]")
        #expect(!result.failed, "\(result.diagnostics)")
    }

    @Test("10,000 nested brackets and a type nested 1,400 deep are located errors")
    func deepBrackets() {
        #expect(onlyError(String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000))?.message
            .contains("nested more than") == true)
        let type = String(repeating: "Vector<", count: 1_400) + "3" + String(repeating: ">", count: 1_400)
        #expect(onlyError("let v: \(type)")?.message.contains("nested more than") == true)
    }

    @Test("a power tower of 9,600 levels is a located error")
    func tallPowerTower() {
        let tower = Array(repeating: "x", count: 9_600).joined(separator: "^")
        let error = onlyError("let x: Scalar\n" + tower)
        #expect(error?.message.contains("powers are nested more than") == true)
    }

    @Test("a sum of 100 written-out terms is not 'nested 100 levels deep'")
    func hundredTerms() {
        let sum = (1...100).map { "\($0) * x" }.joined(separator: " + ")
        let result = evaluation("let x: Scalar\n" + sum)
        #expect(!result.failed, "\(result.diagnostics)")
        #expect(result.output == "5050x\n")
    }

    @Test("a long sum is built flat and equals the same sum added term by term")
    func flatSumMatchesPairwise() {
        /// The same chain one operation per binding, so every step is a two-operand operation.
        func stepwise(_ operands: [String], _ op: String) -> String {
            var lines = ["let x, y: Scalar", "let s0 = \(operands[0])"]
            for (index, operand) in operands.dropFirst().enumerated() {
                lines.append("let s\(index + 1) = s\(index) \(op) (\(operand))")
            }
            return (lines + ["s\(operands.count - 1)"]).joined(separator: "\n")
        }
        let terms = (0..<40).map { ["x", "y^2", "-3 * x", "x * y", "2"][$0 % 5] }
        let flat = evaluation("let x, y: Scalar\n" + terms.joined(separator: " + "))
        let pairwise = evaluation(stepwise(terms, "+"))
        #expect(!flat.failed && flat.output == pairwise.output, "\(flat.output) vs \(pairwise.output)")
        let factors = (0..<40).map { ["x", "y", "2", "x^2"][$0 % 4] }
        let flatProduct = evaluation("let x, y: Scalar\n" + factors.joined(separator: " * "))
        let pairwiseProduct = evaluation(stepwise(factors, "*"))
        #expect(!flatProduct.failed && flatProduct.output == pairwiseProduct.output, "\(flatProduct.output) vs \(pairwiseProduct.output)")
    }

    @Test("a shape error deep in a long sum points at its operator")
    func errorInLongSum() {
        let terms = Array(repeating: "v", count: 30) + ["M"] + Array(repeating: "v", count: 5)
        let error = onlyError("let M: Matrix<2, 2>\nlet v: Vector<3>\nlet s = " + terms.joined(separator: " + "))
        #expect(error?.id == "cell.shape-mismatch")
        // "let s = " is 8 columns; each "v + " is 4.
        #expect(error?.location == SourceLocation(file: "hostile.md", line: 5, column: 9 + 30 * 4 - 2))
    }

    @Test("sums of 55,000 and products of 100,000 written-out terms end without a crash")
    func hugeFlatSumsAndProducts() {
        let sum = Array(repeating: "x", count: 55_000).joined(separator: " + ")
        let result = evaluation("let x: Scalar\n" + sum)
        if result.failed {
            #expect(result.diagnostics.contains("hostile.md:4:"), "\(result.diagnostics.prefix(300))")
        } else {
            #expect(result.output == "55000x\n")
        }
        let product = Array(repeating: "x", count: 100_000).joined(separator: "*")
        let products = evaluation("let x: Scalar\n" + product)
        #expect(products.failed)
        #expect(products.diagnostics.contains("hostile.md:4:"), "\(products.diagnostics.prefix(300))")
    }

    @Test("the page's highlighter shows a cell past the bracket limits as plain text")
    func highlighterSkipsRefusedCells() {
        let text = String(repeating: "[", count: 30) + "1" + String(repeating: "]", count: 30)
        #expect(CellHighlighter.highlight(text) == [HighlightedRun(.plain, text)])
        #expect(CellHighlighter.highlight("let x: Scalar").contains { $0.kind == .keyword })
    }

    @Test("chains without brackets (x.T.T…, x[0][0]…, f(x)(x)…) 20,000 long are located errors",
          arguments: [".T", "[0]", "(x)"])
    func longPostfixChains(_ step: String) {
        let error = onlyError("let x: Vector<3>\nx" + String(repeating: step, count: 20_000))
        #expect(error?.message.contains("nested more than") == true)
    }
}
