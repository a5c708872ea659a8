import Foundation
import Testing

/// `calcbook eval` as a user runs it: the built executable, its output and exit status.
/// The `calcbook` executable built beside the test bundle.
enum CalcbookExecutable {
    static let url: URL? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("calcbook")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()
}

@Suite("calcbook eval", .enabled(if: CalcbookExecutable.url != nil))
struct EvalCommandTests {

    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    func run(_ arguments: [String], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = CalcbookExecutable.url
        process.arguments = ["eval"] + arguments
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self)
        )
    }

    @Test("the gradient of 3x²y from standard input")
    func gradientFromStandardInput() throws {
        let result = try run([], input: "let x, y: Scalar\ngradient(of: 3 * x^2 * y, wrt: [x, y])\n")
        #expect(result.status == 0)
        #expect(result.errors == "")
        #expect(result.output == "[6xy, 3x²]\n")
    }

    @Test("--time-limit takes a finite positive number of seconds: inf, nan, 0 and -1 are refused, without a crash", arguments: ["inf", "nan", "0", "-1", "1e300"])
    func timeLimitIsValidated(_ value: String) throws {
        let result = try run(["--time-limit=\(value)", "let x: Scalar\nx"])
        #expect(result.status == 2)
        #expect(result.errors.contains("--time-limit must be a positive number of seconds"))
    }

    @Test("--no-verify is accepted, and the derivatives are verified without it")
    func verificationFlag() throws {
        let cell = "let x: Vector<3>\ngradient(of: x.T * x, wrt: x)"
        #expect(try run([cell]).output == "2xᵀ\n")
        #expect(try run(["--no-verify", cell]).output == "2xᵀ\n")
    }

    @Test("a failing cell prints diagnostics naming <stdin> and exits 1")
    func failure() throws {
        let result = try run([], input: "let w: Vector<3>\nlet x: Vector<4>\nw ⊙ x\n")
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("<stdin>:3:3: error: shapes do not match: Vector<3> ⊙ Vector<4>\n"))
    }

    @Test("a failing #expect exits 1")
    func failingExpectation() throws {
        let result = try run(["let x: Scalar", "#expect(∂(x^2, x) == 3 * x)"])
        #expect(result.status == 1)
        #expect(result.errors.contains("error: expectation failed"))
    }

    @Test("no source at all is a usage error")
    func noSource() throws {
        let result = try run([], input: "")
        #expect(result.status == 2)
        #expect(result.errors.contains("no cell source"))
    }

    @Test("LaTeX and MathML come from the engine's writers")
    func formats() throws {
        let cells = ["let x: Vector<n>", "let A: Matrix<n, n>", "derivative(of: x.T * A * x, wrt: x)"]
        let latex = try run(["--format", "latex"] + cells)
        #expect(latex.output == "\\mathbf{x}^{\\top}(\\mathbf{A} + \\mathbf{A}^{\\top})\n")
        let mathml = try run(["--format", "mathml"] + cells)
        #expect(mathml.output.hasPrefix("<math display=\"block\">"))
        #expect(mathml.status == 0)
    }

    @Test("JSON output lists outputs and diagnostics")
    func json() throws {
        let result = try run(["--format", "json", "let x: Scalar", "x^2"])
        #expect(result.status == 0)
        #expect(result.output.contains("\"outputs\": ["))
        #expect(result.output.contains("\"file\": \"<argument 2>\", \"line\": 1, \"column\": 1, \"shape\": \"Scalar\""))
        #expect(result.output.contains("\"diagnostics\": []"))
    }

    @Test("the layout flag transposes a gradient")
    func layout() throws {
        let result = try run(["--layout", "denominator", "--format", "json", "let x: Vector<3>", "gradient(of: sum(x), wrt: x)"])
        #expect(result.status == 0)
        #expect(result.output.contains("\"shape\": \"Vector<3>\""))
    }
}
