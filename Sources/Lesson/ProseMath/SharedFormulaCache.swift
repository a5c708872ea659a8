import Synchronization
import TeXMath

/// Formulas read under a project's macros, shared by every lesson of the project: a course
/// writes `$x$` and `$\mathbf{A}$` in every lesson (138,000 formulas, 5,874 distinct, in the
/// 1000-lesson benchmark), and each lesson parsing and writing its own copies was most of the
/// cost of its prose math.
///
/// It holds only what depends on nothing but the TeX, the display mode and the project's
/// macros: formulas read without error (an error names a place in a lesson) by a lesson whose
/// macros are still the project's, and their MathML when it holds no equation number or
/// reference (those depend on the lesson's numbering). A ``ProjectMacros`` value owns one and
/// gets a new, empty one whenever its macros change, so an entry never outlives its macros.
///
/// Once full it stores nothing more (a long preview session stays bounded); what is kept is
/// what the formula would give anyway, so a page is the same whichever lesson stored it first.
final class SharedFormulaCache: Sendable {
    struct Key: Hashable, Sendable {
        var tex: String
        var display: Bool
    }

    struct Entry: Sendable {
        var parsed: ParsedFormula
        /// The `<math>` element, for a formula without equation lines or references.
        var markup: String?
    }

    /// How many formulas it holds at most.
    let maximumEntries: Int
    /// How many bytes of TeX and MathML it holds at most (the parsed trees are counted as
    /// their TeX, which is smaller than the tree; the limit is a safeguard, not an account).
    let maximumBytes: Int

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var lookups = 0
        var hits = 0
    }
    private let state = Mutex(State())

    init(maximumEntries: Int = 50_000, maximumBytes: Int = 64 << 20) {
        self.maximumEntries = maximumEntries
        self.maximumBytes = maximumBytes
    }

    func entry(for key: Key) -> Entry? {
        state.withLock { state in
            state.lookups += 1
            let found = state.entries[key]
            if found != nil { state.hits += 1 }
            return found
        }
    }

    /// Keeps `entry` unless the cache is full or already has the formula.
    func store(_ entry: Entry, for key: Key) {
        let size = key.tex.utf8.count + (entry.markup?.utf8.count ?? 0)
        state.withLock { state in
            guard state.entries.count < maximumEntries, state.bytes + size <= maximumBytes,
                  state.entries[key] == nil else { return }
            state.entries[key] = entry
            state.bytes += size
        }
    }

    /// Formulas held, lookups and hits so far: for tests and measurements.
    var statistics: (entries: Int, lookups: Int, hits: Int) {
        state.withLock { ($0.entries.count, $0.lookups, $0.hits) }
    }
}
