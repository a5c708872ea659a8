import CellLanguage
import Diagnostics
import Markdown
import MatrixCalculus

/// The **evaluate** step of a lesson: runs its `swift` cells top to bottom in one session,
/// like a notebook kernel, and replaces each cell and each `{swift}` inline value in the
/// Markdown tree by what the page shows (getting started, "Write a cell").
///
/// Every problem is collected (a failing cell does not stop the later ones: they report their
/// own problems, as a compiler reports every error it can), and a failing cell leaves the
/// session as it was, so later cells see the names from before it.
public struct NotebookPass: LessonPass {
    public var renderer: any NotebookCellRendering
    public var limits: CellLimits
    /// The numeric check of every derivative the cells compute.
    public var verification: DerivativeVerification
    /// The derivative layout of a lesson whose front matter names none (`layout` in
    /// `calcbook.toml`); the front matter wins.
    public var defaultLayout: FrontMatter.Layout
    /// The link from a lesson's page to the rule table of the reference
    /// (`../reference/derivative-rules.html`), where a derivation's rule names point; `nil`
    /// (a project without the table) leaves the names as plain text.
    public var rulePage: @Sendable (LessonSource) -> String?
    /// Cells already read by the other lessons of the build, by text; `nil` reads every cell.
    public var readings: CellReadings?
    /// Cells already run by the other lessons of the build, replayed where they read the same
    /// values (`CellRuns`); `nil` runs every cell.
    public var runs: CellRuns?
    /// Cell values already written (as MathML, text and LaTeX) by the other lessons of the
    /// build; `nil` writes every value. A value's writing depends on the value only.
    public var writtenValues: SharedMemo<Expr, WrittenExpression>?

    public init(
        renderer: any NotebookCellRendering, limits: CellLimits = .default,
        verification: DerivativeVerification = DerivativeVerification(), defaultLayout: FrontMatter.Layout = .numerator,
        rulePage: @escaping @Sendable (LessonSource) -> String? = { _ in nil }
    ) {
        self.renderer = renderer
        self.limits = limits
        self.verification = verification
        self.defaultLayout = defaultLayout
        self.rulePage = rulePage
    }

    /// Makes every lesson this pass evaluates share cell readings, written values and numeric
    /// verdicts with the others (each a pure function of its input, so no page changes).
    public mutating func shareWorkBetweenLessons() {
        readings = CellReadings()
        runs = CellRuns()
        writtenValues = SharedMemo(capacity: 64 << 20)
        verification.sharedVerdicts = SharedVerdicts()
    }

    public func apply(to lesson: inout ParsedLesson) {
        // Every cell's fence and every inline value says `swift`: a lesson that never does
        // has neither, and its tree is not walked nor its lines split.
        guard WordScan.mayContain(lesson.body, "swift") else {
            lesson.notebook = NotebookSummary()
            lesson.notebookRecord = NotebookRecord()
            return
        }
        var run = NotebookRun(
            lesson: lesson, renderer: renderer, limits: limits, verification: verification,
            layout: lesson.frontMatter.writtenLayout ?? defaultLayout, rulePage: rulePage(lesson.source),
            readings: readings, runs: runs, writtenValues: writtenValues)
        lesson.document = lesson.document.rewritten { node in run.rewrite(node) }
        lesson.diagnostics += run.diagnostics
        lesson.notebook = run.summary
        lesson.notebookRecord = run.record
    }
}

/// What the evaluate step did to one lesson, for build summaries and `calcbook check`.
public struct NotebookSummary: Hashable, Sendable, Codable {
    /// Cells that ran (not `no-eval`).
    public var cellsRun = 0
    public var cellsFailed = 0
    public var inlineValues = 0
    public var expectationsPassed = 0
    /// Of those, the ones simplification decided; the rest agreed at random points.
    public var expectationsSymbolic = 0
    /// Derivatives, gradients, Jacobians and Hessians that agreed with the numeric check.
    public var derivativesVerified = 0
    /// Those the numeric check could not decide (each reported with a note).
    public var derivativesUnverifiable = 0
    /// Every cell that ran as it should and every `#expect` that held, with its place: the
    /// passing test cases of a JUnit report.
    public var passed: [NotebookCheck] = []

