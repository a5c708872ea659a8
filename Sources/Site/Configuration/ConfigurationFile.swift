import Diagnostics
import Lesson

/// `calcbook.toml`: the flat subset of TOML calcbook needs, read by hand.
///
/// The file holds only top-level `key = value` lines with strings (`"…"` with the usual
/// escapes, or `'…'`), integers and booleans, plus `#` comments. A full TOML library would
/// cost more build time than this dozen-key file is worth; anything outside the subset (tables,
/// arrays, dates) is reported as an error at its position rather than guessed at.
public struct ConfigurationFile: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case string(String)
        case integer(Int)
        case boolean(Bool)

        var typeName: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .boolean: "a boolean"
            }
        }
    }

    public struct Entry: Sendable, Hashable {
        public var value: Value
        /// Where the key is written.
        public var location: SourceLocation
    }

    public var entries: [String: Entry]

    /// The keys calcbook understands and the type each must have.
    public static let knownKeys: [(key: String, type: String)] = [
        ("title", "a string"), ("base-url", "a string"), ("raw-html", "a boolean"),
        ("lessons", "a string"), ("templates", "a string"), ("output", "a string"),
        ("jobs", "an integer"), ("keep-going", "a boolean"), ("cache-dir", "a string"),
        ("layout", "a string"), ("macros", "a string"),
        ("notebooks", "a boolean"), ("search", "a boolean"),
        ("references", "a string"),
    ]

    /// Parses `text`, the contents of the file called `path` in diagnostics.
    public static func parse(_ text: String, path: String) -> (file: ConfigurationFile, diagnostics: [Diagnostic]) {
        var entries: [String: Entry] = [:]
        var diagnostics: [Diagnostic] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let line = Array((rawLine.last == "\r" ? rawLine.dropLast() : rawLine).unicodeScalars)
            var reader = LineReader(scalars: line, file: path, line: index + 1)
            reader.skipSpaces()
            if reader.atEndOrComment { continue }
            do throws(ConfigurationSyntaxError) {
                let keyColumn = reader.column
                let key = try reader.readKey()
                let keyLocation = SourceLocation(file: path, line: index + 1, column: keyColumn)
                reader.skipSpaces()
                try reader.expect("=")
                reader.skipSpaces()
                let valueLocation = SourceLocation(file: path, line: index + 1, column: reader.column)
                let value = try reader.readValue()
                if case .string(let text) = value, let (scalar, _) = InvisibleControls.first(in: text) {
                    // A setting has no use for them; in a title they would reach every page.
                    diagnostics.append(Diagnostic(
                        id: "config.invisible-character",
                        message: "'\(key)' holds \(InvisibleControls.describe(scalar)), which would change how the text around it is shown; remove it",
                        location: valueLocation))
                    continue
                }
                reader.skipSpaces()
                guard reader.atEndOrComment else {
                    throw reader.error("expected the end of the line after the value")
                }
                if let expected = knownKeys.first(where: { $0.key == key }) {
                    if value.typeName != expected.type {
                        diagnostics.append(Diagnostic(
                            id: "config.wrong-type",
                            message: "'\(key)' must be \(expected.type), not \(value.typeName)",
                            location: keyLocation))
                    } else if let earlier = entries[key] {
                        diagnostics.append(Diagnostic(
                            id: "config.duplicate-key", message: "'\(key)' is set twice", location: keyLocation,
                            notes: [.init("first set here", at: earlier.location)]))
                    } else {
                        entries[key] = Entry(value: value, location: keyLocation)
                    }
                } else {
                    diagnostics.append(Diagnostic(
                        id: "config.unknown-key",
                        message: "unknown setting '\(key)'"
                            + (NameSuggestion.nearest(to: key, among: knownKeys.map(\.key)).map { "; did you mean '\($0)'?" } ?? ""),
                        location: keyLocation,
                        notes: [.init("known settings: " + knownKeys.map(\.key).joined(separator: ", "))]))
                }
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        return (ConfigurationFile(entries: entries), diagnostics)
    }

    public func string(_ key: String) -> String? {
        if case .string(let text)? = entries[key]?.value { return text }
        return nil
    }

    public func integer(_ key: String) -> Int? {
        if case .integer(let number)? = entries[key]?.value { return number }
        return nil
    }

    public func boolean(_ key: String) -> Bool? {
        if case .boolean(let flag)? = entries[key]?.value { return flag }
        return nil
    }
}

