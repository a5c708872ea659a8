import Testing
@testable import Site

/// The checksum after every cache entry: the same however the bytes come in pieces, and
/// different when any byte, or the length, is.
@Suite struct EntryChecksumTests {
    static let sample: [UInt8] = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ $0 >> 3) }

    @Test func piecesOfAnySizeGiveTheSameSum() {
        let whole = Self.sample.withUnsafeBytes { EntryChecksum.of($0) }
        for cut in [0, 1, 3, 7, 8, 9, 500, 999, 1000] {
            for second in [0, 1, 5, 8, 13] where cut + second <= Self.sample.count {
                var checksum = EntryChecksum()
                Self.sample.withUnsafeBytes { raw in
                    checksum.update(UnsafeRawBufferPointer(rebasing: raw[..<cut]))
                    checksum.update(UnsafeRawBufferPointer(rebasing: raw[cut..<(cut + second)]))
                    checksum.update(UnsafeRawBufferPointer(rebasing: raw[(cut + second)...]))
                }
                #expect(checksum.finalized() == whole, "cut at \(cut) and \(cut + second)")
            }
        }
    }

    @Test func changingAnyByteOrTheLengthChangesTheSum() {
        let whole = Self.sample.withUnsafeBytes { EntryChecksum.of($0) }
        var sums: Set<UInt64> = [whole]
        for index in Self.sample.indices {
            var changed = Self.sample
            changed[index] ^= 0x01
            let sum = changed.withUnsafeBytes { EntryChecksum.of($0) }
            #expect(sum != whole, "byte \(index)")
            sums.insert(sum)
        }
        #expect(sums.count == Self.sample.count + 1)
        for extra in [[UInt8(0)], [0, 0], Array(repeating: 0, count: 8)] {
            #expect((Self.sample + extra).withUnsafeBytes { EntryChecksum.of($0) } != whole)
        }
        #expect(Array(Self.sample.dropLast()).withUnsafeBytes { EntryChecksum.of($0) } != whole)
        #expect([UInt8]().withUnsafeBytes { EntryChecksum.of($0) } != [UInt8(0)].withUnsafeBytes { EntryChecksum.of($0) })
    }
}