    public init() {}
}

/// One thing the evaluate step checked and found right: a cell that ran as it should (or
/// failed as its `expect-error` asked) or an `#expect` that held.
public struct NotebookCheck: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case cell, expectation
    }

    public var kind: Kind
    /// "cell [2]", or the claim of an `#expect` as written.
    public var name: String
    public var location: SourceLocation

    public init(kind: Kind, name: String, location: SourceLocation) {
        self.kind = kind
        self.name = name
        self.location = location
    }
}

/// A lesson's text as `SourceFiles`, made when first asked for. A reference, so that the
/// non-mutating writers of `NotebookRun` can fill it.
private final class PageSources {
    let path: String
    let text: String
    lazy var files = SourceFiles([path: text])

    init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// The state of evaluating one lesson: its session, the cell counter, what went wrong.
struct NotebookRun {
    let lesson: ParsedLesson
    let renderer: any NotebookCellRendering
    var session: CellSession
    var diagnostics: [Diagnostic] = []
    var summary = NotebookSummary()
    /// Each cell and inline value with its span, for the lesson's notebook.
    var record = NotebookRecord()
    let verification: DerivativeVerification
    /// Claims already verified in this lesson: a `func` whose body computes a derivative,
    /// called again with the same argument, makes the same claim at the same place.
    private var verifiedClaims: Set<DerivativeClaim> = []
    /// The claims the numeric check confirmed (a subset of those above).
    private var confirmedClaims: Set<DerivativeClaim> = []
    private var verdicts = DerivativeVerification.VerdictCache()
    /// The lesson's lines for quoting in the errors a cell shows, split at the first such error:
    /// most lessons have none.
    private let sources: PageSources
    private let lines: [Substring]
    /// Where a derivation's rule names link (`NotebookPass.rulePage`).
    let rulePage: String?
    let readings: CellReadings?
    let runs: CellRuns?
    let writtenValues: SharedMemo<Expr, WrittenExpression>?

    init(
        lesson: ParsedLesson, renderer: any NotebookCellRendering, limits: CellLimits, verification: DerivativeVerification,
        layout lessonLayout: FrontMatter.Layout, rulePage: String? = nil, readings: CellReadings? = nil, runs: CellRuns? = nil,
        writtenValues: SharedMemo<Expr, WrittenExpression>? = nil
    ) {
        self.lesson = lesson
        self.readings = readings
        self.runs = runs
        self.writtenValues = writtenValues
        self.rulePage = rulePage
        self.renderer = renderer
        self.verification = verification
        self.session = CellSession(options: CellOptions(layout: lessonLayout, limits: limits))
        self.sources = PageSources(path: lesson.source.pagePath, text: lesson.source.text)
        // The same lines as a character-wise split, found by bytes: the split walked a large
        // lesson's grapheme clusters, cells or none.
        self.lines = linesSplitAtNewlines(lesson.body)
    }

    mutating func rewrite(_ node: MarkdownNode) -> MarkdownNode.Rewrite {
        switch node.kind {
        case .codeBlock(let block) where block.isFenced && Self.isCell(info: block.info):
            guard let span = node.span else { return .keep }
            let shown = cell(block, span: span)
            record.cells.append(.init(span: span, content: Self.notebookContent(of: shown, code: block.code)))
            return .replace([MarkdownNode(.trustedHTMLBlock(renderer.html(for: shown)), span: span)])
        case .code(let code) where code.hasPrefix(Self.inlineMarker):
            guard let span = node.span else { return .keep }
            return .replace([inlineValue(code, span: span)])
        default:
            return .keep
        }
    }

