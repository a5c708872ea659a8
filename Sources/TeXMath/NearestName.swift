import Diagnostics

/// The known command a misspelt one most probably meant, for "did you mean" messages: the
/// shared ``NameSuggestion`` (plausible typos only), plus one rule of TeX's own.
enum NearestName {
    /// An old TeX font switch (`\frak`, `\bb`, `\cal`) is best answered with its LaTeX command
    /// (`\mathfrak`), which only adds the prefix `math`; otherwise the nearest plausible typo.
    static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let candidates = Array(candidates)
        if name.unicodeScalars.count >= 2 {
            let prefixed = candidates.filter { $0.count > name.count && $0.hasPrefix("math") && $0.hasSuffix(name) }
            if let first = prefixed.min() { return first }
        }
        return NameSuggestion.nearest(to: name, among: candidates)
    }
}
