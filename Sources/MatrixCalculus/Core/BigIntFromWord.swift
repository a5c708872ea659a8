import BigInt

// Big integers from machine words, built directly.
//
// Why: BigInt's `init<T: BinaryInteger>(_:)` is generic and not inlinable, so a call from this
// module runs unspecialized: `source >= 0`, `source.words` and its iterator go through witness
// tables and a heap-allocated iterator box. Precise derivative checks make a BigInt from a word
// for every ball they round (`BigFloat.roundedUp`, `Ball.addUp`, `Ball.constant`), and that
// conversion was 2.4% of the CPU of a 1000-lesson build. These overloads are concrete, so
// `BigInt(n)` for an `Int`, `UInt` or `UInt64` anywhere in this module picks them; they give the
// same sign and magnitude as the generic initializer (0 is `.plus`).

extension BigInt {
    init(_ value: Int) {
        self.init(sign: value < 0 ? .minus : .plus, magnitude: BigUInt(UInt64(value.magnitude)))
    }

    init(_ value: UInt) {
        self.init(sign: .plus, magnitude: BigUInt(UInt64(value)))
    }

    init(_ value: UInt64) {
        self.init(sign: .plus, magnitude: BigUInt(value))
    }
}

extension BigUInt {
    /// BigUInt's own `init(integerLiteral:)` is concrete: it converts the word inside the BigInt
    /// module, where the generic conversion is specialized for `UInt64`.
    init(_ value: UInt64) {
        self.init(integerLiteral: value)
    }

    init(_ value: UInt) {
        self.init(integerLiteral: UInt64(value))
    }
}
