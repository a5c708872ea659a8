import Diagnostics
import Markdown
import TeXMath

/// The pass after parsing: placeholders in text become MathML, placeholders that landed where
/// math cannot be (code, raw HTML, link destinations) become their original text again, and
/// fenced `math` blocks become display math.
///
/// Math is converted only where it is shown, so `$` pairs inside an indented code block never
/// produce TeX errors.
struct ProseMathRenderer {
    let protected: ProtectedMarkdown
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The project's macros and those the lesson defined so far: formulas are converted in
    /// reading order, so a definition applies to the rest of the lesson.
    private(set) var macros: TeXMacros
    /// Conversions already made with the current macros, by display mode and TeX: a formula
    /// written many times (`$x$`, `$A$`) is converted once. Emptied whenever a formula changes
    /// the macros.
    private var converted: [ConversionKey: (markup: Result<String, TeXError>, plainText: String)] = [:]

    private struct ConversionKey: Hashable {
        var tex: String
        var display: Bool
    }

    init(protected: ProtectedMarkdown, file: String, macros: TeXMacros = TeXMacros()) {
        self.protected = protected
        self.file = file
        self.macros = macros
    }

    // MARK: Tree

    mutating func resolve(_ node: MarkdownNode) -> [MarkdownNode] {
        var node = node
        switch node.kind {
        case .code(let code):
            node.kind = .code(restored(code))
            return [node]
        case .codeBlock(var block):
            if block.isFenced, block.language == "math", let span = node.span {
                return mathBlock(block.code, span: span).map { [$0] } ?? []
            }
            block.code = restored(block.code)
            node.kind = .codeBlock(block)
            return [node]
        case .htmlBlock(let html):
            node.kind = .htmlBlock(restored(html))
            return [node]
        case .inlineHTML(let html):
            node.kind = .inlineHTML(restored(html))
            return [node]
        case .link(let destination, let title):
            node.kind = .link(destination: restored(destination, unescaping: true), title: restored(title, unescaping: true))
        case .image(let source, let title):
            node.kind = .image(source: restored(source, unescaping: true), title: restored(title, unescaping: true))
        default:
            break
        }
        guard !node.children.isEmpty else { return [node] }
        node.children = resolveChildren(node.children)
        if case .paragraph = node.kind, let block = Self.displayMathAlone(node.children) {
            return [MarkdownNode(.trustedHTMLBlock(block), span: node.span)]
        }
        if case .paragraph = node.kind, Self.onlyDefinitions(node.children) {
            // `$$\newcommand{\R}{\mathbb{R}}$$` alone: the definitions show nothing, not an empty paragraph.
            return []
        }
        return [node]
    }

    /// A paragraph holding nothing but one display formula becomes a block of its own.
    private static func displayMathAlone(_ children: [MarkdownNode]) -> String? {
        var html: String?
        for child in children {
            switch child.kind {
            case .trustedHTMLInline(let markup, _) where html == nil && markup.hasPrefix("<math display=\"block\""):
                html = markup
            case .softBreak:
                continue
            case .text(let text) where text.allSatisfy(\.isWhitespace):
                continue
            default:
                return nil
            }
        }
        return html
    }

    /// Whether a paragraph holds only formulas that define macros (and white space).
    private static func onlyDefinitions(_ children: [MarkdownNode]) -> Bool {
        var sawDefinition = false
        for child in children {
            switch child.kind {
            case .trustedHTMLInline(let markup, _) where markup.isEmpty: sawDefinition = true
            case .softBreak, .lineBreak: continue
            case .text(let text) where text.allSatisfy(\.isWhitespace): continue
            default: return false
            }
        }
        return sawDefinition
    }

    /// Children with placeholders in their text replaced; a placeholder may run over several
    /// text nodes and soft breaks when the math spans lines.
    private mutating func resolveChildren(_ children: [MarkdownNode]) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        var pendingText = ""
        var pendingSpan: TextSpan?
        var open: (number: Int?, seenNumber: Bool)?
        // The tail of a span whose first line landed in another block (a `$$` opened in a
        // heading, say): that block shows the whole original, so the tail shows nothing.
        var skippingTail = false

        func flushText() {
            if !pendingText.isEmpty {
                result.append(MarkdownNode(.text(pendingText), span: pendingSpan))
            }
            pendingText = ""
            pendingSpan = nil
        }

