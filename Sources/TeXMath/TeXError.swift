/// Why a TeX formula could not be converted, and where.
///
/// `offset` and `length` count **Unicode scalars** from the start of the TeX source given to
/// ``TeXToMathML/convert(_:display:)``, the same unit as a `SourceLocation` column, so a caller
/// that knows where the formula starts in a lesson file can turn the offset into a line and column
/// without re-encoding anything.
public struct TeXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; its raw value is the diagnostic identifier the lesson pipeline reports.
    public enum Kind: String, Sendable, CaseIterable {
        case unknownCommand = "math.unknown-command"
        case unknownEnvironment = "math.unknown-environment"
        case environmentMismatch = "math.environment-mismatch"
        case unbalancedBrace = "math.unbalanced-brace"
        case missingRight = "math.missing-right"
        case unmatchedRight = "math.unmatched-right"
        case invalidDelimiter = "math.invalid-delimiter"
        case missingArgument = "math.missing-argument"
        case scriptWithoutBase = "math.script-without-base"
        case missingScript = "math.missing-script"
        case doubleScript = "math.double-script"
        case misplacedAlignment = "math.misplaced-alignment"
        case misplacedCommand = "math.misplaced-command"
        case missingEnd = "math.missing-end"
        case unexpectedCharacter = "math.unexpected-character"
        case tooDeep = "math.too-deep"
        /// `\newcommand{\f}[x]`, `#3` in a macro of two arguments, a definition without a body.
        case macroArguments = "math.macro-arguments"
        /// `\newcommand` of a name already defined (or built in), `\renewcommand` of an undefined one.
        case macroRedefinition = "math.macro-redefinition"
        /// A macro that expands into itself, or past the size limit.
        case macroRecursion = "math.macro-recursion"
    }

    public var kind: Kind
    /// One sentence, without a trailing period, naming the offending TeX.
    public var message: String
    /// Start of the offending text, in Unicode scalars from the start of the TeX source.
    public var offset: Int
    /// Length of the offending text in Unicode scalars (at least 1 unless the formula is empty).
    public var length: Int
    /// A replacement for the offending text that probably fixes it (a nearest known command).
    public var suggestion: String?
    /// A sentence that helps further (how to define a missing command), shown as a note.
    public var hint: String?

    public init(_ kind: Kind, _ message: String, offset: Int, length: Int, suggestion: String? = nil, hint: String? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
        self.length = length
        self.suggestion = suggestion
        self.hint = hint
    }

    public var description: String { "\(offset): \(message)" }
}
