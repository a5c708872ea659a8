/// Finds the known command a misspelt one most probably meant, for "did you mean" messages.
enum NearestName {
    /// The candidate closest to `name` by edit distance, if it is close enough to be a likely
    /// typo, or a candidate that merely adds a prefix (`frak` → `mathfrak`, `bb` → `mathbb`).
    static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.unicodeScalars)
        guard !target.isEmpty else { return nil }
        let limit = max(1, min(2, target.count / 3))
        var best: (name: String, distance: Int)?
        var prefixed: String?
        for candidate in candidates {
            let scalars = Array(candidate.unicodeScalars)
            if scalars.count > target.count, candidate.hasSuffix(name),
               candidate.hasPrefix("math") {
                if let current = prefixed, current <= candidate {} else { prefixed = candidate }
            }
            guard abs(scalars.count - target.count) <= limit else { continue }
            let distance = editDistance(target, scalars)
            guard distance <= limit else { continue }
            if let current = best,
               current.distance < distance || (current.distance == distance && current.name <= candidate) {
                continue
            }
            best = (candidate, distance)
        }
        // An old TeX font switch (\bf, \frak, \Bbb) is best answered with its LaTeX command.
        if target.count >= 2, let prefixed { return prefixed }
        return best?.name
    }

    /// Damerau–Levenshtein distance (optimal string alignment): a swap of two neighbours
    /// (`\apha`, `\lamdba`) counts as one edit.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
