import Foundation
import Lesson

/// Large lessons' cache entries, written on a thread of their own while the build makes and
/// writes the pages: storing the 10 MB lesson's entry took about half a second on one core,
/// which the first build of such a lesson otherwise waited for before making its page.
///
/// `finish` waits for the thread and says what could not be written; the build calls it before
/// it reports (and on every way out, so that no entry is left half written by a process that
/// ended). Unchecked `Sendable`: `problems` is written by the thread before it signals `done`
/// and read only after `finish` has waited for that signal.
final class LaterCacheStores: @unchecked Sendable {
    /// A lesson's result and where it goes.
    struct Store: Sendable {
        var lesson: RenderedLesson
        var key: LessonCacheKey
        var digest: String
    }

    private var problems: [String] = []
    private let done = DispatchSemaphore(value: 0)
    /// Whether a thread was started and not yet waited for.
    private var running: Bool

    /// Starts storing `stores` in `cache` (nothing to do without either).
    init(_ stores: [Store], cache: LessonCache?) {
        guard let cache, !stores.isEmpty else {
            running = false
            return
        }
        running = true
        let thread = Thread { [self] in
            for store in stores {
                if let problem = cache.store(store.lesson, for: store.key, digest: store.digest) { problems.append(problem) }
            }
            done.signal()
        }
        thread.start()
    }

    /// Waits until every entry is written (at once when it was already); why any could not be.
    func finish() -> [String] {
        if running {
            done.wait()
            running = false
        }
        return problems
    }
}
