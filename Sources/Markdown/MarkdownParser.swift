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
/// libcmark-gfm keeps the table of inline special characters in a global array that every
/// parse edits (it adds its extensions' characters before parsing inlines and removes them
/// after), so two parses at once lose each other's `~~strike~~` or autolinks. Parses therefore
/// take turns. Setting the table once and clearing the extensions' lists is not enough: the
/// emphasis pass looks a `~~` delimiter's extension up in strikethrough's list, and without it
/// the parse never ends. The lock covers only libcmark-gfm's own work (a small part of a
/// lesson's parse); everything around it runs `--jobs` lessons at a time.
enum CmarkParse {
    /// Registration mutates a global list in the library, so it happens exactly once
    /// (Swift runs a static initialiser once, thread-safely).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let parseLock = NSLock()

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
        _ = registered
        parseLock.lock()
        defer { parseLock.unlock() }
        guard let parser = cmark_parser_new(cmarkOptions(options)) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in GFMExtension.allCases where options.extensions.contains(name) {
            if let syntax = cmark_find_syntax_extension(name.rawValue) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        // The text's own UTF-8 when it is contiguous (a copy of a large lesson was alive
        // through the whole parse).
        func feed(_ buffer: UnsafeBufferPointer<UInt8>) {
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        if text.utf8.withContiguousStorageIfAvailable(feed) == nil {
            Array(text.utf8).withUnsafeBufferPointer(feed)
        }
        guard let root = cmark_parser_finish(parser) else { return nil }
        defer { cmark_node_free(root) }
        return body(root, parser)
    }
}
