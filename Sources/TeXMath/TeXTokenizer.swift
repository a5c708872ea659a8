/// Splits TeX source into tokens the way TeX's eyes do, minus catcode changes.
///
/// Comments (`%` to end of line) vanish; a control word swallows the spaces after it
/// (`\alpha x` is `\alpha` then `x`), which matters only inside `\text{…}`.
enum TeXTokenizer {
    static func tokenize(_ source: [Unicode.Scalar]) -> [TeXToken] {
        var tokens: [TeXToken] = []
        var index = 0
        while index < source.count {
            let scalar = source[index]
            let start = index
            switch scalar {
            case "\\":
                index += 1
                if index >= source.count {
                    // A lone backslash at the end: reported by the parser as an unknown command.
                    tokens.append(TeXToken(kind: .command(""), offset: start, length: 1))
                    continue
                }
                if isASCIILetter(source[index]) {
                    var name = ""
                    while index < source.count, isASCIILetter(source[index]) {
                        name.unicodeScalars.append(source[index])
                        index += 1
                    }
                    tokens.append(TeXToken(kind: .command(name), offset: start, length: index - start))
                    while index < source.count, isSpace(source[index]) { index += 1 }
                } else {
                    tokens.append(TeXToken(kind: .command(String(source[index])), offset: start, length: 2))
                    index += 1
                }
            case "%":
                while index < source.count, source[index] != "\n" { index += 1 }
            case "{":
                tokens.append(TeXToken(kind: .beginGroup, offset: start, length: 1)); index += 1
            case "}":
                tokens.append(TeXToken(kind: .endGroup, offset: start, length: 1)); index += 1
            case "^":
                tokens.append(TeXToken(kind: .superscriptMark, offset: start, length: 1)); index += 1
            case "_":
                tokens.append(TeXToken(kind: .subscriptMark, offset: start, length: 1)); index += 1
            case "&":
                tokens.append(TeXToken(kind: .alignment, offset: start, length: 1)); index += 1
            default:
                if isSpace(scalar) {
                    while index < source.count, isSpace(source[index]) { index += 1 }
                    tokens.append(TeXToken(kind: .space, offset: start, length: index - start))
                } else {
                    tokens.append(TeXToken(kind: .character(scalar), offset: start, length: 1))
                    index += 1
                }
            }
        }
        tokens.append(TeXToken(kind: .end, offset: source.count, length: 0))
        return tokens
    }

    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z")
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r"
    }
}
