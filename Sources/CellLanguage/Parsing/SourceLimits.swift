import SwiftSyntax

/// Limits on a cell checked before anything recurses over it, each a located diagnostic.
///
/// swift-syntax's parser, its operator folding and its diagnostics recurse once per level of
/// nesting, and folding recurses once per `^` of a power tower: ten thousand nested brackets or
/// a tower of ten thousand powers would end the stack (a crash, not a diagnostic). The cell
/// language cannot use such depth anyway (`NestingLimit`), so it is refused up front:
/// - brackets, parentheses, braces and angle brackets nest at most `maximumDepth` deep, read
///   from the text (comments and string literals skipped) before the parser runs;
/// - square brackets nest at most `maximumSquareBracketDepth` deep: swift-syntax looks ahead at
///   every `[` for an inline-array type (`[3 of Int]`), and on `[[[[…` each level looks twice,
///   so thirty levels took minutes (2ⁿ); a matrix literal needs two;
/// - one operator sequence (`a + b * c …`) holds at most `maximumOperators` operators and at
///   most `maximumDepth` right-associative ones (`^`, `=`), checked before it is folded.
enum SourceLimits {
    static let maximumDepth = NestingLimit.maximumDepth
    static let maximumSquareBracketDepth = 10
    static let maximumOperators = 10_000

    /// The first bracket nested deeper than `maximumDepth`, as an error.
    static func checkBrackets(_ text: String) -> CellError? {
        let bytes = Array(text.utf8)
        var depth = 0
        // Open brackets, innermost last, so that square ones are counted apart.
        var open: [UInt8] = []
        var squareDepth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch byte {
            case UInt8(ascii: "/") where next == UInt8(ascii: "/"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                // Swift's block comments nest.
                var level = 0
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                        level += 1; index += 2; continue
                    }
                    if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                        level -= 1; index += 2
                        if level == 0 { break }
                        continue
                    }
                    index += 1
                }
                continue
            case UInt8(ascii: "\""):
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\n") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "<"):
                depth += 1
                open.append(byte)
                if byte == UInt8(ascii: "[") { squareDepth += 1 }
                if squareDepth > maximumSquareBracketDepth {
                    return CellError(
                        id: .budgetExceeded,
                        message: "square brackets are nested more than \(maximumSquareBracketDepth) levels deep, the limit of a cell (a matrix literal needs two)",
                        span: CellSpan(index, index + 1),
                        notes: [.init(message: "split it with let bindings: let a = [[…]]; let b = [a, …]", span: nil)]
                    )
                }
                if depth > maximumDepth {
                    return CellError(
                        id: .budgetExceeded,
                        message: "brackets are nested more than \(maximumDepth) levels deep, the nesting limit of a cell",
                        span: CellSpan(index, index + 1),
                        notes: [.init(message: "split it with let bindings: let a = …; let b = [a, …]", span: nil)]
                    )
                }
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ">"):
                depth = max(0, depth - 1)
                if open.popLast() == UInt8(ascii: "[") { squareDepth -= 1 }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// Syntax nodes a path from the root may pass through. Each level of real nesting takes two
    /// to four (`[a]` is an array, its element list, an element), so this is above anything
    /// `NestingLimit` lets through, and it also bounds chains without brackets: `x.T.T…`,
    /// `x[0][0]…`, `f(x)(x)…` nest one node per step, and swift-syntax's visitors recurse once
    /// per node.
    static let maximumSyntaxDepth = 5 * maximumDepth

    /// The first node nested too deep, or operator sequence too long or too tall to fold, as an
    /// error. Iterative: it runs before anything recursive sees the parsed tree.
    static func checkTree(_ tree: SourceFileSyntax) -> CellError? {
        var stack: [(node: Syntax, depth: Int)] = [(Syntax(tree), 0)]
        while let (node, depth) = stack.popLast() {
            if depth > maximumSyntaxDepth {
                return CellError(
                    id: .budgetExceeded,
                    message: "the expression is nested more than \(maximumDepth) levels deep, the nesting limit of a cell",
                    span: node.trimmedSpan,
                    notes: [.init(message: "split it with let bindings: let a = …; let b = a.T", span: nil)]
                )
            }
            if let sequence = node.as(SequenceExprSyntax.self) {
                var operators = 0, rightAssociative = 0
                for element in sequence.elements {
                    let name: String
                    if let binary = element.as(BinaryOperatorExprSyntax.self) {
                        name = binary.operator.text
                    } else if element.is(AssignmentExprSyntax.self) {
                        name = "="
                    } else if element.is(UnresolvedTernaryExprSyntax.self) || element.is(UnresolvedAsExprSyntax.self)
                        || element.is(UnresolvedIsExprSyntax.self) || element.is(ArrowExprSyntax.self) {
                        name = ""
                    } else {
                        continue
                    }
                    operators += 1
                    if name == "^" || name == "=" { rightAssociative += 1 }
                    if operators > maximumOperators {
                        return CellError(
                            id: .budgetExceeded,
                            message: "the expression has more than \(maximumOperators) operators, the length limit of one expression in a cell",
                            span: element.trimmedSpan,
                            notes: [.init(message: "split it with let bindings: let a = …; let b = a + …", span: nil)]
                        )
                    }
                    if rightAssociative > maximumDepth {
                        return CellError(
                            id: .budgetExceeded,
                            message: "the powers are nested more than \(maximumDepth) levels deep, the nesting limit of a cell",
                            span: element.trimmedSpan,
                            notes: [.init(message: "split it with let bindings: let a = x^…; let b = x^a", span: nil)]
                        )
                    }
                }
            }
            for child in node.children(viewMode: .sourceAccurate) { stack.append((child, depth + 1)) }
        }
        return nil
    }
}
