import Diagnostics
import FlyingFox
import FlyingSocks
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

    public init(host: String = "127.0.0.1", port: UInt16 = 8000, pollInterval: Duration = .milliseconds(250)) {
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
    }
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
    /// or the address cannot be listened on (exit code 2).
    public func run() async throws {
        let configuration = try ConfigurationLoader.load(root: root, overrides: overrides)
        await build(configuration, changed: [])

        let server = try Self.server(options.host, options.port)
        let state = self.state
        await server.appendRoute("GET,HEAD /__calcbook/wait") { (request: HTTPRequest) async -> HTTPResponse in
            await Self.waitResponse(to: request, state: state)
        }
        await server.appendRoute("GET,HEAD *") { (request: HTTPRequest) async -> HTTPResponse in
            await Self.respond(to: request.path, state: state)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            try await server.waitUntilListening()
            if case .ip4(let ip, let port)? = await server.listeningAddress {
                report(.listening("http://\(ip):\(port)/"))
            } else if case .ip6(let ip, let port)? = await server.listeningAddress {
                report(.listening("http://[\(ip)]:\(port)/"))
            }
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
            report(.failed(error))
        }
    }

    static func watcher(for configuration: SiteConfiguration, root: String) -> SiteWatcher {
        SiteWatcher(roots: [
            configuration.onDisk(configuration.lessons),
            configuration.onDisk(configuration.templates),
            (root.hasSuffix("/") ? root : root + "/") + ConfigurationLoader.fileName,
        ])
    }

    static func server(_ host: String, _ port: UInt16) throws -> HTTPServer {
        let host = host == "localhost" ? "127.0.0.1" : host
        if host.contains(":") {
            return HTTPServer(address: try sockaddr_in6.inet6(ip6: host, port: port), logger: .disabled)
        }
        return HTTPServer(address: try sockaddr_in.inet(ip4: host, port: port), logger: .disabled)
    }

    /// `/__calcbook/wait?generation=N`: the newest build number, once it is above N (or
    /// after a while, when the page asks again).
    static func waitResponse(to request: HTTPRequest, state: PreviewState) async -> HTTPResponse {
        let seen = request.query.first { $0.name == "generation" }.flatMap { Int($0.value) } ?? 0
        let now = await state.waitForGeneration(after: seen, atMost: .seconds(25))
        var headers = HTTPHeaders()
        headers[.contentType] = "text/plain"
        headers[HTTPHeader("Cache-Control")] = "no-store"
        return HTTPResponse(statusCode: .ok, headers: headers, body: Data(String(now).utf8))
    }

    static func respond(to requestPath: String, state: PreviewState) async -> HTTPResponse {
        guard let output = await state.output, let path = PreviewFiles.sitePath(for: requestPath) else {
            return notFound()
        }
        var file = output + "/" + path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            file += "/index.html"
        }
        guard let data = FileManager.default.contents(atPath: file) else { return notFound() }
        let type = PreviewFiles.contentType(of: file)
        var body = data
        if type.hasPrefix("text/html") {
            let page = PreviewFiles.withReloadScript(String(decoding: data, as: UTF8.self), generation: await state.generation)
            body = Data(page.utf8)
        }
        var headers = HTTPHeaders()
        headers[.contentType] = type
        headers[HTTPHeader("Cache-Control")] = "no-store"
        return HTTPResponse(statusCode: .ok, headers: headers, body: body)
    }

    private static func notFound() -> HTTPResponse {
        var headers = HTTPHeaders()
        headers[.contentType] = "text/html; charset=utf-8"
        return HTTPResponse(statusCode: .notFound, headers: headers, body: Data(PreviewFiles.notFoundPage.utf8))
    }
}

/// The served folder and its build number, shared by the builder and the request handlers.
actor PreviewState {
    /// Absolute path of the output folder once a build has written it.
    private(set) var output: String?
    /// Counts finished builds; a page reloads when it has seen an older one.
    private(set) var generation = 0

    func published(output: String) {
        self.output = output
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
