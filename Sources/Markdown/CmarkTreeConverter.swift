import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Walks libcmark-gfm's C tree once, iteratively (a deeply nested document must not exhaust
/// the stack), and builds the Swift tree.
///
/// Extension nodes are recognised by their type *string*, because the numeric types of
/// extension nodes depend on registration order; core types are fixed in the public header.
/// Footnote nodes are core nodes whose type string is `<unknown>`, so they go by number.
///
/// The Swift tree is cut at `maximumDepth`: nodes below are dropped. Building it is iterative,
/// but a tree of nested arrays is freed recursively, so 100,000 `>` made a tree whose release
/// ended the stack. No reader needs such depth; the lesson stage refuses documents nested more
/// than its own, smaller limit with a diagnostic at the first node too deep.
struct CmarkTreeConverter {
    static let maximumDepth = 320

    private let columns: ColumnConverter
    /// The lines of the text before the part cmark parsed (`MarkdownParser` parses a large
    /// document in pieces): cmark numbers the lines of each piece from 1.
    private let lineOffset: Int

    init(text: String) {
        self.init(columns: ColumnConverter(text: text))
    }

    /// A converter for the part of `columns`' text that starts on line `lineOffset + 1`.
    init(columns: ColumnConverter, lineOffset: Int = 0) {
        self.columns = columns
        self.lineOffset = lineOffset
    }

    private struct Frame {
        let node: OpaquePointer
        let kind: MarkdownNode.Kind
        let span: TextSpan?
        /// Whether cmark's positions below this node count from the document (see `convert`).
        let isPositioned: Bool
        var children: [MarkdownNode] = []

        init(node: OpaquePointer, kind: MarkdownNode.Kind, span: TextSpan?, isPositioned: Bool = true, firstChild: OpaquePointer?) {
            self.node = node
            self.kind = kind
            self.span = span
            self.isPositioned = isPositioned
            // Exactly as many as cmark has: arrays grown by doubling held a quarter to a half
            // more than their nodes, in the largest tree a build makes.
            var count = 0
            var child = firstChild
            while let node = child {
                count += 1
                child = cmark_node_next(node)
            }
            children.reserveCapacity(count)
        }
    }

    func convert(_ root: OpaquePointer) -> MarkdownNode {
        let footnoteLabels = definitionLabels(root)
        var stack = [Frame(node: root, kind: .document, span: span(of: root), firstChild: cmark_node_first_child(root))]
        var current = cmark_node_first_child(root)
        while true {
            if let node = current {
                let kind = kind(of: node, footnoteLabels: footnoteLabels)
                let isPositioned = stack[stack.count - 1].isPositioned
                let nodeSpan = isPositioned ? span(of: node) : nil
                if stack.count < Self.maximumDepth, let child = cmark_node_first_child(node) {
                    // A paragraph without a position is the text before a table's header row,
                    // which the table extension parsed again on its own: the positions of its
                    // inlines count from that text, not from the document (a link on its second
                    // line is at "1:0"), so none below it is used. They would be wrong, and a
                    // large lesson parsed in pieces would get other wrong ones.
                    let positionsBelow = isPositioned && !(kind == .paragraph && nodeSpan == nil)
                    stack.append(Frame(node: node, kind: kind, span: nodeSpan, isPositioned: positionsBelow, firstChild: child))
                    current = child
                    continue
                }
                stack[stack.count - 1].children.append(MarkdownNode(kind, children: [], span: nodeSpan))
                current = cmark_node_next(node)
                // A top-level leaf (code block, HTML block, thematic break) is done with too.
                if stack.count == 1 { cmark_node_free(node) }
                continue
            }
            // No more siblings: close the innermost open node.
            let finished = stack.removeLast()
            let span = correctedLinkSpan(finished.kind, node: finished.node, children: finished.children, span: finished.span)
            let built = MarkdownNode(finished.kind, children: finished.children, span: span)
            if stack.isEmpty { return built }
            stack[stack.count - 1].children.append(built)
            current = cmark_node_next(finished.node)
            if stack.count == 1 {
                // A top-level block is converted: its C subtree is freed now, not with the
                // document, so both trees of a large lesson are never whole at once (the
                // lesson's peak memory). Nothing reads it again: footnote labels were read first.
                cmark_node_free(finished.node)
            }
        }
    }

