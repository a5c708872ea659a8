/// Prose math as Jupyter's MathJax reads it. calcbook's TeX subset has no macros, but it has a
/// few commands MathJax's default packages lack; each becomes the command MathJax has that
/// looks the same. Everything else is standard `amsmath` and stays as written.
public enum JupyterTeX {
    /// Command → what MathJax writes the same way.
    static let replacements: [String: String] = [
        "bm": "\\boldsymbol",
        "mathbfit": "\\boldsymbol",
        "coloneqq": "\\mathrel{:=}",
        "degree": "{}^{\\circ}",
        "textnormal": "\\text",
        "textup": "\\text",
        "medspace": "\\:",
        "thickspace": "\\;",
    ]

    /// `markdown` with the commands above replaced inside its `$…$` and `$$…$$` math (and only
    /// there: the same words in prose or code are left alone).
    public static func normalizingMath(in markdown: String) -> String {
        // Most text names none of the commands: one pass over the bytes says so, without
        // looking for math (it may say yes outside math; the full pass then decides).
        guard namesAReplacedCommand(markdown) else { return markdown }
        let spans = MathSpanScanner.spans(in: markdown)
        guard !spans.isEmpty else { return markdown }
        // The spans' ranges are UTF-8 offsets.
        let bytes = Array(markdown.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        for span in spans {
            result.append(contentsOf: bytes[index..<span.range.lowerBound])
            let formula = String(decoding: bytes[span.range], as: UTF8.self)
            result.append(contentsOf: normalizing(Array(formula.unicodeScalars)).utf8)
            index = span.range.upperBound
        }
        result.append(contentsOf: bytes[index...])
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether a `\name` of `replacements` occurs anywhere in `text`. Runs over every Markdown
    /// cell of every notebook: it reads the text's bytes in place and compares each command's
    /// name with the replaced names byte by byte (a copy of the text, and a String and a hash
    /// per command, were most of the notebook's TeX pass).
    static func namesAReplacedCommand(_ text: String) -> Bool {
        var text = text
        let names = replacedNames
        return text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "\\") else {
                    index += 1
                    continue
                }
                var end = index + 1
                while end < bytes.count, isASCIILetter(bytes[end]) { end += 1 }
                let name = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end])
                if names.contains(where: { $0.elementsEqual(name) }) { return true }
                // Past the name, or past the backslash alone (`\\bm` counts: a false alarm only
                // costs the full pass).
                index = end > index + 1 ? end : index + 1
            }
            return false
        }
    }

    /// The names of `replacements`, as UTF-8.
    private static let replacedNames = replacements.keys.map { Array($0.utf8) }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// One formula's TeX with each command of `replacements` replaced (a command's name is
    /// its letters after the backslash; `\\` is a line break, not a command).
    public static func normalizing(_ tex: [Unicode.Scalar]) -> String {
        var result = String.UnicodeScalarView()
        var index = 0
        while index < tex.count {
            let scalar = tex[index]
            guard scalar == "\\", index + 1 < tex.count else {
                result.append(scalar)
                index += 1
                continue
            }
            var end = index + 1
            while end < tex.count, tex[end].isASCII, tex[end].properties.isAlphabetic { end += 1 }
            if end == index + 1 {
                // `\\`, `\{`, `\,`: one escaped character.
                result.append(contentsOf: tex[index...index + 1])
                index += 2
                continue
            }
            let name = String(String.UnicodeScalarView(tex[index + 1..<end]))
            if let replacement = replacements[name] {
                result.append(contentsOf: replacement.unicodeScalars)
            } else {
                result.append(contentsOf: tex[index..<end])
            }
            index = end
        }
        return String(result)
    }
}
