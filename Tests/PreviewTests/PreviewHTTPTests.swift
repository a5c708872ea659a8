import Foundation
import Testing
@testable import Preview
import Site
import ThreadsTestSupport

/// The request reader: linear, with limits, and strict about the request line.
@Suite struct HTTPHeadReaderTests {
    static func read(_ text: String, chunk: Int = 7) -> [HTTPHeadReader.Outcome] {
        var reader = HTTPHeadReader()
        var outcomes: [HTTPHeadReader.Outcome] = []
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            reader.append(bytes[offset..<min(offset + chunk, bytes.count)])
            offset += chunk
            while true {
                let outcome = reader.next()
                if outcome == .needMore { break }
                outcomes.append(outcome)
                if case .refuse = outcome { return outcomes }
            }
        }
        return outcomes
    }

    @Test func headsArriveInPiecesAndBackToBack() {
        let outcomes = Self.read("GET /a HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nX-Y:  z \r\n\r\nHEAD /b?x=1 HTTP/1.0\n\n")
        #expect(outcomes == [
            .head(HTTPRequestHead(method: "GET", target: "/a", version: "HTTP/1.1", fields: [
                .init(name: "Host", value: "127.0.0.1:8000"), .init(name: "X-Y", value: "z"),
            ])),
            .head(HTTPRequestHead(method: "HEAD", target: "/b?x=1", version: "HTTP/1.0", fields: [])),
        ])
    }

    @Test func anOverlongRequestLineIsRefusedBeforeItEnds() {
        var reader = HTTPHeadReader()
        reader.append(Array("GET /".utf8) + Array(repeating: UInt8(ascii: "a"), count: 300_000))
        #expect(reader.next() == .refuse(status: 414, reason: "the request line is longer than 8192 bytes"))
    }

    @Test func overlongHeadersAreRefused() {
        let long = "GET / HTTP/1.1\r\n" + String(repeating: "X-Filler: 0123456789abcdef\r\n", count: 2_000)
        #expect(Self.read(long, chunk: 4_096).last == .refuse(status: 431, reason: "the request's header fields are longer than 32768 bytes"))
        let many = "GET / HTTP/1.1\r\n" + String(repeating: "A: b\r\n", count: 101) + "\r\n"
        #expect(Self.read(many).last == .refuse(status: 431, reason: "the request has more than 100 header fields"))
    }

    @Test(arguments: ["GET /\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nNo colon\r\n\r\n", "GET /\u{1} HTTP/1.1\r\n\r\n"])
    func malformedHeadsAreBadRequests(text: String) {
        guard case .refuse(let status, _)? = Self.read(text).last else {
            Issue.record("accepted: \(text.debugDescription)")
            return
        }
        #expect(status == 400)
    }

    @Test func otherHTTPVersionsAreRefused() {
        guard case .refuse(505, _)? = Self.read("GET / HTTP/2.0\r\n\r\n").last else {
            Issue.record("HTTP/2.0 accepted")
            return
        }
    }
}

@Suite struct HostCheckTests {
    @Test func theListeningAddressAndLocalhostAreAnswered() {
        for host in ["127.0.0.1:8000", "127.0.0.1", "localhost:8000", "LOCALHOST", "localhost.:9000", "app.localhost:8000"] {
            #expect(HostCheck.allows(host, listeningOn: "127.0.0.1"), "\(host)")
        }
        #expect(HostCheck.allows("[::1]:8000", listeningOn: "::1"))
        #expect(HostCheck.allows("127.0.0.1:8000", listeningOn: "localhost"))
    }

    @Test func otherNamesAreNot() {
        for host in ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1", "", "127.0.0.1:80x", "a b"] {
            #expect(!HostCheck.allows(host, listeningOn: "127.0.0.1"), "\(host)")
        }
        #expect(!HostCheck.allows(nil, listeningOn: "127.0.0.1"))
    }

    @Test func onEveryAddressAnyIPIsAnsweredButNoOtherName() {
        #expect(HostCheck.allows("192.168.1.20:8000", listeningOn: "0.0.0.0"))
        #expect(HostCheck.allows("[fe80::1]:8000", listeningOn: "::"))
        #expect(!HostCheck.allows("evil.example:8000", listeningOn: "0.0.0.0"))
        #expect(!HostCheck.allows("999.1.1.1", listeningOn: "0.0.0.0"))
    }
}

