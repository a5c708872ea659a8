/// A set of words held as UTF-8 bytes, for the search index's dedupe of a lesson's words: a
/// word is looked up by its bytes, so the thousands of repeats in a lesson never become
/// strings (making a String of each and hashing it into a `Set<String>` was most of the time
/// of a search entry).
///
/// Open addressing with linear probing on an FNV-1a hash, at most half full.
struct WordSet {
    /// The words' bytes, one after another.
    private var storage: [UInt8] = []
    /// Where each word starts in `storage`, plus its end: word `i` is `ends[i - 1]..<ends[i]`.
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// Word numbers by hash; `-1` for an empty slot. Its count is a power of two.
    private var slots: [Int32]

    private(set) var count = 0

    init(capacity: Int = 64) {
        var slotCount = 16
        while slotCount < capacity * 2 { slotCount *= 2 }
        slots = Array(repeating: -1, count: slotCount)
    }

    /// Adds `word`; `true` if it was not there yet.
    mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let hash = Self.hash(word)
        let (slot, found) = probe(word, hash: hash)
        if found { return false }
        slots[slot] = Int32(count)
        storage.append(contentsOf: word)
        ends.append(storage.count)
        hashes.append(hash)
        count += 1
        if count * 2 > slots.count { grow() }
        return true
    }

    /// Whether `word` is in the set.
    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        probe(word, hash: Self.hash(word)).found
    }

    /// The slot holding `word`, or the empty slot where it would go (linear probing).
    private func probe(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, found: Bool) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let number = Int(slots[slot])
            if hashes[number] == hash, bytes(of: number).elementsEqual(word) { return (slot, true) }
            slot = (slot + 1) & mask
        }
        return (slot, false)
    }

    private func bytes(of number: Int) -> ArraySlice<UInt8> {
        storage[(number == 0 ? 0 : ends[number - 1])..<ends[number]]
    }

    /// Twice the slots, each word placed again by its kept hash.
    private mutating func grow() {
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        for number in 0..<count {
            var slot = Int(truncatingIfNeeded: hashes[number]) & mask
            while larger[slot] >= 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(number)
        }
        slots = larger
    }

    /// FNV-1a, 64 bits: the same for the same bytes in every run (nothing here depends on the
    /// order of the slots, only on which words are in).
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
