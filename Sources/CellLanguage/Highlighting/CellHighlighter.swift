import SwiftParser
import SwiftSyntax

/// A run of a cell's source text with the kind of token it is, for syntax highlighting.
public struct HighlightedRun: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case plain, keyword, identifier, builtin, type, number, string, `operator`, comment, attribute, macro, punctuation
    }

    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}

/// Classifies a cell's source from swift-syntax's own tokens, so pages highlight cells the way
/// the parser reads them (no client-side highlighter, no second grammar to keep in step).
///
/// Works on any text, including cells with syntax errors: the parser always produces a tree
/// whose tokens and trivia cover the source exactly.
public enum CellHighlighter {
    /// The runs covering `text` exactly, in order; adjacent runs of one kind are merged.
    public static func highlight(_ text: String) -> [HighlightedRun] {
        highlight(CellSyntaxTree(text))
    }

    /// The runs of a cell already read for running it (one parse for both).
    public static func highlight(_ cell: ParsedCell) -> [HighlightedRun] {
        cell.reading.highlighted
    }

    static func highlight(_ syntax: CellSyntaxTree) -> [HighlightedRun] {
        let text = syntax.text
        // A cell past the source limits (thirty `[[[…`, ten thousand brackets) is refused by the
        // parser stage; swift-syntax would take minutes or the whole stack to read it, so it
        // is shown as plain text.
        guard syntax.limitError == nil, let tree = syntax.tree else { return text.isEmpty ? [] : [HighlightedRun(.plain, text)] }
        var runs: [HighlightedRun] = []
        func append(_ kind: HighlightedRun.Kind, _ piece: String) {
            guard !piece.isEmpty else { return }
            if let last = runs.last, last.kind == kind {
                runs[runs.count - 1].text += piece
            } else {
                runs.append(HighlightedRun(kind, piece))
            }
        }
        func appendTrivia(_ trivia: Trivia) {
            for piece in trivia.pieces {
                var written = ""
                piece.write(to: &written)
                switch piece {
                case .lineComment, .blockComment, .docLineComment, .docBlockComment:
                    append(.comment, written)
                default:
                    append(.plain, written)
                }
            }
        }
        var previous: TokenSyntax?
        for token in tree.tokens(viewMode: .sourceAccurate) {
            appendTrivia(token.leadingTrivia)
            append(kind(of: token, after: previous), token.text)
            appendTrivia(token.trailingTrivia)
            previous = token
        }
        return runs
    }

    private static func kind(of token: TokenSyntax, after previous: TokenSyntax?) -> HighlightedRun.Kind {
        switch token.tokenKind {
        case .keyword:
            return .keyword
        case .integerLiteral, .floatLiteral:
            return .number
        case .stringSegment, .stringQuote, .multilineStringQuote, .singleQuote, .rawStringPoundDelimiter:
            return .string
        case .binaryOperator, .prefixOperator, .postfixOperator, .equal, .arrow, .exclamationMark,
             .infixQuestionMark, .postfixQuestionMark:
            return .operator
        case .pound:
            return .macro
        case .atSign:
            return .attribute
        case .identifier(let name):
            if previous?.tokenKind == .pound { return .macro }
            if previous?.tokenKind == .atSign { return .attribute }
            if shapeTypes.contains(name) { return .type }
            if builtins.contains(name) { return .builtin }
            return .identifier
        case .endOfFile:
            return .plain
        default:
            return .punctuation
        }
    }

    /// The type names of declarations (`Scalar`, `Vector<n>`, `Matrix<m, n>`).
    static let shapeTypes: Set<String> = ["Scalar", "Vector", "Matrix"]

    /// Names of the language's built-in functions (from the one list of built-ins), shown apart
    /// from the author's own names.
    static let builtins: Set<String> = Set(Builtins.signatures.keys).union(["evaluate", "evaluated"])
}
