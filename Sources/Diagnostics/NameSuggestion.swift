/// "Did you mean …?": the known name closest to a misspelled one, shared by every stage that
/// reports an unknown name (cell names and built-ins, cell flags, TeX commands).
///
/// Edit distance counts insertions, deletions, substitutions and swaps of neighbours (the
/// commonest typo) over Characters, so `∇` and `σ` count as one letter. A suggestion is offered
/// only when it is close relative to the name's length, so `q` does not suggest `I`.
public enum NameSuggestion {
    public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        // Every one- or two-letter name is one edit from many others, so those get no guess.
        guard name.count >= 3 else { return nil }
        let maximum = name.count <= 4 ? 1 : (name.count <= 8 ? 2 : 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(name, candidate)
            guard distance <= maximum else { continue }
            // Ties go to the alphabetically first name, so messages are deterministic.
            if let current = best, distance > current.distance || (distance == current.distance && candidate > current.name) {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Optimal-string-alignment distance, case-insensitive.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
