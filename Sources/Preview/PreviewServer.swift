import Diagnostics
import Foundation
import Site

/// Where and how `calcbook preview` serves.
public struct PreviewOptions: Sendable {
    /// 127.0.0.1 unless the author asks otherwise (the preview is for its author, not the network).
    public var host: String
    /// 0 picks a free port (tests).
    public var port: UInt16
    /// How often the lessons, templates and `calcbook.toml` are scanned for changes.
    public var pollInterval: Duration
    /// How often the files an author is most likely editing are checked: the lessons of the
    /// pages open in a browser and the files changed last. A change is seen within this time
    /// (plus as long again to see that the file stopped changing), not within `pollInterval`.
    public var hotPollInterval: Duration
    /// Where each build runs: `calcbook preview` runs them in a child process.
    public var builds: PreviewBuilds
    /// How long a build worker may go without finishing a lesson (or answering) before it is
    /// stopped as stuck. Ten minutes: a cell may run for 10 s, and a lesson's cells run one
    /// after another, so only a lesson of more than 60 cells each at its limit comes close.
    public var stallLimit: Duration

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8000, pollInterval: Duration = .milliseconds(250),
        hotPollInterval: Duration = .milliseconds(20), builds: PreviewBuilds = .inProcess, stallLimit: Duration = .seconds(600)
    ) {
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.hotPollInterval = hotPollInterval
        self.builds = builds
        self.stallLimit = stallLimit
    }
}

/// Where preview runs a build.
public enum PreviewBuilds: Sendable {
    /// In the server's own process (tests of the server; a crash here ends the server).
    case inProcess
    /// In a build worker (`PreviewWorker`): this command, run in the project root, normally
    /// the running calcbook binary with `preview-worker` and the preview's flags. It keeps
    /// the last build in memory, so an edited lesson is rebuilt alone. A worker that crashes
    /// (a signal) ends only itself; the server keeps serving the last good site and starts a
    /// new worker, which builds the whole site, at the next change. The worker prints its own
    /// diagnostics to the inherited standard error.
    case worker(executable: String, arguments: [String])
}

/// What happened, for the command line to print.
public enum PreviewEvent: Sendable {
    /// A build finished (with `--keep-going`: pages are written even when lessons have
    /// problems, which the pages show). `changed` is empty for the first build.
    case built(SiteBuildReport, output: String, seconds: Double, changed: [String])
    /// The build could not run (a broken `calcbook.toml` or template); the previous site is
    /// still served.
    case failed(SiteBuildFailure)
    /// The server is ready at this address.
    case listening(String)
    /// A build in the worker (`PreviewBuilds.worker`) ended with this status (0 or 1: it
    /// wrote the site; 2: it could not run), the worker having printed its own diagnostics.
    /// `seconds` runs from the change being seen to the site being written.
    case builtInChild(status: Int32, output: String, seconds: Double, changed: [String])
    /// The build worker crashed or could not be started; the previous site is still served,
    /// with a banner saying so.
    case crashed(PreviewBuildCrash, changed: [String])
}

/// A build that ended without an exit status of its own: killed by a signal, or not started.
public struct PreviewBuildCrash: Error, Sendable, Equatable {
    /// One sentence, for the terminal and the page's banner.
    public var message: String

    public init(message: String) {
        self.message = message
    }

    /// The terminal line and banner for a child killed by `signal`.
    static func signal(_ signal: Int32) -> PreviewBuildCrash {
        let name: String = switch signal {
        case SIGSEGV: " (SIGSEGV, a crash)"
        case SIGILL: " (SIGILL, a failed check inside calcbook)"
        case SIGABRT: " (SIGABRT)"
        case SIGBUS: " (SIGBUS)"
        case SIGKILL: " (SIGKILL: out of memory, or killed)"
        case SIGTRAP: " (SIGTRAP, a failed check inside calcbook)"
        default: ""
        }
        return PreviewBuildCrash(message: "the build crashed with signal \(signal)\(name); the preview still serves the last site built. This is a bug in calcbook: please report it with the lesson that causes it")
    }

    /// The terminal line and banner for a worker stopped after `limit` without progress.
    static func stalled(_ limit: Duration) -> PreviewBuildCrash {
        PreviewBuildCrash(message: "the build finished no lesson for \(limit.components.seconds) s and was stopped; the preview still serves the last site built, and the next change starts a new worker. A cell that runs past its time limit is a bug in calcbook: please report it with the lesson that causes it")
    }

