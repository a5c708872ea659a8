import MatrixCalculus

/// How a value is shown by `calcbook eval` and the REPL in each output format.
enum CellValueRendering {
    static func render(_ value: Expr, as format: CellOutputFormat) -> String {
        switch format {
        case .text, .json: value.description
        }
    }
}
