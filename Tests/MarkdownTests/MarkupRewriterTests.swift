import Testing
import Markdown

/// Later stages rewrite the tree: code blocks into cells, text into text and math.
@Suite struct MarkupRewriterTests {
    /// Replaces `swift` code blocks by trusted HTML, as the notebook stage will.
    struct CellsAsOutput: MarkupRewriter {
        var replaced = 0
        mutating func rewrite(_ node: MarkdownNode) -> [MarkdownNode] {
            if case .codeBlock(let block) = node.kind, block.language == "swift" {
                replaced += 1
                return [MarkdownNode(.trustedHTMLBlock("<div class=\"cell\">\(replaced)</div>"), span: node.span)]
            }
            return [rewriteChildren(of: node)]
        }
    }

    @Test func protocolRewriterReplacesCodeBlocksAnywhere() {
        let document = MarkdownParser.parse("```swift\n1\n```\n\n> ```swift\n> 2\n> ```\n\n```python\n3\n```\n")
        var rewriter = CellsAsOutput()
        let rewritten = rewriter.rewriteDocument(document)
        #expect(rewriter.replaced == 2)
        #expect(HTMLRenderer().render(rewritten)
            == "<div class=\"cell\">1</div>\n<blockquote>\n<div class=\"cell\">2</div>\n</blockquote>\n<pre><code class=\"language-python\">3\n</code></pre>\n")
    }

    @Test func closureRewriterSplitsTextNodes() {
        let document = MarkdownParser.parse("a X b *X*\n")
        let rewritten = document.rewritten { node in
            guard case .text(let text) = node.kind, text.contains("X") else { return .keep }
            let parts = text.split(separator: "X", omittingEmptySubsequences: false)
            var nodes: [MarkdownNode] = []
            for (index, part) in parts.enumerated() {
                if index > 0 { nodes.append(MarkdownNode(.trustedHTMLInline(html: "<math><mi>X</mi></math>", plainText: "X"))) }
                if !part.isEmpty { nodes.append(MarkdownNode(.text(String(part)))) }
            }
            return .replace(nodes)
        }
        #expect(HTMLRenderer().render(rewritten) == "<p>a <math><mi>X</mi></math> b <em><math><mi>X</mi></math></em></p>\n")
        // The original is a value and is unchanged.
        #expect(HTMLRenderer().render(document) == "<p>a X b <em>X</em></p>\n")
    }

    @Test func removingNodes() {
        let document = MarkdownParser.parse("Keep ![gone](x.png) this.\n")
        let rewritten = document.rewritten { node in
            if case .image = node.kind { return .replace([]) }
            return .keep
        }
        #expect(HTMLRenderer().render(rewritten) == "<p>Keep  this.</p>\n")
    }
}

@Suite struct DeepTreeTests {
    @Test func closureRewriteAndDepthSearchHandleDeepTrees() {
        let depth = MarkdownParser.maximumDepth - 3
        let document = MarkdownParser.parse(String(repeating: ">", count: depth) + " deep\n")
        let rewritten = document.rewritten { node in
            if case .text = node.kind { return .replace([MarkdownNode(.text("shallow"))]) }
            return .keep
        }
        #expect(rewritten.plainText == "shallow")
        #expect(document.firstNode(deeperThan: depth - 1)?.kind == .blockQuote)
        #expect(document.firstNode(deeperThan: depth + 2) == nil)
    }
}
