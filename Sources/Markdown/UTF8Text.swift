/// Reading valid UTF-8 (a String's bytes, or a part of them cut between scalars) without
/// decoding all of it: the passes over a whole lesson look for ASCII delimiters bytewise and
/// count or decode scalars only where they report a column or read a name.
public enum UTF8Text {
    /// Whether `byte` continues a scalar rather than starting one.
    @inlinable
    public static func isContinuation(_ byte: UInt8) -> Bool {
        byte & 0xC0 == 0x80
    }

    /// The number of bytes of the scalar whose first byte is `lead`.
    @inlinable
    public static func width(ofScalarStartingWith lead: UInt8) -> Int {
        switch lead {
        case ..<0x80: 1
        case 0xF0...: 4
        case 0xE0...: 3
        default: 2
        }
    }

    /// The number of scalars in `bytes`: the bytes that start one.
    @inlinable
    public static func scalarCount<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Int {
        var count = 0
        for byte in bytes where !isContinuation(byte) { count += 1 }
        return count
    }

    /// The scalar starting at `index` and its width in bytes. The bytes are valid UTF-8 and
    /// `index` starts a scalar; a sequence cut short by the buffer's end reads as U+FFFD.
    @inlinable
    public static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(bytes[index])
        let width = width(ofScalarStartingWith: bytes[index])
        guard width > 1 else { return (Unicode.Scalar(UInt8(truncatingIfNeeded: lead)), 1) }
        guard index + width <= bytes.count else { return ("\u{FFFD}", bytes.count - index) }
        var value = lead & (0x7F >> UInt32(width))
        for offset in 1..<width { value = value << 6 | UInt32(bytes[index + offset]) & 0x3F }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    /// Whether any of the eight bytes of `word` is `byte`: for scans that step eight bytes at a
    /// time past text holding none of the bytes they look for. (A byte equal to `byte` is a
    /// zero byte of `word ^ pattern`, and subtracting one from a zero byte borrows into its top
    /// bit.)
    @inlinable
    public static func word(_ word: UInt64, holds byte: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let difference = word ^ (ones &* UInt64(byte))
        return (difference &- ones) & ~difference & 0x8080_8080_8080_8080 != 0
    }
}
