import CMalloc

/// How calcbook's memory goes back to the system, tuned for one large lesson (issue #17's
/// 10 MB lesson): with glibc's defaults, memory a build has freed mostly stays resident.
///
/// glibc's malloc has no Swift interface (its `<malloc.h>` is not in Swift's Glibc module), so
/// the two calls go through the `CMalloc` shim; elsewhere (macOS, musl) they do nothing.
public enum ProcessMemory {
    /// Gives every buffer of 4 MiB or more pages of its own, which go back to the system when
    /// it is freed. glibc otherwise raises that threshold to the largest buffer freed so far
    /// (up to 32 MiB), so a large lesson's page, notebook and search index, grown by doubling,
    /// come from the heap and stay resident after they are freed. Called once, at start-up.
    public static func returnLargeBuffersToTheSystem() {
        _ = calcbook_malloc_set_mmap_threshold(4 << 20)
    }

    /// Returns the free pages inside the heap to the system: glibc gives back only the free
    /// memory at the top of a heap, so after a large lesson's Markdown trees are freed most of
    /// their pages stay resident, under the pages and notebooks made next. A few milliseconds;
    /// called between steps, and per lesson only for a large one (`largeLessonBytes`).
    static func releaseFreePages() {
        _ = calcbook_malloc_release_free_pages()
    }

    /// From this size on a lesson's text, the parse step returns free pages between parsing the
    /// lesson and rendering it (a lesson of 1 MiB makes trees of tens of MB; no ordinary lesson
    /// comes near, so a course of a thousand lessons never pays for it).
    static let largeLessonBytes = 1 << 20
}
