import Diagnostics

/// The partials (`{{>name}}`) and parents (`{{<name}}`) a template names, with positions and
/// the sections around each, so a misspelt one is an error instead of silently rendering
/// nothing, and a template that includes itself is an error instead of a stack overflow.
///
/// A small scanner of Mustache's tags (with `{{=<% %>=}}` delimiter changes, comments and
/// triple mustaches), not a parser: swift-mustache parses the templates; this only needs
/// the tags' kinds, names and nesting.
enum PartialReferences {
    struct Reference: Equatable {
        var name: String
        var line: Int
        var column: Int
        /// The names of the `{{#section}}`s the reference is inside, outermost first.
        var sections: [String] = []
        /// `{{>*name}}`: the partial is named by a value at render time.
        var isDynamic = false
    }

    /// The static references (`{{>*dynamic}}` ones left out).
    static func find(in text: String) -> [Reference] {
        scan(text).filter { !$0.isDynamic }
    }

    /// Every reference, dynamic ones included.
    static func scan(_ text: String) -> [Reference] {
        let scalars = Array(text.unicodeScalars)
        var open = Array("{{".unicodeScalars), close = Array("}}".unicodeScalars)
        var references: [Reference] = []
        var sections: [String] = []
        var line = 1, column = 1, index = 0

        func matches(_ delimiter: [Unicode.Scalar], at position: Int) -> Bool {
            guard position + delimiter.count <= scalars.count else { return false }
            for offset in delimiter.indices where scalars[position + offset] != delimiter[offset] { return false }
            return true
        }
        func advance(to end: Int) {
            while index < end {
                if scalars[index] == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                index += 1
            }
        }

        while index < scalars.count {
            guard matches(open, at: index) else {
                advance(to: index + 1)
                continue
            }
            let tagLine = line, tagColumn = column
            var cursor = index + open.count
            while cursor < scalars.count, scalars[cursor] == " " || scalars[cursor] == "\t" { cursor += 1 }
            let sigil: Unicode.Scalar? = cursor < scalars.count ? scalars[cursor] : nil
            // `{{{name}}}` ends with `}}}`; `{{=a b=}}` with `=` before the closing delimiter.
            var closing = close
            if sigil == "{", open == Array("{{".unicodeScalars) { closing = Array("}}}".unicodeScalars) }
            if sigil == "=" { closing = ["="] + close }
            var end = cursor
            while end < scalars.count, !matches(closing, at: end) { end += 1 }
            guard end < scalars.count else { break } // an unclosed tag: the parser reports it
            let body = String(String.UnicodeScalarView(scalars[(cursor + (sigil == nil ? 0 : 1))..<end]))
                .trimmingCharacters(in: [" ", "\t", "\n", "\r"])
            switch sigil {
            case ">", "<":
                let isDynamic = body.hasPrefix("*")
                let name = isDynamic ? String(body.dropFirst()).trimmingCharacters(in: [" ", "\t"]) : body
                if !name.isEmpty {
                    references.append(Reference(name: name, line: tagLine, column: tagColumn, sections: sections, isDynamic: isDynamic))
                }
                if sigil == "<" { sections.append("<" + name) }
            case "#", "^", "$":
                sections.append((sigil == "#" ? "" : String(sigil ?? "#")) + body)
            case "/":
                if !sections.isEmpty { sections.removeLast() }
            case "=":
                let parts = body.split(whereSeparator: { $0 == " " || $0 == "\t" })
                if parts.count == 2 {
                    open = Array(parts[0].unicodeScalars)
                    close = Array(parts[1].unicodeScalars)
                }
            default:
                break
            }
            advance(to: end + closing.count)
        }
        return references
    }
}

/// A template that includes itself, directly or through others, renders forever: swift-mustache
/// recurses until the stack is gone. So every cycle of partials is a template error (exit 2)
/// at the inclusion that closes it, unless the inclusion is inside a `{{#children}}` section:
/// that is how `partials/toc-item` lists nested entries, and it ends where the table of
/// contents does (whose depth `SummaryParser.maximumDepth` bounds). A partial named at render
/// time (`{{>*name}}`) is refused outright: a value (a lesson's title, say) would choose
/// which template runs.
enum PartialCycles {
    /// The one section a self-inclusion may sit in: each level is a nested table-of-contents entry.
    static let descendingSection = "children"

    static func diagnostics(_ templates: [(name: String, shownPath: String, text: String)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var edges: [String: [(to: String, reference: PartialReferences.Reference)]] = [:]
        var shownPaths: [String: String] = [:]
        for template in templates {
            shownPaths[template.name] = template.shownPath
            for reference in PartialReferences.scan(template.text) {
                if reference.isDynamic {
                    diagnostics.append(Diagnostic(
                        id: "templates.dynamic-partial",
                        message: "template '\(template.name)' names a partial at render time ('*\(reference.name)'), which calcbook does not allow; name the partial itself",
                        location: SourceLocation(file: template.shownPath, line: reference.line, column: reference.column)))
                    continue
                }
                if reference.sections.contains(descendingSection) { continue }
                edges[template.name, default: []].append((reference.name, reference))
            }
        }
        // Depth-first search for a cycle, iteratively (a theme's partials are few, but the
        // search itself must not recurse on input).
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var reported: Set<String> = []
        for start in templates.map(\.name).sorted() where marks[start] == nil {
            var stack: [(name: String, next: Int)] = [(start, 0)]
            marks[start] = .visiting
            while let top = stack.last {
                let outgoing = edges[top.name] ?? []
                guard top.next < outgoing.count else {
                    marks[top.name] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = outgoing[top.next]
                switch marks[edge.to] {
                case .visiting?:
                    let cycle = stack.map(\.name).drop { $0 != edge.to } + [edge.to]
                    if reported.insert(top.name + ">" + edge.to).inserted {
                        let path = cycle.count == 2 ? "itself" : "itself through " + cycle.dropFirst().dropLast().map { "'\($0)'" }.joined(separator: ", ")
                        diagnostics.append(Diagnostic(
                            id: "templates.recursive-partial",
                            message: "template '\(edge.to)' includes \(path), so it would never finish rendering",
                            location: SourceLocation(file: shownPaths[top.name] ?? top.name, line: edge.reference.line, column: edge.reference.column),
                            notes: [.init("a partial may include itself only inside {{#\(descendingSection)}}…{{/\(descendingSection)}}, where each level is a nested entry of the table of contents")]))
                    }
                case .done?:
                    continue
                case nil:
                    marks[edge.to] = .visiting
                    stack.append((edge.to, 0))
                }
            }
        }
        return diagnostics
    }
}
