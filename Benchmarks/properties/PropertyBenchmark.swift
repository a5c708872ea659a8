// The engine's property suite (EngineTestSupport/EngineProperties) at a size CI cannot afford.
//
//   swift build -c release --product PropertyBenchmark
//   .build/release/PropertyBenchmark [N] [--derivatives | --identities] [--from SEED]
//
// Runs N cases (default 100000) of each property, prints every failure as it is found and a
// tally every 1000 cases (cases, unsupported, undecided, failures, seconds), then the totals.
import Foundation
import EngineTestSupport

struct Options {
    var cases = 100_000
    var from = 0
    var properties: Set<String> = ["derivatives", "identities"]
}

func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var arguments = arguments[...]
    while let argument = arguments.popFirst() {
        switch argument {
        case "--derivatives": options.properties = ["derivatives"]
        case "--identities": options.properties = ["identities"]
        case "--from": options.from = arguments.popFirst().flatMap(Int.init) ?? 0
        default:
            guard let n = Int(argument), n > 0 else {
                FileHandle.standardError.write(Data("usage: PropertyBenchmark [N] [--derivatives | --identities] [--from SEED]\n".utf8))
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

func run(_ name: String, _ options: Options, _ body: (Int) -> EngineProperties.Outcome) {
    var tally = EngineProperties.Tally()
    let start = Date()
    func elapsed() -> String { String(format: "%.0f s", Date().timeIntervalSince(start)) }
    let seeds = options.from..<(options.from + options.cases)
    for seed in seeds {
        let outcome = body(seed)
        tally.add(outcome)
        switch outcome {
        case .failed(let message): log("FAIL \(name) \(message)")
        case .undecided(let message): log("undecided \(name) \(message)")
        default: break
        }
        let done = seed - seeds.lowerBound + 1
        if done % 1000 == 0 { log("\(name): \(done) seeds: \(tally), \(elapsed())") }
    }
    log("TOTAL \(name): seeds \(seeds.lowerBound)..<\(seeds.upperBound): \(tally), \(elapsed())")
}

let options = parse(Array(CommandLine.arguments.dropFirst()))
if options.properties.contains("derivatives") { run("derivatives", options, EngineProperties.derivativeCase) }
if options.properties.contains("identities") { run("identities", options, EngineProperties.identityCase) }
