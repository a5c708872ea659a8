import Diagnostics
import Markdown

/// GitHub's alert syntax as callouts (README, "Callouts, figures and citations"): a block quote whose first
/// line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]` becomes a
/// `.callout` node, so the same lesson reads as an alert on GitHub and as an `<aside>` in the
/// site. Text after the marker on its line is the callout's title (GitHub shows it as text).
///
/// The marker is matched as GitHub does, case-insensitively. A marker of another name
/// (`[!NOTES]`, `[!DANGER]`) leaves the block quote as it is, with a warning that names the
/// nearest kind: a block quote that merely starts with `[!…]` is rare, a typo is not.
enum Callouts {
    /// What a block quote's first line says, when it starts with a `[!NAME]` marker.
    struct Marker {
        /// The name as written, without `[!` and `]`.
        var name: String
        var kind: MarkdownNode.CalloutKind?
        /// Where `[` is.
        var position: TextPosition
        /// The first paragraph's inlines after the marker (leading spaces removed).
        var rest: [MarkdownNode]
    }

    /// Whether `lesson` may have a callout: every callout is a block quote, and cmark makes a
    /// block quote only of a line with a `>` (no character reference starts one), so without
    /// one `rewrite` has nothing to do and its walk can be skipped.
    static func mayHaveCallouts(_ lesson: ParsedLesson) -> Bool {
        WordScan.containsSyntax(lesson.body, ">")
    }

    static func rewrite(_ document: MarkdownNode, in lesson: ParsedLesson) -> (document: MarkdownNode, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let rewritten = rewrite(document, in: lesson, diagnostics: &diagnostics)
        return (rewritten, diagnostics)
    }

    /// Recurses only from one callout into the callouts it holds: block quotes inside block
    /// quotes, bounded by the lesson's nesting limit.
    private static func rewrite(_ node: MarkdownNode, in lesson: ParsedLesson, diagnostics: inout [Diagnostic]) -> MarkdownNode {
        node.rewritten { child in
            switch child.kind {
            case .blockQuote:
                break
            case .list, .listItem, .footnoteDefinition, .callout:
                // The other blocks that can hold a block quote.
                return .keep
            default:
                // Paragraphs, headings, tables, code: no block quote inside.
                return .keepSubtree
            }
            guard let marker = marker(of: child) else { return .keep }
            guard let kind = marker.kind else {
                diagnostics.append(unknownKind(marker, in: lesson))
                return .keep
            }
            var children = Array(child.children.dropFirst())
            let (title, body) = splitFirstLine(marker.rest)
            if !body.isEmpty, let paragraph = child.children.first {
                children.insert(MarkdownNode(.paragraph, children: body, span: paragraph.span), at: 0)
            }
            let titleInlines = title.isEmpty ? [MarkdownNode(.text(kind.defaultTitle))] : title
            let titleNode = MarkdownNode(.calloutTitle, children: titleInlines, span: child.children.first?.span)
            let inner = rewrite(MarkdownNode(.document, children: children), in: lesson, diagnostics: &diagnostics)
            return .replace([MarkdownNode(.callout(kind), children: [titleNode] + inner.children, span: child.span)])
        }
    }

    /// The `[!NAME]` marker at the start of a block quote's first paragraph, if any. The
    /// name is letters only, as GitHub's are; `[!` followed by anything else is plain text.
    static func marker(of blockQuote: MarkdownNode) -> Marker? {
        guard let paragraph = blockQuote.children.first, case .paragraph = paragraph.kind,
              let start = paragraph.span?.start else { return nil }
        // cmark splits text at `[`, `!` and `]`: join the leading text nodes.
        var leading = ""
        var used = 0
        for inline in paragraph.children {
            guard case .text(let text) = inline.kind else { break }
            leading += text
            used += 1
            if leading.contains("]") { break }
        }
        guard leading.hasPrefix("[!"), let close = leading.firstIndex(of: "]") else { return nil }
        let name = String(leading[leading.index(leading.startIndex, offsetBy: 2)..<close])
        guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else { return nil }
        var rest = Array(paragraph.children.dropFirst(used))
        var after = String(leading[leading.index(after: close)...])
        while after.first == " " || after.first == "\t" { after.removeFirst() }
        if !after.isEmpty { rest.insert(MarkdownNode(.text(after)), at: 0) }
        return Marker(name: name, kind: MarkdownNode.CalloutKind(rawValue: name.lowercased()), position: start, rest: rest)
    }

    /// The inlines before the first line break (the title) and after it (the body's first
    /// paragraph). Trailing spaces of the title go.
    static func splitFirstLine(_ inlines: [MarkdownNode]) -> (title: [MarkdownNode], body: [MarkdownNode]) {
        guard let index = inlines.firstIndex(where: { $0.kind == .softBreak || $0.kind == .lineBreak }) else {
            return (trimmingTrailingSpaces(inlines), [])
        }
        return (trimmingTrailingSpaces(Array(inlines[..<index])), Array(inlines[(index + 1)...]))
    }

    private static func trimmingTrailingSpaces(_ inlines: [MarkdownNode]) -> [MarkdownNode] {
        var inlines = inlines
        if let last = inlines.last, case .text(var text) = last.kind {
            while text.last == " " || text.last == "\t" { text.removeLast() }
            inlines[inlines.count - 1].kind = .text(text)
            if text.isEmpty { inlines.removeLast() }
        }
        return inlines
    }

    /// Names other authoring tools use (Quarto, MyST, Obsidian) for what GitHub calls a kind.
    static let otherNames: [String: MarkdownNode.CalloutKind] = [
        "info": .note, "information": .note, "remark": .note, "seealso": .note, "abstract": .note, "summary": .note,
        "hint": .tip, "example": .tip, "success": .tip,
        "attention": .important, "question": .important,
        "warn": .warning, "caveat": .warning,
        "danger": .caution, "error": .caution, "bug": .caution, "failure": .caution,
    ]

    /// The kind an unknown name most plausibly meant: a near spelling, another tool's name for
    /// it, or a kind it begins (`IMPORT` → `IMPORTANT`).
    static func suggestion(for name: String) -> MarkdownNode.CalloutKind? {
        let lowered = name.lowercased()
        let kinds = MarkdownNode.CalloutKind.allCases
        if let near = NameSuggestion.nearest(to: lowered, among: kinds.map(\.rawValue)) {
            return MarkdownNode.CalloutKind(rawValue: near)
        }
        if let other = otherNames[lowered] { return other }
        if lowered.count >= 3, let prefixed = kinds.first(where: { $0.rawValue.hasPrefix(lowered) }) { return prefixed }
        return nil
    }

    static func unknownKind(_ marker: Marker, in lesson: ParsedLesson) -> Diagnostic {
        let known = MarkdownNode.CalloutKind.allCases.map { "[!\($0.marker)]" }.joined(separator: ", ")
        let suggested = suggestion(for: marker.name)
        var message = "unknown callout kind `[!\(marker.name)]`"
        if let suggested { message += "; did you mean `[!\(suggested.marker)]`?" }
        let nameStart = lesson.location(TextPosition(line: marker.position.line, column: marker.position.column + 2))
        return Diagnostic(
            id: "lesson.unknown-callout",
            severity: .warning,
            message: message,
            location: lesson.location(marker.position),
            notes: [.init("the block quote is shown as it is; callouts are \(known)")],
            fixIts: suggested.map {
                [Diagnostic.FixIt("use a callout kind", range: SourceRange(start: nameStart, length: marker.name.unicodeScalars.count), replacement: $0.marker)]
            } ?? [])
    }
}
