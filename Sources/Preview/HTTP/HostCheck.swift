/// Which `Host` headers `preview` answers: the address it listens on and `localhost`, on any
/// port (a forwarded port is fine).
///
/// A web page can make a browser send requests to 127.0.0.1 under a name of its own ("DNS
/// rebinding": `evil.example` first resolves to the attacker, then to 127.0.0.1) and read
/// the answers, since to the browser they come from `evil.example`. Such requests carry
/// `Host: evil.example`; refusing every name but the listening address and `localhost` stops
/// them. When listening on every address (`--host 0.0.0.0`), any IP address is accepted
/// (another machine of the network reaches it by IP), still no other name.
enum HostCheck {
    static func allows(_ hostField: String?, listeningOn listeningHost: String) -> Bool {
        guard let hostField, let host = hostName(hostField) else { return false }
        let listening = hostName(listeningHost) ?? listeningHost.lowercased()
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        if host == listening { return true }
        if listening == "localhost", host == "127.0.0.1" || host == "::1" { return true }
        if listening == "0.0.0.0" || listening == "::" { return isIPAddress(host) }
        return false
    }

    /// `Example.org:8000` → `example.org`; `[::1]:8000` → `::1`; `nil` for a malformed field.
    static func hostName(_ field: String) -> String? {
        var text = Substring(field.trimmingCharacters(in: [" ", "\t"]).lowercased())
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.hasPrefix(":") && rest.dropFirst().allSatisfy(\.isASCII) && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return String(text[text.index(after: text.startIndex)..<close])
        }
        // A bare IPv6 address (the listening host `::1`) has several colons and no port.
        if text.filter({ $0 == ":" }).count > 1 {
            return text.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) ? String(text) : nil
        }
        if let colon = text.lastIndex(of: ":") {
            let port = text[text.index(after: colon)...]
            guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            text = text[..<colon]
        }
        while text.hasSuffix(".") { text = text.dropLast() }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":") }) else { return nil }
        return String(text)
    }

    /// A dotted IPv4 address or an IPv6 address (which holds colons, which no name does).
    static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { $0.isASCII && $0.isNumber } && (Int(part) ?? 256) <= 255
        }
    }
}
