import Diagnostics
import MatrixCalculus
import Synchronization

/// The names a session knows: symbols, bound values, functions and symbolic dimensions.
///
/// A value type, so a cell runs on a copy and the session keeps the copy only if the whole
/// cell succeeded: a failing cell leaves no half-applied bindings behind.
struct CellEnvironment: Sendable {
    enum Entry: Sendable {
        /// `let x: Vector<3>`: the symbol as an expression.
        case symbol(Expr)
        /// `let b = 2 * x + 1` or `var z = …`.
        case value(Expr, isVariable: Bool)
        case function(CellFunctionValue)
        /// `n` after `Vector<n>`.
        case dimension(Dimension)
        /// `let p = [x: 1, y: 2]`: a named point, its values taken when it was bound.
        case point([(Symbol, Expr)])
    }

    struct Binding: Sendable {
        var entry: Entry
        /// Where the name was declared, for notes such as "w is Vector<3> (line 38)".
        var declaredAt: SourceLocation
    }

    private(set) var bindings: [String: Binding] = [:]
    /// While a cell runs for `CellRuns`: what it reads of the names known before it.
    var trace: EnvironmentTrace?

    subscript(name: String) -> Binding? {
        let binding = bindings[name]
        trace?.read(name, .entry(binding?.entry))
        return binding
    }

    /// Whether `name` names a dimension: all a declaration asks of a name it binds, so a trace
    /// records only that (a cell redeclaring `x` does not depend on what `x` was before).
    func isDimension(_ name: String) -> Bool {
        let isDimension = if case .dimension = bindings[name]?.entry { true } else { false }
        trace?.read(name, .isDimension(isDimension))
        return isDimension
    }

    mutating func bind(_ name: String, _ entry: Entry, at location: SourceLocation) {
        trace?.wrote(name, entry)
        bindings[name] = Binding(entry: entry, declaredAt: location)
    }

    var names: Dictionary<String, Binding>.Keys {
        trace?.readAll()
        return bindings.keys
    }

    /// Whether two entries are the same value (expressions are hash-consed, so `==` is identity).
    /// Functions are never the same: they capture a whole environment and another cell's text.
    static func same(_ a: Entry?, _ b: Entry?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.symbol(let x)?, .symbol(let y)?): return x == y
        case (.value(let x, let v)?, .value(let y, let w)?): return x == y && v == w
        case (.dimension(let x)?, .dimension(let y)?): return x == y
        case (.point(let p)?, .point(let q)?):
            return p.count == q.count && zip(p, q).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

/// The names a cell read from its environment, each as it first found it (bound to what, or
/// unbound), and the names it bound: what `CellRuns` needs to know that running the cell again
/// in another environment gives the same result.
///
/// The first read of a name is of the environment before the cell: the interpreter reads a name
/// (to check it may be declared, or to look a dimension up) before it binds it. A reference,
/// shared by the copies of the environment a cell makes (`checkDeclaredType`'s scratch copy).
final class EnvironmentTrace: Sendable {
    /// What a read saw of a name.
    enum Observation: Sendable {
        /// The name's entry, or `nil` when it was unbound.
        case entry(CellEnvironment.Entry?)
        /// Only whether the name is a dimension (`CellEnvironment.isDimension`).
        case isDimension(Bool)

        /// Whether `entry` is what was seen.
        func matches(_ entry: CellEnvironment.Entry?) -> Bool {
            switch self {
            case .entry(let seen): return CellEnvironment.same(seen, entry)
            case .isDimension(let seen):
                let isDimension = if case .dimension = entry { true } else { false }
                return seen == isDimension
            }
        }
    }

    private struct State {
        var reads: [String: Observation] = [:]
        var written: [String] = []
        var isReplayable = true
    }

    private let state = Mutex(State())

    /// Keeps the first read of a name not yet bound by the cell; a whole entry read later
    /// (still before the cell binds the name) replaces a dimension test, as it says more.
    func read(_ name: String, _ observation: Observation) {
        state.withLock { state in
            if case .entry(.function?) = observation { state.isReplayable = false }
            guard !state.written.contains(name) else { return }
            switch (state.reads[name], observation) {
            case (nil, _), (.isDimension?, .entry): state.reads[name] = observation
            default: break
            }
        }
    }

    func wrote(_ name: String, _ entry: CellEnvironment.Entry) {
        state.withLock { state in
            if case .function = entry { state.isReplayable = false }
            if !state.written.contains(name) { state.written.append(name) }
        }
    }

    /// Every name was read (a suggestion for a misspelt one looks at all of them).
    func readAll() {
        state.withLock { $0.isReplayable = false }
    }

    /// The first reads, the names bound in order, or `nil` when the run depended on more.
    var record: (reads: [String: Observation], written: [String])? {
        state.withLock { $0.isReplayable ? ($0.reads, $0.written) : nil }
    }
}

/// A `func` of a cell, kept as its syntax and called by substituting the arguments into its
/// body. It captures the names known where it was defined, as a closure would.
struct CellFunctionValue: Sendable {
    var definition: CellFunction
    var environment: CellEnvironment
    /// The file position map of the cell that defined it, to point at its body in diagnostics.
    var positions: CellPositionMap

    var signature: String {
        let labels = definition.parameters.map { ($0.label ?? "_") + ":" }.joined()
        return "\(definition.name.text)(\(labels))"
    }
}
