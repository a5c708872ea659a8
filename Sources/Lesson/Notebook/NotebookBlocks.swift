import Markdown

/// Callouts and figures in a notebook's Markdown cells. Jupyter's Markdown knows neither
/// GitHub's `> [!NOTE]` (it shows the marker as text) nor captions (an image's title is only a
/// tooltip), so the lines that carry them are rewritten into Markdown every viewer shows:
///
///     > [!WARNING] Shapes must agree      →   > **Warning: Shapes must agree**
///     > The product …                         >
///                                             > The product …
///
///     ![A neuron](neuron.svg "Caption")   →   ![A neuron](neuron.svg "Caption")
///                                             
///                                             *Caption*
struct NotebookBlocks {
    /// A line to replace (from `column`, 1-based, to its end) and an empty continuation line
    /// to add after it, so the title stands apart from the callout's text.
    struct CalloutLine {
        var line: Int
        var column: Int
        var kind: MarkdownNode.CalloutKind
    }

    /// A caption paragraph to add after `line`, with the container prefix of the figure's line.
    struct Caption {
        var line: Int
        var prefix: [Unicode.Scalar]
        var text: String
    }

    var callouts: [Int: CalloutLine] = [:]
    var captions: [Int: Caption] = [:]

    init(_ document: MarkdownNode, lines: LessonLines) {
        // Block quotes and paragraphs are held by containers only.
        document.forEachBlock { node in
            switch node.kind {
            case .blockQuote:
                guard let marker = Callouts.marker(of: node.node), let kind = marker.kind else { return }
                callouts[marker.position.line] = CalloutLine(line: marker.position.line, column: marker.position.column, kind: kind)
            case .paragraph:
                guard let image = Figures.loneImage(among: node.children), case .image(_, let title) = image.kind, !title.isEmpty,
                      let span = node.span, span.start.line >= 1, span.start.line <= lines.count else { return }
                // `> - ![…]` → `>   `: the containers of the line, list markers as spaces.
                let prefix = lines[span.start.line - 1].prefix(max(span.start.column - 1, 0)).map { $0 == ">" ? $0 : " " }
                captions[span.end.line] = Caption(line: span.end.line, prefix: prefix, text: title)
            default:
                break
            }
        }
    }

    var isEmpty: Bool { callouts.isEmpty && captions.isEmpty }

    /// Whether `apply` would change any of lesson lines `lines` (1-based).
    func changesAny(of lines: ClosedRange<Int>) -> Bool {
        guard !isEmpty else { return false }
        // By the smaller side: a cell's few lines, or the lesson's few callouts and captions.
        if lines.count <= callouts.count + captions.count {
            return lines.contains { callouts[$0] != nil || captions[$0] != nil }
        }
        return callouts.keys.contains(where: lines.contains) || captions.keys.contains(where: lines.contains)
    }

    /// `lines`, the lines of one Markdown cell starting at lesson line `firstLine`, with the
    /// callout markers and captions rewritten.
    func apply(to lines: [[Unicode.Scalar]], firstLine: Int) -> [[Unicode.Scalar]] {
        guard !isEmpty else { return lines }
        var result: [[Unicode.Scalar]] = []
        result.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated() {
            let number = firstLine + index
            if let callout = callouts[number], let rewritten = Self.calloutTitle(line, callout) {
                result.append(rewritten.title)
                result.append(rewritten.continuation)
            } else {
                result.append(line)
            }
            if let caption = captions[number] {
                let blank = Array(String(String.UnicodeScalarView(caption.prefix)).trimmingSpaces().unicodeScalars)
                result.append(blank)
                result.append(caption.prefix + Array(("*" + Self.escaped(caption.text) + "*").unicodeScalars))
            }
        }
        return result
    }

    /// `> [!WARNING] Shapes must agree` → `> **Warning: Shapes must agree**` and `>`.
    static func calloutTitle(_ line: [Unicode.Scalar], _ callout: CalloutLine) -> (title: [Unicode.Scalar], continuation: [Unicode.Scalar])? {
        let start = callout.column - 1
        guard start >= 0, start < line.count, line[start] == "[", let close = line[start...].firstIndex(of: "]") else { return nil }
        let prefix = Array(line[..<start])
        let title = String(String.UnicodeScalarView(line[(close + 1)...])).trimmingSpaces()
        let heading = "**" + callout.kind.defaultTitle + (title.isEmpty ? "" : ": " + title) + "**"
        let continuation = Array(String(String.UnicodeScalarView(prefix)).trimmingSpaces().unicodeScalars)
        return (prefix + Array(heading.unicodeScalars), continuation)
    }

    /// A caption is plain text (an image title): Markdown's emphasis and link characters in it
    /// are escaped so it reads as written.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#".contains(character) { result.append("\\") }
            result.append(character == "\n" ? " " : character)
        }
        return result
    }
}
