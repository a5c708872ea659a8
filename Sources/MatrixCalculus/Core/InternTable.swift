import Synchronization

/// The hash-consing table: every node is made through it, so two structurally equal
/// expressions are the same object. Equality is then pointer identity, and every pass that
/// compares or memoises subexpressions does so in O(1) — even on DAGs whose trees are
/// exponentially large. Entries are weak, so unused expressions are freed; dead entries are
/// swept as the table grows.
///
/// Every node the engine builds passes through here, from every lesson being built at once,
/// so the table is split into shards by hash, each behind its own `Mutex`: two threads
/// interning nodes rarely want the same shard, so neither waits for the other (one lock for
/// the whole table made concurrent lessons take turns). A node's shard follows from its hash,
/// so equal nodes still meet in one place and stay one object. Within a shard the common path
/// is one dictionary probe: one entry per structural hash, and a separate list only for the
/// rare hashes that two different live nodes share.
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

    /// One shard: its own lock and entries, padded so that two shards' locks do not share a
    /// cache line (threads working in different shards then do not slow each other down).
    private final class Shard: Sendable {
        let state = Mutex(State())
        private let padding: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
    }

    /// A power of two, so that the shard is a shift of the hash; many more than cores, so two
    /// threads rarely meet in one.
    static let shardCount = 64
    private static let shardShift = UInt(UInt.bitWidth - shardCount.trailingZeroBitCount)

    private let shards: [Shard] = (0..<InternTable.shardCount).map { _ in Shard() }

    /// The existing node equal to (kind, shape), or the one `make` creates.
    func intern(hash: Int, kind: Expr.Kind, shape: Shape, make: () -> Expr) -> Expr {
        // The top bits pick the shard; the dictionary inside hashes the whole value again.
        let shard = shards[Int(truncatingIfNeeded: UInt(bitPattern: hash) >> Self.shardShift)]
        return shard.state.withLock { state in
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
            if state.insertionsSinceSweep > max(Self.sweepThreshold, state.liveAtLastSweep) {
                Self.sweep(&state)
            }
            return created
        }
    }

    /// Insertions into a shard between two sweeps, at least (then as many as were live).
    private static let sweepThreshold = 4096 / 16

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

    /// Number of live entries over all shards (for tests of the sweeping).
    var bucketCount: Int { shards.reduce(0) { total, shard in total + shard.state.withLock { $0.entries.count } } }
}
