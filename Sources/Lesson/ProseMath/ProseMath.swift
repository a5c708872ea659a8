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
        protect(markdown, inHalves: markdown.utf8.count >= LessonRenderer.sideThreadBytes)
    }

    /// `protect`, a large lesson's text in two halves at once when `inHalves`
    /// (`MathProtection`; tests compare both ways).
    static func protect(_ markdown: String, inHalves: Bool) -> ProtectedMarkdown {
        var markdown = markdown
        let protected = markdown.withUTF8 { MathProtection(source: $0).protect(inHalves: inHalves) }
        return protected ?? ProtectedMarkdown(text: markdown, spans: [], originals: [])
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