    /// A fence whose info string starts with the word `swift` (flags may follow after a space
    /// or a comma) is a cell; `swiftui` or `swift5` is not.
    static func isCell(info: String) -> Bool {
        guard info.hasPrefix("swift") else { return false }
        let next = info.dropFirst("swift".count).first
        return next == nil || next == " " || next == "," || next == "\t"
    }

    /// The word that makes an inline code span a value: `` `{swift} gradient(of: f, wrt: x)` ``.
    static let inlineMarker = "{swift}"

    // MARK: Cells

    /// A cell for the notebook: its source as written, and what the page shows of it.
    static func notebookContent(of cell: NotebookCell, code: String) -> NotebookRecord.RecordedCell.Content {
        let source = code.hasSuffix("\n") ? String(code.dropLast()) : code
        guard let number = cell.number else { return .sample(source: source) }
        return .code(LessonNotebook.Code(
            source: source, executionCount: number,
            outputs: cell.outputs.map { LessonNotebook.Output(text: $0.text, latex: $0.latex, mathML: $0.mathML) },
            errorText: cell.errorText, failedAsExpected: cell.failedAsExpected,
            hidesSource: cell.flags.hideSource, hidesOutput: cell.flags.hideOutput))
    }

    private mutating func cell(_ block: MarkdownNode.CodeBlock, span: TextSpan) -> NotebookCell {
        let fence = infoLocation(fenceLine: span.start.line, fenceColumn: span.start.column)
        let (flags, flagProblems) = CellFlags.parse(info: block.info, fence: fence)
        diagnostics += flagProblems
        let source = CellSource(
            text: block.code.hasSuffix("\n") ? String(block.code.dropLast()) : block.code,
            file: lesson.source.path,
            line: block.firstCodeLine(blockSpan: span),
            column: span.start.column)
        var shown = NotebookCell(
            number: nil, flags: flags, source: [], outputs: [],
            errorText: nil, failedAsExpected: false,
            location: SourceLocation(file: source.file, line: source.line, column: source.column))
        guard !flags.noEval else {
            shown.source = CellHighlighter.highlight(source.text)
            return shown
        }

        summary.cellsRun += 1
        shown.number = summary.cellsRun
        // One parse serves the run and the highlighting; highlighting after the run keeps the
        // cell's time budget what it was (parse and evaluation only).
        let parsed = ParsedCell(source, readings: readings)
        let result = session.run(cell: parsed, sharing: runs)
        shown.source = CellHighlighter.highlight(parsed)
        summary.expectationsPassed += result.expectationsPassed
        summary.expectationsSymbolic += result.expectationsSymbolic
        let errors = result.diagnostics.filter { $0.severity == .error }
        if flags.expectError {
            if errors.isEmpty {
                summary.cellsFailed += 1
                let flagOffset = block.info.unicodeScalars.count - (block.info.range(of: "expect-error").map {
                    block.info[$0.lowerBound...].unicodeScalars.count } ?? block.info.unicodeScalars.count)
                diagnostics.append(Diagnostic(
                    id: "cell.unexpected-success",
                    message: "this cell is marked expect-error, but it ran without an error",
                    location: fence.advanced(byColumns: flagOffset),
                    notes: [.init("remove 'expect-error' if the cell is meant to work")]))
                diagnostics += result.diagnostics
                let mismatches = verify(result.claims, in: "cell [\(summary.cellsRun)]")
                if mismatches.isEmpty {
                    shown.outputs = outputs(of: result)
                } else {
                    shown.errorText = pageText(mismatches)
                }
            } else {
                shown.errorText = pageText(result.diagnostics)
                shown.failedAsExpected = true
                summary.passed.append(NotebookCheck(kind: .cell, name: "cell [\(summary.cellsRun)] fails as expected", location: shown.location))
            }
        } else if !errors.isEmpty {
            summary.cellsFailed += 1
            diagnostics += result.diagnostics
            shown.errorText = pageText(result.diagnostics)
        } else if case let mismatches = verify(result.claims, in: "cell [\(summary.cellsRun)]"), !mismatches.isEmpty {
            // A wrong derivative never reaches the page: the cell shows the mismatch instead.
            summary.cellsFailed += 1
            diagnostics += result.diagnostics
            shown.errorText = pageText(mismatches)
        } else {
            diagnostics += result.diagnostics
            shown.outputs = outputs(of: result)
            shown.heldExpectations = result.expectations.map(\.claim)
            summary.passed.append(NotebookCheck(kind: .cell, name: "cell [\(summary.cellsRun)]", location: shown.location))
            summary.passed += result.expectations.map { held in
                NotebookCheck(kind: .expectation, name: "#expect(\(held.claim))", location: held.range.start)
            }
        }
        return shown
    }

