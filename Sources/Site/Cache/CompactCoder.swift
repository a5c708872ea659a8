import Foundation

/// The lesson cache's form of a `Codable` value: binary, written and read in one pass.
///
/// Why not JSON: Foundation's JSON coders took 2.7 s to write and 2.8 s to read back a value
/// shaped like a 10 MB lesson's entry (a 45 MB page, 85,000 links, 42,700 headings, sections
/// and notebook cells: 100 MB of JSON), so the lesson cache made such a lesson's first build
/// twice as slow and every later one slower than no cache. A binary property list took longer
/// still (3.7 s and 5.6 s), and no package this project can use writes `Codable` values in a
/// compact form; so this one is written for the job, small and strict.
///
/// The form is made for reading back with the same types by the same binary (the cache key
/// names the binary), not for exchange. Every value starts with a tag saying what it is:
/// - 0 nil; 1 a Boolean (one byte); 2 a signed integer and 3 an unsigned one, as a
///   variable-length number (seven bits a byte, low bits first; a signed one zigzag-mapped so
///   that small magnitudes are short); 4 a floating-point number (eight bytes, little-endian);
///   5 a string (its UTF-8 length, a variable-length number, then the bytes);
/// - 6 a keyed container: its number of entries (eight bytes, little-endian, filled in as
///   entries are written), then each entry's key (as a string, untagged) and value, in the
///   order written;
/// - 7 an unkeyed container: its number of elements, then the elements.
///
/// Reading is strict, so that bytes cut short or written for another type are a miss, never
/// read as something else (a changed character inside a string is not noticed here, as in JSON:
/// the cache stores a checksum after each entry, `EntryChecksum`): a value must have the tag of
/// the type asked for, keys must be read in the order they
/// were written and match exactly, every entry and element a container holds must be read
/// (checked when the value that holds it is done), lengths may not run past the end, and the
/// value must end where the bytes do. A keyed container's `allKeys` are those of the entries
/// not read yet, in order (found by skipping their values, which the tags allow): all of them
/// for a dictionary, the one key of an enum's case.
enum CompactCoder {
    /// Bytes that are not a value of the type asked for.
    struct Mismatch: Error {}

    /// A value that uses what this form does not keep: super-encoders (class inheritance).
    struct Unsupported: Error {}

    /// `value` in this form.
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let output = Output(sink: nil)
        try value.encode(to: Writer(output: output, codingPath: []))
        guard !output.usedUnsupported else { throw Unsupported() }
        return output.bytes
    }

    /// Writes `value` in this form into the file `file` (created, or emptied), a piece at a
    /// time: a large lesson's entry, close to 100 MB, is never whole in memory (it made the
    /// build of a 10 MB lesson 50 MB larger when it was).
    static func write<Value: Encodable>(_ value: Value, to file: FileDescriptorSink) throws {
        let output = Output(sink: file)
        try value.encode(to: Writer(output: output, codingPath: []))
        guard !output.usedUnsupported else { throw Unsupported() }
        try output.finish()
    }

    /// The value that `encode` wrote into `bytes`.
    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try bytes.withUnsafeBufferPointer { try decode(type, from: $0) }
    }

    /// The value that `encode` wrote into `bytes`, which must hold it and nothing after it.
    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: UnsafeBufferPointer<UInt8>) throws -> Value {
        let input = Input(bytes)
        let value = try input.decodeValue(Value.self, codingPath: [])
        guard input.offset == bytes.count else { throw Mismatch() }
        return value
    }

    enum Tag: UInt8 {
        case none = 0, bool, signed, unsigned, double, string, keyed, unkeyed
    }
}

// MARK: - Writing

