import Diagnostics

/// The build could not run at all (exit code 2): no lessons folder, an unwritable output,
/// a broken `calcbook.toml` or template. Lesson problems are not failures of this kind; they
/// are diagnostics in the build's report (exit code 1).
public struct SiteBuildFailure: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }
}
