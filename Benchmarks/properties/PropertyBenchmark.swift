// The engine's property suite (EngineTestSupport/EngineProperties) at a size CI cannot afford.
//
//   swift build -c release --product PropertyBenchmark
//   .build/release/PropertyBenchmark [N] [--derivatives | --identities] [--from SEED] [--kind K] [--trace]
//
// --trace prints each case and each stage of it with the time since the run started.
// --kind K runs only the seeds of generator kind K (seed mod the number of kinds): to look at
// one family of findings, e.g. the bumps of the identities (K = 3), without the others.
// Runs N cases (default 100000) of each property, prints every failure as it is found and a
// tally every 1000 cases (cases, unsupported, undecided, failures, seconds), then the totals.
import Foundation
import EngineTestSupport

struct Options {
    var cases = 100_000
    var from = 0
    var properties: Set<String> = ["derivatives", "identities"]
    var kind: Int?
    var trace = false
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var arguments = arguments[...]
    while let argument = arguments.popFirst() {
        switch argument {
        case "--derivatives": options.properties = ["derivatives"]
        case "--identities": options.properties = ["identities"]
        case "--from": options.from = arguments.popFirst().flatMap(Int.init) ?? 0
        case "--trace": options.trace = true
        case "--kind": options.kind = arguments.popFirst().flatMap(Int.init)
        default:
            guard let n = Int(argument), n > 0 else {
                FileHandle.standardError.write(Data("usage: PropertyBenchmark [N] [--derivatives | --identities] [--from SEED] [--kind K] [--trace]\n".utf8))
                exit(2)
            }
            options.cases = n
        }
    }
    return options
}

/// One line, written at once (the output is usually a file that is read while the run goes on).
func log(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func run(_ name: String, kinds: Int, _ options: Options, _ body: (Int, ((String) -> Void)?) -> EngineProperties.Outcome) {
    var tally = EngineProperties.Tally()
    let start = Date()
    func elapsed() -> String { String(format: "%.0f s", Date().timeIntervalSince(start)) }
    let trace: ((String) -> Void)? = options.trace ? { line in log(String(format: "[%.1f s] ", Date().timeIntervalSince(start)) + line) } : nil
    let seeds = options.from..<(options.from + options.cases)
    for seed in seeds {
        if options.kind.map({ seed % kinds == $0 }) ?? true {
            let outcome = body(seed, trace)
            tally.add(outcome)
            switch outcome {
            case .failed(let message): log("FAIL \(name) \(message)")
            case .undecided(let message): log("undecided \(name) \(message)")
            default: break
            }
        }
        let done = seed - seeds.lowerBound + 1
        if done % 1000 == 0 { log("\(name): \(done) seeds: \(tally), \(elapsed())") }
    }
    log("TOTAL \(name): seeds \(seeds.lowerBound)..<\(seeds.upperBound): \(tally), \(elapsed())")
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
if options.properties.contains("derivatives") { run("derivatives", kinds: PropertyGenerator.derivativeKinds, options) { EngineProperties.derivativeCase(seed: $0, trace: $1) } }
if options.properties.contains("identities") { run("identities", kinds: PropertyGenerator.perturbationKinds, options) { EngineProperties.identityCase(seed: $0, trace: $1) } }
