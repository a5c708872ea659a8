import CellLanguage
import Diagnostics
import Testing

/// Mangled cells must end in diagnostics, never in a crash: each case is a valid cell with a
/// few characters inserted, deleted or replaced by a fixed-seed generator.
@Suite("Robustness against mangled cells")
struct CellRobustnessTests {
    static let seeds = """
        let x, y: Scalar
        let w, v: Vector<3>
        let A: Matrix<n, n>
        func f(_ x: Scalar, _ y: Scalar) -> Scalar { 3 * x^2 * y }
        #expect(gradient(of: f(x, y), wrt: [x, y]) == [[6 * x * y, 3 * x^2]])
        jacobian(of: w ⊙ v, wrt: v)
        let M = [[1, 2], [3, 4]]
        M[0, 1] + w[2] - ∂(x^3, x)
        """

    /// A small deterministic generator (SplitMix64), so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [Character] = Array("()[]{}<>,:;.^*/+-=#@\"\\ \n⊙⊘•∂∇σ0123456789xyAwnT_\u{FFFD}é")

    @Test("200 mangled cells each end with a result or a located diagnostic")
    func mangled() {
        var generator = SplitMix(state: 2026)
        let base = Array(Self.seeds)
        for _ in 0..<200 {
            var text = base
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                let index = Int.random(in: 0..<text.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: text.remove(at: index)
                case 1: text.insert(Self.alphabet.randomElement(using: &generator) ?? "x", at: index)
                default: text[index] = Self.alphabet.randomElement(using: &generator) ?? "x"
                }
            }
            var session = CellSession()
            let source = String(text)
            let result = session.run(cell: CellSource(text: source, file: "fuzz.md", line: 3, column: 2))
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location != nil, "no location for: \(diagnostic.message)\n\(source)")
                if let location = diagnostic.location {
                    #expect(location.line >= 3 && location.column >= 2, "outside the cell: \(location)\n\(source)")
                }
            }
        }
    }
}
