import Diagnostics
import Foundation
import Site

/// Where and how `calcbook preview` serves.
public struct PreviewOptions: Sendable {
    /// 127.0.0.1 unless the author asks otherwise (quality.md: preview listens on loopback).
    public var host: String
    /// 0 picks a free port (tests).
    public var port: UInt16
    /// How often the lessons, templates and `calcbook.toml` are scanned for changes.
    public var pollInterval: Duration
    /// Where each build runs: `calcbook preview` runs them in a child process.
    public var builds: PreviewBuilds

    public init(
        host: String = "127.0.0.1", port: UInt16 = 8000, pollInterval: Duration = .milliseconds(250),
        builds: PreviewBuilds = .inProcess
    ) {
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
        self.builds = builds
    }
}

/// Where preview runs a build.
public enum PreviewBuilds: Sendable {
    /// In the server's own process (tests of the server; a crash here ends the server).
    case inProcess
    /// Each build is this command, run in the project root: normally the running calcbook
    /// binary with `build --keep-going` and the preview's flags. A build that crashes (a
    /// signal) then ends only the child; the server keeps serving the last good site.
    /// The child prints its own diagnostics to the inherited standard error. Exit status 0
    /// or 1: the site was written (1: with problems, shown in the pages); 2: the build
    /// could not run.
    case childProcess(executable: String, arguments: [String])
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
    /// A build in a child process (`PreviewBuilds.childProcess`) ended with this exit status
    /// (0 or 1: it wrote the site; 2: it could not run), having printed its own diagnostics.
    case builtInChild(status: Int32, output: String, seconds: Double, changed: [String])
    /// A build in a child process crashed or could not be started; the previous site is still
    /// served, with a banner saying so.
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
}

/// `calcbook preview`: builds the site, serves the output folder over HTTP, and rebuilds when
/// a lesson, template or `calcbook.toml` changes; open pages reload themselves.
///
/// The work per change is a normal build, which the content-hash cache keeps to the lessons
/// that changed. Builds run with `--keep-going`, so a failing cell shows in its page and the
/// server keeps running.
public final class PreviewServer: Sendable {
    let root: String
    let overrides: ConfigurationOverrides
    let options: PreviewOptions
    let report: @Sendable (PreviewEvent) -> Void
    let state = PreviewState()

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

    /// Runs until the task is cancelled. Throws when the first configuration cannot be read
    /// (`SiteBuildFailure`) or the address cannot be listened on (`PreviewListenError`): exit
    /// code 2.
    public func run() async throws {
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

    /// Scans for changes every poll interval; a change is built once the files have stopped
    /// changing for one interval (editors save in several writes).
    private func watch(from first: SiteConfiguration) async throws {
        var configuration = first
        var watcher = Self.watcher(for: configuration, root: root)
        var known = watcher.scan()
        while !Task.isCancelled {
            try await Task.sleep(for: options.pollInterval)
            var now = watcher.scan()
            var changed = SiteWatcher.changes(from: known, to: now)
            guard !changed.isEmpty else { continue }
            while true {
                try await Task.sleep(for: options.pollInterval)
                let settled = watcher.scan()
                if settled == now { break }
                changed = Array(Set(changed + SiteWatcher.changes(from: now, to: settled))).sorted()
                now = settled
            }
            known = now
            do {
                configuration = try ConfigurationLoader.load(root: root, overrides: overrides)
                watcher = Self.watcher(for: configuration, root: root)
                known = watcher.scan()
            } catch {
                report(.failed(error))
                continue
            }
            let prefix = root.hasSuffix("/") ? root : root + "/"
            await build(configuration, changed: changed.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 })
        }
    }

    private func build(_ configuration: SiteConfiguration, changed: [String]) async {
        if case .childProcess(let executable, let arguments) = options.builds {
            await buildInChild(configuration, executable: executable, arguments: arguments, changed: changed)
            return
        }
        let start = ContinuousClock.now
        do {
            let result = try await SiteBuilder(configuration: configuration).build()
            let elapsed = start.duration(to: .now)
            await state.published(output: configuration.onDisk(configuration.output))
            report(.built(
                result, output: configuration.output,
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                changed: changed))
        } catch {
            await state.failed("the site could not be built; the preview still serves the last site built (the terminal says why)")
            report(.failed(error))
        }
    }

    /// Runs one build as a child process, so that nothing a lesson does to the engine (a
    /// crash, a stack overflow) can end the server.
    private func buildInChild(_ configuration: SiteConfiguration, executable: String, arguments: [String], changed: [String]) async {
        let start = ContinuousClock.now
        let ending: ChildProcess.Ending
        do {
            ending = try await ChildProcess.run(executable: executable, arguments: arguments, in: root)
        } catch is CancellationError {
            return
        } catch {
            let crash = PreviewBuildCrash(message: "the build could not be started (\(executable): \(error)); the preview still serves the last site built")
            await state.failed(crash.message)
            report(.crashed(crash, changed: changed))
            return
        }
        if Task.isCancelled { return }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch ending {
        case .exited(let status) where status == 0 || status == 1:
            await state.published(output: configuration.onDisk(configuration.output))
            report(.builtInChild(status: status, output: configuration.output, seconds: seconds, changed: changed))
        case .exited(let status):
            await state.failed("the site could not be built; the preview still serves the last site built (the terminal says why)")
            report(.builtInChild(status: status, output: configuration.output, seconds: seconds, changed: changed))
        case .signalled(let signal):
            let crash = PreviewBuildCrash.signal(signal)
            await state.failed(crash.message)
            report(.crashed(crash, changed: changed))
        }
    }

    static func watcher(for configuration: SiteConfiguration, root: String) -> SiteWatcher {
        SiteWatcher(roots: [
            configuration.onDisk(configuration.lessons),
            configuration.onDisk(configuration.templates),
            (root.hasSuffix("/") ? root : root + "/") + ConfigurationLoader.fileName,
        ] + (configuration.macros.map { [configuration.onDisk($0)] } ?? []))  // the TeX macro file
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

/// The served folder and its build number, shared by the builder and the request handlers.
actor PreviewState {
    /// Absolute path of the output folder once a build has written it.
    private(set) var output: String?
    /// Counts finished builds; a page reloads when it has seen an older one.
    private(set) var generation = 0
    /// Why the last build did not replace the site, for the banner on every page until a
    /// build succeeds.
    private(set) var problem: String?

    func published(output: String) {
        self.output = output
        problem = nil
        generation += 1
    }

    /// The last build failed or crashed: open pages reload to show the banner over the
    /// previous site.
    func failed(_ message: String) {
        problem = message
        generation += 1
    }

    /// Returns as soon as a build newer than `seen` is out, or after `limit` (the browser then
    /// asks again), so an open page learns of a rebuild within a tenth of a second.
    func waitForGeneration(after seen: Int, atMost limit: Duration) async -> Int {
        let deadline = ContinuousClock.now + limit
        while generation <= seen, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(100))
        }
        return generation
    }
}
