import Synchronization

/// Results of a pure function that the lessons of a build (or, for engine answers, every
/// lesson a process builds) share, across the threads that build them: the engine's answers depend only on their inputs (expressions are hash-consed,
/// so a key compares in O(1)), and a course asks for the same ones in many lessons.
///
/// Only for functions whose result does not depend on which lesson asked first, so that a page
/// is the same whatever order its lessons were built in. Bounded: past `capacity` (in the
/// caller's units of cost) results are computed again rather than memory grown without end in
/// a long `preview`.
///
/// The look-up and the store are `@inlinable` so that each module using a memo specializes them
/// for its key and value types: unspecialized, every look-up went through the runtime's
/// generic metadata and the key's protocol witnesses (half of a look-up's time, which the
/// cells, their written values and the engine's answers pay on every use).
public final class SharedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline
    struct Store {
        @usableFromInline var values: [Key: Value] = [:]
        @usableFromInline var cost = 0

        @usableFromInline init() {}
    }

    @usableFromInline let store = Mutex(Store())
    @usableFromInline let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
    }

    @inlinable
    public func value(for key: Key) -> Value? {
        store.withLock { $0.values[key] }
    }

    @inlinable
    public func remember(_ value: Value, for key: Key, cost: Int = 1) {
        store.withLock { store in
            guard store.cost + cost <= capacity, store.values[key] == nil else { return }
            store.values[key] = value
            store.cost += cost
        }
    }
}
