import Synchronization

/// The hash-consing table: every node is made through it, so two structurally equal
/// expressions are the same object. Equality is then pointer identity, and every pass that
/// compares or memoises subexpressions does so in O(1) — even on DAGs whose trees are
/// exponentially large. Entries are weak, so unused expressions are freed; dead entries are
/// swept as the table grows. A `Mutex` makes it safe under strict concurrency.
///
/// Every node the engine builds passes through here, so the common path is kept to one
/// dictionary probe: one entry per structural hash, and a separate list only for the rare
/// hashes that two different live nodes share.
final class InternTable: Sendable {
    static let shared = InternTable()

    private struct WeakEntry {
        weak var expr: Expr?
    }

    private struct State {
        var entries: [Int: WeakEntry] = [:]
        /// Further nodes whose hash equals that of a live node in `entries`.
        var collisions: [Int: [WeakEntry]] = [:]
        var insertionsSinceSweep = 0
        var liveAtLastSweep = 0
    }

    private let state = Mutex(State())

    /// The existing node equal to (kind, shape), or the one `make` creates.
    func intern(hash: Int, kind: Expr.Kind, shape: Shape, make: () -> Expr) -> Expr {
        state.withLock { state in
            let first = state.entries[hash]?.expr
            if let first, first.shape == shape, first.kind == kind { return first }
            if !state.collisions.isEmpty, let bucket = state.collisions[hash] {
                for entry in bucket {
                    if let candidate = entry.expr, candidate.shape == shape, candidate.kind == kind {
                        return candidate
                    }
                }
            }
            let created = make()
            if first == nil {
                state.entries[hash] = WeakEntry(expr: created)
            } else {
                var bucket = (state.collisions[hash] ?? []).filter { $0.expr != nil }
                bucket.append(WeakEntry(expr: created))
                state.collisions[hash] = bucket
            }
            state.insertionsSinceSweep += 1
            if state.insertionsSinceSweep > max(4096, state.liveAtLastSweep) {
                Self.sweep(&state)
            }
            return created
        }
    }

    /// Drops the entries of freed nodes. A dead first entry whose hash still has live
    /// collisions is replaced by one of them, so that lookups find those by the first probe.
    private static func sweep(_ state: inout State) {
        state.collisions = state.collisions.compactMapValues { bucket in
            let live = bucket.filter { $0.expr != nil }
            return live.isEmpty ? nil : live
        }
        state.entries = state.entries.filter { $0.value.expr != nil }
        for (hash, var bucket) in state.collisions where state.entries[hash] == nil {
            state.entries[hash] = bucket.removeFirst()
            state.collisions[hash] = bucket.isEmpty ? nil : bucket
        }
        state.liveAtLastSweep = state.entries.count
        state.insertionsSinceSweep = 0
    }

    /// Number of live entries (for tests of the sweeping).
    var bucketCount: Int { state.withLock { $0.entries.count } }
}
