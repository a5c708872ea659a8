import CellLanguage

/// Parse-and-evaluate time of a typical 10-line cell, in a fresh session each run.
///
/// Not a test (timing never goes into an assertion): run it with
/// `swift run CellBenchmark [iterations]` and read the median. Debug builds are several times
/// slower than release ones; say which you measured.
@main
struct CellBenchmark {
    static let cell = """
        let w, x: Vector<n>
        let b: Scalar
        let z = w • x + b
        let activation = max(0, z)
        gradient(of: activation, wrt: w)
        let p, q: Scalar
        func f(_ p: Scalar, _ q: Scalar) -> Scalar { 3 * p^2 * q }
        jacobian(of: [f(p, q), 2 * p + q^8], wrt: [p, q])
        #expect(∂(f(p, q), p) == 6 * p * q)
        hessian(of: x.T * x, wrt: x)
        """

    static func main() {
        let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 50
        let clock = ContinuousClock()
        var samples: [Duration] = []
        for _ in 0..<iterations {
            var session = CellSession()
            let elapsed = clock.measure {
                let result = session.run(cell: CellSource(text: cell, file: "<benchmark>"))
                precondition(result.succeeded, "the benchmark cell must succeed: \(result.diagnostics)")
            }
            samples.append(elapsed)
        }
        samples.sort()
        let median = samples[samples.count / 2]
        print("10-line cell, parse and evaluate, \(iterations) runs: median \(milliseconds(median)) ms, min \(milliseconds(samples[0])) ms, max \(milliseconds(samples[samples.count - 1])) ms")
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(Int(value * 100) / 100) + "." + String(format2(Int(value * 100) % 100))
    }

    static func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
