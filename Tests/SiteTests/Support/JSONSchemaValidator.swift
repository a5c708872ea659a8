import Foundation

/// A JSON Schema (draft 4) validator for the keywords nbformat's schema uses: `$ref` (to `#/…`
/// in the same document), `type`, `enum`, `required`, `properties`, `patternProperties`,
/// `additionalProperties`, `items` (one schema), `oneOf`, `not`, `minimum`, `maximum`,
/// `minLength`, `maxLength`, `pattern`, `uniqueItems`. A draft-4 keyword it does not implement
/// is reported as a problem wherever a schema uses it, so it cannot silently pass what it does
/// not understand; other names (`description`, nbformat's misspelt `item`) validate nothing,
/// as in draft 4.
///
/// Written for the tests: no Swift package this project may depend on validates JSON Schema.
struct JSONSchemaValidator {
    let root: JSONValue

    /// A problem with the JSON path of the offending value.
    struct Problem: CustomStringConvertible, Equatable {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    static let unimplemented: Set<String> = [
        "allOf", "anyOf", "dependencies", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems",
        "maxItems", "additionalItems", "minProperties", "maxProperties", "format",
    ]

    init(schema: Data) throws {
        root = try JSONValue.parse(Array(schema))
    }

    func validate(_ instance: Data) throws -> [Problem] {
        var problems: [Problem] = []
        validate(try JSONValue.parse(Array(instance)), against: root, at: "$", into: &problems)
        return problems
    }

    func validate(_ value: JSONValue, against schema: JSONValue, at path: String, into problems: inout [Problem]) {
        guard case .object(let members) = schema else {
            problems.append(Problem(path: path, message: "the schema here is not an object"))
            return
        }
        for (key, _) in members where Self.unimplemented.contains(key) {
            problems.append(Problem(path: path, message: "the schema uses '\(key)', which this validator does not implement"))
        }
        if case .string(let reference)? = schema["$ref"] {
            // Draft 4: `$ref` stands for the whole schema object.
            guard let target = resolve(reference) else {
                problems.append(Problem(path: path, message: "unresolvable $ref \(reference)"))
                return
            }
            validate(value, against: target, at: path, into: &problems)
            return
        }
        if let type = schema["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: allowed = []
            }
            guard allowed.contains(where: { Self.hasType($0, value) }) else {
                problems.append(Problem(path: path, message: "expected \(allowed.joined(separator: " or ")), found \(Self.typeName(value))"))
                return
            }
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            problems.append(Problem(path: path, message: "\(Self.show(value)) is not one of \(options.map(Self.show))"))
        }
        switch value {
        case .number(let number):
            if case .number(let minimum)? = schema["minimum"], number < minimum {
                problems.append(Problem(path: path, message: "\(number) is less than \(minimum)"))
            }
            if case .number(let maximum)? = schema["maximum"], number > maximum {
                problems.append(Problem(path: path, message: "\(number) is more than \(maximum)"))
            }
        case .string(let string):
            // JSON Schema counts characters as code points.
            let length = Double(string.unicodeScalars.count)
            if case .number(let minimum)? = schema["minLength"], length < minimum {
                problems.append(Problem(path: path, message: "\(Self.show(value)) is shorter than \(minimum)"))
            }
            if case .number(let maximum)? = schema["maxLength"], length > maximum {
                problems.append(Problem(path: path, message: "\(Self.show(value)) is longer than \(maximum)"))
            }
            if case .string(let pattern)? = schema["pattern"], !Self.matches(pattern, string) {
                problems.append(Problem(path: path, message: "\(Self.show(value)) does not match \(pattern)"))
            }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() { validate(item, against: itemSchema, at: "\(path)[\(index)]", into: &problems) }
            }
            if case .bool(true)? = schema["uniqueItems"] {
                for i in items.indices { for j in items.indices where j > i && items[i] == items[j] {
                    problems.append(Problem(path: path, message: "items \(i) and \(j) are equal"))
                } }
            }
        case .object(let object):
            if case .array(let required)? = schema["required"] {
                for case .string(let name) in required where !object.contains(where: { $0.0 == name }) {
                    problems.append(Problem(path: path, message: "required property '\(name)' is missing"))
                }
            }
            for (name, member) in object {
                var matched = false
                if let property = schema["properties"]?[name] {
                    matched = true
                    validate(member, against: property, at: "\(path).\(name)", into: &problems)
                }
                if case .object(let patterns)? = schema["patternProperties"] {
                    for (pattern, property) in patterns where Self.matches(pattern, name) {
                        matched = true
                        validate(member, against: property, at: "\(path).\(name)", into: &problems)
                    }
                }
                switch (matched, schema["additionalProperties"]) {
                case (false, .bool(false)?):
                    problems.append(Problem(path: path, message: "property '\(name)' is not allowed"))
                case (false, .object(let additional)?):
                    validate(member, against: .object(additional), at: "\(path).\(name)", into: &problems)
                default:
                    break
                }
            }
        default:
            break
        }
        if case .array(let options)? = schema["oneOf"] {
            let failures = options.map { option -> [Problem] in
                var found: [Problem] = []
                validate(value, against: option, at: path, into: &found)
                return found
            }
            let passing = failures.filter(\.isEmpty).count
            if passing != 1 {
                let closest = failures.min { $0.count < $1.count } ?? []
                problems.append(Problem(
                    path: path,
                    message: "matches \(passing) of the oneOf schemas, not exactly one"
                        + (closest.isEmpty ? "" : "; the closest fails with: " + closest.map(\.description).joined(separator: "; "))))
            }
        }
        if let negated = schema["not"] {
            var found: [Problem] = []
            validate(value, against: negated, at: path, into: &found)
            if found.isEmpty { problems.append(Problem(path: path, message: "matches a schema it must not match")) }
        }
    }

    /// `#/definitions/misc/source` → that part of the schema document.
    private func resolve(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#") else { return nil }
        var node = root
        for part in reference.dropFirst().split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    static func hasType(_ type: String, _ value: JSONValue) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            true
        case ("integer", .number(let number)):
            number.rounded() == number
        default:
            false
        }
    }

    static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.rounded() == number ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// ECMA-262 patterns, as draft 4 says; the few in nbformat's schema read the same in ICU.
    static func matches(_ pattern: String, _ string: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
    }

    static func show(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): "\"\(string.prefix(40))\""
        case .number(let number): number.rounded() == number ? String(Int(number)) : String(number)
        case .bool(let bool): String(bool)
        case .null: "null"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
