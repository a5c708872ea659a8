/// A 64-bit Bloom filter of a set of symbols: each symbol sets two bits chosen by a hash of its
/// name, and a node's signature is the union of its children's. "Signature not contained" proves
/// that an expression does not contain the symbol, in O(1); "contained" may be a false positive,
/// so callers fall back to an exact look (`Dependence`). Two bits per symbol keep false
/// positives rare for the small subexpressions (a term of a sum, an entry of a Jacobian) where
/// the question is asked most.
///
/// The hash is FNV-1a over the name, not `Hasher`, so the signature — and with it the work a
/// derivative does — is the same in every run (profiles by instruction count stay comparable).
struct SymbolSignature: Hashable, Sendable {
    private(set) var bits: UInt64

    static let none = SymbolSignature(bits: 0)

    private init(bits: UInt64) { self.bits = bits }

    init(of symbol: Symbol) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in symbol.name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        // FNV's low bits depend only on the bytes' low bits; mix the high bits down.
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        bits = (1 << (hash & 63)) | (1 << ((hash >> 6) & 63))
    }

    mutating func formUnion(_ other: SymbolSignature) { bits |= other.bits }

    /// False proves that the symbols of `other` (one symbol's signature) are not all in this set.
    func mayContain(_ other: SymbolSignature) -> Bool { bits & other.bits == other.bits }
}
