@testable import Preview
import Testing

/// Runs a test's body on the preview's own threads, as the server under test runs.
///
/// `swift test` runs a thousand tests at once on Swift concurrency's shared pool (two threads
/// here), and a job queued there waits behind every test queued before it: a test that awaits
/// the server on that pool could wait minutes to go on after each answer, past its time limit
/// (it did, once in a while, in CI). The clients' blocking socket calls run on threads of
/// their own (`PreviewHTTPServerTests.exchange`).
func onPreviewThreads<T>(_ body: () async throws -> T) async rethrows -> T {
    try await withTaskExecutorPreference(PreviewThreads.serving, operation: body)
}

extension Trait where Self == TimeLimitTrait {
    /// The preview tests' limit, a net for a hang only: each takes under a second, but its end
    /// is noticed by the test runner on the shared pool, which may be busy with other tests for
    /// a while. Ten minutes is longer than the whole suite takes; what the tests check (answers
    /// within the clients' 60 s socket timeouts, builds reported) runs on the preview's threads.
    static var previewTimeLimit: Self { .timeLimit(.minutes(10)) }
}
