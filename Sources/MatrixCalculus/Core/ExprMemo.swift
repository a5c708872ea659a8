/// Values by expression node, for the memo of one evaluation (`Evaluator`): an open-addressing
/// table indexed by the node's stored structural hash and compared by identity.
///
/// Why: nodes are hash-consed, so identity is equality and each node carries a well-mixed hash
/// already; a `Dictionary` still ran SipHash over that hash at every look-up, store and resize,
/// and a precise derivative check makes a fresh evaluator, memo and all, at every point it
/// draws: that hashing was about 1% of the CPU of a 1000-lesson build. Only grows; a memo lives
/// as long as its evaluation.
struct ExprMemo<Value> {
    private var keys: [Expr?]
    private var values: [Value?]
    private var count = 0
    /// `keys.count - 1`; the capacity is a power of two.
    private var mask: Int

    init() {
        keys = Array(repeating: nil, count: 16)
        values = Array(repeating: nil, count: 16)
        mask = 15
    }

    subscript(key: Expr) -> Value? {
        get {
            var index = key.storedHash & mask
            while let stored = keys[index] {
                if stored === key { return values[index] }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// Stores `value` for `key`, replacing any value it had.
    mutating func set(_ value: Value, for key: Expr) {
        var index = key.storedHash & mask
        while let stored = keys[index] {
            if stored === key {
                values[index] = value
                return
            }
            index = (index + 1) & mask
        }
        keys[index] = key
        values[index] = value
        count += 1
        // At most half full, so that probes stay short.
        if 2 * count > keys.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: nil, count: 2 * oldKeys.count)
        values = Array(repeating: nil, count: 2 * oldKeys.count)
        mask = keys.count - 1
        for (index, key) in oldKeys.enumerated() {
            guard let key else { continue }
            var slot = key.storedHash & mask
            while keys[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = oldValues[index]
        }
    }
}
