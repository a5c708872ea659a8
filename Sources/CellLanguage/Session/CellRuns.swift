import Diagnostics
import MatrixCalculus
import Synchronization

/// Cells already run by the other lessons of a build, by text, with what each run read of the
/// names known before it: a cell whose text was run before, in an environment that binds every
/// name it read to the same value (or leaves it unbound, as then), gives the same result, which
/// is replayed at the cell's own place instead of run again.
///
/// Why: courses repeat cells verbatim (1,922 texts among the 5,000 cells of the 1000-lesson
/// corpus), each declaring its own symbols, and running a cell — interpreting it, building its
/// values, checking their sizes — cost about as much as reading it, which `CellReadings`
/// already does once per text.
///
/// Sound because a cell's run is a function of its program (its text), the session's options,
/// the entries of the names it reads (`EnvironmentTrace`: the first read of each name is of the
/// environment before the cell) and the place of its text, which only moves the locations in
/// the result and in the names it binds: a location in a cell is the cell's first line and
/// column plus an offset within its text (`CellPositionMap`), so it is moved by the difference
/// between the two places. Only runs that succeeded are kept, of cells that neither define nor
/// call a `func` (a function captures a whole environment and another cell's text) nor assign
/// to a `var` (which keeps the place of another cell's declaration), and that never listed every
/// name (a suggestion for a misspelt one).
public final class CellRuns: Sendable {
    struct Key: Hashable, Sendable {
        var text: String
        var layout: Layout
        var limits: CellLimits
    }

    /// One run: where its text was, what it read, what it bound and what it gave.
    struct Record: Sendable {
        var source: CellSource
        var reads: [String: EnvironmentTrace.Observation]
        /// Each name the cell bound, in order, with its final binding.
        var bindings: [(name: String, binding: CellEnvironment.Binding)]
        var result: CellResult
    }

    private struct Store {
        var records: [Key: [Record]] = [:]
        var cost = 0
        var replays = 0
    }

    private let store = Mutex(Store())
    /// Up to 16 MB of cell text, counted once per record.
    private let capacity = 16 << 20
    /// Runs kept per text: the same text after different cells reads different values.
    static let recordsPerText = 4

    public init() {}

    /// How many runs are kept, and how many times one was replayed (for tests).
    var keptRuns: Int { store.withLock { $0.records.values.reduce(0) { $0 + $1.count } } }
    var replays: Int { store.withLock { $0.replays } }

    /// Whether runs of `program` may be kept: no `func`, no assignment (see the type's comment).
    static func mayKeep(_ program: CellProgram) -> Bool {
        program.statements.allSatisfy { statement in
            switch statement.kind {
            case .declaration, .binding, .expect, .expression: return true
            case .assignment, .function: return false
            }
        }
    }

    /// A run of `key`'s text that read what `environment` holds, moved to `source`, with its
    /// bindings added to `environment`; `nil` when there is none.
    func replay(_ key: Key, at source: CellSource, in environment: inout CellEnvironment) -> CellResult? {
        let candidates = store.withLock { $0.records[key] } ?? []
        guard let record = candidates.first(where: { record in
            record.reads.allSatisfy { name, seen in seen.matches(environment.bindings[name]?.entry) }
        }) else { return nil }
        store.withLock { $0.replays += 1 }
        let move = Relocation(from: record.source, to: source)
        for (name, binding) in record.bindings {
            environment.bind(name, binding.entry, at: move(binding.declaredAt))
        }
        var result = record.result
        result.outputs = result.outputs.map { output in
            var output = output
            output.range = move(output.range)
            return output
        }
        result.claims = result.claims.map { claim in
            var claim = claim
            claim.range = move(claim.range)
            return claim
        }
        result.expectations = result.expectations.map { held in
            HeldExpectation(claim: held.claim, range: move(held.range))
        }
        return result
    }

    /// Keeps a run that succeeded at `source`, if every location in it is in the cell's file.
    func remember(
        _ key: Key, at source: CellSource, reads: [String: EnvironmentTrace.Observation],
        bindings: [(name: String, binding: CellEnvironment.Binding)], result: CellResult
    ) {
        let locations = bindings.map(\.binding.declaredAt) + result.outputs.flatMap { [$0.range.start, $0.range.end] }
            + result.claims.flatMap { [$0.range.start, $0.range.end] } + result.expectations.flatMap { [$0.range.start, $0.range.end] }
        guard result.diagnostics.isEmpty, result.outputsBeforeFailure.isEmpty, locations.allSatisfy({ $0.file == source.file }) else { return }
        let record = Record(source: source, reads: reads, bindings: bindings, result: result)
        let cost = key.text.utf8.count + 64
        store.withLock { store in
            guard store.cost + cost <= capacity, store.records[key, default: []].count < Self.recordsPerText else { return }
            store.records[key, default: []].append(record)
            store.cost += cost
        }
    }
}

/// Moves locations in a cell's text at one place to the same text at another.
private struct Relocation {
    let from: CellSource
    let to: CellSource

    func callAsFunction(_ location: SourceLocation) -> SourceLocation {
        SourceLocation(file: to.file, line: location.line - from.line + to.line, column: location.column - from.column + to.column)
    }

    func callAsFunction(_ range: SourceRange) -> SourceRange {
        SourceRange(start: self(range.start), end: self(range.end))
    }
}