    /// After parsing, cmark moves the referenced footnote definitions to the end of the
    /// document, numbered in order, and replaces each reference's text by that number; this
    /// maps the numbers back to the definitions' labels.
    private func definitionLabels(_ root: OpaquePointer) -> [String] {
        var labels: [String] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_FOOTNOTE_DEFINITION {
                labels.append(footnoteLabel(node))
            }
            child = cmark_node_next(node)
        }
        return labels
    }

    /// libcmark-gfm 0.29.0.gfm.6 does not hand out a definition's label, so it is read from
    /// the source: the definition starts after `[^label]:` and its spaces on its first line.
    private func footnoteLabel(_ node: OpaquePointer) -> String {
        columns.footnoteLabel(line: lineOffset + Int(cmark_node_get_start_line(node)), byteColumn: Int(cmark_node_get_start_column(node)))
    }

    private func literal(_ node: OpaquePointer) -> String {
        guard let chars = cmark_node_get_literal(node) else { return "" }
        return String(cString: chars)
    }

    private func string(_ chars: UnsafePointer<CChar>?) -> String {
        guard let chars else { return "" }
        return String(cString: chars)
    }

    private func kind(of node: OpaquePointer, footnoteLabels: [String]) -> MarkdownNode.Kind {
        // Only nodes an extension made carry an extension; the rest are core nodes, whose type
        // is a number (comparing every node's type name with the extensions' was about a
        // twentieth of converting a large lesson's tree).
        if cmark_node_get_syntax_extension(node) != nil, let kind = extensionKind(of: node) { return kind }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            let marker: MarkdownNode.ListStyle.Marker
            if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                let delimiter: Character = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ")" : "."
                marker = .ordered(start: Int(cmark_node_get_list_start(node)), delimiter: delimiter)
            } else {
                marker = .bullet
            }
            return .list(.init(marker: marker, isTight: cmark_node_get_list_tight(node) != 0))
        case CMARK_NODE_ITEM: return .listItem(task: nil)
        case CMARK_NODE_CODE_BLOCK:
            // cmark_node_get_fenced crashes on nil out-pointers, so give it real ones.
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            return .codeBlock(.init(info: string(cmark_node_get_fence_info(node)), code: literal(node), isFenced: fenced))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal(node))
        case CMARK_NODE_CUSTOM_BLOCK: return .trustedHTMLBlock(string(cmark_node_get_on_enter(node)) + string(cmark_node_get_on_exit(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), anchor: nil)
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition(label: footnoteLabel(node))
        case CMARK_NODE_TEXT: return .text(literal(node))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal(node))
        case CMARK_NODE_HTML_INLINE: return .inlineHTML(literal(node))
        case CMARK_NODE_CUSTOM_INLINE:
            let html = string(cmark_node_get_on_enter(node)) + string(cmark_node_get_on_exit(node))
            return .trustedHTMLInline(html: html, plainText: "")
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE: return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            let written = literal(node)
            if let number = Int(written), number >= 1, number <= footnoteLabels.count {
                return .footnoteReference(label: footnoteLabels[number - 1])
            }
            return .footnoteReference(label: written)
        default:
            // A node type this wrapper does not know (a future extension): keep its text.
            return .text(literal(node))
        }
    }

    /// The kind of a node an extension made, by the extension's type name; `nil` for a name
    /// this wrapper does not know, which is then read as a core node.
    private func extensionKind(of node: OpaquePointer) -> MarkdownNode.Kind? {
        switch string(cmark_node_get_type_string(node)) {
        case "table":
            let count = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [MarkdownNode.TableAlignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for index in 0..<count {
                    switch UInt8(raw[index]) {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            return .table(columns: alignments)
        case "table_row", "table_header":
            return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell":
            return .tableCell
        case "strikethrough":
            return .strikethrough
        case "tasklist":
            return .listItem(task: cmark_gfm_extensions_get_tasklist_item_checked(node) ? .checked : .unchecked)
        default:
            return nil
        }
    }

    /// libcmark-gfm misplaces some inline positions: extension autolinks (`www.x.org`) often
    /// start a column early, and on a continuation line indented differently from the
    /// paragraph's first line every column is off by the difference. Links and images matter
    /// most (the link checker points at them), so their start is moved to the nearest place on
    /// the line where such a link can begin: `![` for an image; `[`, `<` or the link's own
    /// text for a link.
    ///
    /// Nearly always the link starts where cmark says: that is checked on the line's UTF-8 at
    /// cmark's byte column first, before any text is made (the 10 MB lesson's 80,000 links
    /// decoded their lines, made their text and four strings to compare it with, a fifth of
    /// converting its tree).
    private func correctedLinkSpan(_ kind: MarkdownNode.Kind, node: OpaquePointer, children: [MarkdownNode], span: TextSpan?) -> TextSpan? {
        guard let span else { return nil }
        let line = lineOffset + Int(cmark_node_get_start_line(node)), byteColumn = Int(cmark_node_get_start_column(node))
        let openings: [String]
        switch kind {
        case .image:
            if columns.line(line, hasAt: byteColumn, anyOf: ["!["]) { return span }
            openings = ["!["]
        case .link(let destination, _):
            if columns.line(line, hasAt: byteColumn, anyOf: ["[", "<"]) { return span }
            // An autolink's text is its URL, perhaps without the scheme cmark added.
            let text = MarkdownNode(.paragraph, children: children).plainText
            let isAutolink = !text.isEmpty && ["", "http://", "mailto:", "xmpp:"].contains { destination == $0 + text }
            openings = isAutolink ? ["[", "<", text] : ["[", "<"]
        default:
            return span
        }
        guard let column = columns.nearestColumn(line: span.start.line, around: span.start.column, startingAnyOf: openings),
              column != span.start.column else { return span }
        var corrected = span
        corrected.start.column = column
        if span.end.line == span.start.line { corrected.end.column = max(column, span.end.column + column - span.start.column) }
        return corrected
    }

    private func span(of node: OpaquePointer) -> TextSpan? {
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        guard startLine > 0, startColumn > 0 else { return nil }
        let endLine = max(Int(cmark_node_get_end_line(node)), startLine)
        let endColumn = Int(cmark_node_get_end_column(node))
        let start = columns.position(line: lineOffset + startLine, byteColumn: startColumn)
        let end = columns.position(line: lineOffset + endLine, byteColumn: max(endColumn, 1))
        // cmark sometimes ends a block before it starts (an indented HTML block ends at column
        // 1 of its last line); a span never runs backwards.
        return TextSpan(start: start, end: max(start, end))
    }
}

/// Turns cmark's byte columns into the Unicode-scalar columns users see.
///
/// Unchecked `Sendable`: all is immutable but the caches of the last line decoded and counted,
/// and a converter used on another thread (a piece of a large document, `MarkdownParser`) is a
/// copy with caches of its own (`withOwnLineCache`).
struct ColumnConverter: @unchecked Sendable {
    /// The text's UTF-8.
    let bytes: [UInt8]
    /// The byte offset of each line's start (line 1 first); lines end as cmark ends them, at
    /// `\n`, `\r\n` or a lone `\r`.
    let lineStarts: [Int]
    /// For non-ASCII text: how many scalars start before every `checkpointStride`-th byte
    /// offset (0, 32, 64, … and the end); the count before any other offset adds the scalar
    /// starts since the checkpoint below it. Empty for ASCII text, where bytes and scalars
    /// coincide. A count for every byte took four bytes per byte of the lesson (40 MB for a
    /// 10 MB lesson, alive beside both trees while they are largest).
    private let checkpoints: [Int32]
    private static let checkpointStride = 32

    init(text: String) {
        bytes = Array(text.utf8)
        (lineStarts, checkpoints) = bytes.withUnsafeBufferPointer { (Self.lineStarts(of: $0), Self.checkpoints(of: $0)) }
    }

    /// The byte offset of each line's start. Without a carriage return in the text (nearly
    /// every lesson) only line feeds end lines, found with `memchr`; a byte-by-byte loop took
    /// about 25 ms of a 10 MB lesson's build, before its parse could start.
    static func lineStarts(of bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts = [0]
        guard let base = bytes.baseAddress else { return starts }
        let start = UnsafeRawPointer(base)
        if memchr(base, Int32(UInt8(ascii: "\r")), bytes.count) == nil {
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) {
                offset = start.distance(to: UnsafeRawPointer(found)) + 1
                starts.append(offset)
            }
            return starts
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                starts.append(index + 1)
            } else if byte == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    /// `checkpoints` for valid UTF-8: empty when it has no continuation byte (`10xxxxxx`),
    /// that is, when it is ASCII. A whole block of `checkpointStride` bytes is counted eight
    /// bytes at a time (a continuation byte is one whose top bit is set and next bit clear);
    /// counted byte by byte, the 10 MB lesson's placeholders (non-ASCII) cost about 10 ms more
    /// before its parse.
    static func checkpoints(of bytes: UnsafeBufferPointer<UInt8>) -> [Int32] {
        let raw = UnsafeRawBufferPointer(bytes)
        var counts: [Int32] = []
        counts.reserveCapacity(bytes.count / checkpointStride + 2)
        var count: Int32 = 0
        var offset = 0
        while offset + checkpointStride <= bytes.count {
            counts.append(count)
            for word in stride(from: offset, to: offset + checkpointStride, by: 8) {
                let bits = raw.loadUnaligned(fromByteOffset: word, as: UInt64.self)
                let continuations = bits & ~(bits << 1) & 0x8080_8080_8080_8080
                count += 8 - Int32(continuations.nonzeroBitCount)
            }
            offset += checkpointStride
        }
        while offset < bytes.count {
            if offset % checkpointStride == 0 { counts.append(count) }
            if bytes[offset] & 0xC0 != 0x80 { count += 1 }
            offset += 1
        }
        // The end's count last (`scalarsBefore` reads it for the end offset).
        counts.append(count)
        return Int(count) == bytes.count ? [] : counts
    }

    /// How many scalars start before byte `offset` (0...bytes.count): the count at the
    /// checkpoint below it, plus the bytes since that are no continuation byte, counted eight
    /// at a time as in `checkpoints(of:)` (twice per node of a large lesson's tree, byte by
    /// byte this was about a seventh of converting it).
    private func scalarsBefore(_ offset: Int) -> Int {
        if offset == bytes.count { return Int(checkpoints[checkpoints.count - 1]) }
        let block = offset / Self.checkpointStride
        var index = block * Self.checkpointStride
        var count = Int(checkpoints[block]) + offset - index
        bytes.withUnsafeBytes { raw in
            while index + 8 <= offset {
                let bits = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                count -= (bits & ~(bits << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                index += 8
            }
            while index < offset {
                if raw[index] & 0xC0 == 0x80 { count -= 1 }
                index += 1
            }
        }
        return count
    }

    /// How many scalars start before `line` (1...lineStarts.count).
    private func scalarsBefore(lineStart line: Int) -> Int {
        if lineCache.countedLine != line {
            lineCache.scalarsBeforeCountedLine = scalarsBefore(lineStarts[line - 1])
            lineCache.countedLine = line
        }
        return lineCache.scalarsBeforeCountedLine
    }

    /// The scalar column of the character holding byte `byteColumn` (1-based) of `line`.
    func position(line: Int, byteColumn: Int) -> TextPosition {
        guard !checkpoints.isEmpty, line >= 1, line <= lineStarts.count else {
            return TextPosition(line: line, column: max(byteColumn, 1))
        }
        let start = lineStarts[line - 1]
        let byte = start + byteColumn - 1
        guard byte < bytes.count else {
            // Past the end of the text (cmark points one past a final newline).
            let beyond = byte - bytes.count
            return TextPosition(line: line, column: scalarsBefore(bytes.count) - scalarsBefore(start) + beyond + 1)
        }
        // The scalar holding `byte` is the one that starts at or before it.
        return TextPosition(line: line, column: scalarsBefore(byte + 1) - scalarsBefore(lineStart: line))
    }

    /// The label of the footnote definition whose content starts at `byteColumn` of `line`:
    /// the text between the `[^` and `]:` before it (a label holds no spaces or `]`).
    func footnoteLabel(line: Int, byteColumn: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let lineStart = lineStarts[line - 1]
        var end = min(lineStart + max(byteColumn - 1, 0), bytes.count)
        // Back over the spaces after the colon, then expect `]:`.
        while end > lineStart, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end - lineStart >= 2, bytes[end - 1] == UInt8(ascii: ":"), bytes[end - 2] == UInt8(ascii: "]") else { return "" }
        let closing = end - 2
        // The label token starts after the last space or tab (or at the line start).
        var tokenStart = closing
        while tokenStart > lineStart, bytes[tokenStart - 1] != UInt8(ascii: " "), bytes[tokenStart - 1] != UInt8(ascii: "\t") {
            tokenStart -= 1
        }
        var index = tokenStart
        while index + 1 < closing {
            if bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "^") {
                return String(decoding: bytes[(index + 2)..<closing], as: UTF8.self)
            }
            index += 1
        }
        return ""
    }

    /// The last line `scalars(ofLine:)` decoded. Links are converted in document order, so
    /// forty thousand links on one line decode it once, not once each (which was quadratic).
    /// And the last line whose start `scalarsBefore(lineStart:)` counted: the nodes of a line
    /// come one after another, each with a start and an end on it.
    private final class LineCache {
        var line = 0
        var scalars: [Unicode.Scalar] = []
        var countedLine = 0
        var scalarsBeforeCountedLine = 0
    }
    private var lineCache = LineCache()

    /// The same converter with a line cache of its own, for use on another thread.
    func withOwnLineCache() -> ColumnConverter {
        var copy = self
        copy.lineCache = LineCache()
        return copy
    }

    /// The scalars of `line` without its line ending.
    func scalars(ofLine line: Int) -> [Unicode.Scalar] {
        if lineCache.line == line { return lineCache.scalars }
        let scalars = decodeScalars(ofLine: line)
        lineCache.line = line
        lineCache.scalars = scalars
        return scalars
    }

    private func decodeScalars(ofLine line: Int) -> [Unicode.Scalar] {
        guard line >= 1, line <= lineStarts.count else { return [] }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return Array(String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars)
    }

    /// Whether one of `openings` starts at byte `byteColumn` (1-based) of `line`: then, and only
    /// then, ``nearestColumn(line:around:startingAnyOf:)`` finds it at the column of the
    /// character holding that byte, without a line decoded (a byte inside a longer character's
    /// encoding is never the first of an opening's).
    func line(_ line: Int, hasAt byteColumn: Int, anyOf openings: [StaticString]) -> Bool {
        guard line >= 1, line <= lineStarts.count, byteColumn >= 1 else { return false }
        let start = lineStarts[line - 1] + byteColumn - 1
        let end = line < lineStarts.count ? lineStarts[line] : bytes.count
        return openings.contains { opening in
            opening.withUTF8Buffer { pattern in
                start + pattern.count <= end && bytes[start..<(start + pattern.count)].elementsEqual(pattern)
            }
        }
    }

    /// The column nearest to `column` on `line` where one of `openings` starts; `column`
    /// itself when one starts there, nil when none does anywhere on the line.
    func nearestColumn(line: Int, around column: Int, startingAnyOf openings: [String]) -> Int? {
        let text = scalars(ofLine: line)
        let patterns = openings.map { Array($0.unicodeScalars) }
        func matches(at index: Int) -> Bool {
            patterns.contains { pattern in
                index + pattern.count <= text.count && text[index..<(index + pattern.count)].elementsEqual(pattern)
            }
        }
        let origin = column - 1
        for distance in 0..<max(text.count, 1) {
            if origin - distance >= 0, origin - distance < text.count, matches(at: origin - distance) { return origin - distance + 1 }
            if origin + distance < text.count, matches(at: origin + distance) { return origin + distance + 1 }
        }
        return nil
    }
}
