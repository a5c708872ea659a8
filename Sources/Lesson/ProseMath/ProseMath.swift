import Diagnostics
import Markdown
import TeXMath

/// Lesson Markdown with its prose math replaced by placeholders, ready for cmark.
public struct ProtectedMarkdown: Sendable {
    /// The Markdown to parse: same lines and columns as the original.
    public var text: String
    /// The math spans, in order; a placeholder's number indexes this array.
    public var spans: [MathSpan]
    /// The original text of each span, delimiters included, for restoring it where math
    /// cannot be (inside code, raw HTML or a link destination).
    public var originals: [String]
}

/// Prose math: `$…$`, `$$…$$` and ```` ```math ```` blocks of a lesson, as MathML.
///
/// cmark would read `_` and `*` inside math as emphasis and eat the backslash of `\{`, so math
/// is taken out before parsing (``protect(_:)``) and put back as trusted MathML afterwards
/// (``render(_:protected:file:)``), where TeX errors become diagnostics at the lesson's line
/// and column.
public enum ProseMath {
    /// Replaces each math span of `markdown` by a placeholder cmark leaves alone.
    public static func protect(_ markdown: String) -> ProtectedMarkdown {
        let scalars = MathSpanScanner.scalars(of: markdown)
        let spans = MathSpanScanner.spans(inScalars: scalars)
        guard !spans.isEmpty else { return ProtectedMarkdown(text: markdown, spans: [], originals: []) }
        // The text between spans is copied as UTF-8 slices of the original (scalar-exact: a
        // character-wise slice would round an end inside a cluster), found by adding up the
        // scalars' UTF-8 widths; only the placeholders are encoded scalar by scalar.
        var markdown = markdown
        let (text, originals, kept) = markdown.withUTF8 { source in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count + spans.count * 8)
            var originals: [String] = []
            var kept: [MathSpan] = []
            var scalarCursor = 0, byteCursor = 0
            /// The UTF-8 offset of scalar `offset` (at or after the cursor), moving the cursor there.
            func byteOffset(of offset: Int) -> Int {
                while scalarCursor < offset {
                    byteCursor += UTF8.width(scalars[scalarCursor])
                    scalarCursor += 1
                }
                return byteCursor
            }
            var copied = 0
            for span in spans where kept.count < MathPlaceholder.maximumSpans {
                let start = byteOffset(of: span.range.lowerBound)
                let end = byteOffset(of: span.range.upperBound)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied..<start]))
                for scalar in MathPlaceholder.text(for: span, number: kept.count, original: scalars[span.range]) {
                    UTF8.encode(scalar) { bytes.append($0) }
                }
                originals.append(String(decoding: UnsafeBufferPointer(rebasing: source[start..<end]), as: UTF8.self))
                kept.append(span)
                copied = end
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[copied...]))
            return (String(decoding: bytes, as: UTF8.self), originals, kept)
        }
        return ProtectedMarkdown(text: text, spans: kept, originals: originals)
    }

    /// Puts the math back into the parsed document as MathML, and reports TeX errors;
    /// `inHalves` reads and writes it with a second thread (`ProseMathRenderer.collectInHalves`,
    /// `writeInHalves`).
    /// Takes `document` over: pass the only reference to it (`consume`) and its nodes are freed
    /// as their MathML versions are made.
    public static func render(
        _ document: consuming MarkdownNode, protected: ProtectedMarkdown, file: String, macros: ProjectMacros = ProjectMacros(),
        inHalves: Bool = false
    ) -> (document: MarkdownNode, diagnostics: [Diagnostic], equationLabels: [String]) {
        // Most Markdown has no math: leave its tree as cmark made it (and never recurse into
        // a pathologically deep document that has nothing to convert).
        if protected.spans.isEmpty && !containsMathBlock(document) { return (document, [], []) }
        var renderer = ProseMathRenderer(protected: protected, file: file, macros: macros.macros, shared: macros.formulas)
        let halves = inHalves && document.children.count > 1 && document.children.allSatisfy(\.kind.isBlock)
        if halves {
            renderer.collectInHalves(document)
        } else {
            _ = renderer.resolve(copy document)
        }
        renderer.numberEquations()
        renderer.phase = .write
        if halves { return (renderer.writeInHalves(consume document), renderer.diagnostics, renderer.equationLabels) }
        // A document node always resolves to itself, rewritten.
        let rendered = renderer.resolve(consume document)
        return (rendered.first ?? MarkdownNode(.document), renderer.diagnostics, renderer.equationLabels)
    }

    private static func containsMathBlock(_ document: MarkdownNode) -> Bool {
        var found = false
        document.forEachNode { node in
            if case .codeBlock(let block) = node.kind, block.isFenced, block.language == "math" { found = true }
        }
        return found
    }
}
