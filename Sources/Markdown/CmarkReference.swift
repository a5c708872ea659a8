import CCmarkGFM
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libcmark-gfm's own HTML renderer on the same parse: the oracle that tests, the fuzzer and
/// the benchmark hold `HTMLRenderer` against. Not for pages — it knows no heading anchors,
/// trusted HTML or link rewriting.
public enum CmarkReference {
    public static func renderHTML(_ text: String, options: MarkdownParseOptions = .init(), unsafe: Bool = false) -> String {
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
