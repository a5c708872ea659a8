import Synchronization

/// Values a command keeps until its process exits, never freed: the operating system takes a
/// process's memory back at once, while freeing a large build's values block by block only
/// delays the exit (`SiteBuilder.buildBeforeExit`). For commands that end after their work,
/// never for preview or tests, which go on.
enum ProcessEnd {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