extension CompactCoder {
    /// The bytes written so far, shared by every container of one `encode`: all of them, or,
    /// with a sink, those not yet handed to it.
    final class Output {
        @exclusivity(unchecked) var bytes: [UInt8] = []
        var usedUnsupported = false
        let sink: FileDescriptorSink?
        /// How many bytes went to the sink before `bytes`.
        private var handedOver = 0
        /// Counts of containers whose slots went to the sink already, by slot: written at the end.
        private var lateCounts: [Int: Int] = [:]
        /// The first error the sink gave; the rest of the value is then not written.
        private var sinkError: (any Error)?

        /// `bytes` go to the sink once they are this many.
        static let pieceBytes = 1 << 20

        init(sink: FileDescriptorSink?) {
            self.sink = sink
            if sink != nil { bytes.reserveCapacity(Self.pieceBytes + 4096) }
        }

        /// Hands `bytes` to the sink when they are a piece's worth (called between values).
        func handOverIfLarge() {
            if sink != nil, bytes.count >= Self.pieceBytes { handOver() }
        }

        private func handOver() {
            guard let sink, !bytes.isEmpty else { return }
            if sinkError == nil {
                do { try bytes.withUnsafeBytes { try sink.append($0) } } catch { sinkError = error }
            }
            handedOver += bytes.count
            bytes.removeAll(keepingCapacity: true)
        }

        /// Hands the rest over and writes the counts that came late; throws the sink's error.
        func finish() throws {
            handOver()
            if let sinkError { throw sinkError }
            guard let sink else { return }
            for (slot, count) in lateCounts {
                try withUnsafeBytes(of: UInt64(count).littleEndian) { try sink.overwrite($0, at: slot) }
            }
        }

        func append(_ tag: Tag) { bytes.append(tag.rawValue) }

        func append(word: UInt64) {
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }

        func append(number: UInt64) {
            var rest = number
            while rest >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        func append(signed value: Int64) {
            append(number: UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        }

        func append(string: String) {
            var string = string
            string.withUTF8 { utf8 in
                append(number: UInt64(utf8.count))
                guard let sink, utf8.count >= Self.pieceBytes else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                // A page's worth of text goes to the sink as it is, not copied first.
                handOver()
                if sinkError == nil {
                    do { try sink.append(UnsafeRawBufferPointer(utf8)) } catch { sinkError = error }
                }
                handedOver += utf8.count
            }
        }

        /// A container's tag and count slot; returns where the count goes (its offset in the
        /// whole value).
        func openContainer(_ tag: Tag) -> Int {
            append(tag)
            let slot = handedOver + bytes.count
            append(word: 0)
            return slot
        }

        func setCount(_ count: Int, at slot: Int) {
            guard slot >= handedOver else {
                lateCounts[slot] = count
                return
            }
            withUnsafeBytes(of: UInt64(count).littleEndian) { raw in
                for index in 0..<8 { bytes[slot - handedOver + index] = raw[index] }
            }
        }

        func single(_ tag: Tag, _ write: () -> Void) {
            append(tag)
            write()
            handOverIfLarge()
        }
    }

    struct Writer: Encoder {
        let output: Output
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(KeyedWriter<Key>(output: output, codingPath: codingPath))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            UnkeyedWriter(output: output, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer {
            SingleValueWriter(output: output, codingPath: codingPath)
        }
    }

    /// Writes one value; the keyed and unkeyed writers write their entries with it.
    struct SingleValueWriter: SingleValueEncodingContainer {
        let output: Output
        let codingPath: [any CodingKey]

        func encodeNil() { output.append(.none) }
        func encode(_ value: Bool) { output.single(.bool) { output.bytes.append(value ? 1 : 0) } }
        func encode(_ value: String) { output.single(.string) { output.append(string: value) } }
        func encode(_ value: Double) { output.single(.double) { output.append(word: value.bitPattern) } }
        func encode(_ value: Float) { encode(Double(value)) }
        func encode(_ value: Int) { encode(Int64(value)) }
        func encode(_ value: Int8) { encode(Int64(value)) }
        func encode(_ value: Int16) { encode(Int64(value)) }
        func encode(_ value: Int32) { encode(Int64(value)) }
        func encode(_ value: Int64) { output.single(.signed) { output.append(signed: value) } }
        func encode(_ value: UInt) { encode(UInt64(value)) }
        func encode(_ value: UInt8) { encode(UInt64(value)) }
        func encode(_ value: UInt16) { encode(UInt64(value)) }
        func encode(_ value: UInt32) { encode(UInt64(value)) }
        func encode(_ value: UInt64) { output.single(.unsigned) { output.append(number: value) } }
        func encode<T: Encodable>(_ value: T) throws {
            try value.encode(to: Writer(output: output, codingPath: codingPath))
        }
    }

    struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let output: Output
        let codingPath: [any CodingKey]
        private let countSlot: Int
        private var count = 0

        init(output: Output, codingPath: [any CodingKey]) {
            self.output = output
            self.codingPath = codingPath
            countSlot = output.openContainer(.keyed)
        }

        /// Writes `key`, then lets `write` write its value.
        private mutating func entry<Result>(_ key: Key, _ write: (SingleValueWriter) throws -> Result) rethrows -> Result {
            count += 1
            output.setCount(count, at: countSlot)
            output.append(string: key.stringValue)
            return try write(SingleValueWriter(output: output, codingPath: codingPath))
        }

        mutating func encodeNil(forKey key: Key) { entry(key) { $0.encodeNil() } }
        mutating func encode(_ value: Bool, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: String, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: Double, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: Float, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: Int, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: Int8, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: Int16, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: Int32, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: Int64, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: UInt, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: UInt8, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: UInt16, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: UInt32, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode(_ value: UInt64, forKey key: Key) { entry(key) { $0.encode(value) } }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try entry(key) { try $0.encode(value) } }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            entry(key) { KeyedEncodingContainer(KeyedWriter<NestedKey>(output: $0.output, codingPath: $0.codingPath)) }
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            entry(key) { UnkeyedWriter(output: $0.output, codingPath: $0.codingPath) }
        }

        mutating func superEncoder() -> any Encoder {
            output.usedUnsupported = true
            return Writer(output: Output(sink: nil), codingPath: codingPath)
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder() }
    }