    /// The terminal line and banner for a worker that exited before it answered.
    static func exited(_ status: Int32) -> PreviewBuildCrash {
        PreviewBuildCrash(message: "the build worker stopped with exit status \(status) before the build finished; the preview still serves the last site built, and the next change starts a new worker")
    }
}

/// `calcbook preview`: builds the site, serves the output folder over HTTP, and rebuilds when
/// a lesson, template or `calcbook.toml` changes; open pages reload themselves.
///
/// The builds run in a worker process that keeps the last build in memory
/// (`IncrementalSiteBuilder`): an edited lesson is evaluated, rendered and written alone, and
/// anything else is a whole build, which the lesson cache keeps to the lessons that changed.
/// Builds run with `--keep-going`, so a failing cell shows in its page and the server keeps
/// running.
public final class PreviewServer: Sendable {
    let root: String
    let overrides: ConfigurationOverrides
    let options: PreviewOptions
    let report: @Sendable (PreviewEvent) -> Void
    let state = PreviewState()
    /// The in-process builder (`PreviewBuilds.inProcess`).
    let builder = IncrementalSiteBuilder()
    /// The build worker (`PreviewBuilds.worker`), once started and while it lives.
    let worker = WorkerSlot()

    public init(
        root: String, overrides: ConfigurationOverrides, options: PreviewOptions = PreviewOptions(),
        report: @escaping @Sendable (PreviewEvent) -> Void
    ) {
        var overrides = overrides
        overrides.keepGoing = true
        self.root = root
        self.overrides = overrides
        self.options = options
        self.report = report
    }

    /// Runs until the task is cancelled, on the preview's own threads (`PreviewThreads`).
    /// Throws when the first configuration cannot be read (`SiteBuildFailure`) or the address
    /// cannot be listened on (`PreviewListenError`): exit code 2.
    public func run() async throws {
        try await withTaskExecutorPreference(PreviewThreads.serving) {
            try await serve()
        }
    }

