/// Writes diagnostics as GitHub Actions workflow commands
/// (`::error file=…,line=…,col=…,title=…::message`), which GitHub shows on the pull request's diff.
public struct GitHubDiagnosticWriter: Sendable {
    public init() {}

    public func write(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(write).joined()
    }

    public func write(_ diagnostic: Diagnostic) -> String {
        var properties: [String] = []
        if let location = diagnostic.location {
            properties.append("file=" + escapeProperty(location.file))
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=" + escapeProperty(diagnostic.id))
        var message = diagnostic.message
        for note in diagnostic.notes {
            message += "\nnote: " + note.message
        }
        let command = diagnostic.severity == .note ? "notice" : diagnostic.severity.rawValue
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))\n"
    }

    // The escapes GitHub's toolkit applies: data escapes %, CR and LF; properties also : and ,.
    private func escapeData(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    private func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension String {
    /// Replaces every occurrence of `target` (Foundation-free, so this module has no dependencies).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