    /// Diagnostics as a cell shows them on the page: as the text writer prints them, with the
    /// lesson named by its page path (never an absolute path of the author's machine).
    private func pageText(_ diagnostics: [Diagnostic]) -> String {
        let from = lesson.source.path, to = lesson.source.pagePath
        func moved(_ location: SourceLocation) -> SourceLocation {
            location.file == from ? SourceLocation(file: to, line: location.line, column: location.column) : location
        }
        func moved(_ range: SourceRange) -> SourceRange { SourceRange(start: moved(range.start), end: moved(range.end)) }
        let shown = from == to ? diagnostics : diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            diagnostic.location = diagnostic.location.map(moved)
            diagnostic.highlights = diagnostic.highlights.map(moved)
            diagnostic.notes = diagnostic.notes.map { Diagnostic.Note($0.message, at: $0.location.map(moved)) }
            diagnostic.fixIts = diagnostic.fixIts.map { Diagnostic.FixIt($0.message, range: moved($0.range), replacement: $0.replacement) }
            return diagnostic
        }
        return TextDiagnosticWriter(sources: sources.files).write(shown)
    }

    /// Runs the numeric check on claims not verified before in this lesson; adds every
    /// diagnostic and returns the errors (the wrong derivatives).
    private mutating func verify(_ claims: [DerivativeClaim], in place: String) -> [Diagnostic] {
        let fresh = claims.filter { verifiedClaims.insert($0).inserted }
        guard !fresh.isEmpty else { return [] }
        let report = verification.verify(fresh, in: place, remembering: &verdicts)
        summary.derivativesVerified += report.verified
        summary.derivativesUnverifiable += report.unverifiable
        confirmedClaims.formUnion(report.verifiedClaims)
        diagnostics += report.diagnostics
        return report.diagnostics.filter { $0.severity == .error }
    }

    private mutating func outputs(of result: CellResult) -> [NotebookOutput] {
        result.outputs.compactMap { output in
            do {
                if let derivation = output.derivation {
                    return NotebookOutput(
                        mathML: try MathMLWriter().write(derivation, display: .block),
                        text: try TextWriter().write(derivation),
                        latex: try LaTeXWriter().write(derivation),
                        check: check(of: output, among: result.claims).map { _ in "every step checked numerically" },
                        derivationHTML: try DerivationHTML.html(derivation, rulePage: rulePage))
                }
                let written = try written(output.value)
                return NotebookOutput(
                    mathML: written.mathML, text: written.text, latex: written.latex,
                    check: check(of: output, among: result.claims))
            } catch {
                diagnostics.append(Diagnostic(
                    id: "cell.unwritable-output",
                    message: "this value cannot be shown: \(error)",
                    location: output.range.start))
                return nil
            }
        }
    }

    /// A cell's value as the page and the notebook show it, written once per build.
    private func written(_ value: Expr) throws(EngineError) -> WrittenExpression {
        if let known = writtenValues?.value(for: value) { return known }
        let written = try WrittenExpression(value, display: .block)
        writtenValues?.remember(written, for: value, cost: written.mathML.utf8.count + written.text.utf8.count + written.latex.utf8.count)
        return written
    }