    struct UnkeyedWriter: UnkeyedEncodingContainer {
        let output: Output
        let codingPath: [any CodingKey]
        private let countSlot: Int
        private(set) var count = 0

        init(output: Output, codingPath: [any CodingKey]) {
            self.output = output
            self.codingPath = codingPath
            countSlot = output.openContainer(.unkeyed)
        }

        private mutating func element<Result>(_ write: (SingleValueWriter) throws -> Result) rethrows -> Result {
            count += 1
            output.setCount(count, at: countSlot)
            return try write(SingleValueWriter(output: output, codingPath: codingPath))
        }

        mutating func encodeNil() { element { $0.encodeNil() } }
        mutating func encode(_ value: Bool) { element { $0.encode(value) } }
        mutating func encode(_ value: String) { element { $0.encode(value) } }
        mutating func encode(_ value: Double) { element { $0.encode(value) } }
        mutating func encode(_ value: Float) { element { $0.encode(value) } }
        mutating func encode(_ value: Int) { element { $0.encode(value) } }
        mutating func encode(_ value: Int8) { element { $0.encode(value) } }
        mutating func encode(_ value: Int16) { element { $0.encode(value) } }
        mutating func encode(_ value: Int32) { element { $0.encode(value) } }
        mutating func encode(_ value: Int64) { element { $0.encode(value) } }
        mutating func encode(_ value: UInt) { element { $0.encode(value) } }
        mutating func encode(_ value: UInt8) { element { $0.encode(value) } }
        mutating func encode(_ value: UInt16) { element { $0.encode(value) } }
        mutating func encode(_ value: UInt32) { element { $0.encode(value) } }
        mutating func encode(_ value: UInt64) { element { $0.encode(value) } }
        mutating func encode<T: Encodable>(_ value: T) throws { try element { try $0.encode(value) } }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            element { KeyedEncodingContainer(KeyedWriter<NestedKey>(output: $0.output, codingPath: $0.codingPath)) }
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            element { UnkeyedWriter(output: $0.output, codingPath: $0.codingPath) }
        }

