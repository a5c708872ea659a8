import CellLanguage
import Diagnostics

/// A cell as its page shows it: the data a theme's `cell` template lays out.
///
/// The Lesson stage computes it; the Site stage turns it into markup through the theme, so a
/// site restyles cells by overriding one template and this module knows nothing of Mustache.
public struct NotebookCell: Sendable {
    /// The `In [n]` number: counts the cells that ran, per lesson; `nil` for `no-eval` cells.
    public var number: Int?
    public var flags: CellFlags
    /// The source, split into highlighted runs.
    public var source: [HighlightedRun]
    /// One per bare expression statement, in order; empty when the cell failed.
    public var outputs: [NotebookOutput]
    /// The diagnostics shown in place of the outputs (rendered as text with caret lines),
    /// when the cell failed — as expected for an `expect-error` cell, or not.
    public var errorText: String?
    /// Whether the failure shown is the one an `expect-error` cell asked for.
    public var failedAsExpected: Bool
    /// Where the cell's code starts in the lesson file.
    public var location: SourceLocation
    /// The claims of the cell's `#expect`s that held, as written: the page marks the cell
    /// with a ✓ that names them, so a reader can tell checked math from typed math.
    public var heldExpectations: [String] = []

    public var showsSource: Bool { !flags.hideSource }
    public var showsOutputs: Bool { !flags.hideOutput && !flags.noEval }
}

/// One value a cell shows: as MathML for the page and as plain text for copying, screen
/// readers and search engines.
public struct NotebookOutput: Hashable, Sendable {
    public var mathML: String
    public var text: String
    /// For the lesson's notebook (`text/latex`), without delimiters.
    public var latex: String
    /// For a derivative the numeric check confirmed, what was checked ("gradient checked
    /// numerically"); `nil` for any other value.
    public var check: String? = nil
    /// For a `derivation(of:wrt:)` statement, its page markup (`DerivationHTML`): the aligned
    /// lines with linked rules and folded sub-derivations. `mathML` then holds the plain
    /// `mtable` form, for notebooks and for a theme whose cell template does not know this.
    public var derivationHTML: String? = nil

    /// The plain-text form with the check, for tooltips and screen readers:
    /// "[6xy, 3x²] (gradient checked numerically)".
    public var textWithCheck: String { check.map { "\(text) (\($0))" } ?? text }
}

/// Turns a cell into page markup; the Site stage implements it with the theme's templates.
public protocol NotebookCellRendering: Sendable {
    func html(for cell: NotebookCell) -> String
}
