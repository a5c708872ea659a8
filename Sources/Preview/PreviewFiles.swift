import Foundation
import Site

/// How `preview` answers a request: a file of the output folder and nothing else, HTML pages
/// with the reload script added. The pages on disk stay free of JavaScript; only the copy
/// sent to the browser during preview carries the script.
enum PreviewFiles {
    /// The file under the output folder that `requestPath` (`/part1/jacobians.html`, `/`,
    /// `/part1/`) names, or `nil` when the path leaves the folder or is malformed: a `%` not
    /// followed by two hex digits, bytes that are not UTF-8 (the overlong `%c0%ae` is a
    /// disguised `.`), control characters, a backslash, or a `..` component.
    static func sitePath(for requestPath: String) -> String? {
        let withoutQuery = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let withoutFragment = withoutQuery.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard let decoded = percentDecoded(withoutFragment) else { return nil }
        guard !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }), !decoded.contains("\\") else { return nil }
        // Refuse `..` outright rather than normalise it away: no page links upward past the root.
        let parts = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains("..") else { return nil }
        let path = parts.filter { $0 != "." }.joined(separator: "/")
        if path.isEmpty || decoded.hasSuffix("/") { return path.isEmpty ? "index.html" : path + "/index.html" }
        return path
    }

    /// `%xx` escapes decoded to bytes, which must then be valid UTF-8 (Swift's validation
    /// refuses overlong and surrogate forms); `nil` otherwise.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%") {
                guard index + 2 < utf8.count, let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2]) else { return nil }
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func contentType(of path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "otf": return "font/otf"
        case "ttf": return "font/ttf"
        case "woff": return "font/woff"
        case "woff2": return "font/woff2"
        case "pdf": return "application/pdf"
        case "txt", "md": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// The page with the reload script before `</body>` (at the end when there is none). The
    /// script long-polls `/__calcbook/wait` and, once a newer build is out, fetches the page
    /// again and swaps in its body: the style sheets and the math font stay loaded and the
    /// scroll position stays, which a reload would cost. It reloads the whole page instead
    /// when the head changed (a template, a title), when either page has a script of its own
    /// (`search.html`), or when the page is gone.
    static func withReloadScript(_ html: String, generation: Int, banner: String? = nil) -> String {
        let script = """
            <script>/* calcbook preview: reload when the site is rebuilt */
            (function () {
              var seen = \(generation);
              function scripted(d) { return d.querySelectorAll("script").length > 1; }
              function refresh() {
                fetch(location.href, {cache: "no-store"})
                  .then(function (r) { if (!r.ok) { throw r; } return r.text(); })
                  .then(function (html) {
                    var next = new DOMParser().parseFromString(html, "text/html");
                    if (next.head.innerHTML !== document.head.innerHTML || scripted(document) || scripted(next)) { location.reload(); return; }
                    document.documentElement.replaceChild(document.adoptNode(next.body), document.body);
                    wait();
                  })
                  .catch(function () { location.reload(); });
              }
              function wait() {
                fetch("/__calcbook/wait?generation=" + seen, {cache: "no-store"})
                  .then(function (r) { return r.text(); })
                  .then(function (t) { if (Number(t) > seen) { seen = Number(t); refresh(); } else { wait(); } })
                  .catch(function () { setTimeout(wait, 1000); });
              }
              wait();
            })();
            </script>

            """
        return insertedBeforeBodyEnd(html, (banner.map(bannerMarkup) ?? "") + script)
    }

    /// The page with a banner saying why it is not up to date.
    static func withBanner(_ html: String, banner: String) -> String {
        insertedBeforeBodyEnd(html, bannerMarkup(banner))
    }

    private static func insertedBeforeBodyEnd(_ html: String, _ markup: String) -> String {
        guard let end = html.range(of: "</body>", options: .backwards) else { return html + markup }
        return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: markup)
    }

    /// A fixed bar at the top of the page; the message is escaped (it may quote a path).
    private static func bannerMarkup(_ message: String) -> String {
        let escaped = message
            .replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        return """
            <div id="calcbook-preview-error" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:1000;\
            padding:0.6em 1em;background:#b00020;color:#fff;font:15px/1.4 system-ui,sans-serif">\
            calcbook preview: \(escaped)</div>

            """
    }

    static let notFoundPage = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Not found</title></head>
        <body><h1>Not found</h1><p>There is no such page in the site. <a href="/">Home</a></p></body></html>

        """
}