/// A syntax error in `calcbook.toml`, at a position.
struct ConfigurationSyntaxError: Error {
    var diagnostic: Diagnostic
}

/// Reads one line of `calcbook.toml` scalar by scalar, keeping the column for diagnostics.
private struct LineReader {
    let scalars: [Unicode.Scalar]
    let file: String
    let line: Int
    var index = 0

    var column: Int { index + 1 }
    var atEnd: Bool { index >= scalars.count }
    var atEndOrComment: Bool { atEnd || scalars[index] == "#" }

    mutating func skipSpaces() {
        while !atEnd, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
    }

    func error(_ message: String) -> ConfigurationSyntaxError {
        ConfigurationSyntaxError(diagnostic: Diagnostic(
            id: "config.syntax", message: message,
            location: SourceLocation(file: file, line: line, column: column)))
    }

    mutating func expect(_ scalar: Unicode.Scalar) throws(ConfigurationSyntaxError) {
        guard !atEnd, scalars[index] == scalar else { throw error("expected '\(scalar)'") }
        index += 1
    }

    /// A bare key: letters, digits, `-` and `_`.
    mutating func readKey() throws(ConfigurationSyntaxError) -> String {
        if !atEnd, scalars[index] == "[" {
            throw error("tables are not supported in calcbook.toml; write each setting as 'key = value' at the top level")
        }
        var key = ""
        while !atEnd, Self.isKeyScalar(scalars[index]) {
            key.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard !key.isEmpty else { throw error("expected a setting name") }
        return key
    }

    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "_"
    }

    mutating func readValue() throws(ConfigurationSyntaxError) -> ConfigurationFile.Value {
        guard !atEnd else { throw error("expected a value") }
        switch scalars[index] {
        case "\"": return .string(try readBasicString())
        case "'": return .string(try readLiteralString())
        case "t", "f":
            for word in ["true", "false"] where matches(word) {
                index += word.unicodeScalars.count
                return .boolean(word == "true")
            }
            throw error("expected a value: a \"string\", a number, true or false")
        case "-", "+", "0"..."9":
            let start = index
            var digits = ""
            if scalars[index] == "-" || scalars[index] == "+" {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            while !atEnd, ("0"..."9").contains(scalars[index]) || scalars[index] == "_" {
                if scalars[index] != "_" { digits.unicodeScalars.append(scalars[index]) }
                index += 1
            }
            guard let number = Int(digits) else {
                index = start
                throw error("expected a whole number")
            }
            return .integer(number)
        default:
            throw error("expected a value: a \"string\", a number, true or false")
        }
    }

    private func matches(_ word: String) -> Bool {
        let wordScalars = Array(word.unicodeScalars)
        guard index + wordScalars.count <= scalars.count else { return false }
        return Array(scalars[index..<index + wordScalars.count]) == wordScalars
    }

    private mutating func readLiteralString() throws(ConfigurationSyntaxError) -> String {
        let start = index
        index += 1
        var text = ""
        while !atEnd, scalars[index] != "'" {
            text.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard !atEnd else {
            index = start
            throw error("this string has no closing quote")
        }
        index += 1
        return text
    }

    private mutating func readBasicString() throws(ConfigurationSyntaxError) -> String {
        let start = index
        index += 1
        var text = ""
        while !atEnd, scalars[index] != "\"" {
            if scalars[index] == "\\" {
                index += 1
                guard !atEnd else { break }
                switch scalars[index] {
                case "\"": text += "\""
                case "\\": text += "\\"
                case "n": text += "\n"
                case "t": text += "\t"
                case "r": text += "\r"
                case "u", "U":
                    let length = scalars[index] == "u" ? 4 : 8
                    let escapeColumn = index
                    let hex = String(String.UnicodeScalarView(scalars[(index + 1)..<min(index + 1 + length, scalars.count)]))
                    guard hex.count == length, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                        index = escapeColumn - 1
                        throw error("invalid \\\(scalars[escapeColumn]) escape")
                    }
                    text.unicodeScalars.append(scalar)
                    index += length
                default:
                    index -= 1
                    throw error("unknown escape '\\\(scalars[index + 1])'")
                }
                index += 1
            } else {
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        guard !atEnd else {
            index = start
            throw error("this string has no closing quote")
        }
        index += 1
        return text
    }
}