/// The server itself, on 127.0.0.1 with a free port, against raw sockets.
@Suite struct PreviewHTTPServerTests {
    /// A server answering every request with its target, running until the test ends.
    static func withServer(_ body: (UInt16) async throws -> Void) async throws {
        let server = try PreviewHTTPServer(host: "127.0.0.1", port: 0) { head in
            HTTPReply(status: 200, contentType: "text/plain", body: Data(head.target.utf8))
        }
        let running = Task(executorPreference: PreviewThreads.serving) { try await server.run() }
        defer { running.cancel() }
        let port = try #require(UInt16(server.url.split(separator: ":").last?.dropLast() ?? ""))
        try await body(port)
    }

    /// `exchangeBlocking` on a thread of its own: a blocking socket call must not hold one of
    /// the few threads Swift concurrency shares with the server under test.
    static func exchange(_ request: [UInt8], port: UInt16, limit: Int = 1 << 20) async throws -> String {
        try await onThread { try exchangeBlocking(request, port: port, limit: limit) }
    }

    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Sends `request` on a new connection and returns what comes back until the server
    /// closes it or `limit` bytes have arrived (blocking sockets with a 60 s receive timeout,
    /// long only so that a loaded machine cannot fail the test).
    static func exchangeBlocking(_ request: [UInt8], port: UInt16, limit: Int = 1 << 20) throws -> String {
        let fd = try connect(port)
        defer { close(fd) }
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count <= 0 { break } // the server may close early (a refused head)
            sent += count
        }
        return receive(fd, limit: limit)
    }

    static func connect(_ port: UInt16) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
        return fd
    }

    static func receive(_ fd: Int32, limit: Int) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while data.count < limit {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func get(_ target: String, host: String = "127.0.0.1") -> [UInt8] {
        Array("GET \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n".utf8)
    }

    @Test(.previewTimeLimit)
    func hugeRequestLinesAreRefusedAndTheServerStaysResponsive() async throws {
        try await onPreviewThreads {
            try await Self.withServer { port in
                // 300 KB, 1 MB and 10 MB request lines: each refused at once with 414 (FlyingFox's
                // decoder took half a minute for two of 300 KB, minutes for the larger ones).
                for size in [300_000, 1_000_000, 10_000_000] {
                    let answer = try await Self.exchange(Array("GET /".utf8) + [UInt8](repeating: 0x61, count: size) + Array(" HTTP/1.1\r\n\r\n".utf8), port: port)
                    #expect(answer.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "\(size)")
                }
                let headers = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: ".utf8) + [UInt8](repeating: 0x62, count: 100_000) + Array("\r\n\r\n".utf8)
                #expect(try await Self.exchange(headers, port: port).hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
                #expect(try await Self.exchange(Self.get("/after"), port: port).hasSuffix("\r\n\r\n/after"))
            }
        }
    }

    @Test(.previewTimeLimit)
    func aForeignHostIsRefused() async throws {
        try await onPreviewThreads {
            try await Self.withServer { port in
                let rebound = try await Self.exchange(Self.get("/", host: "evil.example:\(port)"), port: port)
                #expect(rebound.hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
                #expect(!rebound.hasSuffix("\r\n\r\n/"))
                #expect(try await Self.exchange(Array("GET / HTTP/1.1\r\n\r\n".utf8), port: port).hasPrefix("HTTP/1.1 403 Forbidden\r\n"), "no Host at all")
                #expect(try await Self.exchange(Self.get("/", host: "localhost:\(port)"), port: port).hasPrefix("HTTP/1.1 200 OK\r\n"))
            }
        }
    }

    @Test(.previewTimeLimit)
    func onlyGetAndHeadAreAnsweredAndHeadHasNoBody() async throws {
        try await onPreviewThreads {
            try await Self.withServer { port in
                let post = try await Self.exchange(Array("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n".utf8), port: port)
                #expect(post.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n") && post.contains("Allow: GET, HEAD\r\n"))
                let head = try await Self.exchange(Array("HEAD /x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8), port: port)
                #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n") && head.contains("Content-Length: 2\r\n") && head.hasSuffix("\r\n\r\n"))
            }
        }
    }

    @Test(.previewTimeLimit)
    func keepAliveConnectionsServeRequestsInTurn() async throws {
        try await onPreviewThreads {
            try await Self.withServer { port in
                let twice = Array("GET /one HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /two HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
                let answer = try await Self.exchange(twice, port: port)
                #expect(answer.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
                #expect(answer.hasSuffix("/two"))
            }
        }
    }

    /// 200 connections that send half a request and stall (slowloris), then 500 requests at
    /// once: every request is answered.
    @Test(.previewTimeLimit)
    func stalledConnectionsDoNotStopConcurrentRequests() async throws {
        try await onPreviewThreads {
            try await Self.withServer { port in
                var stalled: [Int32] = []
                defer { stalled.forEach { close($0) } }
                for _ in 0..<200 {
                    let fd = try Self.connect(port)
                    _ = "GET / HTTP/1.1\r\nHost: 127".withCString { send(fd, $0, 25, Int32(MSG_NOSIGNAL)) }
                    stalled.append(fd)
                }
                let answered = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for index in 0..<500 {
                        group.addTask {
                            try await Self.exchange(Self.get("/\(index)"), port: port).hasSuffix("\r\n\r\n/\(index)")
                        }
                    }
                    return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
                }
                #expect(answered == 500)
            }
        }
    }

    /// The server answers while every thread of Swift concurrency's shared pool is busy, as
    /// other tests (or a build) keep it: it runs on the preview's own threads. On the shared
    /// pool it answered nothing until the holders gave up (a minute).
    @Test(.previewTimeLimit)
    func answersWhileTheSharedPoolIsHeld() async throws {
        try await onPreviewThreads {
            try await Self.withServer { port in
                let hold = SharedPoolHold()
                let allHeld = await hold.waitUntilHeld(sleeping: PreviewThreads.serving.sleep(for:))
                let answer = try await Self.exchange(Self.get("/while-held"), port: port)
                hold.release()
                #expect(answer.hasSuffix("\r\n\r\n/while-held"))
                #expect(hold.timedOut == 0, "the server waited for the shared pool (all held: \(allHeld))")
            }
        }
    }

    @Test func aTakenPortIsAnErrorAtOnceThatSuggestsAnother() throws {
        let first = try PreviewHTTPServer(host: "127.0.0.1", port: 0) { _ in .text(200, "") }
        let port = try #require(UInt16(first.url.split(separator: ":").last?.dropLast() ?? ""))
        do {
            _ = try PreviewHTTPServer(host: "127.0.0.1", port: port) { _ in .text(200, "") }
            Issue.record("a taken port was listened on")
        } catch {
            #expect(error.message == "port \(port) on 127.0.0.1 is in use (another preview, or another server)")
            #expect(error.suggestion?.hasPrefix("choose another port with --port ") == true)
        }
        try? first.socket.close()
    }
}

@Suite struct PreviewPathTests {
    @Test func overlongAndMalformedEncodingsAreRefused() {
        for path in ["/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/%c0%ae/index.html", "/%e0%80%ae%e0%80%ae/x", "/%ed%a0%80", "/%zz", "/%2", "/a%0a.html", "/%ff"] {
            #expect(PreviewFiles.sitePath(for: path) == nil, "\(path)")
        }
        #expect(PreviewFiles.sitePath(for: "/caf%C3%A9.html") == "café.html")
        #expect(PreviewFiles.sitePath(for: "/a.html#x") == "a.html")
    }
}
