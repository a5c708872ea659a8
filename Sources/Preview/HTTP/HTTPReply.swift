import Foundation

/// An answer to one request: status, header fields, body.
struct HTTPReply: Sendable {
    var status: Int
    var fields: [(name: String, value: String)]
    var body: Data

    init(status: Int, contentType: String, body: Data, fields: [(name: String, value: String)] = []) {
        self.status = status
        self.fields = [("Content-Type", contentType)] + fields
        self.body = body
    }

    /// A short plain-text answer: errors and refusals.
    static func text(_ status: Int, _ message: String, fields: [(name: String, value: String)] = []) -> HTTPReply {
        HTTPReply(status: status, contentType: "text/plain; charset=utf-8", body: Data((message + "\n").utf8), fields: fields)
    }

    /// The bytes on the wire; `HEAD` gets the fields without the body.
    func encoded(includingBody: Bool, keepAlive: Bool) -> Data {
        var head = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
        for field in fields { head += "\(field.name): \(field.value)\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
        var data = Data(head.utf8)
        if includingBody { data.append(body) }
        return data
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
