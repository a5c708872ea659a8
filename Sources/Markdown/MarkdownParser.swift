import CCmarkGFM
import Foundation

/// The GFM extensions calcbook can switch on; all of them by default.
public enum GFMExtension: String, CaseIterable, Hashable, Sendable {
    case table, strikethrough, autolink, tagfilter, tasklist
}

public struct MarkdownParseOptions: Hashable, Sendable {
    public var extensions: Set<GFMExtension>
    /// `[^label]` references and `[^label]:` definitions.
    public var footnotes: Bool

    public init(extensions: Set<GFMExtension> = Set(GFMExtension.allCases), footnotes: Bool = true) {
        self.extensions = extensions
        self.footnotes = footnotes
    }
}

/// Parses Markdown with libcmark-gfm and hands back a Swift tree; the C tree is freed before
/// `parse` returns. Nodes nested deeper than `maximumDepth` levels are left out of the tree
/// (a deeper tree cannot be freed without running out of stack).
public enum MarkdownParser {
    public static var maximumDepth: Int { CmarkTreeConverter.maximumDepth }

    public static func parse(_ text: String, options: MarkdownParseOptions = .init()) -> MarkdownNode {
        // cmark replaces NUL by U+FFFD (as CommonMark asks) and counts columns in the replaced
        // bytes; replacing first keeps our byte-to-column conversion in step with it.
        let text = text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
        let tree = CmarkParse.withDocument(text, options: options) { root, _ in
            CmarkTreeConverter(text: text).convert(root)
        }
        // cmark returns no parser only when memory runs out; an empty document is the
        // honest answer then.
        return tree ?? MarkdownNode(.document)
    }
}

/// The one place that creates and frees cmark parsers.
///
/// libcmark-gfm keeps the table of inline special characters in a global array, and by
/// default every parse edits it: before parsing inlines it adds its extensions' characters
/// (`:` and `w` for autolinks, `~` for strikethrough), after it removes them. Two parses at once
/// then lose each other's characters (`~~a~~` or `www.x.org` comes out as text). So:
///
/// - autolink's characters are added once, before the first parse, and autolink is told it has
///   none left to add or remove (nothing else looks its characters up);
/// - strikethrough must keep its `~` listed, because the emphasis pass finds the extension of
///   a `~~` delimiter through that list. A text without `~` has nothing for it to do and is
///   parsed without it; a text with `~` is parsed with it, one such parse at a time.
///
/// Parses without `~` (and the Swift work around every parse) then run on all cores at once
/// (`ConcurrentParsingTests`).
enum CmarkParse {
    /// Registration and the autolink characters, exactly once (Swift runs a static initialiser
    /// once, thread-safely) and before any other parser exists.
    private static let prepared: Void = {
        cmark_gfm_core_extensions_ensure_registered()
        guard let autolink = cmark_find_syntax_extension(GFMExtension.autolink.rawValue),
              let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return }
        defer { cmark_parser_free(parser) }
        cmark_parser_attach_syntax_extension(parser, autolink)
        cmark_manage_extensions_special_characters(parser, 1)
        // The list stays allocated (a few bytes, once): the library has no call to free it.
        cmark_syntax_extension_set_special_inline_chars(autolink, nil)
    }()

    /// Taken by the parses that attach strikethrough (they still edit the global table).
    private static let strikethroughLock = NSLock()

    static func cmarkOptions(_ options: MarkdownParseOptions) -> Int32 {
        options.footnotes ? CMARK_OPT_FOOTNOTES : CMARK_OPT_DEFAULT
    }

    /// Parses `text` and calls `body` with the document node and the parser (whose extension
    /// list the reference renderer needs); both are freed afterwards.
    static func withDocument<Result>(
        _ text: String,
        options: MarkdownParseOptions,
        _ body: (_ root: OpaquePointer, _ parser: OpaquePointer) -> Result
    ) -> Result? {
        _ = prepared
        var extensions = options.extensions
        if extensions.contains(.strikethrough) {
            if text.utf8.contains(UInt8(ascii: "~")) {
                strikethroughLock.lock()
            } else {
                extensions.remove(.strikethrough)
            }
        }
        defer { if extensions.contains(.strikethrough) { strikethroughLock.unlock() } }
        guard let parser = cmark_parser_new(cmarkOptions(options)) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in GFMExtension.allCases where extensions.contains(name) {
            if let syntax = cmark_find_syntax_extension(name.rawValue) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let root = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(root) }
        return body(root, parser)
    }
}