        mutating func superEncoder() -> any Encoder {
            output.usedUnsupported = true
            return Writer(output: Output(sink: nil), codingPath: codingPath)
        }
    }
}

// MARK: - Reading

extension CompactCoder {
    /// The bytes being read and the place reached, shared by every container of one `decode`.
    final class Input {
        let bytes: UnsafeBufferPointer<UInt8>
        @exclusivity(unchecked) var offset = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var nextTag: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Mismatch() }
            defer { offset += 1 }
            return bytes[offset]
        }

        func expect(_ tag: Tag) throws {
            guard try byte() == tag.rawValue else { throw Mismatch() }
        }

        /// The next eight bytes as a number (little-endian).
        func word() throws -> UInt64 {
            guard bytes.count - offset >= 8, let base = bytes.baseAddress else { throw Mismatch() }
            defer { offset += 8 }
            return UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
        }

        /// A variable-length number (at most ten bytes, no bits beyond 64).
        func number() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try self.byte()
                guard shift < 64, shift < 63 || byte <= 1 else { throw Mismatch() }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        func signed() throws -> Int64 {
            let zigzag = try number()
            return Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
        }

        /// A container's count: no larger than the bytes left (every element takes a byte at least).
        func count() throws -> Int {
            try checked(try word())
        }

        /// `value` as a length or count, which may not be larger than the bytes left.
        private func checked(_ value: UInt64) throws -> Int {
            guard value <= UInt64(bytes.count - offset) else { throw Mismatch() }
            return Int(value)
        }

        func stringBytes() throws -> Range<Int> {
            let length = try checked(try number())
            defer { offset += length }
            return offset..<offset + length
        }

        func string() throws -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[try stringBytes()]), as: UTF8.self)
        }

        /// Whether the string at the cursor is `text`; the cursor stays.
        func nextStringIs(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { utf8 in
                let start = offset
                defer { offset = start }
                guard let length = try? number(), length == UInt64(utf8.count), bytes.count - offset >= utf8.count else { return false }
                // An empty key has no bytes to compare (nor, perhaps, an address).
                guard !utf8.isEmpty, let base = bytes.baseAddress, let text = utf8.baseAddress else { return utf8.isEmpty }
                return memcmp(base + offset, text, utf8.count) == 0
            }
        }

        func single<T>(_ tag: Tag, _ read: () throws -> T) throws -> T {
            try expect(tag)
            return try read()
        }

        /// Moves past the value at the cursor, whatever it is. Iterative, with a count of the
        /// values left at each level, so that damaged bytes cannot nest it past the stack's end.
        func skipValue() throws {
            // Values left to skip at each open level, and whether that level's are keyed entries.
            var levels: [(left: Int, keyed: Bool)] = [(1, false)]
            while let level = levels.indices.last {
                guard levels[level].left > 0 else {
                    levels.removeLast()
                    continue
                }
                levels[level].left -= 1
                if levels[level].keyed { _ = try stringBytes() }
                guard let tag = Tag(rawValue: try byte()) else { throw Mismatch() }
                switch tag {
                case .none: break
                case .bool: _ = try byte()
                case .signed, .unsigned: _ = try number()
                case .double: _ = try word()
                case .string: _ = try stringBytes()
                case .keyed: levels.append((try count(), true))
                case .unkeyed: levels.append((try count(), false))
                }
            }
        }

        /// How many entries or elements are left to read in each container open now, by the
        /// order they were opened in (a container reads and counts its own by its place here).
        @exclusivity(unchecked) var remaining: [Int] = []

        /// Opens a container of `count` entries or elements; returns its place in `remaining`.
        func open(_ count: Int) -> Int {
            remaining.append(count)
            return remaining.count - 1
        }

        /// A value of type `T`, whose containers must each be read to their end.
        func decodeValue<T: Decodable>(_ type: T.Type, codingPath: [any CodingKey]) throws -> T {
            let firstOpened = remaining.count
            let value = try T(from: Reader(input: self, codingPath: codingPath))
            guard remaining[firstOpened...].allSatisfy({ $0 == 0 }) else { throw Mismatch() }
            remaining.removeSubrange(firstOpened...)
            return value
        }
    }

    struct Reader: Decoder {
        let input: Input
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(try KeyedReader<Key>(input: input, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try UnkeyedReader(input: input, codingPath: codingPath)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            SingleValueReader(input: input, codingPath: codingPath)
        }
    }

    struct SingleValueReader: SingleValueDecodingContainer {
        let input: Input
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool {
            guard input.nextTag == Tag.none.rawValue else { return false }
            input.offset += 1
            return true
        }

        func decode(_ type: Bool.Type) throws -> Bool {
            try input.single(.bool) {
                switch try input.byte() {
                case 0: false
                case 1: true
                default: throw Mismatch()
                }
            }
        }
        func decode(_ type: String.Type) throws -> String { try input.single(.string) { try input.string() } }
        func decode(_ type: Double.Type) throws -> Double { try input.single(.double) { Double(bitPattern: try input.word()) } }
        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
        func decode(_ type: Int.Type) throws -> Int { try exactly(try decode(Int64.self)) }
        func decode(_ type: Int8.Type) throws -> Int8 { try exactly(try decode(Int64.self)) }
        func decode(_ type: Int16.Type) throws -> Int16 { try exactly(try decode(Int64.self)) }
        func decode(_ type: Int32.Type) throws -> Int32 { try exactly(try decode(Int64.self)) }
        func decode(_ type: Int64.Type) throws -> Int64 { try input.single(.signed) { try input.signed() } }
        func decode(_ type: UInt.Type) throws -> UInt { try exactly(try decode(UInt64.self)) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try exactly(try decode(UInt64.self)) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try exactly(try decode(UInt64.self)) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try exactly(try decode(UInt64.self)) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try input.single(.unsigned) { try input.number() } }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try input.decodeValue(type, codingPath: codingPath) }

        private func exactly<Wide: BinaryInteger, Narrow: BinaryInteger>(_ value: Wide) throws -> Narrow {
            guard let narrow = Narrow(exactly: value) else { throw Mismatch() }
            return narrow
        }
    }

    struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let input: Input
        let codingPath: [any CodingKey]
        /// This container's place in `input.remaining`.
        private let place: Int

        init(input: Input, codingPath: [any CodingKey]) throws {
            self.input = input
            self.codingPath = codingPath
            try input.expect(.keyed)
            place = input.open(try input.count())
        }

        private var remaining: Int { input.remaining[place] }

        /// The keys of the entries not read yet, in order (see `CompactCoder`).
        var allKeys: [Key] {
            let start = input.offset
            defer { input.offset = start }
            var keys: [Key] = []
            for _ in 0..<remaining {
                guard let name = try? input.string(), (try? input.skipValue()) != nil else { return keys }
                if let key = Key(stringValue: name) { keys.append(key) }
            }
            return keys
        }

        func contains(_ key: Key) -> Bool {
            remaining > 0 && input.nextStringIs(key.stringValue)
        }

        /// Reads `key` (the next entry's) and then its value with `read`.
        private func entry<T>(_ key: Key, _ read: (SingleValueReader) throws -> T) throws -> T {
            guard contains(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "not the next entry"))
            }
            _ = try input.stringBytes()
            input.remaining[place] -= 1
            return try read(SingleValueReader(input: input, codingPath: codingPath))
        }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard contains(key) else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "not the next entry"))
            }
            let start = input.offset
            _ = try input.stringBytes()
            guard input.nextTag == Tag.none.rawValue else {
                input.offset = start
                return false
            }
            input.offset += 1
            input.remaining[place] -= 1
            return true
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try entry(key) { try $0.decode(type) } }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try entry(key) { try $0.decode(type) } }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try entry(key) { try $0.decode(type) } }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try entry(key) { try $0.decode(type) } }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try entry(key) { try $0.decode(type) } }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try entry(key) { try $0.decode(type) } }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try entry(key) { try $0.decode(type) } }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try entry(key) { try $0.decode(type) } }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try entry(key) { try $0.decode(type) } }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try entry(key) { try $0.decode(type) } }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try entry(key) { try $0.decode(type) } }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try entry(key) { try $0.decode(type) } }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try entry(key) { try $0.decode(type) } }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try entry(key) { try $0.decode(type) } }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try entry(key) { try $0.decode(type) } }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try entry(key) { KeyedDecodingContainer(try KeyedReader<NestedKey>(input: $0.input, codingPath: $0.codingPath)) }
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try entry(key) { try UnkeyedReader(input: $0.input, codingPath: $0.codingPath) }
        }

        func superDecoder() throws -> any Decoder { throw Unsupported() }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Unsupported() }
    }

    struct UnkeyedReader: UnkeyedDecodingContainer {
        let input: Input
        let codingPath: [any CodingKey]
        let count: Int?
        /// This container's place in `input.remaining`.
        private let place: Int

        init(input: Input, codingPath: [any CodingKey]) throws {
            self.input = input
            self.codingPath = codingPath
            try input.expect(.unkeyed)
            let count = try input.count()
            self.count = count
            place = input.open(count)
        }

        var isAtEnd: Bool { input.remaining[place] == 0 }
        var currentIndex: Int { (count ?? 0) - input.remaining[place] }

        private func element<T>(_ read: (SingleValueReader) throws -> T) throws -> T {
            guard !isAtEnd else { throw Mismatch() }
            input.remaining[place] -= 1
            return try read(SingleValueReader(input: input, codingPath: codingPath))
        }

        func decodeNil() throws -> Bool {
            guard !isAtEnd else { throw Mismatch() }
            guard input.nextTag == Tag.none.rawValue else { return false }
            input.offset += 1
            input.remaining[place] -= 1
            return true
        }

        func decode(_ type: Bool.Type) throws -> Bool { try element { try $0.decode(type) } }
        func decode(_ type: String.Type) throws -> String { try element { try $0.decode(type) } }
        func decode(_ type: Double.Type) throws -> Double { try element { try $0.decode(type) } }
        func decode(_ type: Float.Type) throws -> Float { try element { try $0.decode(type) } }
        func decode(_ type: Int.Type) throws -> Int { try element { try $0.decode(type) } }
        func decode(_ type: Int8.Type) throws -> Int8 { try element { try $0.decode(type) } }
        func decode(_ type: Int16.Type) throws -> Int16 { try element { try $0.decode(type) } }
        func decode(_ type: Int32.Type) throws -> Int32 { try element { try $0.decode(type) } }
        func decode(_ type: Int64.Type) throws -> Int64 { try element { try $0.decode(type) } }
        func decode(_ type: UInt.Type) throws -> UInt { try element { try $0.decode(type) } }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try element { try $0.decode(type) } }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try element { try $0.decode(type) } }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try element { try $0.decode(type) } }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try element { try $0.decode(type) } }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try element { try $0.decode(type) } }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try element { KeyedDecodingContainer(try KeyedReader<NestedKey>(input: $0.input, codingPath: $0.codingPath)) }
        }

        func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try element { try UnkeyedReader(input: $0.input, codingPath: $0.codingPath) }
        }

        func superDecoder() throws -> any Decoder { throw Unsupported() }
    }
}
