import Synchronization

/// Progress of a build as it goes, for whoever must tell a long build from a stuck one:
/// preview's server stops a build worker that has finished no lesson for minutes.
///
/// A hook for the whole process rather than a parameter, so that the pipeline's signatures stay
/// as they are and a build without a watcher pays one uncontended lock per lesson. It is set by
/// `calcbook preview`'s worker, a process of its own that runs one build at a time. (It was a
/// `@TaskLocal`; binding it around the build crashed every release build of the worker in
/// `swift_task_localValuePush`, Swift 6.3.1, while debug builds ran.)
public enum BuildProgress {
    private static let hook = Mutex<(@Sendable () -> Void)?>(nil)

    /// Runs `body` with `report` called after each lesson is evaluated and rendered, on the
    /// thread that did it.
    public static func reporting<T: Sendable>(
        _ report: @escaping @Sendable () -> Void, _ body: () async throws -> T
    ) async rethrows -> T {
        hook.withLock { $0 = report }
        defer { hook.withLock { $0 = nil } }
        return try await body()
    }

    /// A lesson is done: tells the watcher, if any.
    static func lessonEvaluated() {
        hook.withLock { $0 }?()
    }
}
