import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libcmark-gfm's own HTML for a text: the oracle the tests hold `HTMLRenderer` against.
enum CmarkReferenceRenderer {
    static func renderHTML(_ text: String, options: MarkdownParseOptions = .init(), unsafe: Bool = false) -> String {
        let html = CmarkParse.withDocument(text, options: options) { root, parser -> String in
            var flags = CmarkParse.cmarkOptions(options)
            if unsafe { flags |= CMARK_OPT_UNSAFE }
            guard let rendered = cmark_render_html(root, flags, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
        return html ?? ""
    }
}
