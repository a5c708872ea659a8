/// Writes diagnostics as a JSON array, for editors and scripts:
/// `[{"file", "line", "column", "severity", "id", "message", "notes": [{"file", "line", "column", "message"}]}]`.
///
/// Written by hand rather than with `JSONEncoder` so the keys keep the documented order and
/// the bytes are the same on every platform.
public struct JSONDiagnosticWriter: Sendable {
    public init() {}

    public func write(_ diagnostics: [Diagnostic]) -> String {
        if diagnostics.isEmpty { return "[]\n" }
        let items = diagnostics.map { "  " + object(for: $0) }
        return "[\n" + items.joined(separator: ",\n") + "\n]\n"
    }

    private func object(for diagnostic: Diagnostic) -> String {
        var fields = position(diagnostic.location)
        fields.append(("severity", quoted(diagnostic.severity.rawValue)))
        fields.append(("id", quoted(diagnostic.id)))
        fields.append(("message", quoted(diagnostic.message)))
        let notes = diagnostic.notes.map { note in
            render(position(note.location) + [("message", quoted(note.message))])
        }
        fields.append(("notes", "[" + notes.joined(separator: ", ") + "]"))
        if !diagnostic.fixIts.isEmpty {
            let fixIts = diagnostic.fixIts.map { fixIt in
                render(position(fixIt.range.start) + [
                    ("endLine", String(fixIt.range.end.line)),
                    ("endColumn", String(fixIt.range.end.column)),
                    ("message", quoted(fixIt.message)),
                    ("replacement", quoted(fixIt.replacement)),
                ])
            }
            fields.append(("fixIts", "[" + fixIts.joined(separator: ", ") + "]"))
        }
        return render(fields)
    }

    private func position(_ location: SourceLocation?) -> [(String, String)] {
        guard let location else { return [("file", "null"), ("line", "null"), ("column", "null")] }
        return [("file", quoted(location.file)), ("line", String(location.line)), ("column", String(location.column))]
    }

    private func render(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

/// A JSON string literal for `text`.
public func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
