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
        parse(text, options: options, pieceBytes: pieceBytes)
    }

    /// A document of more than this many bytes is parsed in pieces of about this size where it
    /// can be (`parseInPieces`). Small, because libcmark-gfm walks a piece's C tree several
    /// times as it finishes the parse (inlines, footnotes, text nodes, autolinks) and takes
    /// longer per node the less of that tree fits in the cache: the 10 MB lesson's parses
    /// took 0.64 s in pieces of 512 KiB, 0.28 s in pieces of 64 KiB (and their trees were
    /// freed in a third of the time), and these parses' inline passes take turns (`CmarkParse`).
    static let pieceBytes = 64 << 10

    /// `parse`, with the size from which a document is parsed in pieces given: the Markdown
    /// fuzzer parses every input cut at each heading too (`pieceBytes` 1), as only a large
    /// lesson otherwise is.
    package static func parse(_ text: String, options: MarkdownParseOptions, pieceBytes: Int) -> MarkdownNode {
        // cmark replaces NUL by U+FFFD (as CommonMark asks) and counts columns in the replaced
        // bytes; replacing first keeps our byte-to-column conversion in step with it.
        let text = containsNUL(text) ? text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : text
        let columns = ColumnConverter(text: text)
        if columns.bytes.count > pieceBytes, let tree = parseInPieces(columns, options: options, pieceBytes: pieceBytes) {
            return tree
        }
        let tree = CmarkParse.withDocument(text, options: options, readsOnly: true) { root, _ in
            CmarkTreeConverter(columns: columns).convert(root)
        }
        // cmark returns no parser only when memory runs out; an empty document is the
        // honest answer then.
        return tree ?? MarkdownNode(.document)
    }

    /// Whether `text` has a NUL byte: `memchr` over its UTF-8 (the generic `contains` of the
    /// UTF-8 view took about 20 ms of a 10 MB lesson's build, before its parse could start).
    static func containsNUL(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
        }
        return found ?? text.utf8.contains(0)
    }

    /// The document parsed piece by piece, cut before headings, as one tree; `nil` when it
    /// has to be parsed whole.
    ///
    /// cmark holds the whole document's C tree until the parse ends (inlines are parsed last,
    /// once every link definition is known): for a 10 MB lesson 220 MB, the largest part of a
    /// build's memory. No library parses CommonMark in pieces, so the cuts are chosen where
    /// the pieces parse as the whole does: before an ATX heading at the start of a line. That
    /// line ends every open block (a paragraph, a list item, a quote, an indented code block,
    /// a table: a heading is no lazy continuation line) the same way, except a fenced code
    /// block, an HTML block or a setext heading; a piece that ends in one (`endsBefore`) is
    /// parsed again with the rest of the document. A document with a `]:` may define links or
    /// footnotes used anywhere, so it is never cut. The tests compare both parses on every
    /// example of the GFM spec between headings.
    static func parseInPieces(_ columns: ColumnConverter, options: MarkdownParseOptions, pieceBytes: Int) -> MarkdownNode? {
        let starts = pieceStarts(columns, pieceBytes: pieceBytes)
        guard starts.count > 1 else { return nil }
        // The text of piece `index`, to the line before the next piece's heading (or the end).
        @Sendable func parsePiece(_ index: Int, toEnd: Bool) -> MarkdownNode? {
            let endByte = toEnd || index == starts.count - 1 ? columns.bytes.count : columns.lineStarts[starts[index + 1] - 1]
            let text = String(decoding: columns.bytes[columns.lineStarts[starts[index] - 1]..<endByte], as: UTF8.self)
            return CmarkParse.withDocument(text, options: options, readsOnly: true) { root, _ in
                CmarkTreeConverter(columns: columns.withOwnLineCache(), lineOffset: starts[index] - 1).convert(root)
            }
        }
        // Two pieces at a time (`SideThread`): libcmark-gfm's inline passes take turns, but
        // each piece's block parse and conversion into Swift nodes, the larger part, run
        // beside the other's parse.
        var trees = SideThread.map(starts.count) { parsePiece($0, toEnd: false) }
        var children: [MarkdownNode] = []
        // Room for every piece's blocks at once (150,000 in the 10 MB lesson, which a growing
        // array moved again and again).
        children.reserveCapacity(trees.reduce(0) { $0 + ($1?.children.count ?? 0) })
        var start: TextPosition?
        var end: TextPosition?
        for index in trees.indices {
            var tree: MarkdownNode? = nil
            swap(&tree, &trees[index])
            guard var piece = tree else { return nil }
            // The piece's last line is the line before the next piece's heading. A piece that
            // ends otherwise than the whole would there is parsed again with the rest of the
            // document, as one last piece (never piece by piece again: that could be quadratic).
            let isLast = index == trees.count - 1
            var endsHere = isLast
            if !isLast, !endsBefore(line: starts[index + 1] - 1, piece) {
                trees.removeAll()
                guard let rest = parsePiece(index, toEnd: true) else { return nil }
                piece = rest
                endsHere = true
            }
            if index == 0 { start = piece.span?.start }
            if endsHere { end = piece.span?.end }
            children.append(contentsOf: piece.children)
            if endsHere { break }
        }
        let span = start.flatMap { start in end.map { TextSpan(start: start, end: max(start, $0)) } }
        return MarkdownNode(.document, children: children, span: span)
    }

    /// Whether `piece` ends as the whole document does before the heading on the line after
    /// `line`: no fenced code block, HTML block or setext heading is still open on `line` (only
    /// the last block, the last block inside it and so on down can be). A fenced code block
    /// at the top level, or an HTML block that a blank line or a marker ends, goes on below the
    /// heading; a fenced code block or setext heading that the heading closes ends on the
    /// heading's line (cmark's rule for those two).
    private static func endsBefore(line: Int, _ piece: MarkdownNode) -> Bool {
        var node = piece.children.last
        while let open = node {
            switch open.kind {
            case .codeBlock(let block) where block.isFenced:
                guard let span = open.span, span.end.line < line else { return false }
            case .htmlBlock:
                guard let span = open.span, span.end.line < line else { return false }
            case .heading:
                // A setext heading is the one that spans lines.
                guard let span = open.span, span.end.line < line || span.start.line == span.end.line else { return false }
            default:
                break
            }
            node = open.children.last
        }
        return true
    }

    /// The first line of each piece (1-based, line 1 first): lines that start with an ATX
    /// heading (`#` to `######`, then a space, a tab or the line's end), at least `pieceBytes`
    /// apart. Only line 1 when the text has a `]:`.
    static func pieceStarts(_ columns: ColumnConverter, pieceBytes: Int) -> [Int] {
        let bytes = columns.bytes
        let lineStarts = columns.lineStarts
        var starts = [1]
        // Each `:` found with `memchr`: a lesson without a `]:` is searched to its end, byte by
        // byte a few milliseconds of a 10 MB lesson's build before its parse could start.
        let hasDefinitionMark = bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 1
            while offset < buffer.count, let found = memchr(base + offset, Int32(UInt8(ascii: ":")), buffer.count - offset) {
                let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if buffer[index - 1] == UInt8(ascii: "]") { return true }
                offset = index + 1
            }
            return false
        }
        guard !hasDefinitionMark else { return starts }
        func isHeading(line: Int) -> Bool {
            var index = lineStarts[line - 1]
            var hashes = 0
            while index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                hashes += 1
                index += 1
            }
            guard (1...6).contains(hashes) else { return false }
            return index == bytes.count || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index])
        }
        var pieceStart = 0
        for line in stride(from: 2, through: lineStarts.count, by: 1) {
            let offset = lineStarts[line - 1]
            guard offset - pieceStart >= pieceBytes, isHeading(line: line) else { continue }
            starts.append(line)
            pieceStart = offset
        }
        return starts
    }
}

