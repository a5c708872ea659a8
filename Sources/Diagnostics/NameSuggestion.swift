/// "Did you mean …?": the known name closest to a misspelled one, shared by every stage that
/// reports an unknown name (cell names and built-ins, cell flags, front-matter keys, TeX commands).
///
/// Edit distance counts insertions, deletions, substitutions and swaps of neighbours (the
/// commonest typo) over Characters, so `∇` and `σ` count as one letter. A suggestion is offered
/// only when it is plausible: fewer than a third of the name's letters changed, so `q` does not
/// suggest `I`, `\argmin` does not suggest `\arcsin` (two of six letters) and a two-letter
/// name suggests nothing. A three-letter name gets a guess only for a missing, extra or swapped
/// letter (`sqr` → `sqrt`), never for a changed one (`tag` is not a typo of `tan`).
public enum NameSuggestion {
    public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        guard name.count >= 3 else { return nil }
        var best: (name: String, distance: Int, exactCase: Int)?
        let letters = name.lowercased().count
        for candidate in candidates where candidate != name {
            // The distance is at least the difference in length; when that alone makes the
            // candidate implausible, skip the table, so a 4,000-letter unknown name costs one
            // pass over the candidates instead of seconds of edit distances (fuzz finding).
            let lengthGap = abs(letters - candidate.lowercased().count)
            if lengthGap > 1, 3 * lengthGap >= name.count { continue }
            let distance = editDistance(name, candidate)
            guard isPlausible(name, candidate, distance: distance) else { continue }
            // Ties go to the name closer in case (`lamdba` → `lambda`, not `Lambda`), then to
            // the alphabetically first, so messages are deterministic.
            let exactCase = editDistance(name, candidate, ignoringCase: false)
            if let current = best,
               (distance, exactCase) > (current.distance, current.exactCase)
                || ((distance, exactCase) == (current.distance, current.exactCase) && candidate > current.name) {
                continue
            }
            best = (candidate, distance, exactCase)
        }
        return best?.name
    }

    /// Whether `candidate`, `distance` edits from `name`, is a likely meaning of it.
    static func isPlausible(_ name: String, _ candidate: String, distance: Int) -> Bool {
        if 3 * distance < name.count { return true }
        guard distance == 1, name.count >= 3 else { return false }
        // One edit in three letters: an insertion, a deletion or a swap, not a substitution.
        let a = Array(name.lowercased()), b = Array(candidate.lowercased())
        guard a.count == b.count else { return true }
        return zip(a, b).filter { $0 != $1 }.count != 1
    }

    /// Optimal-string-alignment distance, case-insensitive unless asked otherwise.
    public static func editDistance(_ a: String, _ b: String, ignoringCase: Bool = true) -> Int {
        let a = Array(ignoringCase ? a.lowercased() : a), b = Array(ignoringCase ? b.lowercased() : b)
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
