import Foundation

/// The works a course can cite, read from a CSL-JSON file (what Zotero, Mendeley, JabRef and
/// most reference managers export; `references = "references.json"` in `calcbook.toml`).
///
/// Decoded with `Codable`, which is enough: CSL-JSON is plain JSON (an array of objects with
/// documented field names), so `JSONDecoder` checks the syntax and the types, reports where a
/// problem is, and ignores the dozens of fields calcbook does not show. The only hand-written
/// decoding is for the two places where the schema allows two types (a date part or a number
/// may be a string or a number), which `Codable` would otherwise reject.
public struct Bibliography: Hashable, Sendable {
    public var items: [String: Item]

    public init(items: [Item]) {
        var byID: [String: Item] = [:]
        for item in items where byID[item.id] == nil { byID[item.id] = item }
        self.items = byID
    }

    /// Why a file is not a bibliography, said for a newcomer.
    public struct Problem: Error, Hashable, Sendable {
        public var message: String
        /// 1-based, when the decoder said where.
        public var line: Int?
        public var column: Int?
    }

    /// Decodes CSL-JSON: an array of items (a single item object is accepted too).
    public static func decode(_ data: Data) throws(Problem) -> Bibliography {
        let decoder = JSONDecoder()
        do {
            if let items = try? decoder.decode([Item].self, from: data) { return Bibliography(items: items) }
            if let item = try? decoder.decode(Item.self, from: data) { return Bibliography(items: [item]) }
            // Neither: decode again as an array for the error that says why.
            _ = try decoder.decode([Item].self, from: data)
            return Bibliography(items: [])
        } catch let error as DecodingError {
            throw Self.problem(error, in: data)
        } catch {
            throw Problem(message: "is not CSL-JSON: \(error.localizedDescription)")
        }
    }

    static func problem(_ error: DecodingError, in data: Data) -> Problem {
        /// `[0].title` → `item 1's title`: items counted as a reader counts them.
        func place(_ codingPath: [any CodingKey]) -> String {
            guard let first = codingPath.first else { return "the file" }
            var text = first.intValue.map { "item \($0 + 1)" } ?? "`\(first.stringValue)`"
            let rest = codingPath.dropFirst().map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            if !rest.isEmpty { text += "'s `" + rest.joined(separator: ".").replacingOccurrences(of: ".[", with: "[") + "`" }
            return text
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let (line, column) = syntaxErrorPosition(in: data)
            return Problem(message: "is not valid JSON", line: line, column: column)
        case .keyNotFound(let key, let context):
            return Problem(message: "is not CSL-JSON: \(place(context.codingPath)) has no `\(key.stringValue)`")
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return Problem(message: "is not CSL-JSON: it must be an array of items, [{\"id\": …}, …]") }
            let expected = type == String.self ? "text" : (type is [Any].Type ? "a list" : "another type")
            return Problem(message: "is not CSL-JSON: \(place(context.codingPath)) must be \(expected)")
        case .valueNotFound(_, let context), .dataCorrupted(let context):
            return Problem(message: "is not CSL-JSON: \(place(context.codingPath)) has no usable value")
        @unknown default:
            return Problem(message: "is not CSL-JSON")
        }
    }

    /// Where JSON syntax breaks: Foundation's `JSONDecoder` does not say, `JSONSerialization`
    /// says "around character N" (a byte offset), which becomes a line and column here.
    static func syntaxErrorPosition(in data: Data) -> (line: Int?, column: Int?) {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return (nil, nil)
        } catch {
            let described = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            guard let range = described.range(of: "character "),
                  let offset = Int(described[range.upperBound...].prefix { $0.isNumber }) else { return (nil, nil) }
            let bytes = data.prefix(max(0, min(offset, data.count)))
            let line = bytes.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let lineStart = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? bytes.startIndex
            let column = String(decoding: bytes[lineStart...], as: UTF8.self).unicodeScalars.count + 1
            return (line, column)
        }
    }
}

