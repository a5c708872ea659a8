/// A 64-bit checksum of a cache entry's bytes, stored after them, so that an entry damaged on
/// disk (a changed byte inside a page's text, which `CompactCoder` alone would read back as
/// other text) is a miss rather than a page with something else on it.
///
/// Not SHA-256 (this project's, in Swift, is far too slow for a 100 MB entry, and nobody forges
/// their own cache): eight bytes at a time, each word multiplied into the state by odd constants
/// and rotated, so that changing any bytes changes the sum but for a chance of one in 2^64.
struct EntryChecksum {
    private var state: UInt64 = 0x243F_6A88_85A3_08D3
    private var length: UInt64 = 0
    /// Bytes of a word not yet complete (a chunk may end inside one).
    private var pending: UInt64 = 0
    private var pendingCount = 0

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        length &+= UInt64(bytes.count)
        // Finish a word begun by the chunk before.
        while pendingCount > 0, index < bytes.count {
            pending |= UInt64(bytes[index]) << UInt64(8 * pendingCount)
            pendingCount += 1
            index += 1
            if pendingCount == 8 {
                mix(pending)
                pending = 0
                pendingCount = 0
            }
        }
        while index + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        while index < bytes.count {
            pending |= UInt64(bytes[index]) << UInt64(8 * pendingCount)
            pendingCount += 1
            index += 1
        }
    }

    private mutating func mix(_ word: UInt64) {
        let scrambled = word &* 0x9E37_79B9_7F4A_7C15
        state = ((state ^ scrambled) << 29 | (state ^ scrambled) >> 35) &* 0xBF58_476D_1CE4_E5B9 &+ 0x94D0_49BB_1331_11EB
    }

    /// The sum of every byte given, in order (the length counts: a zero byte more or less matters).
    func finalized() -> UInt64 {
        var copy = self
        copy.mix(copy.pending ^ UInt64(copy.pendingCount) << 56)
        copy.mix(copy.length)
        var value = copy.state
        value = (value ^ value >> 30) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ value >> 27) &* 0x94D0_49BB_1331_11EB
        return value ^ value >> 31
    }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = EntryChecksum()
        checksum.update(bytes)
        return checksum.finalized()
    }
}
