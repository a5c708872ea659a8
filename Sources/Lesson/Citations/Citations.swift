import Diagnostics
import Markdown

/// Citations (README, "Callouts, figures and citations"): `[@parr2018]`, `[@parr2018, p. 12]` and, as in
/// Pandoc, several works in one bracket, `[@parr2018; @magnus2019]`. Each becomes
/// "(Parr & Howard 2018, p. 12)" linked to its entry in a "References" section at the end of
/// the lesson, which lists the works the lesson cites. An unknown key is an error at the key,
/// with the nearest key of the bibliography.
///
/// Only a bracket that is wholly citations counts, so `[@ mention]` or `[see @x]` stay text.
/// Pandoc's bare in-text `@key` is not read: no lesson needs it, and a lone `@` is
/// common in prose (e-mail addresses, handles).
public struct CitationPass: LessonPass {
    /// `nil` when the project names no bibliography: a citation is then an error that says how
    /// to name one.
    public var bibliography: Bibliography?
    /// The bibliography's file as diagnostics name it (`references.json`).
    public var bibliographyPath: String

    public init(bibliography: Bibliography?, bibliographyPath: String = "references.json") {
        self.bibliography = bibliography
        self.bibliographyPath = bibliographyPath
    }

    public func apply(to lesson: inout ParsedLesson) {
        // Most lessons cite nothing: without an `@` in any text there is no `[@…]` to find,
        // and the walk below (which copies the tree and splits the lesson into lines) is skipped.
        guard WordScan.mayContainAtSign(lesson.body), Self.mayCite(lesson.document) else { return }
        var state = CitationState(pass: self, lesson: lesson)
        var document = state.rewrite(lesson.document)
        guard !state.cited.isEmpty || !state.diagnostics.isEmpty else { return }
        document.children += state.referencesSection()
        lesson.document = document
        lesson.diagnostics += state.diagnostics
        lesson.notebookRecord.citations = state.recorded
        lesson.notebookRecord.references = state.citedItems.map(AuthorYearStyle.referenceMarkdown)
    }
}

extension CitationPass {
    /// Whether some text of `document` holds an `@`, which every citation has.
    static func mayCite(_ document: MarkdownNode) -> Bool {
        document.containsNode { node in
            if case .text(let text) = node.kind { text.utf8.contains(UInt8(ascii: "@")) } else { false }
        }
    }
}

/// One `[@…]` as written.
struct CitationGroup: Hashable {
    struct Cite: Hashable {
        var key: String
        var locator: String?
        /// Scalars from the group's `[` to this cite's `@`.
        var offset: Int
    }

    var cites: [Cite]
    /// The bracket as written, `[` to `]`.
    var written: String

    /// Parses the text after a `[` up to its `]`: `@key, locator; @key …`.
    static func parse(_ content: Substring) -> [Cite]? {
        var cites: [Cite] = []
        var offset = 1
        for part in content.split(separator: ";", omittingEmptySubsequences: false) {
            let leading = part.prefix { $0 == " " }.count
            let trimmed = part.dropFirst(leading)
            guard trimmed.first == "@" else { return nil }
            let body = trimmed.dropFirst()
            let keyText = body.prefix { $0 != "," }
            var key = Substring(keyText)
            while key.last == " " { key.removeLast() }
            guard isKey(key) else { return nil }
            var locator: String?
            if keyText.endIndex < body.endIndex {
                let rest = body[body.index(after: keyText.endIndex)...].trimmingCharacters(in: " ")
                locator = rest.isEmpty ? nil : rest
            }
            cites.append(Cite(key: String(key), locator: locator, offset: offset + leading))
            offset += part.unicodeScalars.count + 1
        }
        return cites.isEmpty ? nil : cites
    }

