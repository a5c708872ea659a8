import Foundation

/// The `href`, `src` and `id` attributes of HTML, and the `url(…)`s of CSS, with their
/// positions: just enough of HTML to read the markup calcbook's templates write (quoted or
/// unquoted attribute values, Mustache tags inside or between them), so the template link
/// checker can follow every link a page gets from its theme.
///
/// Not a general HTML parser on purpose: the pages are our own output, and the templates are
/// HTML with `{{…}}` tags in it, which no HTML parser reads as written.
enum HTMLReferences {
    struct Reference: Equatable {
        /// `href`, `src`, `id`, or `url` for CSS.
        var attribute: String
        /// The value with `&amp;`, `&quot;`, `&#39;`, `&lt;`, `&gt;` decoded.
        var value: String
        /// 1-based, of the value (its opening quote when quoted).
        var line: Int
        var column: Int
    }

    static let linkAttributes: Set<String> = ["href", "src"]

    /// Attributes named in `attributes`, in document order. `{{…}}` outside attribute values
    /// is skipped, so a template's `{{<parent}}` or `{{>partial}}` is not read as a tag.
    static func attributes(_ attributes: Set<String>, in html: String) -> [Reference] {
        var scanner = Scanner(html)
        var found: [Reference] = []
        var inTag = false
        while let scalar = scanner.peek() {
            if scanner.hasPrefix("{{") {
                scanner.skip(past: "}}")
            } else if !inTag, scanner.hasPrefix("<!--") {
                scanner.skip(past: "-->")
            } else if !inTag, scalar == "<" {
                inTag = true
                scanner.advance()
                scanner.readName()
            } else if inTag, scalar == ">" {
                inTag = false
                scanner.advance()
            } else if inTag, scalar.properties.isWhitespace {
                scanner.advance()
                let name = scanner.readName().lowercased()
                guard !name.isEmpty else { continue }
                scanner.skipWhitespace()
                guard scanner.peek() == "=" else { continue }
                scanner.advance()
                scanner.skipWhitespace()
                let (line, column) = (scanner.line, scanner.column)
                let raw = scanner.readValue()
                if attributes.contains(name) {
                    found.append(Reference(attribute: name, value: decodeEntities(raw), line: line, column: column))
                }
            } else {
                scanner.advance()
            }
        }
        return found
    }

    /// The `url(…)` references of a stylesheet (quoted or not), comments skipped.
    static func cssURLs(in css: String) -> [Reference] {
        var scanner = Scanner(css)
        var found: [Reference] = []
        while scanner.peek() != nil {
            if scanner.hasPrefix("/*") {
                scanner.skip(past: "*/")
            } else if scanner.hasPrefix("url(") {
                for _ in 0..<4 { scanner.advance() }
                scanner.skipWhitespace()
                let (line, column) = (scanner.line, scanner.column)
                var value = ""
                if let quote = scanner.peek(), quote == "\"" || quote == "'" {
                    value = scanner.readValue()
                } else {
                    while let next = scanner.peek(), next != ")", !next.properties.isWhitespace {
                        value.unicodeScalars.append(next)
                        scanner.advance()
                    }
                }
                found.append(Reference(attribute: "url", value: value, line: line, column: column))
            } else {
                scanner.advance()
            }
        }
        return found
    }

    static func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&#x27;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A cursor over Unicode scalars that counts lines and columns.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var column = 1

        init(_ text: String) { scalars = Array(text.unicodeScalars) }

        func peek() -> Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        func hasPrefix(_ prefix: String) -> Bool {
            var at = index
            for scalar in prefix.unicodeScalars {
                guard at < scalars.count, scalars[at] == scalar else { return false }
                at += 1
            }
            return true
        }

        mutating func advance() {
            guard index < scalars.count else { return }
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }

        mutating func skip(past end: String) {
            while peek() != nil, !hasPrefix(end) { advance() }
            for _ in end.unicodeScalars { advance() }
        }

        mutating func skipWhitespace() {
            while let scalar = peek(), scalar.properties.isWhitespace { advance() }
        }

        @discardableResult
        mutating func readName() -> String {
            var name = ""
            while let scalar = peek(), scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" || scalar == ":" || scalar == "_" {
                name.unicodeScalars.append(scalar)
                advance()
            }
            return name
        }

        /// A quoted value (without its quotes; `{{…}}` inside kept whole even when it holds the
        /// quote character) or an unquoted one up to whitespace or `>`.
        mutating func readValue() -> String {
            var value = ""
            if let quote = peek(), quote == "\"" || quote == "'" {
                advance()
                while let scalar = peek(), scalar != quote {
                    if hasPrefix("{{") {
                        while peek() != nil, !hasPrefix("}}") {
                            value.unicodeScalars.append(scalars[index])
                            advance()
                        }
                        if hasPrefix("}}") {
                            value += "}}"
                            advance()
                            advance()
                        }
                        continue
                    }
                    value.unicodeScalars.append(scalar)
                    advance()
                }
                advance()
            } else {
                while let scalar = peek(), !scalar.properties.isWhitespace, scalar != ">" {
                    value.unicodeScalars.append(scalar)
                    advance()
                }
            }
            return value
        }
    }
}
