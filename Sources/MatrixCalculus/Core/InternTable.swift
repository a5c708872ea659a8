import Synchronization

/// The hash-consing table: every node is made through it, so two structurally equal
/// expressions are the same object. Equality is then pointer identity, and every pass that
/// compares or memoises subexpressions does so in O(1) — even on DAGs whose trees are
/// exponentially large. Entries are weak, so unused expressions are freed; dead entries are
/// swept as the table grows. A `Mutex` makes it safe under strict concurrency.
final class InternTable: Sendable {
    static let shared = InternTable()

    private struct WeakEntry {
        weak var expr: Expr?
    }

    private struct State {
        var buckets: [Int: [WeakEntry]] = [:]
        var insertionsSinceSweep = 0
        var liveAtLastSweep = 0
    }

    private let state = Mutex(State())

    /// The existing node equal to (kind, shape), or the one `make` creates.
    func intern(hash: Int, kind: Expr.Kind, shape: Shape, make: () -> Expr) -> Expr {
        state.withLock { state in
            if let bucket = state.buckets[hash] {
                for entry in bucket {
                    if let candidate = entry.expr, candidate.shape == shape, candidate.kind == kind {
                        return candidate
                    }
                }
            }
            let created = make()
            var bucket = (state.buckets[hash] ?? []).filter { $0.expr != nil }
            bucket.append(WeakEntry(expr: created))
            state.buckets[hash] = bucket
            state.insertionsSinceSweep += 1
            if state.insertionsSinceSweep > max(4096, state.liveAtLastSweep) {
                state.buckets = state.buckets.compactMapValues { bucket in
                    let live = bucket.filter { $0.expr != nil }
                    return live.isEmpty ? nil : live
                }
                state.liveAtLastSweep = state.buckets.count
                state.insertionsSinceSweep = 0
            }
            return created
        }
    }

    /// Number of live buckets (for tests of the sweeping).
    var bucketCount: Int { state.withLock { $0.buckets.count } }
}