    private func serve() async throws {
        let configuration = try ConfigurationLoader.load(root: root, overrides: overrides)
        // Listen before the first build, so a taken port is said at once.
        let state = self.state
        let server = try PreviewHTTPServer(host: options.host, port: options.port) { head in
            await Self.respond(to: head, state: state)
        }
        await build(configuration, changed: [])

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            report(.listening(server.url))
            group.addTask { try await self.watch(from: configuration) }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Watches for changes: the whole project every poll interval, and the hot files (the
    /// lessons of pages served lately, the files changed last) every hot poll interval. A
    /// change is built once its files have stopped changing for one hot interval (editors save
    /// in several writes); a file still being written is simply built again when it settles.
    private func watch(from first: SiteConfiguration) async throws {
        var configuration = first
        var watcher = Self.watcher(for: configuration, root: root)
        var known = watcher.scan()
        var lastScan = ContinuousClock.now
        var recentlyChanged: [String] = []
        while !Task.isCancelled {
            try await PreviewThreads.serving.sleep(for: options.hotPollInterval)
            let hot = Set(recentlyChanged + (await state.recentPages()).compactMap { Self.lessonFile(ofPage: $0, configuration) })
            var changed = hot.filter { SiteWatcher.stamp(ofFile: $0) != known[$0] }.sorted()
            var seen = ContinuousClock.now
            if changed.isEmpty {
                guard lastScan.duration(to: .now) >= options.pollInterval else { continue }
                lastScan = .now
                changed = SiteWatcher.changes(from: known, to: watcher.scan())
                guard !changed.isEmpty else { continue }
                seen = .now
            }
            // Settle: the changed files must keep their stamps for one hot interval.
            var stamps = Dictionary(uniqueKeysWithValues: changed.map { ($0, SiteWatcher.stamp(ofFile: $0)) })
            while true {
                try await PreviewThreads.serving.sleep(for: options.hotPollInterval)
                let settled = Dictionary(uniqueKeysWithValues: stamps.keys.map { ($0, SiteWatcher.stamp(ofFile: $0)) })
                if settled == stamps { break }
                stamps = settled
            }
            for (path, stamp) in stamps { known[path] = stamp }
            recentlyChanged = Array((changed + recentlyChanged.filter { !changed.contains($0) }).prefix(Self.recentFileCount))
            let previousRoots = watcher.roots
            do {
                configuration = try ConfigurationLoader.load(root: root, overrides: overrides)
            } catch {
                report(.failed(error))
                continue
            }
            watcher = Self.watcher(for: configuration, root: root)
            if watcher.roots != previousRoots {
                known = watcher.scan()
                lastScan = .now
            }
            await build(configuration, changed: changed, since: seen)
        }
    }

    /// How many of the files changed last are checked every hot interval.
    static let recentFileCount = 8

    /// The lesson a served page comes from (`part1/a.html` → `<lessons>/part1/a.md`).
    static func lessonFile(ofPage page: String, _ configuration: SiteConfiguration) -> String? {
        guard page.hasSuffix(".html") else { return nil }
        return configuration.onDisk(configuration.lessons) + "/" + page.dropLast(5) + ".md"
    }

    /// Builds after `changed` (absolute paths; empty for the first build), seen at `since`.
    private func build(_ configuration: SiteConfiguration, changed: [String], since start: ContinuousClock.Instant = .now) async {
        let shown = changed.map(configuration.shown)
        if case .worker(let executable, let arguments) = options.builds {
            await buildInWorker(configuration, executable: executable, arguments: arguments, changed: changed, shown: shown, since: start)
            return
        }
        do {
            let outcome = try await builder.build(configuration, changed: changed)
            if outcome.kind.builtNothing { return }
            await state.published(output: configuration.onDisk(configuration.output))
            report(.built(outcome.report, output: configuration.output, seconds: PreviewWorker.seconds(since: start), changed: shown))
        } catch {
            await state.failed("the site could not be built; the preview still serves the last site built (the terminal says why)")
            report(.failed(error))
        }
    }

    /// Runs one build in the worker, starting one when there is none, so that nothing a
    /// lesson does to the engine (a crash, a stack overflow) can end the server.
    private func buildInWorker(
        _ configuration: SiteConfiguration, executable: String, arguments: [String], changed: [String], shown: [String],
        since start: ContinuousClock.Instant
    ) async {
        let response: PreviewWorker.Response
        do {
            let process = try await worker.current(orStart: { () throws(WorkerProcess.Failure) in
                try WorkerProcess(executable: executable, arguments: arguments, directory: root, stallLimit: options.stallLimit)
            })
            do {
                response = try await process.request(PreviewWorker.Request(changed: changed))
            } catch {
                await worker.drop(process)
                throw error
            }
        } catch {
            if Task.isCancelled { return }
            let crash: PreviewBuildCrash = switch error as? WorkerProcess.Failure {
            case .ended(.signalled(let signal)): .signal(signal)
            case .ended(.exited(let status)): .exited(status)
            case .stalled(let limit): .stalled(limit)
            case .notStarted(let reason): PreviewBuildCrash(message: "the build worker could not be started (\(reason)); the preview still serves the last site built")
            case nil: PreviewBuildCrash(message: "the build worker could not be reached (\(error)); the preview still serves the last site built")
            }
            await state.failed(crash.message)
            report(.crashed(crash, changed: shown))
            return
        }
        if Task.isCancelled || response.kind == IncrementalSiteBuilder.Kind.nothingBuiltName { return }
        let seconds = PreviewWorker.seconds(since: start)
        if response.status == 0 || response.status == 1 {
            await state.published(output: configuration.onDisk(configuration.output))
        } else {
            await state.failed("the site could not be built; the preview still serves the last site built (the terminal says why)")
        }
        report(.builtInChild(status: response.status, output: configuration.output, seconds: seconds, changed: shown))
    }

    static func watcher(for configuration: SiteConfiguration, root: String) -> SiteWatcher {
        SiteWatcher(roots: [
            configuration.onDisk(configuration.lessons),
            configuration.onDisk(configuration.templates),
            (root.hasSuffix("/") ? root : root + "/") + ConfigurationLoader.fileName,
        ] + [configuration.macros, configuration.references].compactMap { $0.map(configuration.onDisk) })  // TeX macros, bibliography
    }

    /// Routes one request: the reload long-poll, or a file of the output folder.
    static func respond(to head: HTTPRequestHead, state: PreviewState) async -> HTTPReply {
        let path = head.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.target
        if path == "/__calcbook/wait" {
            return await waitResponse(query: head.target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? "", state: state)
        }
        return await respond(to: head.target, state: state)
    }

    /// `/__calcbook/wait?generation=N`: the newest build number, once it is above N (or
    /// after a while, when the page asks again).
    static func waitResponse(query: String, state: PreviewState) async -> HTTPReply {
        let seen = query.split(separator: "&").lazy
            .compactMap { pair -> Int? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return parts.count == 2 && parts[0] == "generation" ? Int(parts[1]) : nil
            }
            .first ?? 0
        let now = await state.waitForGeneration(after: seen, atMost: .seconds(25))
        return HTTPReply(status: 200, contentType: "text/plain", body: Data(String(now).utf8), fields: [("Cache-Control", "no-store")])
    }

    static func respond(to requestPath: String, state: PreviewState) async -> HTTPReply {
        let problem = await state.problem
        guard let output = await state.output, let path = PreviewFiles.sitePath(for: requestPath) else {
            return notFound(problem: problem)
        }
        var file = output + "/" + path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            file += "/index.html"
        }
        guard let data = FileManager.default.contents(atPath: file) else { return notFound(problem: problem) }
        let type = PreviewFiles.contentType(of: file)
        var body = data
        if type.hasPrefix("text/html") {
            await state.served(page: String(file.dropFirst(output.count + 1)))
            let page = PreviewFiles.withReloadScript(
                String(decoding: data, as: UTF8.self), generation: await state.generation, banner: problem)
            body = Data(page.utf8)
        }
        return HTTPReply(status: 200, contentType: type, body: body, fields: [("Cache-Control", "no-store")])
    }

    private static func notFound(problem: String?) -> HTTPReply {
        let page = problem.map { PreviewFiles.withBanner(PreviewFiles.notFoundPage, banner: $0) } ?? PreviewFiles.notFoundPage
        return HTTPReply(status: 404, contentType: "text/html; charset=utf-8", body: Data(page.utf8))
    }
}

/// The running build worker, if any: started at the first build and again after one ended.
actor WorkerSlot {
    private var process: WorkerProcess?

    func current(orStart start: () throws(WorkerProcess.Failure) -> WorkerProcess) throws(WorkerProcess.Failure) -> WorkerProcess {
        if let process { return process }
        let started = try start()
        process = started
        return started
    }

    /// Forgets `ended`, so the next build starts a new worker.
    func drop(_ ended: WorkerProcess) {
        if process === ended { process = nil }
    }
}

/// The served folder and its build number, shared by the builder and the request handlers.
actor PreviewState {
    /// Absolute path of the output folder once a build has written it.
    private(set) var output: String?
    /// Counts finished builds; a page reloads when it has seen an older one.
    private(set) var generation = 0
    /// Why the last build did not replace the site, for the banner on every page until a
    /// build succeeds.
    private(set) var problem: String?

    /// The pages served last (relative to the output folder), newest first: their lessons are
    /// the ones checked for changes most often.
    private var pages: [String] = []

    func served(page: String) {
        pages.removeAll { $0 == page }
        pages.insert(page, at: 0)
        if pages.count > Self.recentPageCount { pages.removeLast() }
    }

    func recentPages() -> [String] { pages }

    static let recentPageCount = 8

    /// Pages waiting for a build newer than the one they show, woken when it is out.
    private var waiters: [UUID: (seen: Int, continuation: CheckedContinuation<Void, Never>)] = [:]

    func published(output: String) {
        self.output = output
        problem = nil
        advance()
    }

    /// The last build failed or crashed: open pages reload to show the banner over the
    /// previous site.
    func failed(_ message: String) {
        problem = message
        advance()
    }

    private func advance() {
        generation += 1
        let ready = waiters.filter { $0.value.seen < generation }
        for (id, waiter) in ready {
            waiters[id] = nil
            waiter.continuation.resume()
        }
    }

    /// Returns as soon as a build newer than `seen` is out (woken by the build, not polled: the
    /// reload is part of the edit-to-page time), or after `limit` (the browser then asks again).
    func waitForGeneration(after seen: Int, atMost limit: Duration) async -> Int {
        guard generation <= seen else { return generation }
        let id = UUID()
        // On the preview's threads: a task of the shared pool, or `Task.sleep`, could wake the
        // page minutes late.
        let timeout = Task(executorPreference: PreviewThreads.serving) { [weak self] in
            try? await PreviewThreads.serving.sleep(for: limit)
            await self?.wake(id)
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiters[id] = (seen, continuation)
            }
        } onCancel: {
            Task(executorPreference: PreviewThreads.serving) { await self.wake(id) }
        }
        timeout.cancel()
        return generation
    }

    /// Ends one wait early (its time is up, or the request went away).
    private func wake(_ id: UUID) {
        waiters.removeValue(forKey: id)?.continuation.resume()
    }
}
