/// A lesson as a Jupyter notebook, before it is written as JSON: its prose as Markdown cells
/// (math kept as TeX, so Jupyter's MathJax typesets it) and its cells as code cells with the
/// outputs the page shows.
///
/// The Lesson stage assembles it (it has the lesson's text and what each cell computed); the
/// Site stage writes it as nbformat JSON next to the page. Codable so the lesson cache keeps it.
public struct LessonNotebook: Hashable, Sendable, Codable {
    public var cells: [Cell]

    public init(cells: [Cell] = []) {
        self.cells = cells
    }

    public enum Cell: Hashable, Sendable, Codable {
        /// Markdown with TeX math between `$…$` and `$$…$$`.
        case markdown(String)
        case code(Code)
    }

    /// A cell that ran (or failed), as the page shows it.
    public struct Code: Hashable, Sendable, Codable {
        public var source: String
        /// The page's `In [n]`; `nil` only for a cell that did not run.
        public var executionCount: Int?
        /// One per bare expression statement; empty when the cell failed.
        public var outputs: [Output]
        /// The diagnostics shown instead of outputs, as the page shows them.
        public var errorText: String?
        /// Whether the error is the one an `expect-error` cell asked for.
        public var failedAsExpected: Bool
        /// `hide-source` and `hide-output`: Jupyter collapses what the page leaves out.
        public var hidesSource: Bool
        public var hidesOutput: Bool

        public init(
            source: String, executionCount: Int?, outputs: [Output], errorText: String? = nil,
            failedAsExpected: Bool = false, hidesSource: Bool = false, hidesOutput: Bool = false
        ) {
            self.source = source
            self.executionCount = executionCount
            self.outputs = outputs
            self.errorText = errorText
            self.failedAsExpected = failedAsExpected
            self.hidesSource = hidesSource
            self.hidesOutput = hidesOutput
        }
    }

    /// One value in the three forms a notebook offers: plain text, LaTeX (no delimiters) and
    /// the page's MathML.
    public struct Output: Hashable, Sendable, Codable {
        public var text: String
        public var latex: String
        public var mathML: String

        public init(text: String, latex: String, mathML: String) {
            self.text = text
            self.latex = latex
            self.mathML = mathML
        }
    }
}
