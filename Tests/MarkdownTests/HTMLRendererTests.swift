import Testing
@testable import Markdown

/// calcbook's HTML: cmark-gfm's bytes, safe by default, with anchors and trusted HTML.
@Suite struct HTMLRendererTests {
    func html(_ markdown: String, _ options: HTMLRenderOptions = .init()) -> String {
        HTMLRenderer(options: options).render(MarkdownParser.parse(markdown))
    }

    @Test func safeModeOmitsRawHTMLLikeCmark() {
        let markdown = "<div onclick=\"x()\">hi</div>\n\nText <span>inline</span>.\n"
        #expect(html(markdown) == "<!-- raw HTML omitted -->\n<p>Text <!-- raw HTML omitted -->inline<!-- raw HTML omitted -->.</p>\n")
        #expect(html(markdown) == CmarkReference.renderHTML(markdown))
    }

    @Test func safeModeEmptiesDangerousURLs() {
        let markdown = "[a](javascript:alert(1)) [b](VBScript:x) [c](file:///etc/passwd) [d](data:text/html,x) ![e](data:image/png;base64,AA) [f](https://ok.example/?a=1&b='2')\n"
        let expected = "<p><a href=\"\">a</a> <a href=\"\">b</a> <a href=\"\">c</a> <a href=\"\">d</a> <img src=\"data:image/png;base64,AA\" alt=\"e\" /> <a href=\"https://ok.example/?a=1&amp;b=&#x27;2&#x27;\">f</a></p>\n"
        #expect(html(markdown) == expected)
        #expect(html(markdown) == CmarkReference.renderHTML(markdown))
    }

    @Test func allowRawHTMLKeepsHTMLButFiltersDangerousTags() {
        let markdown = "<div class=\"note\">\n<script>x()</script>\n</div>\n\nA <b>bold</b> <iframe src=x> <style/>.\n"
        let options = HTMLRenderOptions(allowRawHTML: true)
        #expect(html(markdown, options) == "<div class=\"note\">\n&lt;script>x()&lt;/script>\n</div>\n<p>A <b>bold</b> &lt;iframe src=x> &lt;style/>.</p>\n")
        #expect(html(markdown, options) == CmarkReference.renderHTML(markdown, unsafe: true))
    }

    @Test func trustedHTMLIsEmittedEvenInSafeMode() {
        let math = MarkdownNode(.trustedHTMLInline(html: "<math><mi>x</mi></math>", plainText: "x"))
        let cell = MarkdownNode(.trustedHTMLBlock("<div class=\"cell\"><output>1</output></div>"))
        let document = MarkdownNode(.document, children: [
            MarkdownNode(.paragraph, children: [MarkdownNode(.text("Let ")), math, MarkdownNode(.image(source: "a.png", title: ""), children: [math])]),
            cell,
        ])
        #expect(HTMLRenderer().render(document) == "<p>Let <math><mi>x</mi></math><img src=\"a.png\" alt=\"x\" /></p>\n<div class=\"cell\"><output>1</output></div>\n")
    }

    @Test func everyExtensionRenders() {
        let markdown = """
            | a | b |
            |:-|-:|
            | `1` | ~~2~~ |

            - [x] done
            - [ ] todo

            Visit www.example.com or <https://calc.example>.[^n]

            [^n]: A note.

            """
        let rendered = html(markdown)
        #expect(rendered.contains("<th align=\"left\">a</th>\n<th align=\"right\">b</th>"))
        #expect(rendered.contains("<td align=\"right\"><del>2</del></td>"))
        #expect(rendered.contains("<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>"))
        #expect(rendered.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(rendered.contains("<sup class=\"footnote-ref\"><a href=\"#fn-n\" id=\"fnref-n\" data-footnote-ref>1</a></sup>"))
        #expect(rendered == CmarkReference.renderHTML(markdown))
    }

    @Test func repeatedFootnoteReferencesGetNumberedBackrefs() {
        let markdown = "A[^x] b[^y] c[^x].\n\n[^x]: One\n  two[^y]\n\n[^y]:\n    code\n"
        #expect(html(markdown) == CmarkReference.renderHTML(markdown))
        #expect(html(markdown).contains("id=\"fnref-x-2\""))
    }