        for child in children {
            switch child.kind {
            case .text(let text):
                if open == nil && pendingText.isEmpty { pendingSpan = child.span }
                for scalar in text.unicodeScalars {
                    if skippingTail {
                        if scalar == MathPlaceholder.end { skippingTail = false }
                        continue
                    }
                    if open == nil, scalar == MathPlaceholder.continuation {
                        skippingTail = true
                        continue
                    }
                    if var current = open {
                        if !current.seenNumber {
                            // Only numbers of this lesson's spans count: an author who typed
                            // private-use characters gets them back as text.
                            let number = MathPlaceholder.number(of: scalar).flatMap { $0 < protected.spans.count ? $0 : nil }
                            guard let number else {
                                open = nil
                                pendingText.unicodeScalars.append(MathPlaceholder.start)
                                pendingText.unicodeScalars.append(scalar)
                                continue
                            }
                            current.number = number
                            current.seenNumber = true
                            open = current
                        } else if scalar == MathPlaceholder.end {
                            if let number = current.number { result.append(mathInline(number)) }
                            open = nil
                        }
                    } else if scalar == MathPlaceholder.start {
                        flushText()
                        open = (nil, false)
                    } else {
                        pendingText.unicodeScalars.append(scalar)
                    }
                }
            case .softBreak where open != nil || skippingTail, .lineBreak where open != nil || skippingTail:
                continue
            default:
                skippingTail = false
                if let current = open, let number = current.number {
                    // A placeholder cut by other syntax (cannot happen with cmark's rules, but
                    // never lose the author's text): show the original.
                    pendingText += protected.originals[number]
                }
                open = nil
                flushText()
                result.append(contentsOf: resolve(child))
            }
        }
        if let current = open, let number = current.number { pendingText += protected.originals[number] }
        flushText()
        return result
    }

    // MARK: Math

    private mutating func mathInline(_ number: Int) -> MarkdownNode {
        let span = protected.spans[number]
        let start = span.position(ofTeXOffset: 0)
        let nodeSpan = TextSpan(start: start, end: start)
        let key = ConversionKey(tex: span.tex, display: span.isDisplay)
        let conversion: Result<String, TeXError>
        let plainText: String
        if let known = converted[key] {
            (conversion, plainText) = known
        } else {
            let before = macros
            do throws(TeXError) {
                let parsed = try TeXToMathML.parse(span.tex, display: span.isDisplay, macros: &macros, origin: { offset in
                    let position = span.position(ofTeXOffset: offset)
                    return "\(file):\(position.line):\(position.column)"
                })
                conversion = .success(parsed.definesOnly ? "" : TeXToMathML.mathML(for: parsed))
                plainText = parsed.definesOnly ? "" : Self.plainText(span.tex)
            } catch {
                conversion = .failure(error)
                plainText = Self.plainText(span.tex)
            }
            if macros == before {
                converted[key] = (conversion, plainText)
            } else {
                converted.removeAll()
            }
        }
        switch conversion {
        case .success(let html):
            return MarkdownNode(.trustedHTMLInline(html: html, plainText: plainText), span: nodeSpan)
        case .failure(let error):
            diagnostics.append(MathDiagnostic.make(error, file: file, position: span.position(ofTeXOffset:)))
            let html = "<code class=\"math-error\" title=\"\(escapeHTML(error.message))\">\(escapeHTML(protected.originals[number]))</code>"
            return MarkdownNode(.trustedHTMLInline(html: html, plainText: plainText), span: nodeSpan)
        }
    }

    /// A ```` ```math ```` block as display math; `nil` when it only defines macros.
    private mutating func mathBlock(_ code: String, span: TextSpan) -> MarkdownNode? {
        let firstLine = span.start.line + 1
        let column = span.start.column
        let position = { (offset: Int) -> TextPosition in
            var line = firstLine
            var lineStart = 0
            for (index, scalar) in code.unicodeScalars.enumerated() where index < offset && scalar == "\n" {
                line += 1
                lineStart = index + 1
            }
            return TextPosition(line: line, column: column + offset - lineStart)
        }
        let file = self.file
        do {
            let parsed = try TeXToMathML.parse(code, display: true, macros: &macros, origin: { offset in
                let place = position(offset)
                return "\(file):\(place.line):\(place.column)"
            })
            if parsed.definesOnly { return nil }
            return MarkdownNode(.trustedHTMLBlock(TeXToMathML.mathML(for: parsed)), span: span)
        } catch {
            diagnostics.append(MathDiagnostic.make(error, file: file, position: position))
            let html = "<pre class=\"math-error\" title=\"\(escapeHTML(error.message))\"><code>\(escapeHTML(code))</code></pre>"
            return MarkdownNode(.trustedHTMLBlock(html), span: span)
        }
    }

    /// What stands for a formula in heading anchors and titles: its TeX, single-spaced.
    static func plainText(_ tex: String) -> String {
        tex.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    // MARK: Restoring

    /// `text` with every placeholder replaced by the original math source. In a link's
    /// destination and title cmark has already taken out Markdown's backslash escapes, so there
    /// (`unescaping`) the original loses them too: `[link](\(foo\))` goes to `(foo)`.
    func restored(_ text: String, unescaping: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { $0 == MathPlaceholder.start || $0 == MathPlaceholder.continuation }) else {
            return text
        }
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == MathPlaceholder.continuation {
                // The tail of a span restored (or shown) where it began.
                while let inner = scalars.next(), inner != MathPlaceholder.end {}
                continue
            }
            guard scalar == MathPlaceholder.start else {
                result.unicodeScalars.append(scalar)
                continue
            }
            guard let next = scalars.next() else {
                result.unicodeScalars.append(scalar)
                break
            }
            guard let number = MathPlaceholder.number(of: next), number < protected.originals.count else {
                result.unicodeScalars.append(scalar)
                result.unicodeScalars.append(next)
                continue
            }
            while let inner = scalars.next(), inner != MathPlaceholder.end {}
            result += unescaping ? Self.removingBackslashEscapes(protected.originals[number]) : protected.originals[number]
        }
        return result
    }

    /// CommonMark's backslash escapes (a backslash before ASCII punctuation) taken out.
    static func removingBackslashEscapes(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\", let next = scalars.first, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(next) {
                result.append(next)
                scalars.removeFirst()
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