extension Bibliography {
    /// One work, with the CSL-JSON fields an author–year citation and reference use.
    public struct Item: Codable, Hashable, Sendable {
        public var id: String
        public var type: String?
        public var title: String?
        public var author: [Name]?
        public var editor: [Name]?
        public var issued: DateValue?
        public var containerTitle: String?
        public var publisher: String?
        public var volume: FlexibleString?
        public var issue: FlexibleString?
        public var page: FlexibleString?
        public var number: FlexibleString?
        public var doi: String?
        public var url: String?

        enum CodingKeys: String, CodingKey {
            case id, type, title, author, editor, issued, publisher, volume, issue, page, number
            case containerTitle = "container-title"
            case doi = "DOI"
            case url = "URL"
        }

        public init(id: String, title: String? = nil, author: [Name]? = nil, year: Int? = nil) {
            self.id = id
            self.title = title
            self.author = author
            self.issued = year.map { DateValue(dateParts: [[FlexibleString("\($0)")]]) }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // Zotero writes ids as strings, some tools as numbers.
            id = try container.decode(FlexibleString.self, forKey: .id).value
            type = try container.decodeIfPresent(String.self, forKey: .type)
            title = try container.decodeIfPresent(String.self, forKey: .title)
            author = try container.decodeIfPresent([Name].self, forKey: .author)
            editor = try container.decodeIfPresent([Name].self, forKey: .editor)
            issued = try container.decodeIfPresent(DateValue.self, forKey: .issued)
            containerTitle = try container.decodeIfPresent(String.self, forKey: .containerTitle)
            publisher = try container.decodeIfPresent(String.self, forKey: .publisher)
            volume = try container.decodeIfPresent(FlexibleString.self, forKey: .volume)
            issue = try container.decodeIfPresent(FlexibleString.self, forKey: .issue)
            page = try container.decodeIfPresent(FlexibleString.self, forKey: .page)
            number = try container.decodeIfPresent(FlexibleString.self, forKey: .number)
            doi = try container.decodeIfPresent(String.self, forKey: .doi)
            url = try container.decodeIfPresent(String.self, forKey: .url)
        }

        /// The year of `issued`, as written (`2018`), if any.
        public var year: String? {
            if let first = issued?.dateParts?.first?.first?.value, !first.isEmpty { return first }
            if let raw = issued?.raw ?? issued?.literal {
                let digits = raw.split { !$0.isNumber }.first { $0.count == 4 }
                return digits.map { String($0) } ?? raw
            }
            return nil
        }
    }

    /// A person (`family`, `given`) or an organisation (`literal`).
    public struct Name: Codable, Hashable, Sendable {
        public var family: String?
        public var given: String?
        public var literal: String?
        /// `van` in Ludwig van Beethoven: shown before the family name.
        public var nonDroppingParticle: String?

        enum CodingKeys: String, CodingKey {
            case family, given, literal
            case nonDroppingParticle = "non-dropping-particle"
        }

        public init(family: String? = nil, given: String? = nil, literal: String? = nil) {
            self.family = family
            self.given = given
            self.literal = literal
        }
    }

    /// CSL's date: `{"date-parts": [[2018, 2, 5]]}`, or `raw`/`literal` text.
    public struct DateValue: Codable, Hashable, Sendable {
        public var dateParts: [[FlexibleString]]?
        public var raw: String?
        public var literal: String?

        enum CodingKeys: String, CodingKey {
            case dateParts = "date-parts"
            case raw, literal
        }
    }

    /// A value CSL-JSON allows as a string or a number (`"volume": 3` or `"3"`).
    public struct FlexibleString: Codable, Hashable, Sendable {
        public var value: String

        public init(_ value: String) {
            self.value = value
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                value = text
            } else if let integer = try? container.decode(Int.self) {
                value = String(integer)
            } else {
                value = String(try container.decode(Double.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(value)
        }
    }
}