    @Test func headingsGetGitHubAnchors() {
        let markdown = """
            # The Jacobian matrix
            ## The Jacobian matrix
            ## The Jacobian matrix
            ### What's `f(x)`, really?!
            #### Ünïcode Größe ∂f
            ##### The Jacobian matrix-1
            ###### !!!

            """
        #expect(html(markdown) == """
            <h1 id="the-jacobian-matrix">The Jacobian matrix</h1>
            <h2 id="the-jacobian-matrix-1">The Jacobian matrix</h2>
            <h2 id="the-jacobian-matrix-2">The Jacobian matrix</h2>
            <h3 id="whats-fx-really">What's <code>f(x)</code>, really?!</h3>
            <h4 id="ünïcode-größe-f">Ünïcode Größe ∂f</h4>
            <h5 id="the-jacobian-matrix-1-1">The Jacobian matrix-1</h5>
            <h6 id="section">!!!</h6>

            """)
    }

    /// Found by the fuzzer: cmark ends the language word only at a space, tab or line break.
    @Test func languageWordEndsLikeCmarks() {
        let markdown = "```\u{0B}-\u{0C}x y\ncode\n```\n"
        #expect(html(markdown) == CmarkReference.renderHTML(markdown))
        #expect(html(markdown).hasPrefix("<pre><code class=\"language-\u{0B}-\u{0C}x\">"))
    }

    @Test func headingAnchorsCanBeSwitchedOff() {
        #expect(html("# Title\n", HTMLRenderOptions(headingAnchors: false)) == "<h1>Title</h1>\n")
    }

    @Test func explicitAnchorsWinAndAreEscaped() {
        let document = MarkdownNode(.document, children: [
            MarkdownNode(.heading(level: 2, anchor: "a\"b"), children: [MarkdownNode(.text("X"))]),
        ])
        #expect(HTMLRenderer().render(document) == "<h2 id=\"a&quot;b\">X</h2>\n")
    }

    @Test func destinationHookRewritesLinksAndImages() {
        let options = HTMLRenderOptions(rewriteDestination: { destination, isImage in
            isImage ? "assets/" + destination : destination.replacingOccurrences(of: ".md", with: ".html")
        })
        #expect(html("[next](b.md#top) ![fig](f.png \"Fig\")\n", options)
            == "<p><a href=\"b.html#top\">next</a> <img src=\"assets/f.png\" alt=\"fig\" title=\"Fig\" /></p>\n")
    }

    @Test func rewrittenDangerousURLsAreStillEmptied() {
        let options = HTMLRenderOptions(rewriteDestination: { _, _ in "javascript:x" })
        #expect(html("[a](b.md)\n", options) == "<p><a href=\"\">a</a></p>\n")
    }
}

/// The nodes later stages make: callouts and figures.
@Suite struct BlockNodeRenderingTests {
    @Test func aCalloutIsAnAsideWithARoleAndATitle() {
        let tree = MarkdownNode(.document, children: [
            MarkdownNode(.callout(.caution), children: [
                MarkdownNode(.calloutTitle, children: [MarkdownNode(.text("Mind <this>"))]),
                MarkdownNode(.paragraph, children: [MarkdownNode(.text("Body."))]),
            ]),
        ])
        #expect(HTMLRenderer().render(tree) == """
            <aside class="callout callout-caution" role="note">
            <p class="callout-title">Mind &lt;this&gt;</p>
            <p>Body.</p>
            </aside>

            """)
    }

    @Test func aFigureHoldsItsImageAndCaption() {
        let tree = MarkdownNode(.document, children: [
            MarkdownNode(.figure, children: [
                MarkdownNode(.image(source: "a b.png", title: ""), children: [MarkdownNode(.text("alt"))]),
                MarkdownNode(.figureCaption, children: [MarkdownNode(.text("Cap"))]),
            ]),
        ])
        #expect(HTMLRenderer().render(tree) == "<figure class=\"figure\">\n<img src=\"a%20b.png\" alt=\"alt\" />\n<figcaption>Cap</figcaption>\n</figure>\n")
        #expect(MarkdownNode.Kind.figure.isBlock && MarkdownNode.Kind.calloutTitle.isBlock)
    }
}