    /// Pandoc's citation keys: a letter, digit or `_` first, then those and internal punctuation.
    static func isKey(_ key: Substring) -> Bool {
        guard let first = key.first, first.isLetter || first.isNumber || first == "_" else { return false }
        return key.allSatisfy { $0.isLetter || $0.isNumber || "_-:.#$%&+?<>~/".contains($0) }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}

/// The work of one lesson: the rewritten inlines, what was cited, and the problems.
struct CitationState {
    let pass: CitationPass
    let lesson: ParsedLesson
    let lines: [[Unicode.Scalar]]
    var cited: [String] = []
    var diagnostics: [Diagnostic] = []
    var recorded: [NotebookRecord.RecordedCitation] = []
    var reportedMissingBibliography = false
    /// Brackets already matched to a citation, so an equal one later finds its own place.
    var claimed: Set<TextPosition> = []

    init(pass: CitationPass, lesson: ParsedLesson) {
        self.pass = pass
        self.lesson = lesson
        self.lines = lesson.body.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
    }

    var citedItems: [Bibliography.Item] {
        cited.compactMap { pass.bibliography?.items[$0] }.sorted { AuthorYearStyle.sortKey($0) < AuthorYearStyle.sortKey($1) }
    }

    /// Recurses once per level of the tree, as the other passes do (the lesson's nesting limit
    /// keeps it shallow).
    mutating func rewrite(_ node: MarkdownNode, blockStart: TextPosition? = nil) -> MarkdownNode {
        switch node.kind {
        case .link, .image, .code, .codeBlock, .htmlBlock, .trustedHTMLBlock, .inlineHTML, .trustedHTMLInline:
            return node
        default:
            break
        }
        guard !node.children.isEmpty else { return node }
        // Text the math pass split off has no span: the enclosing block's start stands in.
        let start = node.kind.isBlock ? node.span?.start ?? blockStart : blockStart
        var result = node
        result.children = []
        var run: [MarkdownNode] = []
        for child in node.children {
            if case .text = child.kind {
                run.append(child)
                continue
            }
            result.children += scan(run, blockStart: start)
            run = []
            result.children.append(rewrite(child, blockStart: start))
        }
        result.children += scan(run, blockStart: start)
        return result
    }

    /// Adjacent text nodes (cmark splits at `[`, `]`, `!`), joined and searched for `[@…]`.
    mutating func scan(_ run: [MarkdownNode], blockStart: TextPosition?) -> [MarkdownNode] {
        guard !run.isEmpty else { return [] }
        let text = run.map { if case .text(let t) = $0.kind { t } else { "" } }.joined()
        guard text.contains("[@") else { return run }
        let span = run.first?.span
        var output: [MarkdownNode] = []
        var pending = Substring(text)[...]
        var plain = ""
        var searchFrom = span?.start ?? blockStart
        while let open = pending.range(of: "[@") {
            plain += pending[..<open.lowerBound]
            let afterOpen = pending[open.lowerBound...].dropFirst()
            guard let close = afterOpen.firstIndex(where: { $0 == "]" || $0 == "[" }), afterOpen[close] == "]",
                  let cites = CitationGroup.parse(afterOpen[..<close]) else {
                plain += "["
                pending = afterOpen
                continue
            }
            let written = String(pending[open.lowerBound...close])
            if !plain.isEmpty { output.append(MarkdownNode(.text(plain), span: span)) }
            plain = ""
            let position = locate(written, from: searchFrom)
            if let position { searchFrom = TextPosition(line: position.line, column: position.column + 1) }
            output.append(citation(CitationGroup(cites: cites, written: written), at: position, span: span))
            pending = pending[pending.index(after: close)...]
        }
        plain += pending
        if !plain.isEmpty { output.append(MarkdownNode(.text(plain), span: span)) }
        return output
    }

    /// Where `written` starts in the lesson, searching from `start` on: cmark gives the
    /// text's start, and the bracket is found in the line as written.
    mutating func locate(_ written: String, from start: TextPosition?) -> TextPosition? {
        guard let start, start.line >= 1, start.line <= lines.count else { return nil }
        let needle = Array(written.unicodeScalars)
        for line in start.line...min(start.line + 50, lines.count) {
            let scalars = lines[line - 1]
            let from = line == start.line ? max(start.column - 1, 0) : 0
            guard scalars.count >= needle.count, from <= scalars.count - needle.count else { continue }
            for index in from...(scalars.count - needle.count) where scalars[index] == "[" {
                let position = TextPosition(line: line, column: index + 1)
                if !claimed.contains(position), Array(scalars[index..<(index + needle.count)]) == needle {
                    claimed.insert(position)
                    return position
                }
            }
        }
        return nil
    }