/// The one place that creates and frees cmark parsers.
///
/// libcmark-gfm keeps the table of inline special characters in a global array that every
/// parse edits (it adds its extensions' characters before parsing inlines and removes them
/// after), so two parses at once lose each other's `~~strike~~` or autolinks. Inline parsing
/// therefore takes turns. Setting the table once and clearing the extensions' lists is not
/// enough: the emphasis pass looks a `~~` delimiter's extension up in strikethrough's list,
/// and without it the parse never ends.
///
/// Only `cmark_parser_finish` parses inlines (`finalize_document` → `process_inlines`, which
/// edits the table, then the footnotes), so only it holds the lock. Creating a parser,
/// attaching extensions and feeding it text build the blocks in the parser's own memory and
/// read no state another parse writes: libcmark-gfm 0.29.0.gfm.6's writable globals are the
/// special-character tables, the extension registry and the extensions' node types (both
/// written once, when `registered` runs) and the arena allocator (unused), and link reference
/// definitions parsed while feeding read neither table. So block parsing and converting trees
/// into Swift nodes run beside other parses; everything around them runs `--jobs` lessons at
/// a time.
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
    ///
    /// `body` runs while the lock is held, unless `readsOnly`: a body that only reads the tree
    /// (converting it into Swift nodes, the larger part of a parse) runs beside other parses.
    /// The lock is taken only for `cmark_parser_finish` (see the type's note).
    static func withDocument<Result>(
        _ text: String,
        options: MarkdownParseOptions,
        readsOnly: Bool = false,
        _ body: (_ root: OpaquePointer, _ parser: OpaquePointer) -> Result
    ) -> Result? {
        _ = registered
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
        parseLock.lock()
        guard let root = cmark_parser_finish(parser) else {
            parseLock.unlock()
            return nil
        }
        defer { cmark_node_free(root) }
        if readsOnly {
            parseLock.unlock()
            return body(root, parser)
        }
        defer { parseLock.unlock() }
        return body(root, parser)
    }
}
