import Threads

/// The threads the preview runs on: its HTTP server, its watch loop, the replies to open pages
/// and the waits for its build worker.
///
/// Its own, not Swift concurrency's shared pool: on that pool a reply waits behind every job
/// queued before it, and builds (or, in `swift test`, a thousand other tests) keep the pool's
/// few threads busy for seconds to minutes; the preview's tests went unanswered past their
/// time limits that way. Two threads, so that a slow request (a large file read from disk)
/// does not hold up the others.
enum PreviewThreads {
    /// Named so that the system's 15 bytes of a thread name hold it with its number.
    static let serving = DedicatedThreads(name: "preview", count: 2)
}