    mutating func citation(_ group: CitationGroup, at position: TextPosition?, span: TextSpan?) -> MarkdownNode {
        var htmlParts: [String] = []
        var textParts: [String] = []
        var anyUnknown = false
        for cite in group.cites {
            let location = lesson.location(position.map { TextPosition(line: $0.line, column: $0.column + cite.offset) } ?? span?.start ?? TextPosition(line: 1, column: 1))
            let locator = cite.locator.map { ", " + $0 } ?? ""
            guard let bibliography = pass.bibliography else {
                anyUnknown = true
                if !reportedMissingBibliography {
                    reportedMissingBibliography = true
                    diagnostics.append(Diagnostic(
                        id: "citation.no-bibliography",
                        message: "`[@\(cite.key)]` cites a work, but the project names no bibliography",
                        location: location,
                        notes: [.init("export the works as CSL-JSON (Zotero: Export… → CSL JSON) and name the file in calcbook.toml: references = \"references.json\"")]))
                }
                htmlParts.append(escapeHTML(cite.key + "?" + locator))
                textParts.append(cite.key + "?" + locator)
                continue
            }
            guard let item = bibliography.items[cite.key] else {
                anyUnknown = true
                let nearest = NameSuggestion.nearest(to: cite.key, among: bibliography.items.keys)
                diagnostics.append(Diagnostic(
                    id: "citation.unknown-key",
                    message: "no work with the key `\(cite.key)` in \(pass.bibliographyPath)" + (nearest.map { "; did you mean `\($0)`?" } ?? ""),
                    location: location,
                    notes: nearest == nil ? [.init("the keys are the `id`s of \(pass.bibliographyPath)")] : [],
                    fixIts: nearest.map { [Diagnostic.FixIt("use the known key", range: SourceRange(start: location.advanced(byColumns: 1), length: cite.key.unicodeScalars.count), replacement: $0)] } ?? []))
                htmlParts.append(escapeHTML(cite.key + "?" + locator))
                textParts.append(cite.key + "?" + locator)
                continue
            }
            if !cited.contains(cite.key) { cited.append(cite.key) }
            let shown = AuthorYearStyle.inText(item)
            htmlParts.append("<a href=\"#" + escapeHTML(Self.anchor(cite.key)) + "\">" + escapeHTML(shown) + "</a>" + escapeHTML(locator))
            textParts.append(shown + locator)
        }
        let text = "(" + textParts.joined(separator: "; ") + ")"
        let html = "<span class=\"citation" + (anyUnknown ? " citation-unknown" : "") + "\">(" + htmlParts.joined(separator: "; ") + ")</span>"
        if let position { recorded.append(.init(position: position, written: group.written, text: text)) }
        return MarkdownNode(.trustedHTMLInline(html: html, plainText: text), span: span)
    }

    /// The `id` of a work's entry: `ref-` and the key, as Pandoc names them.
    static func anchor(_ key: String) -> String { "ref-" + key }

    /// `<section class="references">`, its heading (a real one: it gets an anchor, a place in
    /// search and a unique id) and the cited works in reference-list order.
    func referencesSection() -> [MarkdownNode] {
        let items = citedItems
        guard !items.isEmpty else { return [] }
        var list = "<ul class=\"references\">\n"
        for item in items {
            list += "<li id=\"" + escapeHTML(Self.anchor(item.id)) + "\">" + AuthorYearStyle.referenceHTML(item) + "</li>\n"
        }
        list += "</ul>\n</section>"
        return [
            MarkdownNode(.trustedHTMLBlock("<section class=\"references\" aria-label=\"References\">")),
            MarkdownNode(.heading(level: 2, anchor: nil), children: [MarkdownNode(.text("References"))]),
            MarkdownNode(.trustedHTMLBlock(list)),
        ]
    }
}
