import Foundation
import Diagnostics
import Site

/// The build worker of `calcbook preview`: a child process (`calcbook preview-worker`, with
/// the preview's flags) that stays alive between builds and keeps the last build in memory
/// (`IncrementalSiteBuilder`), so an edited lesson costs that lesson, not the course.
///
/// It runs in a process of its own so that a lesson that crashes the engine ends the worker,
/// not the server; the server then starts a new worker, whose first build is a whole one.
///
/// The protocol is one JSON line each way: the server writes a `Request` to the worker's
/// standard input, the worker builds, prints its diagnostics and summary to its standard
/// error (the terminal's) and answers with a `Response` on its standard output. The worker
/// ends when its standard input does (the server went away).
public enum PreviewWorker {
    public struct Request: Codable, Sendable, Equatable {
        /// Absolute paths of the files that changed since the last request (empty: the first).
        public var changed: [String]

        public init(changed: [String]) {
            self.changed = changed
        }
    }

    public struct Response: Codable, Sendable, Equatable {
        /// 0: written; 1: written, the lessons have problems; 2: the build could not run.
        public var status: Int32
        /// `whole`, `all-pages` or `lessons` (see `IncrementalSiteBuilder.Kind`).
        public var kind: String?
        public var filesWritten: Int

        public init(status: Int32, kind: String? = nil, filesWritten: Int = 0) {
            self.status = status
            self.kind = kind
            self.filesWritten = filesWritten
        }
    }

    /// What one build of the worker did, for the command line to print.
    public enum Event: Sendable {
        case built(IncrementalSiteBuilder.Outcome, output: String, seconds: Double)
        case failed(SiteBuildFailure)
    }

    /// Answers requests from standard input until it ends. The configuration is read again
    /// for every request (`calcbook.toml` may have changed; a change of it is a whole build).
    public static func serve(
        root: String, overrides: ConfigurationOverrides, report: @Sendable (Event) -> Void
    ) async {
        var overrides = overrides
        overrides.keepGoing = true
        let builder = IncrementalSiteBuilder()
        let progress = ProgressLines()
        while let line = readLine() {
            guard let request = try? JSONDecoder().decode(Request.self, from: Data(line.utf8)) else { continue }
            let start = ContinuousClock.now
            var response = Response(status: 2)
            do {
                let configuration = try ConfigurationLoader.load(root: root, overrides: overrides)
                let outcome = try await BuildProgress.reporting({ progress.lessonEvaluated() }) {
                    try await builder.build(configuration, changed: request.changed)
                }
                report(.built(outcome, output: configuration.output, seconds: seconds(since: start)))
                response = Response(status: outcome.report.hasErrors ? 1 : 0, kind: outcome.kind.name, filesWritten: outcome.filesWritten)
            } catch let failure as SiteBuildFailure {
                report(.failed(failure))
            } catch {
                report(.failed(SiteBuildFailure(Diagnostic(id: "preview.build-failed", message: "the build failed: \(error)", location: nil))))
            }
            answer(response)
        }
    }

    private static func answer(_ response: Response) {
        guard var data = try? JSONEncoder().encode(response) else { return }
        data.append(UInt8(ascii: "\n"))
        try? FileHandle.standardOutput.write(contentsOf: data)
    }

    /// The line the worker prints, at most once a second, while lessons get evaluated: the
    /// server's sign that a long build is still going (`WorkerProcess` stops a worker that
    /// prints nothing for `PreviewOptions.stallLimit`). Not a `Response`, so not an answer.
    static let progressLine = Data("{\"progress\":\"lesson evaluated\"}\n".utf8)

    /// Prints `progressLine` for lessons evaluated on any thread, throttled.
    final class ProgressLines: @unchecked Sendable {
        private let lock = NSLock()
        private var last: ContinuousClock.Instant?

        func lessonEvaluated() {
            lock.lock()
            defer { lock.unlock() }
            let now = ContinuousClock.now
            if let last, last.duration(to: now) < .seconds(1) { return }
            last = now
            try? FileHandle.standardOutput.write(contentsOf: PreviewWorker.progressLine)
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

extension IncrementalSiteBuilder.Kind {
    /// The name in the worker's answer.
    var name: String {
        switch self {
        case .whole: "whole"
        case .allPages: "all-pages"
        case .lessons: "lessons"
        case .unusedFiles: Self.nothingBuiltName
        }
    }

    /// The name of a build that left the site as it was.
    static let nothingBuiltName = "nothing"

    /// Whether the build left the site as it was (so open pages need not reload).
    public var builtNothing: Bool {
        if case .unusedFiles = self { true } else { false }
    }

    /// A few words for the terminal: what was built again and why.
    public var explanation: String {
        switch self {
        case .whole(nil): "whole site"
        case .whole(let reason?): "whole site: \(reason)"
        case .allPages(let reason): "every page rendered again: \(reason)"
        case .lessons: "only the edited lessons"
        case .unusedFiles(let paths):
            paths.joined(separator: ", ") + " changed: no lesson links to " + (paths.count == 1 ? "it" : "them") + ", nothing built"
        }
    }
}
