import SwiftOperators
import SwiftParser
import SwiftSyntax

/// The operators of the cell language and their precedence, as Swift declarations.
///
/// Swift's standard table puts `^` at addition precedence and knows none of `⊙ ⊗ ⊘ •`, so the
/// cell language folds operator sequences with its own table. The folder itself needs the
/// groups named Assignment, FunctionArrow, Ternary and Casting to exist.
enum CellOperators {
    static let prelude = """
        precedencegroup AssignmentPrecedence { assignment: true associativity: right }
        precedencegroup FunctionArrowPrecedence { associativity: right higherThan: AssignmentPrecedence }
        precedencegroup TernaryPrecedence { associativity: right higherThan: FunctionArrowPrecedence }
        precedencegroup ComparisonPrecedence { higherThan: TernaryPrecedence }
        precedencegroup CastingPrecedence { higherThan: ComparisonPrecedence }
        precedencegroup AdditionPrecedence { associativity: left higherThan: CastingPrecedence }
        precedencegroup MultiplicationPrecedence { associativity: left higherThan: AdditionPrecedence }
        precedencegroup PowerPrecedence { associativity: right higherThan: MultiplicationPrecedence }
        infix operator == : ComparisonPrecedence
        infix operator + : AdditionPrecedence
        infix operator - : AdditionPrecedence
        infix operator * : MultiplicationPrecedence
        infix operator / : MultiplicationPrecedence
        infix operator ⊙ : MultiplicationPrecedence
        infix operator .* : MultiplicationPrecedence
        infix operator ⊗ : MultiplicationPrecedence
        infix operator ⊘ : MultiplicationPrecedence
        infix operator ./ : MultiplicationPrecedence
        infix operator • : MultiplicationPrecedence
        infix operator ^ : PowerPrecedence
        prefix operator -
        prefix operator +
        prefix operator ∂
        prefix operator ∇
        """

    /// The left-associative groups: operators of one group chain without parentheses
    /// (`a + b - c`, `a * b / c`).
    static let additive: Set<String> = ["+", "-"]
    static let multiplicative: Set<String> = ["*", "/", "⊙", ".*", "⊗", "⊘", "./", "•"]

    /// Whether `a` and `b` are left-associative operators of the same precedence.
    static func sameLeftAssociativeGroup(_ a: String, _ b: String) -> Bool {
        (additive.contains(a) && additive.contains(b)) || (multiplicative.contains(a) && multiplicative.contains(b))
    }

    static let infix: Set<String> = ["==", "+", "-", "*", "/", "⊙", ".*", "⊗", "⊘", "./", "•", "^"]
    static let prefix: Set<String> = ["-", "+", "∂", "∇"]

    /// Built once; the prelude is a constant, so a failure here is a bug caught by every test.
    static let table: OperatorTable = {
        var table = OperatorTable()
        table.addSourceFile(Parser.parse(source: prelude)) { _ in }
        return table
    }()
}
