import Diagnostics
import Foundation
import Lesson
import Markdown

/// Reads `SUMMARY.md` (mdBook's format) into a `SiteOutline`.
///
/// ```
/// # Summary                      ← the file's title, ignored
/// [Introduction](index.md)       ← a link outside a list: an entry of its own
/// - [Notation](notation.md)      ← nested lists give nested entries
///   - [Shapes](shapes.md)
/// # Part 1                       ← a later heading starts a titled section
/// - [Draft chapter]()            ← no link: listed, but no page yet
/// ```
///
/// Destinations are relative to the lessons folder. One that leaves it, is not a `.md` lesson,
/// or is a web address is an error at its position; whether the lesson exists is checked once
/// the lessons are known (`summary.missing-lesson`).
public enum SummaryParser {
    /// How deeply lists may nest: far more than any table of contents needs, and few enough
    /// that rendering the nested entries (recursively, through `partials/toc-item`) cannot
    /// run out of stack. Deeper entries are dropped with an error at the first of them.
    public static let maximumDepth = 32

    public static func parse(_ source: LessonSource) -> (outline: SiteOutline, diagnostics: [Diagnostic]) {
        var builder = Builder(file: source.path)
        builder.visitDocument(MarkdownParser.parse(source.text))
        return (SiteOutline(sections: builder.sections.filter { $0.caption != nil || !$0.entries.isEmpty }), builder.diagnostics)
    }

    private struct Builder {
        let file: String
        var sections: [SiteOutline.Section] = [.init(caption: nil, entries: [])]
        var diagnostics: [Diagnostic] = []
        var sawList = false
        var reportedDepth = false

        init(file: String) {
            self.file = file
        }

        mutating func visitDocument(_ document: MarkdownNode) {
            for (index, block) in document.children.enumerated() {
                switch block.kind {
                case .heading:
                    // The first heading before any entry is the file's own title (as in mdBook).
                    let isTitle = index == 0 && !sawList
                    if !isTitle {
                        sections.append(.init(caption: plainText(block), entries: []))
                    }
                case .thematicBreak:
                    sections.append(.init(caption: nil, entries: []))
                case .list:
                    sawList = true
                    let entries = listEntries(block, depth: 1)
                    sections[sections.count - 1].entries += entries
                case .paragraph:
                    sawList = true
                    for link in links(in: block) {
                        sections[sections.count - 1].entries.append(entry(for: link, fallback: block, children: []))
                    }
                default:
                    continue
                }
            }
        }

        mutating func listEntries(_ list: MarkdownNode, depth: Int) -> [SiteOutline.Entry] {
            var entries: [SiteOutline.Entry] = []
            for item in list.children {
                guard case .listItem = item.kind else { continue }
                var children: [SiteOutline.Entry] = []
                for nested in item.children {
                    guard case .list = nested.kind else { continue }
                    if depth < SummaryParser.maximumDepth {
                        children += listEntries(nested, depth: depth + 1)
                    } else if !reportedDepth {
                        reportedDepth = true
                        diagnostics.append(Diagnostic(
                            id: "summary.too-deep",
                            message: "SUMMARY.md nests lists more than \(SummaryParser.maximumDepth) levels deep; the entries below this level are left out",
                            location: location(of: nested.children.first ?? nested) ?? location(of: item)))
                    }
                }
                let label = item.children.first { if case .paragraph = $0.kind { true } else { false } }
                if let label, let link = links(in: label).first {
                    entries.append(entry(for: link, fallback: item, children: children))
                } else if let label {
                    // A plain line in the list: a draft entry without a page.
                    entries.append(.init(
                        title: checkedTitle(plainText(label), at: location(of: item)), lesson: nil, children: children,
                        location: location(of: item)))
                } else {
                    entries += children
                }
            }
            return entries
        }

        mutating func entry(for link: MarkdownNode, fallback: MarkdownNode, children: [SiteOutline.Entry]) -> SiteOutline.Entry {
            guard case .link(let destination, _) = link.kind else {
                return .init(title: plainText(link), lesson: nil, children: children)
            }
            let where_ = location(of: link) ?? location(of: fallback)
            let title = checkedTitle(plainText(link), at: where_)
            if destination.isEmpty {
                return .init(title: title, lesson: nil, children: children, location: where_)
            }
            switch SummaryDestination.resolve(destination) {
            case .lesson(let path):
                let fragment = destination.firstIndex(of: "#").map { String(destination[destination.index(after: $0)...]) }
                return .init(title: title, lesson: path, fragment: fragment.flatMap { $0.isEmpty ? nil : $0 },
                             children: children, location: where_)
            case .invalid(let reason):
                diagnostics.append(Diagnostic(
                    id: "summary.invalid-entry",
                    message: "'\(destination)' in SUMMARY.md \(reason)",
                    location: where_))
                return .init(title: title, lesson: nil, children: children, location: where_)
            }
        }

        /// The title, without invisible controls: each is an error at the entry.
        mutating func checkedTitle(_ title: String, at where_: SourceLocation?) -> String {
            guard let (scalar, _) = InvisibleControls.first(in: title) else { return title }
            diagnostics.append(Diagnostic(
                id: "summary.invisible-character",
                message: "this entry's title holds \(InvisibleControls.describe(scalar)), which would change how the table of contents is shown; remove it",
                location: where_))
            return String(String.UnicodeScalarView(title.unicodeScalars.filter { !InvisibleControls.isRefused($0) }))
        }

        func location(of node: MarkdownNode) -> SourceLocation? {
            node.span.map { SourceLocation(file: file, line: $0.start.line, column: $0.start.column) }
        }

        func links(in node: MarkdownNode) -> [MarkdownNode] {
            if case .link = node.kind { return [node] }
            return node.children.flatMap(links(in:))
        }
    }

    /// The words of a node, without markup.
    static func plainText(_ node: MarkdownNode) -> String {
        switch node.kind {
        case .text(let text), .code(let text): return text
        case .softBreak, .lineBreak: return " "
        case .trustedHTMLInline(_, let plain): return plain
        default: return node.children.map(plainText).joined()
        }
    }
}

/// What a `SUMMARY.md` link points at.
enum SummaryDestination: Equatable {
    /// A lesson, relative to the lessons folder.
    case lesson(String)
    /// Why it cannot be a lesson, as the end of a sentence.
    case invalid(String)

    static func resolve(_ destination: String) -> SummaryDestination {
        if LinkTarget.hasScheme(destination) || destination.hasPrefix("//") {
            return .invalid("is a web address; SUMMARY.md lists lessons only")
        }
        let path = LinkTarget.pathPart(of: destination)
        if path.hasPrefix("/") { return .invalid("is an absolute path; write it relative to the lessons folder") }
        guard let resolved = SitePath.resolve(path), !resolved.isEmpty else {
            return .invalid("leaves the lessons folder")
        }
        guard resolved.hasSuffix(".md") else { return .invalid("is not a Markdown lesson (.md)") }
        return .lesson(resolved)
    }
}
