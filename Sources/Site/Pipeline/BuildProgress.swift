/// Progress of a build as it goes, for whoever must tell a long build from a stuck one:
/// preview's server stops a build worker that has finished no lesson for minutes.
///
/// A task-local hook rather than a parameter, so that the pipeline's signatures stay as they
/// are and a build without a watcher pays one `nil` check per lesson. Child tasks inherit it,
/// so lessons evaluated in parallel report too.
public enum BuildProgress {
    /// Called after each lesson is evaluated and rendered, on the thread that did it.
    @TaskLocal public static var lessonEvaluated: (@Sendable () -> Void)?
}