    /// "gradient checked numerically" when `output` is the value of a derivative the numeric
    /// check confirmed (a call written in the output's own expression), else `nil`.
    private func check(of output: CellOutput, among claims: [DerivativeClaim]) -> String? {
        let confirmed = claims.last { claim in
            claim.result == output.value && confirmedClaims.contains(claim)
                && claim.range.start >= output.range.start && claim.range.end <= output.range.end
        }
        return confirmed.map { "\(DerivativeVerification.name(of: $0.operation)) checked numerically" }
    }

    /// Where the info string after the opening fence starts (for flag warnings): the fence line
    /// read from the lesson, past the backticks or tildes and the spaces after them.
    private func infoLocation(fenceLine: Int, fenceColumn: Int) -> SourceLocation {
        var column = fenceColumn
        if fenceLine >= 1, fenceLine <= lines.count {
            let scalars = Array(lines[fenceLine - 1].unicodeScalars)
            var index = max(fenceColumn - 1, 0)
            while index < scalars.count, scalars[index] == " " { index += 1 }
            while index < scalars.count, scalars[index] == "`" || scalars[index] == "~" { index += 1 }
            while index < scalars.count, scalars[index] == " " { index += 1 }
            column = index + 1
        }
        return SourceLocation(file: lesson.source.path, line: fenceLine, column: column)
    }

    // MARK: Inline values

    private mutating func inlineValue(_ code: String, span: TextSpan) -> MarkdownNode {
        let expression = String(code.dropFirst(Self.inlineMarker.count))
        let trimmed = expression.drop { $0 == " " }
        let location = inlineLocation(span: span, leadingSpaces: expression.count - trimmed.count)
        summary.inlineValues += 1
        let source = CellSource(text: String(trimmed), file: lesson.source.path, line: location.line, column: location.column)
        switch session.evaluate(inline: source) {
        case .success(let inline) where !verify(inline.claims, in: "an inline value").isEmpty:
            break
        case .success(let inline):
            let value = inline.value
            do {
                let written = try WrittenExpression(value, display: .inline)
                var html = written.mathML
                var text = written.text
                let confirmed = inline.claims.last { $0.result == value && confirmedClaims.contains($0) }
                if let confirmed {
                    // The tooltip and the plain text say the derivative was checked.
                    text += " (\(DerivativeVerification.name(of: confirmed.operation)) checked numerically)"
                    html = "<span class=\"cell-inline-checked\" title=\"\(escapeHTML(text))\">" + html + "</span>"
                }
                record.inlineValues.append(.init(span: span, latex: written.latex, expression: String(trimmed)))
                return MarkdownNode(.trustedHTMLInline(html: html, plainText: text), span: span)
            } catch {
                diagnostics.append(Diagnostic(
                    id: "cell.unwritable-output", message: "this value cannot be shown: \(error)", location: location))
            }
        case .failure(let failure):
            diagnostics += failure.diagnostics
        }
        record.inlineValues.append(.init(span: span, latex: nil, expression: String(trimmed)))
        let html = "<code class=\"cell-inline-error\">" + escapeHTML(String(trimmed)) + "</code>"
        return MarkdownNode(.trustedHTMLInline(html: html, plainText: String(trimmed)), span: span)
    }

    /// The lesson-file position of an inline value's expression: cmark gives the code span's
    /// start, so find `{swift}` from there on its line.
    private func inlineLocation(span: TextSpan, leadingSpaces: Int) -> SourceLocation {
        var column = span.start.column
        if span.start.line >= 1, span.start.line <= lines.count {
            let line = String(lines[span.start.line - 1])
            let scalars = Array(line.unicodeScalars)
            let marker = Array(Self.inlineMarker.unicodeScalars)
            var index = max(span.start.column - 1, 0)
            while index + marker.count <= scalars.count, Array(scalars[index..<index + marker.count]) != marker {
                index += 1
            }
            if index + marker.count <= scalars.count { column = index + marker.count + leadingSpaces + 1 }
        }
        return SourceLocation(file: lesson.source.path, line: span.start.line, column: column)
    }
}
