import FlyingSocks
import Foundation

/// The HTTP/1.1 server `preview` runs: `GET` and `HEAD`, keep-alive, nothing else.
///
/// Written on FlyingSocks' non-blocking sockets (the socket layer of FlyingFox, already a
/// dependency) rather than FlyingFox's `HTTPServer`, whose request decoder reads headers in
/// quadratic time and whose address check cannot be hooked: the request head is read by
/// `HTTPHeadReader` (linear, with 414/431 limits), the `Host` field is checked by
/// `HostCheck` before anything is served, and a port that is taken is an error at once.
final class PreviewHTTPServer: Sendable {
    typealias Handler = @Sendable (HTTPRequestHead) async -> HTTPReply

    let socket: Socket
    /// The host as given (`127.0.0.1`, `localhost`, `::1`, `0.0.0.0`), for the Host check.
    let listeningHost: String
    let handler: Handler

    /// Binds and listens at once, so a taken port is reported before anything else happens.
    init(host: String, port: UInt16, handler: @escaping Handler) throws(PreviewListenError) {
        let numeric = host == "localhost" ? "127.0.0.1" : host
        do {
            if numeric.contains(":") {
                let address = try sockaddr_in6.inet6(ip6: numeric, port: port)
                socket = try Socket(domain: Int32(sockaddr_in6.family))
                try socket.setValue(true, for: .localAddressReuse)
                try Self.bind(socket, to: address, host: host, port: port)
            } else {
                let address = try sockaddr_in.inet(ip4: numeric, port: port)
                socket = try Socket(domain: Int32(sockaddr_in.family))
                try socket.setValue(true, for: .localAddressReuse)
                try Self.bind(socket, to: address, host: host, port: port)
            }
            try socket.listen()
        } catch let error as PreviewListenError {
            throw error
        } catch {
            throw PreviewListenError(message: "cannot serve on \(host):\(port): \(Self.describe(error))")
        }
        listeningHost = host
        self.handler = handler
    }

    private static func bind(_ socket: Socket, to address: some SocketAddress, host: String, port: UInt16) throws {
        do {
            try socket.bind(to: address)
        } catch SocketError.failed(_, let code, _) where code == EADDRINUSE {
            try? socket.close()
            throw PreviewListenError(
                message: "port \(port) on \(host) is in use (another preview, or another server)",
                suggestion: "choose another port with --port \(port == UInt16.max ? 8000 : port + 1), or stop the program using it")
        }
    }

    static func describe(_ error: any Error) -> String {
        if case SocketError.failed(_, _, let message)? = error as? SocketError { return message.lowercased() }
        if case SocketError.unsupportedAddress? = error as? SocketError { return "not an IP address" }
        return "\(error)"
    }

    /// `http://127.0.0.1:8000/`.
    var url: String {
        switch try? socket.sockname() {
        case .ip4(let ip, let port)?: "http://\(ip):\(port)/"
        case .ip6(let ip, let port)?: "http://[\(ip)]:\(port)/"
        default: "http://\(listeningHost)/"
        }
    }

    /// Accepts and serves connections until the task is cancelled, on the preview's own
    /// threads (`PreviewThreads`).
    func run() async throws {
        try await withTaskExecutorPreference(PreviewThreads.serving) {
            try await accept()
        }
    }

    private func accept() async throws {
        #if os(Linux)
        let pool: some AsyncSocketPool = .ePoll()
        #else
        let pool: some AsyncSocketPool = .poll()
        #endif
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        defer { try? socket.close() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await pool.run() }
            group.addTask {
                try await withThrowingDiscardingTaskGroup { connections in
                    while !Task.isCancelled {
                        let connection: AsyncSocket
                        do {
                            connection = try await listener.accept()
                        } catch is CancellationError {
                            return
                        } catch {
                            // Out of file descriptors (a flood of connections): wait, go on.
                            try await PreviewThreads.serving.sleep(for: .milliseconds(50))
                            continue
                        }
                        connections.addTask { await self.serve(connection) }
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// One connection: requests one after another until it closes or asks to.
    func serve(_ connection: AsyncSocket) async {
        defer { try? connection.close() }
        var reader = HTTPHeadReader()
        while !Task.isCancelled {
            switch reader.next() {
            case .needMore:
                guard let bytes = try? await connection.read(atMost: 16_384) else { return }
                reader.append(bytes)
            case .refuse(let status, let reason):
                try? await connection.write(HTTPReply.text(status, reason).encoded(includingBody: true, keepAlive: false))
                return
            case .head(let head):
                let (reply, keepAlive) = await answer(head)
                let isHead = head.method == "HEAD"
                guard (try? await connection.write(reply.encoded(includingBody: !isHead, keepAlive: keepAlive))) != nil, keepAlive else { return }
            }
        }
    }

    /// The reply to one request and whether the connection stays open after it.
    func answer(_ head: HTTPRequestHead) async -> (HTTPReply, Bool) {
        guard head.method == "GET" || head.method == "HEAD" else {
            return (.text(405, "preview answers GET and HEAD only", fields: [("Allow", "GET, HEAD")]), false)
        }
        // A request body would have to be read past; none is expected.
        if head.field("Transfer-Encoding") != nil || (head.field("Content-Length").map { $0 != "0" } ?? false) {
            return (.text(413, "preview accepts no request body"), false)
        }
        if head.version == "HTTP/1.1" || head.field("Host") != nil {
            guard HostCheck.allows(head.field("Host"), listeningOn: listeningHost) else {
                return (.text(403, "preview answers only requests for \(listeningHost) or localhost (Host: \(head.field("Host") ?? "missing"))"), false)
            }
        }
        return (await handler(head), head.keepsAlive)
    }
}

/// The address cannot be listened on (exit code 2): the message, and what to do.
public struct PreviewListenError: Error, Sendable {
    public var message: String
    public var suggestion: String?
}
