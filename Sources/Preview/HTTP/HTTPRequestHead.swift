/// The head of an HTTP/1.x request: the request line and the header fields.
struct HTTPRequestHead: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    var method: String
    /// As sent: `/part1/a.html?x=1`.
    var target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    var version: String
    var fields: [Field]

    /// The first field of that name (names compare case-insensitively).
    func field(_ name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// HTTP/1.1 keeps the connection unless it says `close`; HTTP/1.0 only if it asks.
    var keepsAlive: Bool {
        let connection = field("Connection")?.lowercased() ?? ""
        return version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
    }
}

/// Finds request heads in the bytes a connection sends, in time linear in their number, and
/// refuses an overlong request line (414) or head (431) as soon as it is seen to be one.
///
/// FlyingFox's decoder (which `preview` used before) collects each line byte by byte through
/// an async sequence; two requests with 300 KB request lines kept the server from answering
/// anything for half a minute. Here bytes arrive in chunks, each byte is looked at once, and
/// nothing past the limits is kept.
struct HTTPHeadReader {
    /// Longer than any path in a site; browsers send far less.
    static let maximumRequestLine = 8 * 1024
    /// The whole head, request line and fields.
    static let maximumHead = 32 * 1024
    static let maximumFields = 100

    enum Outcome: Equatable {
        case needMore
        case head(HTTPRequestHead)
        /// Answer with this status and close the connection.
        case refuse(status: Int, reason: String)
    }

    /// Bytes received and not yet consumed by a head.
    private(set) var buffer: [UInt8] = []
    /// How much of `buffer` has been searched for the head's end.
    private var scanned = 0
    /// Where the request line ends, once seen.
    private var requestLineEnd: Int?

    mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete head, if the buffer holds one.
    mutating func next() -> Outcome {
        // Blank lines before a request line are ignored (RFC 9112, 2.2).
        if scanned == 0 {
            var skip = 0
            while skip < buffer.count, buffer[skip] == 0x0D || buffer[skip] == 0x0A { skip += 1 }
            if skip > 0 { buffer.removeFirst(skip) }
        }
        var index = max(scanned, 0)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if requestLineEnd == nil { requestLineEnd = index }
                // The head ends at an empty line: "\n\n" or "\n\r\n".
                if index >= 1, buffer[index - 1] == 0x0A || (index >= 2 && buffer[index - 1] == 0x0D && buffer[index - 2] == 0x0A) {
                    let head = Array(buffer[...index])
                    buffer.removeFirst(index + 1)
                    scanned = 0
                    requestLineEnd = nil
                    return Self.parse(head)
                }
            }
            index += 1
            if requestLineEnd == nil, index > Self.maximumRequestLine {
                return .refuse(status: 414, reason: "the request line is longer than \(Self.maximumRequestLine) bytes")
            }
            if index > Self.maximumHead {
                return .refuse(status: 431, reason: "the request's header fields are longer than \(Self.maximumHead) bytes")
            }
        }
        scanned = index
        return .needMore
    }

    static func parse(_ head: [UInt8]) -> Outcome {
        var lines: [ArraySlice<UInt8>] = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first else { return .refuse(status: 400, reason: "the request is empty") }
        let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }), requestLine.allSatisfy({ $0 > 0x20 && $0 < 0x7F || $0 == 0x20 }) else {
            return .refuse(status: 400, reason: "the request line is not METHOD TARGET HTTP/1.1")
        }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/") else { return .refuse(status: 400, reason: "the request line does not end in an HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .refuse(status: 505, reason: "only HTTP/1.1 and HTTP/1.0 are served")
        }
        guard lines.count - 1 <= maximumFields else {
            return .refuse(status: 431, reason: "the request has more than \(maximumFields) header fields")
        }
        var fields: [HTTPRequestHead.Field] = []
        for line in lines.dropFirst() {
            // A folded continuation line is obsolete and refused (RFC 9112, 5.2).
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                  line.first != 0x20, line.first != 0x09,
                  line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
            else {
                return .refuse(status: 400, reason: "a header field is not 'Name: value'")
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: [" ", "\t"])
            fields.append(.init(name: name, value: value))
        }
        return .head(HTTPRequestHead(method: method, target: target, version: version, fields: fields))
    }
}
