#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// An HTTP/1.1 server on 127.0.0.1, on an ephemeral port, for the external-link tests.
///
/// Hand-written on POSIX sockets because it must misbehave on purpose: close a connection
/// after reading the request without answering, or stall until the client gives up — things a
/// ready-made server is built not to do — and because the tests must not add a dependency.
/// One thread per connection; every answer says `Connection: close`. It records each request
/// (method and path) so tests can assert what reached it, and how many requests it was
/// handling at once at most.
final class LocalHTTPServer: Sendable {
    struct Request: Sendable, Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var description: String { "\(method) \(path)" }
    }

    enum Reply: Sendable {
        /// A status line, the given headers and (except for HEAD) the body.
        case status(Int, headers: [String: String] = [:], body: String = "")
        /// Read the request, then close the connection without a byte of answer.
        case drop
        /// Read the request, then never answer; the connection stays open until the client
        /// closes it or the server stops.
        case stall
        /// Answer after holding the connection this long (to overlap requests, never for
        /// timing assertions).
        case delayed(Double, Int)
    }

    /// Decides the reply; `count` is how many requests this path has received, this one
    /// included (any method).
    typealias Route = @Sendable (_ request: Request, _ count: Int) -> Reply

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    private struct State {
        var requests: [Request] = []
        var counts: [String: Int] = [:]
        var inFlight = 0
        var maximumInFlight = 0
        var stopped = false
    }

    let port: UInt16
    private let listener: Int32
    private let route: Route
    private let state = Mutex(State())

    var base: String { "http://127.0.0.1:\(port)" }

    init(route: @escaping Route) throws {
        self.route = route
        let socketFD = socket(AF_INET, Self.streamSocket, 0)
        guard socketFD >= 0 else { throw StartFailure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socketFD, 64) == 0 else {
            close(socketFD)
            throw StartFailure(description: "bind() or listen() on 127.0.0.1 failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else {
            close(socketFD)
            throw StartFailure(description: "getsockname() failed: errno \(errno)")
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = socketFD
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Stops accepting; stalled connections close within a moment. Safe to call twice.
    func stop() {
        let wasStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        if !wasStopped { _ = shutdown(listener, Int32(SHUT_RDWR)) }
    }

    /// Every request received so far, in arrival order.
    var requests: [Request] { state.withLock { $0.requests } }

    func count(_ path: String) -> Int { state.withLock { $0.counts[path] ?? 0 } }

    /// The most connections handled at once since the start.
    var maximumInFlight: Int { state.withLock { $0.maximumInFlight } }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR && !isStopped { continue }
                break
            }
            Thread.detachNewThread { [self] in serve(connection) }
        }
        close(listener)
    }

    private func serve(_ connection: Int32) {
        defer { close(connection) }
        guard let request = readRequest(connection) else { return }
        // A request is in flight from when it has been read until just before its answer goes
        // out: a client cannot start its next request before it has this answer, so a loaded
        // machine closing one connection late never shows as two requests at once.
        let count = state.withLock { state in
            state.inFlight += 1
            state.maximumInFlight = max(state.maximumInFlight, state.inFlight)
            state.requests.append(request)
            state.counts[request.path, default: 0] += 1
            return state.counts[request.path, default: 0]
        }
        var inFlight = true
        func answered() {
            guard inFlight else { return }
            inFlight = false
            state.withLock { $0.inFlight -= 1 }
        }
        defer { answered() }
        switch route(request, count) {
        case let .status(status, headers, body):
            answered()
            answer(connection, request, status: status, headers: headers, body: body)
        case let .delayed(seconds, status):
            Thread.sleep(forTimeInterval: seconds)
            answered()
            answer(connection, request, status: status, headers: [:], body: "")
        case .drop:
            answered()
            _ = shutdown(connection, Int32(SHUT_RDWR))
        case .stall:
            waitUntilClosedByClient(connection)
        }
    }

    /// Reads up to the blank line ending the headers; GET and HEAD carry no body.
    private func readRequest(_ connection: Int32) -> Request? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < 65536 {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return nil }
            received.append(contentsOf: buffer[0..<n])
            let text = String(decoding: received, as: UTF8.self)
            if text.contains("\r\n\r\n") {
                let parts = text.prefix { $0 != "\r" }.split(separator: " ")
                guard parts.count >= 2 else { return nil }
                return Request(method: String(parts[0]), path: String(parts[1]))
            }
        }
        return nil
    }

    private func answer(_ connection: Int32, _ request: Request, status: Int, headers: [String: String], body: String) {
        var head = "HTTP/1.1 \(status) \(HTTPURLResponse.localizedString(forStatusCode: status))\r\n"
        head += "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        let bytes = Array((head + (request.method == "HEAD" ? "" : body)).utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Self.noSignal) }
            if n <= 0 { return }
            sent += n
        }
        _ = shutdown(connection, Int32(SHUT_WR))
    }

    /// Holds a connection open without answering until the client closes it (its timeout)
    /// or the server stops.
    private func waitUntilClosedByClient(_ connection: Int32) {
        var buffer = [UInt8](repeating: 0, count: 512)
        while !isStopped {
            var descriptor = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0 && errno != EINTR { return }
            if ready > 0 {
                let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }
            }
        }
    }

    #if canImport(Glibc)
    private static let streamSocket = Int32(SOCK_STREAM.rawValue)
    private static let noSignal = Int32(MSG_NOSIGNAL)
    #else
    private static let streamSocket = SOCK_STREAM
    private static let noSignal: Int32 = 0
    #endif
}
