import Testing
@testable import Lesson

/// A placeholder stands for its math line for line, scalar for scalar, so that cmark's
/// positions in the protected text are the positions in the lesson (`MathPlaceholder`).
@Suite struct MathPlaceholderTests {
    static let lessons = [
        "Inline $x$ and $x^2 + \\frac{a}{b}$, then $$\\nabla f$$ on one line.\n",
        "$$\na = b\n\\\\ c = d\n$$\n",
        "> A quote with $$a\n> + b\n> + c$$ in it.\n",
        "- an item $$x\n  = y$$\n  - nested $\\alpha$ and $$p\n    q$$\n",
        "é $ü + 1$ and $$\\text{naïve}\n= 2$$ 😀\n",
        "$a$$b$ $$c$$ \\(d\\) \\[e\n\\]\n",
    ]

    @Test(arguments: lessons)
    func protectedTextKeepsEveryLineLength(_ markdown: String) {
        let protected = ProseMath.protect(markdown)
        #expect(!protected.spans.isEmpty)
        let original = markdown.split(separator: "\n", omittingEmptySubsequences: false).map { $0.unicodeScalars.count }
        let written = protected.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.unicodeScalars.count }
        #expect(written == original)
        // Every placeholder opens with its number and closes once.
        let scalars = Array(protected.text.unicodeScalars)
        let starts = scalars.indices.filter { scalars[$0] == MathPlaceholder.start }
        #expect(starts.count == protected.spans.count)
        #expect(scalars.filter { $0 == MathPlaceholder.end }.count == protected.spans.count)
        for (number, index) in starts.enumerated() {
            #expect(MathPlaceholder.number(of: scalars[index + 1]) == number)
        }
    }

    /// `text` is what `write` hands out, and a number no scalar can stand for leaves the original.
    @Test func textCollectsWhatWriteEmits() {
        let protected = ProseMath.protect(Self.lessons[2])
        let source = Array(Self.lessons[2].utf8)
        source.withUnsafeBufferPointer { source in
            for span in protected.spans {
                let original = UnsafeBufferPointer(rebasing: source[span.range])
                var emitted: [Unicode.Scalar] = []
                MathPlaceholder.write(for: span, number: 7, original: original) { emitted.append($0) }
                #expect(MathPlaceholder.text(for: span, number: 7, original: original) == emitted)
                #expect(MathPlaceholder.text(for: span, number: MathPlaceholder.maximumSpans + 10, original: original)
                    == Array(String(decoding: original, as: UTF8.self).unicodeScalars))
            }
        }
    }
}
