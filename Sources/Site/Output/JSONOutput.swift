/// JSON written value by value, byte for byte as Foundation's `JSONEncoder` writes the same
/// values with `.sortedKeys` and `.withoutEscapingSlashes`: no whitespace, in strings only `"`,
/// `\` and control characters escaped. (Notebooks were pretty-printed once; an eighth of their
/// bytes was indentation, which Jupyter does not need.)
///
/// Why not the encoder: the notebooks and the search index are a large share of a build's
/// output, and the encoder spent most of its time boxing values and sorting every object's
/// keys. The callers write each object's keys in sorted (UTF-8) order themselves, and the
/// tests compare this output with the encoder's.
struct JSONOutput {
    private(set) var bytes: [UInt8] = []
    /// Whether the innermost open container has no element yet.
    private var isFirst = true

    init(reservingCapacity capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// An object: `body` writes each member with `key(_:)` followed by its value.
    mutating func object(_ body: (inout JSONOutput) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// An array of `elements`, each written by `element`.
    mutating func array<Elements: Sequence>(_ elements: Elements, _ element: (inout JSONOutput, Elements.Element) -> Void) {
        open(UInt8(ascii: "["))
        for value in elements {
            separate()
            element(&self, value)
        }
        close(UInt8(ascii: "]"))
    }

    /// An array of strings.
    mutating func array(_ strings: [String]) {
        array(strings) { $0.string($1) }
    }

    /// The name of the object member whose value comes next.
    mutating func key(_ name: String) {
        separate()
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// A member whose value is a string: `key(name)` and `string(value)`.
    mutating func member(_ name: String, _ value: String) {
        key(name)
        string(value)
    }

    /// JSON written by another `JSONOutput` (a value, or array members with their commas),
    /// appended as it is.
    mutating func written(_ json: ArraySlice<UInt8>) {
        bytes.append(contentsOf: json)
    }

    mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func boolean(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// A string given as valid UTF-8 (a whole String's, or a part of one cut between scalars).
    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        if let base = utf8.baseAddress {
            // Read through a pointer: a buffer's enumerated iterator is slow in a debug build,
            // where writing the notebooks' strings was a twelfth of a build's time.
            var start = 0
            var index = -1
            while index + 1 < utf8.count {
                index += 1
                let byte = base[index]
                let escape: (UInt8, UInt8?)
                switch byte {
                case UInt8(ascii: "\""): escape = (UInt8(ascii: "\""), nil)
                case UInt8(ascii: "\\"): escape = (UInt8(ascii: "\\"), nil)
                case 0x08: escape = (UInt8(ascii: "b"), nil)
                case 0x0C: escape = (UInt8(ascii: "f"), nil)
                case UInt8(ascii: "\n"): escape = (UInt8(ascii: "n"), nil)
                case UInt8(ascii: "\r"): escape = (UInt8(ascii: "r"), nil)
                case UInt8(ascii: "\t"): escape = (UInt8(ascii: "t"), nil)
                case 0x00..<0x20: escape = (UInt8(ascii: "u"), byte)
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(escape.0)
                if let control = escape.1 {
                    // `\u00XX`, lower-case hex digits.
                    let digits = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "0"), digits[Int(control >> 4)], digits[Int(control & 0xF)]])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` as nbformat's multi-line string: the array of strings `NotebookFile.lines(text)`
    /// gives, each line written from the text's bytes (a notebook of the 10 MB lesson has
    /// 400,000 lines, and making each a String first was a seventh of writing it).
    mutating func lines(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            open(UInt8(ascii: "["))
            var start = 0
            var previous: UInt8 = 0
            for index in utf8.indices {
                let byte = utf8[index]
                if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                    separate()
                    string(utf8: UnsafeBufferPointer(rebasing: utf8[start...index]))
                    start = index + 1
                }
                previous = byte
            }
            // The last line, without a final `\r`, as `NotebookFile.lines` ends it.
            var end = utf8.count
            if start != end, previous == UInt8(ascii: "\r") { end -= 1 }
            if start != end {
                separate()
                string(utf8: UnsafeBufferPointer(rebasing: utf8[start..<end]))
            }
            close(UInt8(ascii: "]"))
        }
    }

    /// Before an element of an array or a member of an object: the comma.
    private mutating func separate() {
        if !isFirst { bytes.append(UInt8(ascii: ",")) }
        isFirst = false
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        isFirst = true
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        // The container itself was an element of the one around it.
        isFirst = false
    }
}
