/// A problem found in a lesson, a cell, a template or a link, as data.
///
/// Every stage of calcbook reports problems as `Diagnostic` values and never prints them
/// itself; the writers in this module (text, JSON, GitHub annotations) turn the same values
/// into each output form. This keeps "what went wrong" apart from "how it is shown", as in
/// DocC's and swift-syntax's diagnostics.
public struct Diagnostic: Hashable, Sendable, Codable {
    /// A stable rule name such as `cell.shape-mismatch` or `link.missing-fragment`: tools
    /// and tests match on it, so it never changes once published.
    public var id: String
    public var severity: Severity
    /// One sentence a newcomer understands, without a trailing period.
    public var message: String
    /// Where the caret goes. `nil` only for problems that belong to no file (a missing folder).
    public var location: SourceLocation?
    /// Ranges underlined with `~` on the caret's line (the operands of an operator, say).
    public var highlights: [SourceRange]
    public var notes: [Note]
    public var fixIts: [FixIt]

    public init(
        id: String,
        severity: Severity = .error,
        message: String,
        location: SourceLocation?,
        highlights: [SourceRange] = [],
        notes: [Note] = [],
        fixIts: [FixIt] = []
    ) {
        self.id = id
        self.severity = severity
        self.message = message
        self.location = location
        self.highlights = highlights
        self.notes = notes
        self.fixIts = fixIts
    }

    /// An additional remark, optionally pointing somewhere else (where a symbol was declared).
    public struct Note: Hashable, Sendable, Codable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// A suggested edit: replace the text in `range` with `replacement`.
    public struct FixIt: Hashable, Sendable, Codable {
        public var message: String
        public var range: SourceRange
        public var replacement: String

        public init(_ message: String, range: SourceRange, replacement: String) {
            self.message = message
            self.range = range
            self.replacement = replacement
        }
    }
}

public enum Severity: String, Hashable, Sendable, Comparable, Codable {
    case error, warning, note

    private var rank: Int {
        switch self {
        case .error: 2
        case .warning: 1
        case .note: 0
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

extension Diagnostic {
    /// Orders diagnostics as a reader meets them: by file, then line, then column.
    public static func sourceOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        switch (a.location, b.location) {
        case let (l?, r?): return l < r
        case (nil, _?): return true
        default: return false
        }
    }
}
