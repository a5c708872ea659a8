import Diagnostics

/// A problem in a cell, positioned in the cell's own text; `CellPositionMap` turns it into a
/// `Diagnostic` that points into the lesson file.
///
/// Every stage (parsing, lowering, interpretation) throws this one type, so a cell stops at its
/// first problem and the session reports it in one place.
struct CellError: Error, Sendable {
    var id: DiagnosticID
    var message: String
    var span: CellSpan
    var highlights: [CellSpan] = []
    var notes: [Note] = []
    var fixIts: [FixIt] = []

    struct Note: Sendable {
        var message: String
        var span: CellSpan?
        /// A position outside the current cell (the body of a function defined earlier).
        var location: SourceLocation?

        init(message: String, span: CellSpan?) {
            self.message = message
            self.span = span
        }

        init(message: String, location: SourceLocation) {
            self.message = message
            self.location = location
        }
    }

    struct FixIt: Sendable {
        var message: String
        var span: CellSpan
        var replacement: String
    }

    func diagnostic(in map: CellPositionMap) -> Diagnostic {
        Diagnostic(
            id: id.rawValue,
            severity: .error,
            message: message,
            location: map.location(span.start),
            highlights: highlights.map(map.range),
            notes: notes.map { Diagnostic.Note($0.message, at: $0.location ?? $0.span.map { map.location($0.start) }) },
            fixIts: fixIts.map { Diagnostic.FixIt($0.message, range: map.range($0.span), replacement: $0.replacement) }
        )
    }
}

/// The stable rule names of the cell language's diagnostics (the `id` of each `Diagnostic`).
public enum DiagnosticID: String, Sendable, CaseIterable {
    case syntax = "cell.syntax"
    case invalidCharacter = "cell.invalid-character"
    case operatorSpacing = "cell.operator-spacing"
    case notInLanguage = "cell.not-in-language"
    case unknownName = "cell.unknown-name"
    case unknownOperator = "cell.unknown-operator"
    case wrongLabel = "cell.wrong-label"
    case wrongArgumentCount = "cell.wrong-argument-count"
    case wrongArgument = "cell.wrong-argument"
    case redeclaration = "cell.redeclaration"
    case immutableBinding = "cell.immutable-binding"
    case badType = "cell.bad-type"
    case assumption = "cell.assumption"
    case shapeMismatch = "cell.shape-mismatch"
    case wrongShape = "cell.wrong-shape"
    case unsupportedDerivative = "cell.unsupported-derivative"
    case indexOutOfRange = "cell.index-out-of-range"
    case evaluation = "cell.evaluation"
    case budgetExceeded = "cell.budget-exceeded"
    case expectFailed = "cell.expect-failed"
    case expectUndecided = "cell.expect-undecided"
    /// A step of `derivation(of:wrt:)` that its numeric check did not confirm.
    case derivationStep = "cell.derivation-step"
}
